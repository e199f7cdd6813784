"""`cchc-score check`: valid files pass, broken ones name the node and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score.cli import main

from .conftest import CRITERIA

BANG2 = CRITERIA / "ca-tinh-2024-bang2.toml"


def test_bundled_bang2_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped Bảng II file checks clean: exit 0, 135 nodes, 100 points."""
    assert main(["check", str(BANG2)]) == 0
    out = capsys.readouterr().out
    assert "135" in out and "100" in out


def test_changed_child_maximum_names_the_parent(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Changing one leaf's maximum breaks its parent's sum: exit 1, and the
    message names the parent's code."""
    text = BANG2.read_text(encoding="utf-8")
    marker = 'code = "1.1.2"'
    start = text.index(marker)
    max_at = text.index("max = 1", start)
    broken = text[:max_at] + "max = 2" + text[max_at + len("max = 1"):]
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "1.1:" in err and "1.1.2: 2" in err
    assert "Traceback" not in err


def test_garbage_file_is_reported_without_traceback(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not TOML is one clean error, exit 1."""
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xff\xfe not toml [[[")
    assert main(["check", str(path)]) == 1
    assert str(path) in capsys.readouterr().err

"""The command line speaks Vietnamese by default and English with --lang en,
its help included."""

from __future__ import annotations

import pytest

from cchc_score.cli import main


@pytest.mark.parametrize(("argv", "expected", "absent"), [
    (["--help"], "kiểm tra tệp bộ chỉ số", "validate criteria files"),
    (["--lang", "en", "--help"], "validate criteria files", "kiểm tra tệp bộ chỉ số"),
    (["score", "--help"], "cách dùng: cchc-score score", "usage:"),
    (["score", "--help", "--lang=en"], "usage: cchc-score score", "cách dùng"),
])
def test_help_follows_the_language(argv: list[str], expected: str, absent: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Help texts are in the language asked for, wherever --lang stands."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert expected in out and absent not in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped command exits 2 and shows the usage line, no traceback."""
    with pytest.raises(SystemExit) as exit_info:
        main(["scor"])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err

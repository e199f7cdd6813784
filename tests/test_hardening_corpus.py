"""The nasty-file corpus (`tests/corpus/`, built by make_corpus.py): each
file a hostile or unlucky user could hand in, run through the command line
as they would, must give its exit code and its message, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from cchc_score._toml import load_toml
from cchc_score.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES: list[dict[str, Any]] = (load_toml(CORPUS / "cases.toml")[0] or {})["case"]


def test_the_corpus_holds_at_least_sixty_nasty_files() -> None:
    """Every case names a file of the corpus, and there are at least 60."""
    files = {c["file"] for c in CASES}
    assert len(files) >= 60
    assert all((CORPUS / f).is_file() for f in files)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_nasty_file_gives_its_message_and_exit_code(
        case: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The command on the file exits with the case's code and says the
    case's message (in English), with no Python traceback or repr."""
    if "/dev/zero" in (CORPUS / case["file"]).read_bytes().decode("utf-8", "replace") \
            and sys.platform == "win32":
        pytest.skip("no /dev/zero")
    monkeypatch.chdir(CORPUS)
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    argv = [a.replace("{f}", case["file"]) for a in case["argv"]]
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Decimal(" not in out + err
    assert case["message"] in out + err, err[-2000:]
    assert code == case["exit"], err[-2000:]

"""JSON written as units are scored (`report._spool`): byte for byte the
document the whole-batch renderer writes, from the command line too."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score import score_files
from cchc_score._stamp import Stamp
from cchc_score.cli import _score as cli_score
from cchc_score.cli import main
from cchc_score.report import JsonReport, Options
from cchc_score.report._spool import JsonSpool

from .conftest import EXAMPLES

DEMO = EXAMPLES / "demo"
SURVEY = EXAMPLES / "survey-2024.csv"


@pytest.mark.parametrize("stage", ["self", "appraised"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_spooled_json_is_the_rendered_json(stage: str, lang: str) -> None:
    """Units spooled as scored, slimmed, ranked, then copied in rank order
    give exactly `JsonReport.render` of the full results."""
    whole = score_files([DEMO], stage=stage, survey=SURVEY)
    options = Options(lang=lang, stamp=Stamp.of(whole.results, (), stage=stage))
    spool = JsonSpool(Options(lang=lang))
    try:
        slim = score_files([DEMO], stage=stage, survey=SURVEY, keep=spool.keep)
        assert [r.unit.id for r in slim.results] == [r.unit.id for r in whole.results]
        assert all(r.nodes == () and r.assessment is None for r in slim.results)
        streamed = b"".join(spool.chunks(slim.results, options))
    finally:
        spool.close()
    assert streamed == JsonReport().render(whole.results, options).encode("utf-8")


def test_no_units_is_the_same_empty_document() -> None:
    """An empty batch (every unit refused) still writes the same document."""
    options = Options(stamp=Stamp.of((), ()))
    spool = JsonSpool(options)
    try:
        assert b"".join(spool.chunks((), options)) == \
            JsonReport().render((), options).encode("utf-8")
    finally:
        spool.close()


def test_the_command_line_streams_the_same_bytes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`score FOLDER -o out.json` writes what the whole-batch path writes."""
    streamed, whole = tmp_path / "streamed.json", tmp_path / "whole.json"
    assert main(["score", str(DEMO), "--stage", "appraised", "-o", str(streamed)]) == 0
    monkeypatch.setattr(cli_score, "_spool_for", lambda args: None)
    assert main(["score", str(DEMO), "--stage", "appraised", "-o", str(whole)]) == 0
    assert streamed.read_bytes() == whole.read_bytes()

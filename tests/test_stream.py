"""JSON and CSV written as units are scored (`report._spool`): byte for
byte what the whole-batch renderers write, from the command line too."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score import score_files
from cchc_score._stamp import Stamp
from cchc_score.cli import _score as cli_score
from cchc_score.cli import main
from cchc_score.report import CsvReport, JsonReport, Options
from cchc_score.report._spool import CsvSpool, JsonSpool

from .conftest import EXAMPLES

DEMO = EXAMPLES / "demo"
SURVEY = EXAMPLES / "survey-2024.csv"


SPOOLS = [(JsonSpool, JsonReport), (CsvSpool, CsvReport)]


@pytest.mark.parametrize(("spool_kind", "report"), SPOOLS)
@pytest.mark.parametrize("stage", ["self", "appraised"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_spooled_output_is_the_rendered_output(spool_kind: type, report: type, stage: str,
                                               lang: str) -> None:
    """Units spooled as scored, slimmed, ranked, then copied in rank order
    give exactly the report's `render` of the full results."""
    whole = score_files([DEMO], stage=stage, survey=SURVEY)
    options = Options(lang=lang, stamp=Stamp.of(whole.results, (), stage=stage))
    spool = spool_kind(Options(lang=lang))
    try:
        slim = score_files([DEMO], stage=stage, survey=SURVEY, keep=spool.keep)
        assert [r.unit.id for r in slim.results] == [r.unit.id for r in whole.results]
        assert all(r.nodes == () and r.assessment is None for r in slim.results)
        streamed = b"".join(spool.chunks(slim.results, options))
    finally:
        spool.close()
    assert streamed == report().render(whole.results, options).encode("utf-8")


@pytest.mark.parametrize(("spool_kind", "report"), SPOOLS)
def test_no_units_is_the_same_empty_document(spool_kind: type, report: type) -> None:
    """An empty batch (every unit refused) still writes the same document."""
    options = Options(stamp=Stamp.of((), ()))
    spool = spool_kind(options)
    try:
        assert b"".join(spool.chunks((), options)) == \
            report().render((), options).encode("utf-8")
    finally:
        spool.close()


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_the_command_line_streams_the_same_bytes(tmp_path: Path, suffix: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`score FOLDER -o out.json` (or `.csv`, with its byte order mark and
    the stamp beside it) writes what the whole-batch path writes."""
    (tmp_path / "s").mkdir()
    (tmp_path / "w").mkdir()
    streamed, whole = tmp_path / "s" / f"out.{suffix}", tmp_path / "w" / f"out.{suffix}"
    assert main(["score", str(DEMO), "--stage", "appraised", "-o", str(streamed)]) == 0
    monkeypatch.setattr(cli_score, "_spool_for", lambda args: None)
    assert main(["score", str(DEMO), "--stage", "appraised", "-o", str(whole)]) == 0
    assert streamed.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in streamed.parent.iterdir()) == \
        sorted(p.name for p in whole.parent.iterdir())
    for side in whole.parent.iterdir():
        assert (streamed.parent / side.name).read_bytes() == side.read_bytes()

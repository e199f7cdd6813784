"""A province's text and Markdown keep of each unit only what the ranking,
the component matrix and the group means read (its components' totals):
the output is the same, character for character, as from whole results,
and the unit broken down is kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score.cli import _score as cli_score
from cchc_score.cli import main

from .conftest import EXAMPLES

CYCLE = EXAMPLES / "chu-ky"
RUNS = {
    "demo, appraised, survey, last year": [
        str(EXAMPLES / "demo"), "--stage", "appraised", "--survey",
        str(EXAMPLES / "survey-2024.csv"), "--previous", str(EXAMPLES / "results-2023.json")],
    "demo, one unit broken down": [str(EXAMPLES / "demo"), "--unit", "vd-pc02"],
    "yearly cycle, rounds, a claim rejected": [
        *(str(CYCLE / f"so-{d}-2024.toml") for d in ("ngoai-vu", "tu-phap", "xay-dung")),
        "--stage", "final", "--appraisal", str(CYCLE / "tham-dinh-2024.csv")],
    "one file": [str(CYCLE / "so-ngoai-vu-2024.toml"), "--stage", "final"],
}


@pytest.mark.parametrize("run", list(RUNS))
@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_trimmed_results_print_the_same(run: str, fmt: str, lang: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Scored keeping components only (every unit but the one broken down)
    and keeping whole results: the same output."""
    argv = ["score", *RUNS[run], "--format", fmt, "--lang", lang, "--width", "120"]
    trimmed, whole = tmp_path / "trimmed.out", tmp_path / "whole.out"
    assert main([*argv, "-o", str(trimmed)]) == 0
    monkeypatch.setattr(cli_score, "_trim_for", lambda args, focus: None)
    assert main([*argv, "-o", str(whole)]) == 0
    assert trimmed.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


def test_every_unit_but_the_one_shown_is_trimmed(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """The batch keeps the unit asked for whole and the others' components
    without what is below them, and no assessment."""
    kept: list[object] = []
    real = cli_score._api.score_files

    def spy(*args: object, **kw: object) -> object:
        batch = real(*args, **kw)  # type: ignore[arg-type]
        kept.extend(batch.results)
        return batch

    monkeypatch.setattr(cli_score._api, "score_files", spy)
    assert main(["score", str(EXAMPLES / "demo"), "--unit", "vd-pc02",
                 "-o", str(tmp_path / "out.txt")]) == 0
    by_id = {r.unit.id: r for r in kept}  # type: ignore[attr-defined]
    assert any(n.children for n in by_id["vd-pc02"].nodes)
    others = [r for uid, r in by_id.items() if uid != "vd-pc02"]
    assert others and all(not n.children and r.assessment is None
                          for r in others for n in r.nodes)

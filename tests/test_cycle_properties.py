"""Engine invariants of the rounds, over random entries (Hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as hs

from cchc_score import Appraisal, score, score_files
from tests.conftest import EXAMPLES

BASE = score_files([EXAMPLES / "chu-ky" / "so-tu-phap-2024.toml"]).results[0]
ASSESSMENT = BASE.assessment
LEAVES = [n for n in BASE.criteria.leaves() if n.method == "self"]
ROUNDS = ("round1", "explanation", "round2", "appeal")


@hs.composite
def entries(draw: hs.DrawFn) -> dict[str, dict[str, Appraisal]]:
    found: dict[str, dict[str, Appraisal]] = {}
    for name in draw(hs.lists(hs.sampled_from(ROUNDS), unique=True, max_size=4)):
        leaves = draw(hs.lists(hs.sampled_from(LEAVES), unique_by=lambda n: n.code,
                               min_size=1, max_size=4))
        found[name] = {n.code: Appraisal(n.code, points=draw(hs.sampled_from(
            [Decimal(0), n.max / 2, n.max])), reason="r", round=name)  # type: ignore[arg-type]
            for n in leaves}
    return found


@given(entries())
def test_final_is_the_latest_round_and_trails_end_at_the_points(
        rounds: dict[str, dict[str, Appraisal]]) -> None:
    """The final stage equals the latest round present; the stage totals end
    at the result's total; every trail ends at its leaf's points, each
    change starting where the previous ended; self points never move."""
    assert ASSESSMENT is not None
    assessment = attrs.evolve(ASSESSMENT, appraisal=rounds.get("round1", {}),
                              rounds={k: v for k, v in rounds.items() if k != "round1"})
    final = score(BASE.criteria, assessment, "final")
    latest = [r for r in ROUNDS if r in rounds]
    alone = score(BASE.criteria, assessment, latest[-1] if latest else "self")  # type: ignore[arg-type]
    assert (final.points, final.max) == (alone.points, alone.max)
    assert final.stages[-1].points == final.points
    assert final.pools["self"] == score(BASE.criteria, assessment, "self").pools["self"]
    for node in final.walk():
        if node.trail:
            assert node.trail[-1].after == node.points
            for before, after in zip(node.trail, node.trail[1:], strict=False):
                assert after.before == before.after

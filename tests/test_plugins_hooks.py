"""Each hook, exercised by a throwaway plugin: what a province plugin can
change, and that the facade applies it exactly as docs/plugins.md says."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score import (
    TIE_POLICIES,
    Assessment,
    CriteriaSet,
    Issue,
    Location,
    Outcome,
    Unit,
    UnitResult,
    check_files,
    hookimpl,
    msg,
    parse_assessment,
    rank,
    score,
    score_files,
)
from cchc_score.cli import main
from cchc_score.plugins import mark_not_applicable, plugin_registered, with_outcomes

from .test_plugins import FULL, MYRULE, isolated, only, write_plugin, write_set, write_unit

# -- registration hooks -------------------------------------------------------------------


def test_register_rule_kinds_lets_a_set_use_the_new_kind(tmp_path: Path) -> None:
    """A kind registered by a plugin is known to the loader and scores."""
    crit = write_set(tmp_path, kind="quarterly")
    assert check_files([crit], isolated())[0][1] is None
    registry = isolated(write_plugin(tmp_path, "myrule", MYRULE))
    assert check_files([crit], registry)[0][1] is not None
    result = only(score_files([write_unit(tmp_path, "u1", {**FULL, "1.1": 3}, criteria=crit)],
                              registry=registry).results)
    assert result.node("1.1").points == Decimal("22.5")
    assert result.node("1.1").explanation is not None
    assert "3/4 quarterly reports" in result.node("1.1").explanation.render("en")


def test_register_criteria_adds_a_set_known_by_id(tmp_path: Path) -> None:
    (tmp_path / "sets").mkdir()
    crit = write_set(tmp_path / "sets", "plugin-set-2024")

    class Sets:
        @hookimpl
        def register_criteria(self, register: Callable[[Path], None]) -> None:
            register(crit)

    registry = isolated()
    unit = write_unit(tmp_path, "u1", FULL, criteria="plugin-set-2024")
    assert score_files([unit], registry=registry).failed
    with plugin_registered(registry, Sets(), "sets"):
        batch = score_files([unit], registry=registry)
        assert not batch.failed and batch.results[0].criteria.id == "plugin-set-2024"
        assert (crit, "sets") in registry.criteria_files


def unique_ranks(indexes: Sequence[Decimal]) -> list[int]:
    """Every unit its own rank, even when tied (ties kept in unit-id order)."""
    return list(range(1, len(indexes) + 1))


class UniqueTies:
    @hookimpl
    def register_tie_policies(self, register: Callable[..., None]) -> None:
        register("unique", unique_ranks)


def test_register_tie_policies_adds_a_ties_value(tmp_path: Path) -> None:
    """A set may name a plugin's tie policy in `ties`; without the plugin the
    loader rejects the unknown value."""
    crit = write_set(tmp_path, ties="unique")
    files = [write_unit(tmp_path, u, FULL, criteria=crit) for u in ("u1", "u2", "u3")]
    registry = isolated()
    assert score_files(files, registry=registry).failed
    with plugin_registered(registry, UniqueTies(), "unique"):
        batch = score_files(files, registry=registry)
        assert [(r.unit.id, r.rank) for r in batch.results] == [("u1", 1), ("u2", 2),
                                                                ("u3", 3)]


# -- loading hooks ---------------------------------------------------------------------------


def test_select_criteria_names_the_set_of_an_assessment_without_one(tmp_path: Path) -> None:
    crit = write_set(tmp_path)

    class Picker:
        @hookimpl
        def select_criteria(self, unit: Unit, year: int | None) -> str | None:
            return str(crit) if unit.id.startswith("so-") and year == 2024 else None

    registry = isolated()
    unit = write_unit(tmp_path, "so-x", FULL, criteria=None)
    before = score_files([unit], registry=registry)
    assert before.failed and before.issues[0].where.key == "criteria"
    with plugin_registered(registry, Picker(), "picker"):
        assert only(score_files([unit], registry=registry).results).points == 100
        other = write_unit(tmp_path, "phong-y", FULL, criteria=None)
        assert score_files([other], registry=registry).failed


class Checks:
    """Extra validation: a set must have a band named A (error); a unit
    should have tags (warning) and may not declare 0 on 1.1 (error)."""

    @hookimpl
    def check_criteria(self, criteria: CriteriaSet) -> list[Issue]:
        if any(b.name == "A" for b in criteria.bands):
            return []
        return [Issue("error", msg("text", text="no band A"), Location(criteria.path,
                                                                       key="bands"))]

    @hookimpl
    def check_assessment(self, criteria: CriteriaSet, assessment: Assessment) -> list[Issue]:
        found = []
        if not assessment.unit.tags:
            found.append(Issue("warning", msg("text", text="unit has no tags"),
                               Location(assessment.path, key="unit.tags")))
        answer = assessment.answers.get("1.1")
        if answer is not None and answer.value == 0:
            found.append(Issue("error", msg("text", text="1.1 cannot be 0"),
                               Location(assessment.path, "1.1")))
        return found


def test_check_criteria_errors_reject_a_set(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    good = write_set(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('name = "A"', 'name = "Z"'),
                   encoding="utf-8")
    checks = write_plugin(tmp_path, "checks", """
        from cchc_score import Issue, Location, hookimpl, msg

        @hookimpl
        def check_criteria(criteria):
            if any(b.name == "A" for b in criteria.bands):
                return []
            return [Issue("error", msg("text", text="no band A"),
                          Location(criteria.path, key="bands"))]
    """)
    assert main(["--no-plugins", "check", str(good), str(bad)]) == 0
    capsys.readouterr()
    assert main(["--no-plugins", "--plugin", str(checks), "check", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "no band A" in captured.err and "bad.toml: bands" in captured.err
    assert "good" not in captured.err


def test_check_assessment_warnings_are_carried_and_errors_leave_the_unit_unscored(
        tmp_path: Path) -> None:
    crit = write_set(tmp_path)
    registry = isolated()
    registry.add(Checks(), "checks")
    ok = write_unit(tmp_path, "u1", FULL, criteria=crit)
    result = only(score_files([ok], registry=registry).results)
    assert "unit has no tags" in [i.message.render("en") for i in result.issues]
    bad = write_unit(tmp_path, "u2", {**FULL, "1.1": 0}, criteria=crit, tags=["x"])
    batch = score_files([bad], registry=registry)
    assert batch.failed and not batch.results
    assert [i.code for i in batch.issues if i.level == "error"] == ["1.1"]


# -- scoring hooks ------------------------------------------------------------------------------


def test_adjust_result_runs_every_plugin_in_turn_last_registered_first(tmp_path: Path) -> None:
    """Each adjustment sees the previous one's output; as in pluggy, the
    plugin registered last is called first."""
    calls: list[str] = []

    def adjuster(name: str, delta: int) -> object:
        class Adjust:
            @hookimpl
            def adjust_result(self, result: UnitResult) -> UnitResult:
                calls.append(f"{name}:{result.points}")
                leaf = result.node("1.1")
                return with_outcomes(result, {"1.1": Outcome(leaf.points + delta,
                                                             msg("text", text=name))})
        return Adjust()

    crit = write_set(tmp_path)
    registry = isolated()
    registry.add(adjuster("first", -10), "first")
    registry.add(adjuster("second", -5), "second")
    result = only(score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)],
                              registry=registry).results)
    assert calls == ["second:100", "first:95"]
    assert result.points == 85


class Letters:
    @hookimpl
    def classify(self, criteria: CriteriaSet, result: UnitResult) -> str | None:
        if criteria.id != "tiny-2024":
            return None
        return "Xuất sắc" if result.published_index >= 90 else "Tốt"


def test_classify_gives_the_band_for_sets_the_plugin_owns(tmp_path: Path) -> None:
    crit = write_set(tmp_path)
    other = write_set(tmp_path, "other-2024")
    files = [write_unit(tmp_path, "u1", FULL, criteria=crit),
             write_unit(tmp_path, "u2", {**FULL, "2.1": 0}, criteria=crit),
             write_unit(tmp_path, "u3", FULL, criteria=other, group="h")]
    registry = isolated()
    registry.add(Letters(), "letters")
    bands = {r.unit.id: r.band for r in score_files(files, registry=registry).results}
    assert bands == {"u1": "Xuất sắc", "u2": "Tốt", "u3": "A"}


class BySurveyPool:
    """Ties broken by the component-2 points (a made-up rule)."""

    @hookimpl
    def tie_break(self, result: UnitResult) -> Decimal:
        return result.node("2").points


def test_tie_break_separates_equal_indexes(tmp_path: Path) -> None:
    """u1 and u2 both score 90; u2 has more in component 2, so it ranks
    first; without the plugin they share rank 1."""
    crit = write_set(tmp_path)
    files = [write_unit(tmp_path, "u1", {**FULL, "2.2": 5}, criteria=crit),
             write_unit(tmp_path, "u2", {**FULL, "1.2": 20}, criteria=crit),
             write_unit(tmp_path, "u3", {**FULL, "1.2": 0}, criteria=crit)]
    registry = isolated()
    plain = [(r.unit.id, r.rank) for r in score_files(files, registry=registry).results]
    assert plain == [("u1", 1), ("u2", 1), ("u3", 3)]
    registry.add(BySurveyPool(), "ties")
    broken = [(r.unit.id, r.rank) for r in score_files(files, registry=registry).results]
    assert broken == [("u2", 1), ("u1", 2), ("u3", 3)]


@st.composite
def groups(draw: st.DrawFn) -> list[tuple[str, int, int | None]]:
    """Units as (id, index, tie key or None), with many ties."""
    size = draw(st.integers(1, 8))
    return [(f"u{i}", draw(st.integers(70, 73)), draw(st.none() | st.integers(0, 2)))
            for i in range(size)]


@given(groups(), st.sampled_from(sorted(TIE_POLICIES)), st.randoms())
def test_tie_break_ranking_properties(units: list[tuple[str, int, int | None]],
                                      policy: str, rnd: Any) -> None:
    """Whatever the input order: a higher index always ranks better; equal
    index and key share a rank; equal index and a larger key ranks better; a
    unit without a key ranks after those with one."""
    base = _base_result()
    results = [attrs.evolve(base, unit=Unit(uid, uid, "g"), index=Decimal(index),
                            criteria=attrs.evolve(base.criteria, ties=policy))
               for uid, index, _ in units]
    keys = {uid: key for uid, _, key in units}
    registry = isolated()

    class Keys:
        @hookimpl
        def tie_break(self, result: UnitResult) -> int | None:
            return keys[result.unit.id]

    registry.add(Keys(), "keys")
    shuffled = list(results)
    rnd.shuffle(shuffled)
    ranked = rank(shuffled, registry.tie_policies, tie_break=registry.tie_break)
    assert [(r.unit.id, r.rank) for r in ranked] == \
        [(r.unit.id, r.rank) for r in rank(results, registry.tie_policies,
                                           tie_break=registry.tie_break)]
    by_id = {r.unit.id: r for r in ranked}
    for a, ia, ka in units:
        for b, ib, kb in units:
            ra, rb = by_id[a].rank, by_id[b].rank
            assert ra is not None and rb is not None
            if ia > ib:
                assert ra < rb
            elif ia == ib and ka == kb:
                assert ra == rb
            elif ia == ib and (kb is None or (ka is not None and ka > kb)):
                assert ra < rb


_BASE: list[UnitResult] = []


def _base_result() -> UnitResult:
    if not _BASE:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            crit = write_set(Path(tmp))
            _BASE.append(only(score_files([write_unit(Path(tmp), "u", FULL, criteria=crit)],
                                          registry=isolated()).results))
    return _BASE[0]


# -- mark_not_applicable: the helper adjustments use --------------------------------------------

LEAVES = ("1.1", "1.2", "2.1", "2.2")
MAXIMA = {"1.1": 30, "1.2": 30, "2.1": 25, "2.2": 15}
NODES = ("1", "1.1", "1.2", "2", "2.1", "2.2")


@given(st.fixed_dictionaries({code: st.none() | st.integers(0, MAXIMA[code]) for code in LEAVES}),
       st.sets(st.sampled_from(NODES)))
def test_mark_not_applicable_equals_claiming_not_applicable(
        values: dict[str, int | None], codes: set[str]) -> None:
    """Marking nodes not applicable after scoring gives exactly the numbers
    of an assessment that claimed them not applicable: points, max, lost,
    index, and every node's figures."""
    criteria = _base_result().criteria
    answers = {c: v for c, v in values.items() if v is not None}
    data: dict[str, Any] = {"schema": 1, "criteria": criteria.id, "year": 2024,
                            "unit": {"id": "u", "name": "U", "group": "g"},
                            "answers": answers}
    plain_asm, _ = parse_assessment(data, "u.toml", criteria)
    claimed_asm, _ = parse_assessment({**data, "not_applicable": dict.fromkeys(codes, "x")},
                                      "u.toml", criteria)
    assert plain_asm is not None and claimed_asm is not None
    marked = mark_not_applicable(score(criteria, plain_asm), plain_asm, codes,
                                 msg("text", text="policy"))
    claimed = score(criteria, claimed_asm)
    assert (marked.points, marked.max, marked.index, marked.band) == \
        (claimed.points, claimed.max, claimed.index, claimed.band)
    figures = [(n.code, n.points, n.max, n.lost, n.na) for n in marked.walk()]
    assert figures == [(n.code, n.points, n.max, n.lost, n.na) for n in claimed.walk()]
    warned = [i.message.args.get("codes") for i in marked.issues
              if i.message.key == "asm.unanswered"]
    assert warned == [i.message.args.get("codes") for i in claimed.issues
                      if i.message.key == "asm.unanswered"]

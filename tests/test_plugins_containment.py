"""Containment: every call into plugin code is guarded. A rule kind that
raises, a rule or an adjustment that publishes nonsense, a tie policy that
breaks: the failure is named once (plugin, kind or hook, units, file and
line), only what it touches is refused, the rest of the run goes on, and
`--strict-plugins` makes it fatal."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from cchc_score import UnitResult, hookimpl, score_files
from cchc_score.plugins import PluginFailed

from .test_plugins import FULL, isolated, only, write_plugin, write_set, write_unit
from .test_plugins_cli import Capture, run

#: a province kind that fails on one value (13) while scoring, and on
#: another ("boom") while reading it
FRAGILE = '''\
from decimal import Decimal
from typing import Any, ClassVar

from cchc_score import Context, InvalidValue, Outcome, Params, Rule, hookimpl, msg
from cchc_score.rules import parse_number


class Fragile(Rule):
    kind: ClassVar[str] = "test:fragile"
    value_type: ClassVar[str] = "number"

    def __init__(self, node_max: Decimal, over: Decimal) -> None:
        self.max, self.over = node_max, over

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> "Fragile":
        if params.get("explode"):
            raise LookupError("no table for explode")
        return cls(node_max, params.decimal("over", Decimal(0)))

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        if raw == "boom":
            raise RuntimeError("cannot read boom")
        return parse_number(raw)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        if value == 13:
            raise ZeroDivisionError("unlucky thirteen")
        return Outcome(min(value, self.max) + self.over, msg("text", text="ok"))


@hookimpl
def register_rule_kinds(register):
    register(Fragile)
'''



def fragile_province(tmp_path: Path, values: dict[str, Any], **rule: Any) -> Path:
    """A folder with the tiny set (leaf 1.1 of kind test:fragile) and one
    unit per entry of `values` (its 1.1 value); returns the folder."""
    folder = tmp_path / "units"
    folder.mkdir()
    crit = write_set(tmp_path, kind="test:fragile")
    if rule:
        text = crit.read_text(encoding="utf-8").replace(
            '{ kind = "test:fragile" }',
            "{ kind = \"test:fragile\", " + ", ".join(f"{k} = {v}" for k, v in rule.items())
            + " }")
        crit.write_text(text, encoding="utf-8")
    for unit, value in values.items():
        write_unit(folder, unit, {**FULL, "1.1": value}, criteria=crit)
    return folder


def test_a_rule_kind_failing_on_some_units_is_named_once_and_the_rest_are_ranked(
        tmp_path: Path, capsys: Capture) -> None:
    """`score DIR` with a kind that raises on two units' value: the other
    units are scored and ranked, the failure is one warning naming the
    plugin, the kind, the leaf, the error's line and both units, exit 0;
    with --strict-plugins the same run exits 1."""
    plugin = write_plugin(tmp_path, "fragile", FRAGILE)
    folder = fragile_province(tmp_path, {"u1": 30, "u2": 13, "u3": 13, "u4": 20})
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(plugin), "score",
                         str(folder), "--format", "json")
    assert code == 0
    units = json.loads(out)["units"]
    assert [(u["id"], u["rank"], u["points"]) for u in units] == [("u1", 1, 100), ("u4", 2, 90)]
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("warning: plugin “fragile”: rule kind “test:fragile” failed "
                               "scoring at 1.1 (2 units: u2, u3): ZeroDivisionError: "
                               "unlucky thirteen (fragile.py, line")
    assert lines[0].endswith("these units' results were refused and not ranked")
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(plugin), "--strict-plugins",
                         "score", str(folder))
    assert code == 1 and out == ""
    assert "error: plugin “fragile”: rule kind “test:fragile” failed scoring" in err


def test_a_rule_kind_failing_to_read_a_value_refuses_that_unit(tmp_path: Path,
                                                                capsys: Capture) -> None:
    """parse_value raising (not InvalidValue) is the plugin's failure, not
    the unit's input error: named in Vietnamese by default, the unit left
    out, exit 0."""
    plugin = write_plugin(tmp_path, "fragile", FRAGILE)
    folder = fragile_province(tmp_path, {"u1": 30, "u2": '"boom"'})
    code, out, err = run(capsys, "--plugin", str(plugin), "score", str(folder),
                         "--format", "json")
    assert code == 0
    assert [u["id"] for u in json.loads(out)["units"]] == ["u1"]
    assert ("loại quy tắc “test:fragile” lỗi khi đọc giá trị kê khai ở tiêu chí 1.1 "
            "(đơn vị “u2”): RuntimeError: cannot read boom") in err
    assert "kết quả của đơn vị bị loại" in err


def test_a_rule_scoring_above_its_maximum_is_refused_not_capped(tmp_path: Path) -> None:
    """A kind returning more points than the leaf's maximum breaks the Rule
    contract: the unit's result is refused with a message giving the points,
    never silently capped."""
    plugin = write_plugin(tmp_path, "fragile", FRAGILE)
    folder = fragile_province(tmp_path, {"u1": 30, "u2": 5}, over=25)
    registry = isolated(plugin)
    batch = score_files([folder], registry=registry)
    assert [(r.unit.id, r.points) for r in batch.results] == [("u2", Decimal(100))]
    (problem,) = registry.problems
    assert problem.plugin == "fragile" and problem.units == ("u1",)
    assert "returned 55 points, outside 0..30" in problem.render("en")


def test_a_rule_kind_failing_while_reading_parameters_names_the_plugin(
        tmp_path: Path) -> None:
    """A kind whose `build` raises makes the set unusable: an error at the
    leaf naming the kind, its plugin and the error."""
    plugin = write_plugin(tmp_path, "fragile", FRAGILE)
    crit = write_set(tmp_path, kind="test:fragile")
    crit.write_text(crit.read_text(encoding="utf-8").replace(
        '{ kind = "test:fragile" }', '{ kind = "test:fragile", explode = true }'),
        encoding="utf-8")
    registry = isolated(plugin)
    batch = score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)], registry=registry)
    errors = [i for i in batch.issues if i.level == "error"]
    assert errors and errors[0].where.code == "1.1"
    text = errors[0].render("en")
    assert "rule kind “test:fragile” (plugin “fragile”) failed reading its parameters: " \
        "LookupError: no table for explode (fragile.py, line" in text


class Inflate:
    """An adjustment that publishes 1000 points out of 100."""

    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult:
        first = attrs.evolve(result.nodes[0], points=Decimal(1000))
        return attrs.evolve(result, points=Decimal(1000), nodes=(first, *result.nodes[1:]))


class Scale:
    """An adjustment that scales the total but not the nodes."""

    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult:
        return attrs.evolve(result, points=result.points / 2)


@pytest.mark.parametrize(("plugin", "said"), [
    (Inflate(), "1 has 1000 points, outside 0..60"),
    (Scale(), "has 50 points, not the sum of its parts (100)"),
])
def test_an_adjusted_result_that_does_not_add_up_is_refused_naming_the_plugin(
        tmp_path: Path, plugin: Any, said: str) -> None:
    """adjust_result returning points above a maximum, or a total that is
    not the sum of its parts: the adjustment is refused with a message naming
    the plugin and what is wrong; the unit keeps the engine's result."""
    crit = write_set(tmp_path)
    registry = isolated()
    registry.add(plugin, "adjuster")
    result = only(score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)],
                              registry=registry).results)
    assert (result.points, result.index) == (Decimal(100), Decimal(100))
    (problem,) = registry.problems
    assert problem.plugin == "adjuster"
    text = problem.render("en")
    assert "hook adjust_result (unit “u1”) returned an invalid result" in text and said in text


def test_the_same_hook_failure_for_many_units_is_one_problem_with_a_count(
        tmp_path: Path) -> None:
    """A hook failing the same way for 30 units: one problem listing the
    units (abbreviated), not 30 lines."""

    class Always:
        @hookimpl
        def check_assessment(self) -> None:
            raise KeyError("province table")

    crit = write_set(tmp_path)
    files = [write_unit(tmp_path, f"u{i:02}", FULL, criteria=crit) for i in range(30)]
    registry = isolated()
    registry.add(Always(), "always")
    batch = score_files(files, registry=registry)
    assert len(batch.results) == 30
    (problem,) = registry.problems
    assert problem.count == 30
    text = problem.render("en")
    assert "(30 units: u00, u01," in text and "… (+22)" in text


def broken_policy(indexes: Any) -> list[int]:
    raise ValueError("no ranks today")


def short_policy(indexes: Any) -> list[int]:
    return [1]


@pytest.mark.parametrize(("policy", "said"), [
    (broken_policy, "tie policy “odd” failed: ValueError: no ranks today"),
    (short_policy, "tie policy “odd” returned 1 ranks for 2 units"),
])
def test_a_failing_tie_policy_falls_back_to_shared_ranks(tmp_path: Path, policy: Any,
                                                         said: str) -> None:
    """A tie policy that raises or returns the wrong number of ranks: named,
    and the group is ranked with shared ranks instead of ending the run."""

    class Odd:
        @hookimpl
        def register_tie_policies(self, register: Any) -> None:
            register("odd", policy)

    crit = write_set(tmp_path, ties="odd")
    files = [write_unit(tmp_path, "u1", FULL, criteria=crit),
             write_unit(tmp_path, "u2", {**FULL, "1.1": 10}, criteria=crit)]
    registry = isolated()
    registry.add(Odd(), "odd")
    batch = score_files(files, registry=registry)
    assert [(r.unit.id, r.rank) for r in batch.results] == [("u1", 1), ("u2", 2)]
    (problem,) = registry.problems
    assert problem.plugin == "odd" and said in problem.render("en")
    assert "ranked with the default policy instead" in problem.render("en")


def test_strict_mode_makes_a_rule_failure_fatal_in_python_too(tmp_path: Path) -> None:
    plugin = write_plugin(tmp_path, "fragile", FRAGILE)
    folder = fragile_province(tmp_path, {"u1": 13})
    with pytest.raises(PluginFailed, match="unlucky thirteen"):
        score_files([folder], registry=isolated(plugin, strict=True))


# -- mistakes at registration, said in the user's language ------------------------------------


def test_pluggy_refusals_are_translated(tmp_path: Path) -> None:
    """A hook implementation with an argument the hook does not have: the
    message names the hook, the argument and the hook's real arguments, in
    Vietnamese by default, instead of pluggy's raw English text."""
    odd = write_plugin(tmp_path, "odd", """
        from cchc_score import hookimpl

        @hookimpl
        def classify(result, province):
            return None
    """)
    registry = isolated(odd)
    (problem,) = registry.problems
    assert problem.render("vi") == (
        "plugin “odd”: hook classify khai báo tham số province không có trong đặc tả "
        "(các tham số: criteria, result); đã bỏ qua plugin này")
    assert "hookimpl definition" not in problem.render("en")


def test_a_rule_class_without_kind_is_named_as_written(tmp_path: Path) -> None:
    """Registering a Rule subclass that forgot `kind`: the class name and its
    file and line, not a generated module name."""
    odd = write_plugin(tmp_path, "odd", """
        from cchc_score import Rule, hookimpl

        class Forgetful(Rule):
            pass

        @hookimpl
        def register_rule_kinds(register):
            register(Forgetful)
    """)
    text = isolated(odd).problems[0].render("en")
    assert "registered Forgetful (odd.py, line 4), which is not a rule kind" in text
    assert "cchc_score_local" not in text


def test_a_kind_collision_suggests_the_naming_convention(tmp_path: Path) -> None:
    """Two provinces' `weighted` kinds collide: the error names both plugins
    and says to name kinds `province:kind`."""
    first = write_plugin(tmp_path, "first", FRAGILE.replace("test:fragile", "weighted"))
    second = write_plugin(tmp_path, "second", FRAGILE.replace("test:fragile", "weighted")
                          .replace("class Fragile", "class Other").replace("(Fragile)",
                                                                           "(Other)"))
    text = isolated(first, second).problems[0].render("en")
    assert "“weighted” is registered by both “first” and “second”" in text
    assert "name a plugin's kinds “province:kind”" in text


def test_one_class_registered_by_two_plugins_is_listed_once(tmp_path: Path) -> None:
    """The same Rule class registered by a plugin and again by another that
    imports it: no error, and the kind is listed once, under the first."""
    first = write_plugin(tmp_path, "first", FRAGILE)
    registry = isolated(first)
    fragile = registry.kinds["test:fragile"]

    class Again:
        @hookimpl
        def register_rule_kinds(self, register: Any) -> None:
            register(fragile)

    registry.add(Again(), "again")
    assert registry.problems == []
    listed = {p["name"]: p["rule_kinds"] for p in registry.describe()}
    assert listed["first"] == ["test:fragile"] and listed["again"] == []

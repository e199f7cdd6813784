"""The group stage: rules that need the other units' figures ("points in
proportion to the group mean", "the three best get a bonus") are scored
once every unit of the group is scored, before ranks, and the command line
runs them end to end."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cchc_score import Context, score_files
from cchc_score.rules import GroupShare, Params

from .test_plugins import isolated, write_plugin, write_unit
from .test_plugins_cli import Capture, run

#: a province plugin with two group-relative kinds of its own
PROVINCE = '''\
from decimal import Decimal
from typing import Any, ClassVar

from cchc_score import Context, Outcome, Params, Rule, hookimpl, msg, register_messages
from cchc_score.rules import parse_number, parse_percent

register_messages({
    "testprov.vs_mean": ("{value}% so với trung bình nhóm {mean}% → {points} điểm",
                         "{value}% against the group mean {mean}% → {points} points"),
    "testprov.top3": ("hạng {place} trong nhóm → {points} điểm",
                      "place {place} in the group → {points} points"),
})


class VsMean(Rule):
    """Points in proportion to the group mean, at most the maximum."""

    kind: ClassVar[str] = "testprov:vs_mean"
    value_type: ClassVar[str] = "percent"
    group_relative: ClassVar[bool] = True

    def __init__(self, node_max: Decimal) -> None:
        self.max = node_max

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> "VsMean":
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return parse_percent(raw)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        return self.score_group({"": value}, ctx)[""]

    def score_group(self, values, ctx):
        mean = sum(values.values()) / len(values)
        return {unit: Outcome(min(self.max, self.max * v / mean) if mean else Decimal(0),
                              msg("testprov.vs_mean", value=v, mean=mean,
                                  points=min(self.max, self.max * v / mean) if mean else 0))
                for unit, v in values.items()}


class Top3(Rule):
    """The whole maximum for the three best figures of the group (ties share)."""

    kind: ClassVar[str] = "testprov:top3"
    value_type: ClassVar[str] = "count"
    group_relative: ClassVar[bool] = True

    def __init__(self, node_max: Decimal) -> None:
        self.max = node_max

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> "Top3":
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        return parse_number(raw, integer=True)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        return self.score_group({"": value}, ctx)[""]

    def score_group(self, values, ctx):
        out = {}
        for unit, v in values.items():
            place = 1 + sum(1 for other in values.values() if other > v)
            points = self.max if place <= 3 else Decimal(0)
            out[unit] = Outcome(points, msg("testprov.top3", place=place, points=points))
        return out


@hookimpl
def register_rule_kinds(register):
    register(VsMean)
    register(Top3)
'''

SET = """\
schema = 1
id = "group-2024"
title = "A set with group-relative leaves"
group = "so"
years = [2024, 2024]

[source]
issuer = "tests"
decision = "none"

[[bands]]
name = "A"
min = 90

[[bands]]
name = "B"
min = 0

[[nodes]]
code = "1"
title = "Online services"
max = 60

[[nodes]]
code = "1.1"
title = "Online dossier rate against the group"
max = 30
rule = {{ kind = "{kind}"{extra} }}

[[nodes]]
code = "1.2"
title = "Other"
max = 30
rule = {{ kind = "manual" }}

[[nodes]]
code = "2"
title = "Component two"
max = 40

[[nodes]]
code = "2.1"
title = "Leaf 2.1"
max = 40
rule = {{ kind = "manual" }}

[[nodes]]
code = "3"
title = "Bonus: the three most reform initiatives"
max = 5
role = "bonus"

[[nodes]]
code = "3.1"
title = "Initiatives"
max = 5
rule = {{ kind = "{bonus}" }}
"""

#: unit → (online rate at 1.1, initiatives at 3.1)
FIGURES = {"u1": (90, 5), "u2": (80, 4), "u3": (70, 3), "u4": (60, 2), "u5": (100, 1)}


def province(folder: Path, kind: str, bonus: str, extra: str = "",
             figures: dict[str, tuple[int, int]] = FIGURES) -> Path:
    """The set and one unit per entry of `figures` in `folder/units`."""
    crit = folder / "group-2024.toml"
    crit.write_text(SET.format(kind=kind, bonus=bonus, extra=extra), encoding="utf-8")
    units = folder / "units"
    units.mkdir(exist_ok=True)
    for unit, (rate, initiatives) in figures.items():
        write_unit(units, unit, {"1.1": rate, "1.2": 20, "2.1": 40, "3.1": initiatives},
                   criteria=crit, group="so")
    return units



def test_a_province_plugin_ranks_with_group_mean_and_top3_from_the_command_line(
        tmp_path: Path, capsys: Capture) -> None:
    """`cchc-score --plugin province.py score DIR`: 1.1 earns 30 × rate ÷
    the group mean (80%), at most 30; the three units with the most
    initiatives earn the 5 bonus points; ranks follow the adjusted totals
    (u1 and u2 tie at 95), each explanation names the group figure, and
    points claimed without evidence are at risk as on any leaf."""
    plugin = write_plugin(tmp_path, "province", PROVINCE)
    units = province(tmp_path, "testprov:vs_mean", "testprov:top3")
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(plugin), "score", str(units),
                         "--format", "json")
    assert code == 0, err
    ranked = [(u["id"], u["points"], u["rank"]) for u in json.loads(out)["units"]]
    assert ranked == [("u1", 95, 1), ("u2", 95, 1), ("u3", 91.25, 3), ("u5", 90, 4),
                      ("u4", 82.5, 5)]
    nodes = {u["id"]: {n["code"]: n for n in u["nodes"]} for u in json.loads(out)["units"]}
    assert nodes["u3"]["1.1"]["points"] == 26.25
    assert nodes["u3"]["1.1"]["explanation"] == \
        "70% against the group mean 80% → 26.25 points"
    assert nodes["u4"]["3.1"]["explanation"] == "place 4 in the group → 0 points"
    assert not any(n["pending"] for n in nodes["u4"].values())
    # claimed without the evidence the leaf requires: at risk, as any leaf
    assert nodes["u3"]["1.1"]["at_risk"] == 26.25


def test_the_builtin_group_share_kind_runs_end_to_end(tmp_path: Path, capsys: Capture) -> None:
    """The core's `group_share` (against the group's best here) needs no
    plugin: 30 × rate ÷ 100 (u5's rate), explained in Vietnamese by default;
    the text report ranks the five units."""
    units = province(tmp_path, "group_share", "manual", ', against = "best"')
    code, out, err = run(capsys, "score", str(units), "--format", "json")
    assert code == 0, err
    doc = {u["id"]: u for u in json.loads(out)["units"]}
    leaf = {n["code"]: n for n in doc["u3"]["nodes"]}["1.1"]
    assert leaf["points"] == 21
    assert leaf["explanation"] == "70% so với cao nhất nhóm 100% → 21/30 điểm"
    code, out, _ = run(capsys, "score", str(units))
    assert code == 0 and "Xếp hạng" in out


def test_groups_are_scored_apart(tmp_path: Path) -> None:
    """Units of another group are not in the mean: a commune with 50% alone
    in its group is its own reference and earns full points."""
    units = province(tmp_path, "group_share", "manual")
    crit = tmp_path / "group-2024.toml"
    write_unit(units, "xa1", {"1.1": 50, "1.2": 20, "2.1": 40, "3.1": 0}, criteria=crit,
               group="xa")
    batch = score_files([units], registry=isolated())
    by_id = {r.unit.id: r for r in batch.results}
    assert by_id["xa1"].node("1.1").points == 30
    assert by_id["xa1"].rank == 1 and by_id["xa1"].rank_of == 1
    assert by_id["u4"].node("1.1").points == Decimal("22.5")  # 30 × 60 / 80


def test_a_failing_group_kind_refuses_that_group_only(tmp_path: Path) -> None:
    """A group-relative kind that raises for one group: those units are
    named once and left out; another group's units are scored."""
    plugin = write_plugin(tmp_path, "province", PROVINCE.replace(
        "        mean = sum(values.values()) / len(values)",
        "        if len(values) > 1:\n            raise ArithmeticError('group too big')\n"
        "        mean = sum(values.values()) / len(values)"))
    units = province(tmp_path, "testprov:vs_mean", "manual")
    write_unit(units, "xa1", {"1.1": 50, "1.2": 20, "2.1": 40, "3.1": 0},
               criteria=tmp_path / "group-2024.toml", group="xa")
    registry = isolated(plugin)
    batch = score_files([units], registry=registry)
    assert [r.unit.id for r in batch.results] == ["xa1"]
    (problem,) = registry.problems
    assert problem.count == 5
    assert "failed scoring the group at 1.1 (5 units: u1, u2, u3, u4, u5)" in \
        problem.render("en")


def test_a_group_leaf_the_unit_left_blank_scores_zero(tmp_path: Path) -> None:
    """A unit that declared no figure is left out of the group's mean and
    scores 0 there, with the usual 'not declared' explanation."""
    units = province(tmp_path, "group_share", "manual")
    write_unit(units, "u6", {"1.2": 20, "2.1": 40, "3.1": 0},
               criteria=tmp_path / "group-2024.toml", group="so")
    by_id = {r.unit.id: r for r in score_files([units], registry=isolated()).results}
    assert by_id["u6"].node("1.1").points == 0
    assert by_id["u3"].node("1.1").points == Decimal("26.25")  # the mean is still 80


figures = st.dictionaries(st.text("abcdef", min_size=1, max_size=3),
                          st.decimals(0, 100, places=2), min_size=1, max_size=12)


@given(values=figures, against=st.sampled_from(["mean", "best"]))
def test_group_share_properties(values: dict[str, Decimal], against: str) -> None:
    """For any group: every unit gets an outcome within 0..max; a larger
    figure never scores less; a unit at or above the reference earns the
    maximum (unless every figure is 0: then nobody earns anything)."""
    rule = GroupShare.build(Params("group_share", {"against": against}), Decimal(30))
    out = rule.score_group(values, Context(2024))
    assert set(out) == set(values)
    reference = rule.reference(list(values.values()))
    for unit, value in values.items():
        points = out[unit].points
        assert 0 <= points <= 30
        if reference and value >= reference:
            assert points == 30
        if not reference:
            assert points == 0
        for other, other_value in values.items():
            if other_value > value:
                assert out[other].points >= points


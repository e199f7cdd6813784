"""What a rule can say and see: a pending outcome for any rule (waiting for
data: out of the maximum, shown as pending), and a context with the unit
(group, tags) and its declared facts at other leaves, for conditional rules
("2.2 scores only if 2.1 reached 20")."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from cchc_score import score_files

from .test_plugins import FULL, isolated, write_plugin, write_set, write_unit
from .test_plugins_cli import Capture, run

#: a province kind: "pending" until the portal publishes (value "chờ"); 2.2
#: scores only if the unit declared at least 20 at 2.1, and units tagged
#: "moi" (newly merged) get the full points regardless
KINDS = '''\
from decimal import Decimal
from typing import Any, ClassVar

from cchc_score import Context, Outcome, Params, Rule, hookimpl, msg
from cchc_score.rules import parse_number


class Portal(Rule):
    kind: ClassVar[str] = "test:portal"
    value_type: ClassVar[str] = "number"

    def __init__(self, node_max):
        self.max = node_max

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> "Portal":
        return cls(node_max)

    def best(self):
        return self.max

    def parse_value(self, raw: Any) -> Any:
        return "chờ" if raw == "chờ" else parse_number(raw)

    def score(self, value: Any, ctx: Context) -> Outcome:
        if value == "chờ":
            return Outcome(Decimal(0), msg("text", text="waiting for the portal"), pending=True)
        return Outcome(min(value, self.max), msg("text", text="portal figure"))


class IfAbove(Portal):
    kind: ClassVar[str] = "test:if_above"

    def score(self, value: Any, ctx: Context) -> Outcome:
        if "moi" in ctx.tags:
            return Outcome(self.max, msg("text", text=f"{ctx.unit.id}: newly merged"))
        if (ctx.value("2.1") or 0) < 20:
            return Outcome(Decimal(0), msg("text", text="2.1 below 20"))
        return Outcome(min(value, self.max), msg("text", text="2.1 reached 20"))


@hookimpl
def register_rule_kinds(register):
    register(Portal)
    register(IfAbove)
'''


def context_set(tmp_path: Path) -> Path:
    crit = write_set(tmp_path, kind="test:portal")
    text = crit.read_text(encoding="utf-8").replace(
        'title = "Leaf 2.2"\nmax = 15\nrule = { kind = "manual" }',
        'title = "Leaf 2.2"\nmax = 15\nrule = { kind = "test:if_above" }')
    crit.write_text(text, encoding="utf-8")
    return crit


def test_a_pending_outcome_leaves_the_maximum_and_is_shown_pending(
        tmp_path: Path, capsys: Capture) -> None:
    """A plugin rule answering "pending" for 1.1: the unit's maximum is 70,
    not 100, nothing is lost there, and the JSON marks the leaf pending with
    the rule's explanation."""
    plugin = write_plugin(tmp_path, "kinds", KINDS)
    unit = write_unit(tmp_path, "u1", {**FULL, "1.1": '"chờ"'}, criteria=context_set(tmp_path))
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(plugin), "score", str(unit),
                         "--format", "json")
    assert code == 0, err
    (doc,) = json.loads(out)["units"]
    assert (doc["points"], doc["max"], doc["index"]) == (70, 70, 100)
    leaf = {n["code"]: n for n in doc["nodes"]}["1.1"]
    assert (leaf["pending"], leaf["points"], leaf["max"], leaf["lost"]) == (True, 0, 0, 0)
    assert leaf["explanation"] == "waiting for the portal"


def test_a_rule_sees_other_declared_facts_and_the_units_tags(tmp_path: Path) -> None:
    """2.2 scores its 15 points only where the unit declared ≥ 20 at 2.1;
    a unit tagged "moi" gets them regardless (the rule saw its tags and id)."""
    registry = isolated(write_plugin(tmp_path, "kinds", KINDS))
    crit = context_set(tmp_path)
    files = [write_unit(tmp_path, "high", FULL, criteria=crit),
             write_unit(tmp_path, "low", {**FULL, "2.1": 10}, criteria=crit),
             write_unit(tmp_path, "new", {**FULL, "2.1": 10}, criteria=crit, tags=["moi"])]
    by_id = {r.unit.id: r for r in score_files(files, registry=registry).results}
    assert by_id["high"].node("2.2").points == Decimal(15)
    assert by_id["low"].node("2.2").points == Decimal(0)
    assert by_id["low"].node("2.2").explanation.render("en") == "2.1 below 20"
    assert by_id["new"].node("2.2").points == Decimal(15)
    assert by_id["new"].node("2.2").explanation.render("en") == "new: newly merged"

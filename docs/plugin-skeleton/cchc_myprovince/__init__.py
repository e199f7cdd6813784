"""cchc-score plugin for <Tỉnh của bạn> (rename me).

What it registers (see docs/plugins.md in cchc-score for every hook):

- the rule kind ``myprovince:quarterly`` (an example: replace it with the
  kinds your province's scoring texts need, or delete it if the core's kinds
  suffice). Name your kinds ``<province>:<kind>`` so that they never collide
  with another province's plugin;
- the criteria files in ``criteria/`` (an example set: replace it with your
  province's, and say in its ``[source]`` table where it comes from).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs

from cchc_score import (
    Context,
    InvalidValue,
    Msg,
    Outcome,
    Params,
    Rule,
    hookimpl,
    msg,
    register_messages,
)
from cchc_score.rules import Step, parse_number

__version__ = "0.1.0"

CRITERIA_DIR = Path(__file__).resolve().parent / "criteria"

# Every user-facing text as a (Vietnamese, English) pair; keys prefixed with
# the plugin's name so that they never collide with the core's or another's.
register_messages({
    "myprovince.quarterly": (
        "{count}/4 báo cáo quý gửi đúng hạn → {points}/{max} điểm",
        "{count}/4 quarterly reports sent on time → {points}/{max} points",
    ),
    "myprovince.quarterly_level": (
        "{count} báo cáo quý đúng hạn", "{count} quarterly reports on time",
    ),
    "myprovince.quarterly_next": (
        "gửi đúng hạn {count}/4 báo cáo quý",
        "send {count}/4 quarterly reports on time",
    ),
    "myprovince.quarterly_range": (
        "cần số báo cáo quý từ 0 đến 4, nhận được {raw}",
        "expected 0 to 4 quarterly reports, got {raw}",
    ),
})


@attrs.frozen
class Quarterly(Rule):
    """Example: a quarter of the maximum for each quarterly report sent on
    time. Criteria file: ``rule = { kind = "myprovince:quarterly" }``; value: 0–4."""

    kind: ClassVar[str] = "myprovince:quarterly"
    value_type: ClassVar[str] = "number"
    monotone: ClassVar[bool] = True
    max: Decimal

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Quarterly:
        return cls(node_max)  # no parameters; read them with params.decimal(...) etc.

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        count = parse_number(raw, integer=True)  # raises InvalidValue with a clear message
        if count > 4:
            raise InvalidValue(msg("myprovince.quarterly_range", raw=raw))
        return count

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = self.max * value / 4  # Decimal end to end, never float
        return Outcome(points, msg("myprovince.quarterly", count=value, points=points,
                                   max=self.max))

    def describe_value(self) -> str:
        return "0–4"

    def example(self) -> Any:
        return 4

    def levels(self) -> list[tuple[str | Msg, Decimal]]:
        # what the template and the Excel form list under the leaf
        return [(msg("myprovince.quarterly_level", count=n), self.max * n / 4)
                for n in (4, 3, 2, 1, 0)]

    def choices(self) -> list[str]:
        # the Excel form's drop-down list for the leaf
        return ["4", "3", "2", "1", "0"]

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        # what `--gains` suggests: one more report than now (None at the top)
        now = value if isinstance(value, Decimal) else points * 4 / self.max
        if now >= 4:
            return None
        more = int(now) + 1
        return Step(self.max * more / 4, msg("myprovince.quarterly_next", count=more),
                    str(more))


@hookimpl
def register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    register(Quarterly)


@hookimpl
def register_criteria(register: Callable[[Path], None]) -> None:
    for path in sorted(CRITERIA_DIR.glob("*.toml")):
        register(path)

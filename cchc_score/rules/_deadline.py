"""The deadline kind: on time, late within N days, later, or never issued."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._i18n import msg
from ._base import (
    MISSING,
    ZERO,
    Context,
    Outcome,
    Params,
    Rule,
    Step,
    parse_date,
)
from ._explain import _out


@attrs.frozen
class Late:
    days: int
    points: Decimal


#: bounds that keep every date a deadline computes within the calendar
#: (assessment years are 1900–2999): a plan due years ahead, a ten-year grace
MAX_YEAR_OFFSET = 10
MAX_LATE_DAYS = 3660


@attrs.frozen
class Deadline(Rule):
    kind: ClassVar[str] = "deadline"
    value_type: ClassVar[str] = "date"
    max: Decimal
    month: int
    day: int
    year_offset: int
    on_time: Decimal
    late: tuple[Late, ...]
    late_points: Decimal
    missing: Decimal

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Deadline:
        due = params.text("due", "12-31", required=True) or "12-31"
        month = day = 0
        try:
            month_s, day_s = due.split("-")
            month, day = int(month_s), int(day_s)
            dt.date(2024, month, day)  # a leap year accepts 02-29
        except ValueError:
            params.problem("due", msg("par.type", key="due", problem=msg("par.due")))
        offset = params.get("year_offset", 0)
        if not isinstance(offset, int) or isinstance(offset, bool):
            params.problem("year_offset", msg("par.type", key="year_offset",
                                              problem=msg("val.integer", raw=offset)))
            offset = 0
        elif abs(offset) > MAX_YEAR_OFFSET:  # a due date a century away overflows dates
            params.problem("year_offset", msg("par.type", key="year_offset", problem=msg(
                "val.between", first=-MAX_YEAR_OFFSET, last=MAX_YEAR_OFFSET, raw=offset)))
            offset = 0
        lates: list[Late] = []
        for i, raw in enumerate(params.tables("late")):
            days = raw.get("days")
            points = params.check_decimal(f"late[{i}].points", raw.get("points", ZERO))
            if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                params.problem(f"late[{i}].days", msg("par.type", key="days",
                                                      problem=msg("par.positive")))
                continue
            if days > MAX_LATE_DAYS:
                params.problem(f"late[{i}].days", msg("par.type", key="days", problem=msg(
                    "val.between", first=1, last=MAX_LATE_DAYS, raw=days)))
                continue
            if lates and days <= lates[-1].days:
                params.problem(f"late[{i}].days", msg("par.late_order"))
            lates.append(Late(days, points or ZERO))
        return cls(
            node_max, month, day, offset,
            params.decimal("on_time", node_max) or ZERO,
            tuple(lates),
            params.decimal("late_points", ZERO) or ZERO,
            params.decimal("missing", ZERO) or ZERO,
        )

    def due_date(self, year: int) -> dt.date:
        # 02-29 in a common year falls back to 02-28.
        target_year = year + self.year_offset
        try:
            return dt.date(target_year, self.month, self.day)
        except ValueError:
            return dt.date(target_year, self.month, self.day - 1)

    def best(self) -> Decimal:
        return max([self.on_time, self.late_points, self.missing, *(x.points for x in self.late)])

    def parse_value(self, raw: Any) -> dt.date | str:
        return parse_date(raw)

    def score(self, value: dt.date | str, ctx: Context) -> Outcome:
        due = self.due_date(ctx.year)
        if value == MISSING or not isinstance(value, dt.date):
            return _out("out.deadline.missing", self.missing, self.max, due=due)
        days = (value - due).days
        if days <= 0:
            return _out("out.deadline.on_time", self.on_time, self.max, date=value, due=due)
        points = next((x.points for x in self.late if days <= x.days), self.late_points)
        return _out("out.deadline.late", points, self.max, date=value, due=due, days=days)

    def describe_value(self) -> str:
        return "YYYY-MM-DD | false"

    def example(self) -> Any:
        # For 2024: the due date itself (on time), a late date or not issued,
        # whichever the rule rewards most (on time when tied).
        due = self.due_date(2024)
        last = self.late[-1].days if self.late else 0
        options: list[tuple[Decimal, dt.date | bool]] = [
            (self.on_time, due),
            *((x.points, due + dt.timedelta(days=x.days)) for x in self.late),
            (self.late_points, due + dt.timedelta(days=last + 1)),
            (self.missing, False),
        ]
        return max(options, key=lambda pair: pair[0])[1]

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        due = self.due_date(ctx.year)
        after = due + dt.timedelta(days=(self.late[-1].days if self.late else 0) + 1)
        # Easiest first, so that among equal points the latest date is suggested.
        steps = [Step(self.late_points, msg("need.issue"), after.isoformat())]
        for late in reversed(self.late):
            date = due + dt.timedelta(days=late.days)
            steps.append(Step(late.points, msg("need.late_by", date=date, days=late.days),
                              date.isoformat()))
        steps.append(Step(self.on_time, msg("need.on_time", due=due), due.isoformat()))
        better = [step for step in steps if step.points > points]
        return min(better, key=lambda step: step.points) if better else None


# -- numeric facts shared by tiers and proportional --------------------------------

"""Kinds that score a named answer: yes/no and a choice among options."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._i18n import Msg, msg
from ._base import (
    ZERO,
    Context,
    InvalidValue,
    Outcome,
    Params,
    Rule,
    Step,
    fold,
    label_key,
    parse_bool,
)
from ._explain import _out


@attrs.frozen
class YesNo(Rule):
    kind: ClassVar[str] = "yes_no"
    value_type: ClassVar[str] = "bool"
    max: Decimal
    yes: Decimal
    no: Decimal
    yes_label: str | None = None
    no_label: str | None = None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> YesNo:
        return cls(
            node_max,
            params.decimal("yes", node_max) or ZERO,
            params.decimal("no", ZERO) or ZERO,
            params.text("yes_label"),
            params.text("no_label"),
        )

    def best(self) -> Decimal:
        return max(self.yes, self.no)

    def parse_value(self, raw: Any) -> bool:
        if isinstance(raw, str) and self.yes_label and fold(raw) == fold(self.yes_label):
            return True
        if isinstance(raw, str) and self.no_label and fold(raw) == fold(self.no_label):
            return False
        return parse_bool(raw)

    def score(self, value: bool, ctx: Context) -> Outcome:
        label: str | Msg = (self.yes_label or msg("yes")) if value else (self.no_label or msg("no"))
        return _out("out.yes_no", self.yes if value else self.no, self.max, label=label)

    def describe_value(self) -> str:
        return "true / false"

    def example(self) -> Any:
        return self.yes >= self.no

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        better = [answer for answer in (True, False)
                  if (self.yes if answer else self.no) > points]
        if not better:
            return None
        answer = min(better, key=lambda a: self.yes if a else self.no)
        label = (self.yes_label or msg("yes")) if answer else (self.no_label or msg("no"))
        return Step(self.yes if answer else self.no, msg("need.option", label=label),
                    "true" if answer else "false")


# -- choice -----------------------------------------------------------------------


@attrs.frozen
class Option:
    key: str
    label: str
    points: Decimal


@attrs.frozen
class Choice(Rule):
    kind: ClassVar[str] = "choice"
    value_type: ClassVar[str] = "choice"
    max: Decimal
    options: tuple[Option, ...]
    #: every option by the folded form of its key and of its label, built
    #: once (an answer is looked up, not compared with every option)
    _by_name: dict[str, Option] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names: dict[str, Option] = {}
        for option in reversed(self.options):  # the first option named so wins
            names[fold(option.label)] = option
            names[fold(option.key)] = option
        object.__setattr__(self, "_by_name", names)

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Choice:
        options: list[Option] = []
        seen: set[str] = set()
        for i, raw in enumerate(params.tables("options", required=True)):
            where = f"options[{i}]"
            key, label, points = raw.get("key"), raw.get("label"), raw.get("points")
            extra = set(raw) - {"key", "label", "points"}
            for bad in sorted(extra):
                params.problem(f"{where}.{bad}", msg("par.unknown", key=bad, kind="choice",
                                                     allowed=["key", "label", "points"]))
            if not isinstance(key, str) or not key.strip():
                params.problem(f"{where}.key", msg("par.missing", key="key"))
                continue
            if fold(key) in seen:
                params.problem(f"{where}.key", msg("par.dup_key", key=key))
            seen.add(fold(key))
            value = params.check_decimal(f"{where}.points", points) if points is not None else None
            if points is None:
                params.problem(f"{where}.points", msg("par.missing", key="points"))
            options.append(Option(key, label if isinstance(label, str) else key, value or ZERO))
        return cls(node_max, tuple(options))

    def best(self) -> Decimal:
        return max((o.points for o in self.options), default=ZERO)

    def parse_value(self, raw: Any) -> Option:
        """An option by its key or its label, the label also in its ASCII
        form (`label_key`): a set imported from an annex and one written by
        hand that name the same options accept the same answers, whatever
        keys each chose ("Ban hành kịp thời", "ban-hanh-kip-thoi")."""
        if isinstance(raw, str):
            found = self._by_name.get(fold(raw))
            if found is not None:
                return found
            ascii_form = label_key(raw)
            matches = [o for o in self.options if ascii_form and ascii_form == label_key(o.label)]
            if len(matches) == 1:
                return matches[0]
        raise InvalidValue(msg("val.choice", raw=raw, options=[o.key for o in self.options],
                               hint=self._suggest(raw)))

    def _suggest(self, raw: Any) -> Msg | str:
        """" (có phải “kip-thoi”?)" for a near miss of a key or a label."""
        if not isinstance(raw, str):
            return ""
        names = {fold(o.key): o.key for o in self.options}
        names.update({fold(o.label): o.key for o in self.options})
        close = difflib.get_close_matches(fold(raw), list(names), 1, cutoff=0.6)
        return msg("asm.did_you_mean", suggestion=names[close[0]]) if close else ""

    def score(self, value: Option, ctx: Context) -> Outcome:
        return _out("out.choice", value.points, self.max, label=value.label)

    def describe_value(self) -> str:
        return " | ".join(o.key for o in self.options)

    def example(self) -> Any:
        return max(self.options, key=lambda o: o.points).key

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        better = [o for o in self.options if o.points > points]
        if not better:
            return None
        option = min(better, key=lambda o: o.points)
        return Step(option.points, msg("need.option", label=option.label), option.key)


# -- deadline ---------------------------------------------------------------------

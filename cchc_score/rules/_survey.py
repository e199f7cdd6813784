"""The survey kind: a satisfaction share, or answer counts weighted per
option."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._i18n import msg
from .._numbers import plain
from ._base import (
    HUNDRED,
    ZERO,
    Context,
    InvalidValue,
    Outcome,
    Params,
    Rule,
    fold,
    parse_number,
    parse_percent,
    shown,
)
from ._explain import _out, _share_text


@attrs.frozen
class Survey(Rule):
    kind: ClassVar[str] = "survey"
    value_type: ClassVar[str] = "percent"
    max: Decimal
    weights: Mapping[str, Decimal] | None = None

    @property
    def monotone(self) -> bool:
        # A plain share is; answer counts have no single order.
        return self.weights is None

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> Survey:
        raw = params.get("weights")
        if raw is None:
            return cls(node_max)
        weights: dict[str, Decimal] = {}
        if not isinstance(raw, Mapping) or not raw:
            params.problem("weights", msg("par.type", key="weights", problem=msg("par.table")))
        else:
            for option, weight in raw.items():
                value = params.check_decimal(f"weights.{option}", weight)
                if value is not None and value > HUNDRED:
                    params.problem(f"weights.{option}", msg("val.percent", raw=value))
                weights[str(option)] = value or ZERO
        return cls(node_max, weights)

    def best(self) -> Decimal:
        if self.weights is not None and max(self.weights.values(), default=ZERO) < HUNDRED:
            return self.max * max(self.weights.values(), default=ZERO) / HUNDRED
        return self.max

    def parse_value(self, raw: Any) -> Decimal | Mapping[str, Decimal]:
        if self.weights is None:
            return parse_percent(raw)
        if not isinstance(raw, Mapping):
            raise InvalidValue(msg("val.answers", raw=shown(raw), options=list(self.weights)))
        by_fold = {fold(o): o for o in self.weights}
        counts: dict[str, Decimal] = {}
        for option, count in raw.items():
            # "a" or an NFD-typed label still names option "A".
            key = option if option in self.weights else by_fold.get(fold(str(option)))
            if key is None:
                raise InvalidValue(msg("val.answers_unknown", option=option,
                                       options=list(self.weights)))
            counts[key] = counts.get(key, ZERO) + parse_number(count, integer=True)
        if sum(counts.values(), ZERO) == 0:
            raise InvalidValue(msg("val.answers", raw=shown(raw), options=list(self.weights)))
        return counts

    def score(self, value: Decimal | Mapping[str, Decimal], ctx: Context) -> Outcome:
        if not isinstance(value, Mapping):
            return _out("out.survey.share", self.max * value / HUNDRED, self.max, share=value)
        assert self.weights is not None
        total = sum(value.values(), ZERO)
        share = sum((n * self.weights[o] for o, n in value.items()), ZERO) / total
        answers = ", ".join(f"{o}: {plain(n)}" for o, n in value.items())
        weights = ", ".join(f"{o} {plain(w)}%" for o, w in self.weights.items())
        return _out("out.survey.weighted", self.max * share / HUNDRED, self.max,
                    answers=answers, weights=weights, share=_share_text(share))

    def describe_value(self) -> str:
        return "0–100 (%)" if self.weights is None else "{ " + ", ".join(
            f"{o} = ..." for o in self.weights) + " }"

    def example(self) -> Any:
        if self.weights is None:
            return HUNDRED
        return {max(self.weights, key=lambda o: self.weights[o]): 1}  # type: ignore[index]


# -- manual points ------------------------------------------------------------------

"""Rule kinds: the interface, the built-in kinds and the registry of kinds."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from ._base import (
    MISSING,
    Context,
    InvalidParams,
    InvalidValue,
    Outcome,
    Params,
    Ratio,
    Rule,
    Step,
    ascii_fold,
    fold,
    guarded,
    label_key,
    parse_bool,
    parse_date,
    parse_number,
    parse_percent,
    parse_ratio,
)
from ._builtin import BUILTIN_KINDS as _CLASSIC_KINDS
from ._builtin import (
    Bonus,
    Choice,
    Deadline,
    Deduction,
    Manual,
    Option,
    Proportional,
    Survey,
    Tier,
    Tiers,
    YesNo,
)
from ._group import GroupShare

#: every kind the core registers (through the same hook as any plugin)
BUILTIN_KINDS: tuple[type[Rule], ...] = (*_CLASSIC_KINDS, GroupShare)

__all__ = [
    "BUILTIN_KINDS",
    "MISSING",
    "Bonus",
    "Choice",
    "Context",
    "Deadline",
    "Deduction",
    "DuplicateKind",
    "GroupShare",
    "InvalidParams",
    "InvalidValue",
    "Manual",
    "Option",
    "Outcome",
    "Params",
    "Proportional",
    "Ratio",
    "Rule",
    "RuleKinds",
    "Step",
    "Survey",
    "Tier",
    "Tiers",
    "YesNo",
    "ascii_fold",
    "fold",
    "guarded",
    "label_key",
    "parse_bool",
    "parse_date",
    "parse_number",
    "parse_percent",
    "parse_ratio",
]


class DuplicateKind(Exception):
    """Two plugins registered the same rule-kind name."""


class RuleKinds(Mapping[str, type[Rule]]):
    """The rule kinds known to this run, by name, with who registered each."""

    def __init__(self) -> None:
        self._kinds: dict[str, type[Rule]] = {}
        self.owners: dict[str, str] = {}

    def register(self, kind: type[Rule], owner: str = "cchc_score") -> None:
        name = kind.kind
        if name in self._kinds and self._kinds[name] is not kind:
            raise DuplicateKind(
                f"rule kind {name!r} is registered by both {self.owners[name]!r} and {owner!r}"
            )
        self._kinds[name] = kind
        self.owners[name] = owner

    def __getitem__(self, name: str) -> type[Rule]:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def build(self, raw: Mapping[str, Any], node_max: Decimal) -> Rule:
        """Build a rule from its table in a criteria file. Raises KeyError for
        an unknown kind and InvalidParams for bad parameters."""
        kind = self._kinds[raw["kind"]]
        params = Params(kind.kind, raw)
        rule = kind.build(params, node_max)
        params.finish()
        return rule

    @classmethod
    def builtin(cls) -> RuleKinds:
        kinds = cls()
        for kind in BUILTIN_KINDS:
            kinds.register(kind)
        return kinds

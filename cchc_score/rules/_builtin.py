"""The built-in rule kinds (DESIGN §2.2), one family per module. Registered
through the plugin hooks like any province's kinds."""

from __future__ import annotations

from ._base import Rule
from ._choices import Choice, Option, YesNo
from ._deadline import Deadline, Late
from ._items import Bonus, Deduction
from ._manual import Manual
from ._survey import Survey
from ._tiers import Proportional, Tier, Tiers

__all__ = ["BUILTIN_KINDS", "Bonus", "Choice", "Deadline", "Deduction", "Late", "Manual",
           "Option", "Proportional", "Survey", "Tier", "Tiers", "YesNo"]

BUILTIN_KINDS: tuple[type[Rule], ...] = (
    YesNo, Choice, Deadline, Tiers, Proportional, Deduction, Bonus, Survey, Manual,
)

"""A testing kit for criteria sets, rule kinds and plugins, built on
Hypothesis (it needs the `test` extra). See docs/testing.md.

- `RuleContract`: subclass it in a test module to check a rule kind's
  contract (bounds, determinism, monotonicity in an ordering supplied or
  derived, bands without gaps, overlaps or off-by-one bounds, clean errors,
  next steps that keep their promise);
- strategies that build valid data: facts for any rule (`values`), criteria
  sets (`criteria_sets`, with plugin kinds), assessments honouring the set's
  and plugins' checks (`assessments`);
- `check_invariants(results)`: the engine's invariants over any results,
  for a plugin author's own set and plugins.
"""

from .._probe import ValueBand, compare
from ._contract import CHECKS, RuleContract
from ._invariants import InvariantError, check_invariants
from ._strategies import (
    assessments,
    counts,
    criteria_sets,
    decimals,
    percents,
    ratios,
    results,
    values,
)

__all__ = [
    "CHECKS",
    "InvariantError",
    "RuleContract",
    "ValueBand",
    "assessments",
    "check_invariants",
    "compare",
    "counts",
    "criteria_sets",
    "decimals",
    "percents",
    "ratios",
    "results",
    "values",
]

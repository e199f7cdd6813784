"""cchc-score: compute Vietnam's administrative reform index (Chỉ số CCHC,
PAR INDEX) the way provinces do, and see where every point was lost.

Every public name is imported on first use (PEP 562): `import cchc_score`,
and a plugin's `from cchc_score import hookimpl, msg`, load only the modules
those names live in, so that a command starts fast."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import Batch, assessment_files, catalog, check_files, score_files
    from ._engine import score, summarise
    from ._i18n import Msg, msg, register_messages
    from ._model import (
        Answer,
        Applies,
        Appraisal,
        Assessment,
        Band,
        CriteriaSet,
        Evidence,
        Issue,
        Location,
        Node,
        NodeResult,
        Source,
        Unit,
        UnitResult,
    )
    from ._numbers import fmt, parse_decimal, quantize
    from ._ranking import TIE_POLICIES, dense_ranks, rank, shared_ranks
    from ._version import __version__
    from .exceptions import CchcError, InputError, OutputExists, PluginError
    from .hookspecs import hookimpl
    from .load import check_criteria, parse_assessment, parse_criteria
    from .rules import Context, InvalidParams, InvalidValue, Outcome, Params, Rule, RuleKinds

#: public name → the private module that defines it
_WHERE = {
    "__version__": "._version",
    "Answer": "._model",
    "Applies": "._model",
    "Appraisal": "._model",
    "Assessment": "._model",
    "assessment_files": "._api",
    "Band": "._model",
    "Batch": "._api",
    "catalog": "._api",
    "CchcError": ".exceptions",
    "check_criteria": ".load",
    "check_files": "._api",
    "Context": ".rules",
    "CriteriaSet": "._model",
    "dense_ranks": "._ranking",
    "Evidence": "._model",
    "fmt": "._numbers",
    "hookimpl": ".hookspecs",
    "InputError": ".exceptions",
    "InvalidParams": ".rules",
    "InvalidValue": ".rules",
    "Issue": "._model",
    "Location": "._model",
    "Msg": "._i18n",
    "msg": "._i18n",
    "Node": "._model",
    "NodeResult": "._model",
    "Outcome": ".rules",
    "OutputExists": ".exceptions",
    "Params": ".rules",
    "parse_assessment": ".load",
    "parse_criteria": ".load",
    "parse_decimal": "._numbers",
    "PluginError": ".exceptions",
    "quantize": "._numbers",
    "rank": "._ranking",
    "register_messages": "._i18n",
    "Rule": ".rules",
    "RuleKinds": ".rules",
    "score": "._engine",
    "score_files": "._api",
    "shared_ranks": "._ranking",
    "Source": "._model",
    "summarise": "._engine",
    "TIE_POLICIES": "._ranking",
    "Unit": "._model",
    "UnitResult": "._model",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value  # found once: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "TIE_POLICIES",
    "Answer",
    "Applies",
    "Appraisal",
    "Assessment",
    "Band",
    "Batch",
    "CchcError",
    "Context",
    "CriteriaSet",
    "Evidence",
    "InputError",
    "InvalidParams",
    "InvalidValue",
    "Issue",
    "Location",
    "Msg",
    "Node",
    "NodeResult",
    "Outcome",
    "OutputExists",
    "Params",
    "PluginError",
    "Rule",
    "RuleKinds",
    "Source",
    "Unit",
    "UnitResult",
    "__version__",
    "assessment_files",
    "catalog",
    "check_criteria",
    "check_files",
    "dense_ranks",
    "fmt",
    "hookimpl",
    "msg",
    "parse_assessment",
    "parse_criteria",
    "parse_decimal",
    "quantize",
    "rank",
    "register_messages",
    "score",
    "score_files",
    "shared_ranks",
    "summarise",
]

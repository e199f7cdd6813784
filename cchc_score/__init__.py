"""cchc-score: compute Vietnam's administrative reform index (Chỉ số CCHC,
PAR INDEX) the way provinces do, and see where every point was lost."""

from ._api import Batch, assessment_files, catalog, check_files, score_files
from ._engine import TIE_POLICIES, dense_ranks, rank, score, shared_ranks, summarise
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
from ._version import __version__
from .exceptions import CchcError, InputError, OutputExists, PluginError
from .hookspecs import hookimpl
from .load import check_criteria, parse_assessment, parse_criteria
from .rules import Context, InvalidParams, InvalidValue, Outcome, Params, Rule, RuleKinds

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

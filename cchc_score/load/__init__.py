"""Loading criteria files and assessment files, with located errors."""

from ._assessment import criteria_ref, parse_assessment, read_assessment
from ._criteria import DEFAULT_TIES, check_criteria, parse_criteria

__all__ = [
    "DEFAULT_TIES",
    "check_criteria",
    "criteria_ref",
    "parse_assessment",
    "parse_criteria",
    "read_assessment",
]

"""The rounds of a year's cycle after the self-assessment: appraisal round 1,
the unit's explanation (giải trình), appraisal round 2 (re-appraisal) and the
appeal (phúc khảo). Each round's entries override the previous stage's for
the same leaf; "final" is the latest round present."""

from __future__ import annotations

from ._model import Appraisal, Assessment, Round, Stage

#: the rounds, in the order they happen
ROUNDS: tuple[Round, ...] = ("round1", "explanation", "round2", "appeal")
#: every stage `--stage` accepts, in order ("appraised" is "final")
STAGES: tuple[Stage, ...] = ("self", *ROUNDS, "final", "appraised")
#: the assessment file's table holding each round's entries
TABLES: dict[Round, str] = {"round1": "appraisal", "explanation": "explanation",
                            "round2": "reappraisal", "appeal": "appeal"}
#: the rounds in which the council decides (the explanation is the unit's)
COUNCIL: frozenset[Round] = frozenset({"round1", "round2", "appeal"})
#: how a province-wide appraisal file may name a round (casefolded)
ROUND_NAMES: dict[str, Round] = {
    "1": "round1", "round1": "round1", "vong1": "round1", "vòng 1": "round1",
    "appraisal": "round1", "thẩm định": "round1", "tham dinh": "round1",
    "explanation": "explanation", "giải trình": "explanation", "giai trinh": "explanation",
    "2": "round2", "round2": "round2", "vong2": "round2", "vòng 2": "round2",
    "reappraisal": "round2", "thẩm định lại": "round2", "tham dinh lai": "round2",
    "appeal": "appeal", "phúc khảo": "appeal", "phuc khao": "appeal",
}


def rounds_upto(stage: Stage) -> tuple[Round, ...]:
    """The rounds applied at `stage`, in order."""
    if stage == "self":
        return ()
    if stage in ("final", "appraised"):
        return ROUNDS
    return ROUNDS[:ROUNDS.index(stage) + 1]


def present(assessment: Assessment, stage: Stage = "final") -> tuple[Stage, ...]:
    """The stages with something to show up to `stage`: the self-assessment,
    then each round that has entries."""
    return ("self", *(r for r in rounds_upto(stage) if assessment.entries(r)))


def na_decision(assessment: Assessment, code: str, rounds: tuple[Round, ...]
                ) -> Appraisal | None:
    """The latest council decision on the not-applicable claim at `code`
    among `rounds` (None when the council said nothing)."""
    found = None
    for r in rounds:
        entry = assessment.entries(r).get(code)
        if entry is not None and entry.na is not None:
            found = entry
    return found

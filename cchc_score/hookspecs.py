"""The hooks a cchc-score plugin can implement. Each docstring is the hook's
full reference (arguments, when it is called, what it returns, an example),
from which docs/hooks.md is generated, as pytest does for its hooks.

A plugin is a module (or any object) with functions decorated with
``@cchc_score.hookimpl`` and named like the hooks below; it may accept any
subset of a hook's arguments. Registration hooks receive a ``register``
callback, in the style of llm and datasette plugins. The other hooks are
called through the `cchc_score.plugins.Registry` facade, never by the engine
directly; they receive every set and unit, so a plugin returns ``None`` (or
nothing) for the sets it does not own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from ._i18n import Msg
    from ._model import Assessment, CriteriaSet, Issue, Unit, UnitResult
    from .rules import Rule

#: the pluggy project name, also the entry-point group plugins are found in
PROJECT = "cchc_score"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- registration: called once, when the registry is built -----------------------


@hookspec
def register_rule_kinds(register: Callable[[type[Rule]], None]) -> None:
    """Register rule kinds: call ``register(RuleClass)`` for each.

    Register rule kinds.

    - **register** — `register(RuleClass)`: a subclass of `cchc_score.Rule`
      with a class attribute `kind` (the name criteria files use).
    - **Called** once, when plugins are loaded.
    - **Returns** nothing.
    - A name registered twice is an error naming both plugins.

    ```python
    @hookimpl
    def register_rule_kinds(register):
        register(Quarterly)
    ```
    """


@hookspec
def register_criteria(register: Callable[[Path | str], None]) -> None:
    """Register criteria files shipped by the plugin: call ``register(path)`` for each.

    Register the criteria files the plugin ships; they are then known by id
    (`cchc-score criteria`, `criteria = "id"` in assessments).

    - **register** — `register(path)`: a `Path` or string naming a TOML criteria
      file (usually next to the plugin's code). The file must exist.
    - **Called** once, when plugins are loaded; files are read when needed.
    - **Returns** nothing.

    ```python
    CRITERIA = Path(__file__).parent / "criteria"

    @hookimpl
    def register_criteria(register):
        for path in sorted(CRITERIA.glob("*.toml")):
            register(path)
    ```
    """


@hookspec
def register_tie_policies(
    register: Callable[[str, Callable[[Sequence[Decimal]], list[int]]], None],
) -> None:
    """Register named tie policies for a set's ``ties`` key: ``register(name, policy)``.

    Register named tie policies, which a criteria set chooses with its `ties`
    key (the core registers `shared`: 1, 2, 2, 4 and `dense`: 1, 2, 2, 3).

    - **register** — `register(name, policy)`: `policy(values)` receives one
      value per unit of a group, ordered best first, and returns their ranks. It
      must treat equal neighbouring values as tied and use only that equality
      (not the size of the values: when a `tie_break` hook separates units, the
      values are positions, not indexes).
    - **Called** once, when plugins are loaded.
    - **Returns** nothing.

    ```python
    def unique_ranks(values):          # no shared ranks: ties keep unit-id order
        return list(range(1, len(values) + 1))

    @hookimpl
    def register_tie_policies(register):
        register("unique", unique_ranks)
    ```
    """


# -- loading: called for every criteria set and assessment -------------------------


@hookspec(firstresult=True)
def select_criteria(unit: Unit, year: int | None) -> str | None:
    """Name the criteria set (id or path) for an assessment that names none.

    Name the criteria set of an assessment file that has no `criteria` key.

    - **unit** — `Unit` (`id`, `name`, `group`, `tags`) read leniently from the
      file's `[unit]` table.
    - **year** — the file's `year`, or `None` when it is missing or not a number.
    - **Called** for every assessment without `criteria` (and no `--criteria`
      option), before it is loaded. First answer wins.
    - **Returns** a criteria-set id or a path, or `None` to leave it to others
      (then the missing key is an error).

    ```python
    @hookimpl
    def select_criteria(unit, year):
        if year == 2024 and unit.id.lower().endswith(("pa08", "pc06", "pc07", "pc08")):
            return "ca-tinh-2024-bang2"
        return None
    ```
    """


@hookspec
def check_criteria(criteria: CriteriaSet) -> Iterable[Issue] | None:
    """Return extra issues about a loaded criteria set (errors reject the set).

    Add validation of a criteria set beyond the format's own.

    - **criteria** — the loaded `CriteriaSet` (`criteria.node(code)`,
      `criteria.leaves()`, `criteria.path`, …).
    - **Called** for every set loaded without errors, whenever a command loads
      it (`check`, scoring, `criteria`, `plugins`).
    - **Returns** a list of `Issue`s (or `None`). An `Issue("error", …)` rejects
      the set like a format error; warnings are shown.

    ```python
    @hookimpl
    def check_criteria(criteria):
        if not criteria.id.startswith("hanam-2023-") or "7.3" not in criteria:
            return None
        node = criteria.node("7.3")
        if node.max != 7:
            return [Issue("warning", msg("hanam.max_differs", code="7.3", expected=7, got=node.max),
                          Location(criteria.path, "7.3", "max"))]
        return []
    ```
    """


@hookspec
def check_assessment(criteria: CriteriaSet, assessment: Assessment) -> Iterable[Issue] | None:
    """Return extra issues about an assessment (errors leave the unit unscored).

    Add validation of one unit's assessment.

    - **criteria** — the `CriteriaSet` it is scored with.
    - **assessment** — the loaded `Assessment` (`unit`, `year`, `answers`,
      `not_applicable`, `appraisal`, `survey`, `path`).
    - **Called** for every assessment loaded without errors, before scoring.
    - **Returns** a list of `Issue`s (or `None`). An error leaves the unit
      unscored (the command exits 1); warnings are carried into the unit's
      result and shown in its report.

    ```python
    register_messages({"vd.no_tags": ("đơn vị chưa có nhãn (tags) nên không xác định được "
                                       "tiêu chí nào áp dụng", "the unit has no tags, so "
                                       "which criteria apply cannot be decided")})

    @hookimpl
    def check_assessment(criteria, assessment):
        if criteria.id.startswith("vd-") and not assessment.unit.tags:
            return [Issue("warning", msg("vd.no_tags"), Location(assessment.path, key="unit.tags"))]
        return []
    ```

    `cchc-congan` uses this hook to warn when a police unit is scored with the
    other table.
    """


# -- scoring: called for every unit, then for every group --------------------------


@hookspec
def adjust_result(
    criteria: CriteriaSet, assessment: Assessment, result: UnitResult
) -> UnitResult | None:
    """Return an adjusted copy of a unit's result, or None to leave it as it is.

    Change a unit's result after scoring: a policy the criteria file cannot
    express (nodes that do not count for some units, a rescaling, a cap).

    - **criteria**, **assessment** — as above.
    - **result** — the `UnitResult`: `points`, `max`, `index`, `band`, `pools`,
      `nodes` (the tree of `NodeResult`), `issues`, `stage`.
    - **Called** for every scored unit, before classification and ranking; every
      plugin in turn, each receiving the previous one's output.
    - **Returns** a new `UnitResult` for the same unit, or `None` to leave it.
      Rebuild totals with `cchc_score.summarise(criteria, assessment, stage,
      nodes, issues)` (pools, points, max, index and band, consistently) or use
      `mark_not_applicable` below; never patch `points` alone.

    ```python
    from cchc_score.plugins import mark_not_applicable

    @hookimpl
    def adjust_result(criteria, assessment, result):
        # Hà Nam 2023: units with no administrative procedures skip 3, 7.3 and 7.5
        if criteria.id.startswith("hanam-2023-") and "khong-tthc" in assessment.unit.tags:
            return mark_not_applicable(result, assessment, ("3", "7.3", "7.5"), msg("hanam.na"))
        return None
    ```

    A province that runs no survey and rescales the appraised score to 100 needs
    no hook: survey leaves without values are *pending*, out of the unit's
    maximum, so the index is already the appraised points over the appraised
    maximum × 100. To show them as not applicable instead of pending, mark the
    survey leaves with `mark_not_applicable`.
    """


@hookspec(firstresult=True)
def classify(criteria: CriteriaSet, result: UnitResult) -> str | tuple[str, str | Msg] | None:
    """Return the band of a unit's result (or band, reason), or None for the set's bands.

    Give a unit's band when the set's `[[bands]]` cannot express it (bands by
    group, by year, or with extra conditions).

    - **criteria**, **result** — as above; `result.published_index` is the index
      rounded to the set's decimals, as provinces compare it.
    - **Called** for every scored unit, after `adjust_result`. First answer wins.
    - **Returns** the band's name, or `(band, reason)` where the reason (a `str`
      or a `msg(...)`) is published beside the band in every format ("Xuất sắc
      (không có điểm trừ)"), or `None` to keep the band from the set's
      `[[bands]]`. If the hook fails for a unit, that unit gets no band at all.

    ```python
    @hookimpl
    def classify(criteria, result):
        if criteria.id != "vd-2024-so":
            return None
        if result.published_index >= 90 and result.pools["penalty"] == 0:
            return "Xuất sắc"
        return "Tốt" if result.published_index >= 80 else "Khá"
    ```
    """


@hookspec(firstresult=True)
def tie_break(
    criteria: CriteriaSet, result: UnitResult
) -> Decimal | int | tuple[Decimal | int | str | Msg, ...] | None:
    """Return a key ordering units of equal index (larger first; may end with a reason).

    Order units whose published indexes are equal, when the province breaks ties
    (by default they share a rank: 1, 2, 2, 4).

    - **criteria**, **result** — as above.
    - **Called** for every ranked unit, when its group is ranked. First answer wins.
    - **Returns** a number or a tuple of numbers — a larger key ranks higher;
      units with equal keys stay tied and a unit without a key ranks after those
      with one — or `None` for sets the plugin does not own. Append a reason (a
      `str` or a `msg(...)`) as the tuple's last item, `(key, reason)`, and it is
      published beside the rank of every unit that shared its index with another
      ("so-d above so-c at 92,00: survey 28,5 against 27,0"), in every format
      (the ranking's "Lý do" column, the summary line, JSON `rank_reason`).

    ```python
    @hookimpl
    def tie_break(criteria, result):
        if criteria.id != "vd-2024-so":
            return None
        survey = result.pools["survey"]
        return (survey, result.node("1").points, msg("vd.tie_survey", points=survey))
    ```
    """


#: the hook reference's sections (docs/hooks.md is generated from them and the
#: docstrings above: `python -m cchc_score._hookdoc > docs/hooks.md`)
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Registration hooks",
     "Called once per run, when the plugin registry is built, before any file is read.",
     ("register_rule_kinds", "register_criteria", "register_tie_policies")),
    ("Loading hooks",
     "Called for every criteria set and assessment file, while they are loaded.",
     ("select_criteria", "check_criteria", "check_assessment")),
    ("Scoring hooks",
     "Called for every scored unit, after the group stage; `tie_break` when its group "
     "is ranked.",
     ("adjust_result", "classify", "tie_break")),
)

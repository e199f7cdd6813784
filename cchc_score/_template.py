"""`cchc-score template CRITERIA -o FILE.toml`: a blank assessment to fill.

Every leaf gets a table with an empty evidence list and, as comments, what
to declare and what each outcome is worth, written from the leaf's rule.
The blank file is itself a valid assessment: it scores (every leaf not yet
declared, 0 points), so a unit can fill it a few criteria at a time. The
same hints label the Excel form's guidance column (`cchc_score.office`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from . import _toml_write as tw
from ._embed import Embedded
from ._i18n import Msg, msg
from ._model import CriteriaSet
from .exceptions import RuleFailed
from .rules import (
    Bonus,
    Choice,
    Deadline,
    Deduction,
    Manual,
    Proportional,
    Rule,
    Tiers,
    YesNo,
    guarded,
)


def value_hint(rule: Rule, year: int, lang: str = "vi", *, form: bool = False,
               role: str = "score") -> list[str]:
    """Lines saying what to declare for a leaf and what each outcome scores.

    `form`: the words of the Excel form, read by people rather than typed
    into a file: option labels as the drop-down lists show them, dates as
    Excel takes them, never program values (true/false, option keys).
    `role`: the leaf's component's role; a penalty's points are subtracted
    from the total, and the hint says so."""
    lines = _value_hint(rule, year, lang, form=form)
    if role == "penalty":
        if isinstance(rule, Bonus):
            lines = [lines[0], msg("num.tpl_penalty_items", per_item=rule.per_item,
                                   cap=rule.cap).render(lang)]
        lines.append(msg("num.tpl_penalty").render(lang))
    return lines


def example_for(rule: Rule, role: str) -> Any:
    """The value a template suggests: the best outcome's fact, and for a
    penalty the clean record (no violation), never the worst."""
    if role == "penalty":
        return False if rule.value_type == "bool" else 0
    return example_value(rule)


def roles(criteria: CriteriaSet) -> dict[str, str]:
    """Node code → the role of its component (written on the component only)."""
    return {n.code: root.role for root in criteria.roots for n in root.walk()}


def _value_hint(rule: Rule, year: int, lang: str, *, form: bool) -> list[str]:
    def t(name: str, /, **kw: Any) -> str:
        return msg(name, **kw).render(lang)

    if form:
        people = _form_hint(rule, year, lang)
        if people is not None:
            return people
    if isinstance(rule, YesNo):
        what = t("office.tpl_bool")
        if negative(rule.yes_label) or negative(rule.no_label):
            # "có / không" would invite "có" for "Có vi phạm": name the options
            what = t("num.tpl_bool_labels", yes=rule.yes_label or t("yes"),
                     no=rule.no_label or t("no"))
        return [t("office.tpl_what", what=what),
                t("office.tpl_yes", label=rule.yes_label or msg("yes"), points=rule.yes),
                t("office.tpl_no", label=rule.no_label or msg("no"), points=rule.no)]
    if isinstance(rule, Choice):
        return [t("office.tpl_what", what=t("office.tpl_choice"))] + [
            t("office.tpl_option", key=o.key, label=o.label, points=o.points)
            for o in rule.options]
    if isinstance(rule, Deadline):
        return [t("office.tpl_what", what=t("office.tpl_deadline", due=rule.due_date(year))),
                *_deadline_outcomes(rule, year, lang)]
    if isinstance(rule, Tiers):
        lines = [t("office.tpl_what", what=_fact(rule.over, rule.unit, lang))]
        for i, tier in enumerate(rule.tiers):
            lines.append(t("office.tpl_band", band=rule.band_label(i), points=tier.points))
        if rule.tiers:
            lines.append(t("office.tpl_band", band=rule.band_label(None), points=rule.below))
        if rule.over == "ratio" or rule.none_arose:
            lines.append(t(f"office.tpl_zero_{rule.zero_denominator}"))
        if rule.none_arose:
            lines.append(t("num.tpl_none_arose"))
        if rule.above_100:
            lines.append(t("num.tpl_above_100"))
        return lines
    if isinstance(rule, Proportional):
        lines = [t("office.tpl_what", what=_fact(rule.over, None, lang)),
                 t("office.tpl_proportional", max=rule.max)]
        if rule.none_arose:
            lines += [t(f"office.tpl_zero_{rule.zero_denominator}"), t("num.tpl_none_arose")]
        return lines
    if isinstance(rule, Deduction):
        return [t("office.tpl_what", what=_fact("number", rule.unit, lang)),
                t("office.tpl_deduction", per_item=rule.per_item, max=rule.max)]
    if isinstance(rule, Bonus):
        return [t("office.tpl_what", what=_fact("number", rule.unit, lang)),
                t("office.tpl_bonus", per_item=rule.per_item, cap=rule.cap)]
    if isinstance(rule, Manual):
        step = t("office.tpl_step", step=rule.step) if rule.step else ""
        return [t("office.tpl_what", what=t("office.tpl_points", max=rule.max, step=step))]
    return _plugin_hint(rule, lang)


def _plugin_hint(rule: Rule, lang: str) -> list[str]:
    """Another kind (a plugin's): its own description and levels; a kind
    whose code fails here is described by its value type."""
    def text(value: str | Msg) -> str:
        return value.render(lang) if isinstance(value, Msg) else str(value)

    try:
        what = guarded(rule.kind, "", "describe_value", rule.describe_value)
        levels = guarded(rule.kind, "", "levels", lambda: list(rule.levels()))
    except RuleFailed:
        return [msg("office.tpl_what", what=rule.value_type).render(lang)]
    return [msg("office.tpl_what", what=text(what)).render(lang),
            *(msg("office.tpl_band", band=text(label), points=points).render(lang)
              for label, points in levels)]


def _form_hint(rule: Rule, year: int, lang: str) -> list[str] | None:
    """The form's wording where it differs from the TOML template's."""
    def t(name: str, /, **kw: Any) -> str:
        return msg(name, **kw).render(lang)

    if isinstance(rule, YesNo):
        yes = rule.yes_label or t("yes").capitalize()
        no = rule.no_label or t("no").capitalize()
        return [t("form.pick", options=f"{yes} / {no}"),
                t("form.outcome", label=yes, points=rule.yes),
                t("form.outcome", label=no, points=rule.no)]
    if isinstance(rule, Choice):
        return [t("form.pick", options=" / ".join(o.label for o in rule.options)),
                *(t("form.outcome", label=o.label, points=o.points) for o in rule.options)]
    if isinstance(rule, Deadline):
        return [t("form.deadline", due=rule.due_date(year)),
                *_deadline_outcomes(rule, year, lang)]
    if isinstance(rule, Tiers | Proportional) and rule.over == "ratio":
        rest = _value_hint(rule, year, lang, form=False)[1:]
        return [t("form.ratio"), *rest]
    return None


_NEGATIONS = ("không", "chưa", "no ", "not ", "without")


def negative(label: str | None) -> bool:
    """Whether an option's label is worded negatively ("Không có vi phạm"),
    so that a bare yes/no prompt would read the wrong way round."""
    text = " ".join((label or "").split()).lower()
    return any(text.startswith(word) for word in _NEGATIONS)


def _fact(over: str, unit: str | None, lang: str) -> str:
    if over == "percent":
        return msg("office.tpl_percent").render(lang)
    if over == "ratio":
        return msg("office.tpl_ratio").render(lang)
    return msg("office.tpl_number", unit=f" {unit}" if unit else "").render(lang)


def _deadline_outcomes(rule: Deadline, year: int, lang: str) -> list[str]:
    due = rule.due_date(year)
    lines = [msg("office.tpl_on_time", due=due, points=rule.on_time).render(lang)]
    for late in rule.late:
        lines.append(msg("office.tpl_late", days=late.days, points=late.points).render(lang))
    lines.append(msg("office.tpl_later", points=rule.late_points).render(lang))
    lines.append(msg("office.tpl_missing", points=rule.missing).render(lang))
    return lines


def example_value(rule: Rule) -> Any:
    """A value that scores the rule's best outcome, or None when the rule
    cannot say (a plugin's kind without `example`)."""
    try:
        value = rule.example()
    except (NotImplementedError, AttributeError, TypeError, ValueError):
        return None
    if isinstance(value, float):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def toml_template(criteria: CriteriaSet, *, ref: str, unit_id: str, unit_name: str | None = None,
                  year: int | None = None, output_name: str = "FILE.toml",
                  lang: str = "vi", embed: Embedded | None = None, group: str | None = None,
                  tags: tuple[str, ...] = ()) -> str:
    """The blank assessment text for `criteria` (named by `ref`: its id or
    its path) and one unit; `embed` carries the set's text in the file."""
    year = year or criteria.years[0]
    def t(name: str, /, **kw: Any) -> str:
        return msg(name, **kw).render(lang)

    lines = tw.comment(t("office.tpl_header", title=criteria.title, id=criteria.id))
    lines += ["#", *tw.comment(t("office.tpl_howto", file=output_name))]
    lines.append("")
    lines += tw.assignments({"schema": 1, "criteria": ref, "year": year})
    lines += ["", "[unit]"]
    lines += tw.assignments({"id": unit_id, "name": unit_name or unit_id,
                             "group": group or criteria.group, "tags": list(tags)})
    lines += tw.comment(t("office.tpl_tags"))
    role_of = roles(criteria)
    for node in criteria.walk():
        lines.append("")
        heading = t("office.tpl_node", code=node.code, title=node.title, max=node.max)
        if not node.is_leaf:
            lines += tw.comment(("=" if node.depth == 1 else "-") * 3 + " " + heading)
            continue
        if node.method == "survey":
            lines += tw.comment(heading)
            lines += tw.comment(t("office.tpl_survey"))
            continue
        assert node.rule is not None
        lines.append(f"[answers.{tw.string(node.code)}]")
        lines += tw.comment(heading)
        if node.hint:
            lines += tw.comment(node.hint)
        lines += tw.comment("\n".join(value_hint(node.rule, year, lang,
                                                 role=role_of[node.code])))
        example = example_for(node.rule, role_of[node.code])
        if example is not None:
            with contextlib.suppress(TypeError):
                lines.append(f"# value = {tw.value(example)}")
        lines.append("evidence = []  " + tw.comment(t("office.tpl_evidence"))[0])
        lines.append('# note = ""')
    lines += ["", "[not_applicable]", *tw.comment(t("office.tpl_na"))]
    if embed is not None:
        lines += ["", *tw.comment(t("emb.comment")), *embed.toml()]
    return "\n".join(lines) + "\n"

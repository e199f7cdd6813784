"""Load and validate criteria files, reporting every problem at once."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._i18n import Msg, msg
from .._limits import DEPTH, NODES
from .._model import Applies, Band, CriteriaSet, Issue, Location, Node, Source
from .._numbers import PRECISION, NumberError, parse_decimal
from .._toml import load_toml
from ..exceptions import RuleFailed
from ..rules import InvalidParams, Rule, RuleKinds, guarded
from ._requires import Available, check_requires, plugin_tables
from ._semantics import penalty_problems

CODE = re.compile(r"^\d+(\.\d+)*$")
ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TOP_KEYS = {"schema", "id", "title", "group", "years", "scale", "decimals", "precision",
            "ties", "source", "bands", "nodes", "requires", "plugin"}
NODE_KEYS = {"code", "title", "max", "method", "evidence", "role", "applies", "hint",
             "source_text", "rule", "plugin"}
SOURCE_KEYS = {"issuer", "decision", "date", "note", "url", "provenance", "defects"}
DEFAULT_TIES = ("shared", "dense")


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []

    def error(self, message: Msg, code: str | None = None, key: str | None = None) -> None:
        self.issues.append(Issue("error", message, Location(self.file, code, key)))

    def warn(self, message: Msg, code: str | None = None, key: str | None = None) -> None:
        self.issues.append(Issue("warning", message, Location(self.file, code, key)))

    @property
    def failed(self) -> bool:
        return any(i.level == "error" for i in self.issues)


def check_criteria(
    path: Path | str, kinds: RuleKinds, tie_policies: Collection[str] = DEFAULT_TIES,
    plugins: Available | None = None, *,
    loaded: tuple[dict[str, Any] | None, str, list[Issue]] | None = None,
) -> tuple[CriteriaSet | None, list[Issue]]:
    """Load a criteria file. Returns the set (None when there are errors) and
    every issue found. `loaded`: what `load_toml` gave for the file, when
    the caller has already parsed it."""
    path = Path(path)
    data, digest, issues = load_toml(path) if loaded is None else loaded
    if data is None:
        return None, issues
    if "nodes" not in data and ("unit" in data or "answers" in data):
        # A unit's assessment given where a criteria file is expected: one
        # clear sentence instead of a dozen missing and unknown keys.
        return None, [Issue("error", msg("crit.is_assessment"), Location(str(path)))]
    return parse_criteria(data, str(path), kinds, digest, tie_policies, plugins)


def parse_criteria(
    data: Mapping[str, Any], file: str, kinds: RuleKinds, digest: str = "",
    tie_policies: Collection[str] = DEFAULT_TIES, plugins: Available | None = None,
) -> tuple[CriteriaSet | None, list[Issue]]:
    """A criteria set from its parsed TOML. `plugins` (name → version) are
    the plugins loaded, which ``requires`` and ``plugin.<name>`` tables name;
    by default those that registered the rule kinds in `kinds`."""
    c = _Collector(file)
    if plugins is None:
        plugins = dict.fromkeys(kinds.owners.values())
    requires: list[str] = []
    if "requires" in data:
        requires, found = check_requires(data["requires"], plugins, file)
        c.issues.extend(found)
    plugin_data: dict[str, Mapping[str, Any]] = {}
    if "plugin" in data:
        plugin_data, found = plugin_tables(data["plugin"], plugins, file)
        c.issues.extend(found)
    for key in sorted(set(data) - TOP_KEYS):
        c.warn(msg("crit.unknown_key", key=key), key=key)
    for key in ("schema", "id", "title", "group", "years", "source", "nodes"):
        if key not in data:
            c.error(msg("crit.missing_key", key=key), key=key)
    set_id = _text(c, data, "id")
    if set_id and not ID.match(set_id):
        c.error(msg("crit.bad_value", key="id", problem="a-z, 0-9, '-', '.', '_'"), key="id")
    title = _text(c, data, "title")
    group = _text(c, data, "group")
    years = _years(c, data.get("years"))
    scale = _decimal(c, data, "scale", Decimal(100))
    decimals = data.get("decimals", 2)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6:
        c.error(msg("crit.bad_value", key="decimals", problem="0–6"), key="decimals")
        decimals = 2
    precision = data.get("precision", PRECISION)
    if (not isinstance(precision, int) or isinstance(precision, bool)
            or not decimals <= precision <= PRECISION):
        c.error(msg("crit.bad_value", key="precision", problem=f"{decimals}–{PRECISION}"),
                key="precision")
        precision = PRECISION
    ties = data.get("ties", "shared")
    if ties not in tie_policies:
        c.error(msg("crit.bad_value", key="ties",
                    problem=msg("par.one_of", allowed=sorted(tie_policies))), key="ties")
    source = _source(c, data.get("source"))
    bands = _bands(c, data.get("bands", []), scale)
    roots = _nodes(c, data.get("nodes", []), kinds, plugins)
    if roots:
        total = sum((r.max for r in roots if r.role == "score"), Decimal(0))
        if total == 0:
            c.error(msg("crit.total_zero"), key="nodes")
        elif total != scale:
            c.warn(msg("crit.total", total=total, scale=scale), key="nodes")
    if years is not None:
        for problem, code, key in penalty_problems(roots, years[0]):
            c.warn(problem, code, key)
    if c.failed or source is None or years is None:
        return None, c.issues
    return CriteriaSet(
        id=set_id or "", title=title or "", group=group or "", years=years, source=source,
        roots=tuple(roots), scale=scale, decimals=decimals, precision=precision,
        ties=str(ties), bands=tuple(bands), path=file, content_hash=digest,
        requires=tuple(requires), plugin_data=plugin_data,
    ), c.issues


def _text(c: _Collector, data: Mapping[str, Any], key: str, where: str | None = None) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        c.error(msg("crit.bad_value", key=key, problem=msg("par.empty")), key=where or key)
        return None
    return value.strip()


def _decimal(c: _Collector, data: Mapping[str, Any], key: str, default: Decimal,
             code: str | None = None) -> Decimal:
    if key not in data:
        return default
    try:
        value = parse_decimal(data[key])
    except NumberError as e:
        c.error(msg("crit.bad_value", key=key, problem=e.message), code, key)
        return default
    if value < 0:
        c.error(msg("crit.bad_value", key=key, problem=msg("par.nonneg")), code, key)
        return default
    return value


#: years a set or an assessment may name at all: 20244 for 2024 is an error,
#: not a date overflow in a deadline rule (a set's own `years` only warn)
YEARS = (1900, 2999)


def _years(c: _Collector, raw: Any) -> tuple[int, int] | None:
    if raw is None:
        return None
    years: tuple[int, int] | None = None
    if (isinstance(raw, list) and len(raw) == 2 and all(isinstance(y, int) for y in raw)
            and raw[0] <= raw[1]):
        years = (raw[0], raw[1])
    elif isinstance(raw, int) and not isinstance(raw, bool):
        years = (raw, raw)
    if years is None:
        c.error(msg("crit.years"), key="years")
    elif not all(YEARS[0] <= y <= YEARS[1] for y in years):
        c.error(msg("crit.bad_value", key="years", problem=msg(
            "val.between", first=YEARS[0], last=YEARS[1], raw=raw)), key="years")
        years = None
    return years


def _source(c: _Collector, raw: Any) -> Source | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        c.error(msg("crit.bad_value", key="source", problem=msg("par.table")), key="source")
        return None
    for key in sorted(set(raw) - SOURCE_KEYS):
        c.warn(msg("crit.unknown_key", key=key), key=f"source.{key}")
    for key in ("issuer", "decision"):
        if key not in raw:
            c.error(msg("crit.missing_key", key=key), key=f"source.{key}")
    date = raw.get("date")
    if date is not None and not isinstance(date, dt.date):
        c.error(msg("crit.bad_value", key="date", problem="YYYY-MM-DD"), key="source.date")
        date = None
    defects = raw.get("defects", [])
    if not isinstance(defects, list) or not all(isinstance(d, str) for d in defects):
        c.error(msg("crit.bad_value", key="defects", problem=msg("par.list")),
                key="source.defects")
        defects = []
    return Source(
        issuer=str(raw.get("issuer", "")), decision=str(raw.get("decision", "")), date=date,
        note=raw.get("note"), url=raw.get("url"), provenance=raw.get("provenance"),
        defects=tuple(defects),
    )


def _bands(c: _Collector, raw: Any, scale: Decimal) -> list[Band]:
    if not isinstance(raw, list):
        c.error(msg("crit.bad_value", key="bands", problem=msg("par.list")), key="bands")
        return []
    bands: list[Band] = []
    for i, item in enumerate(raw):
        key = f"bands[{i}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str) \
                or "min" not in item:
            c.error(msg("crit.bad_value", key=key, problem="{ name = \"…\", min = … }"), key=key)
            continue
        band_min = _decimal(c, item, "min", Decimal(0))
        band = Band(item["name"], band_min)
        if not 0 <= band.min <= scale:
            c.error(msg("crit.band_range", name=band.name, min=band.min, scale=scale), key=key)
        if bands and band.min >= bands[-1].min:
            c.error(msg("crit.bands_order", a=bands[-1].name, amin=bands[-1].min, b=band.name,
                        bmin=band.min), key=key)
        bands.append(band)
    return bands


def _parent(code: str) -> str | None:
    return code.rpartition(".")[0] or None


def _nodes(c: _Collector, raw: Any, kinds: RuleKinds, plugins: Available) -> list[Node]:
    if not isinstance(raw, list):
        c.error(msg("crit.bad_value", key="nodes", problem=msg("par.list")), key="nodes")
        return []
    tables: dict[str, Mapping[str, Any]] = {}
    order: list[str] = []
    if len(raw) > NODES.value:
        c.error(NODES.problem(), key="nodes")
        return []
    too_deep = False
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            c.error(msg("crit.bad_value", key=f"nodes[{i}]", problem=msg("par.table")),
                    key=f"nodes[{i}]")
            continue
        code = item.get("code")
        if not isinstance(code, str | int) or not CODE.match(str(code).strip()):
            c.error(msg("crit.bad_code", code=code), key=f"nodes[{i}].code")
            continue
        code = str(code).strip()
        if code.count(".") >= DEPTH.value:  # said once: every deeper code is the same problem
            if not too_deep:
                c.error(DEPTH.problem(), code, f"nodes[{i}].code")
            too_deep = True
            continue
        if code in tables:
            c.error(msg("crit.dup_code", code=code), code)
            continue
        tables[code] = item
        order.append(code)
    children: dict[str | None, list[str]] = {}
    for code in order:
        parent = _parent(code)
        if parent is not None and parent not in tables:
            c.error(msg("crit.orphan", code=code, parent=parent), code)
            continue
        children.setdefault(parent, []).append(code)

    # Children before their parent (post-order), iteratively: a tree is
    # never deep enough to need recursion, and recursion must not decide that.
    built: dict[str, Node | None] = {}
    stack = [(code, False) for code in reversed(children.get(None, []))]
    while stack:
        code, expanded = stack.pop()
        kids_codes = children.get(code, [])
        if not expanded:
            stack.append((code, True))
            stack.extend((k, False) for k in reversed(kids_codes))
            continue
        kids = [built[k] for k in kids_codes]
        built[code] = _node(c, code, tables[code], tuple(k for k in kids if k is not None),
                            kinds, plugins, complete=all(k is not None for k in kids))
    roots = [built[code] for code in children.get(None, [])]
    return [r for r in roots if r is not None]


def _node(c: _Collector, code: str, item: Mapping[str, Any], kids: tuple[Node, ...],
          kinds: RuleKinds, plugins: Available, *, complete: bool) -> Node | None:
    for key in sorted(set(item) - NODE_KEYS):
        hint = difflib.get_close_matches(key, NODE_KEYS, 1)
        c.error(msg("crit.unknown_key", key=key + (f" (→ {hint[0]}?)" if hint else "")),
                code, key)
    title = _text(c, item, "title", "title") or ""
    if "title" not in item:
        c.error(msg("crit.missing_key", key="title"), code, "title")
    if "max" not in item:
        c.error(msg("crit.missing_key", key="max"), code, "max")
    node_max = _decimal(c, item, "max", Decimal(0), code)
    method = item.get("method", "self")
    if method not in ("self", "survey"):
        c.error(msg("crit.bad_value", key="method", problem=msg("par.one_of",
                                                              allowed=["self", "survey"])),
                code, "method")
        method = "self"
    evidence = item.get("evidence", "required" if method == "self" else "none")
    if evidence not in ("required", "optional", "none"):
        c.error(msg("crit.bad_value", key="evidence", problem=msg(
            "par.one_of", allowed=["required", "optional", "none"])), code, "evidence")
        evidence = "required"
    role = item.get("role", "score")
    if role not in ("score", "bonus", "penalty"):
        c.error(msg("crit.bad_value", key="role", problem=msg(
            "par.one_of", allowed=["score", "bonus", "penalty"])), code, "role")
        role = "score"
    if "role" in item and "." in code:
        c.error(msg("crit.role"), code, "role")
    applies = _applies(c, code, item.get("applies"))
    rule: Rule | None = None
    if kids:
        if "rule" in item:
            c.error(msg("crit.rule_on_parent"), code, "rule")
        total = sum((k.max for k in kids), Decimal(0))
        if complete and total != node_max:
            c.error(msg("crit.sum", max=node_max, total=total,
                        children=[msg("crit.child", code=k.code, max=k.max) for k in kids]),
                    code, "max")
    else:
        rule = _rule(c, code, item.get("rule"), node_max, kinds)
    source_text = item.get("source_text")
    hint_text = item.get("hint")
    plugin_data: dict[str, Mapping[str, Any]] = {}
    if "plugin" in item:
        plugin_data, found = plugin_tables(item["plugin"], plugins, c.file, code)
        c.issues.extend(found)
    return Node(
        code=code, title=title, max=node_max, children=kids, rule=rule, method=method,
        evidence=evidence, role=role, applies=applies,
        hint=hint_text if isinstance(hint_text, str) else None,
        source_text=source_text if isinstance(source_text, str) else None,
        plugin_data=plugin_data,
    )


def _applies(c: _Collector, code: str, raw: Any) -> Applies:
    if raw is None:
        return Applies()
    ok = isinstance(raw, Mapping) and set(raw) <= {"any", "none"} and all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in raw.values())
    if not ok:
        c.error(msg("crit.bad_value", key="applies", problem='{ any = ["…"], none = ["…"] }'),
                code, "applies")
        return Applies()
    return Applies(tuple(raw.get("any", ())), tuple(raw.get("none", ())))


def _rule(c: _Collector, code: str, raw: Any, node_max: Decimal, kinds: RuleKinds) -> Rule | None:
    if raw is None:
        c.error(msg("crit.no_rule"), code, "rule")
        return None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("kind"), str):
        c.error(msg("crit.missing_key", key="rule.kind"), code, "rule.kind")
        return None
    kind = raw["kind"]
    if kind not in kinds:
        close = difflib.get_close_matches(kind, list(kinds), 1)
        hint = msg("asm.did_you_mean", suggestion=close[0]) if close else ""
        if ":" in kind and not close:  # a plugin's namespaced kind: name the plugin
            hint = msg("crit.kind_hint", kind=kind, plugin=kind.partition(":")[0])
        c.error(msg("crit.unknown_kind", kind=kind, hint=hint, known=sorted(kinds)),
                code, "rule.kind")
        return None
    try:
        rule = guarded(kind, code, "build", lambda: kinds.build(raw, node_max),
                       (InvalidParams,))
        best = guarded(kind, code, "best", rule.best)
    except InvalidParams as e:
        for key, problem in e.problems:
            c.error(problem, code, f"rule.{key}")
        return None
    except RuleFailed as e:
        # the set cannot be used, so an error; it names who to ask
        c.error(msg("crit.kind_failed", kind=kind, plugin=kinds.owners.get(kind, "?"),
                    method=msg(f"plg.method.{e.method}"), error=e.error), code, "rule")
        return None
    if best > node_max:
        c.error(msg("crit.best_over", best=best, max=node_max), code, "rule")
    elif best < node_max:
        c.warn(msg("crit.best_under", best=best, max=node_max), code, "rule")
    return rule

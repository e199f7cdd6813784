"""The rule interface every rule kind implements, and the helpers they share."""

from __future__ import annotations

import abc
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from .._i18n import Msg, msg
from .._model import Unit
from .._numbers import NumberError, parse_decimal
from ..exceptions import RuleFailed, describe_error

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@attrs.frozen
class Outcome:
    """What a rule gives for one value: points, a one-line explanation, and
    whether the value makes the leaf not applicable (a 0/0 declared so) or
    pending (waiting for data: neither earned nor lost, left out of the
    maximum, as a survey leaf without results)."""

    points: Decimal
    explanation: Msg
    na: bool = False
    pending: bool = False


@attrs.frozen
class Context:
    """What a rule may know besides the value: the assessment year, the unit
    (its id, group and tags; None when a rule is tried on its own) and the
    unit's declared facts at every leaf, by code (`value`), so that a rule
    can depend on another leaf ("2.3 scores only if 2.2 ≥ 95%").

    These are the facts the unit declared (at the appraised stage, the
    council's corrected facts where it gave one), never other leaves'
    points: a rule reading them cannot start a cycle, and the order in which
    leaves are scored does not matter."""

    year: int
    unit: Unit | None = None
    values: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def group(self) -> str | None:
        return self.unit.group if self.unit is not None else None

    @property
    def tags(self) -> frozenset[str]:
        return self.unit.tags if self.unit is not None else frozenset()

    def value(self, code: str) -> Any:
        """The unit's parsed fact at leaf `code`, None when not declared."""
        return self.values.get(code)


@attrs.frozen
class Step:
    """The next band a leaf can reach: its points, what the unit would have to
    declare (one line, e.g. "reach 95% to under 100%: at least 190/200"), and
    a raw value to try with `--set CODE=VALUE` (None when there is no single
    value to suggest)."""

    points: Decimal
    need: Msg
    example: str | None = None


class InvalidValue(Exception):
    """A declared value does not fit the rule; carries a translatable message."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


class InvalidParams(Exception):
    """A rule's parameters in a criteria file are wrong: (key path, message) pairs."""

    def __init__(self, problems: list[tuple[str, Msg]]) -> None:
        super().__init__("; ".join(f"{k}: {m}" for k, m in problems))
        self.problems = problems


class Params:
    """Reads a rule's parameter table, collecting every problem before failing.

    Each accessor records the key as known; `finish()` reports unknown keys and
    raises `InvalidParams` if anything was wrong.
    """

    def __init__(self, kind: str, raw: Mapping[str, Any]) -> None:
        self.kind = kind
        self.raw = raw
        self.known: set[str] = {"kind"}
        self.problems: list[tuple[str, Msg]] = []

    def problem(self, key: str, message: Msg) -> None:
        self.problems.append((key, message))

    def get(self, key: str, default: Any = None, *, required: bool = False) -> Any:
        self.known.add(key)
        if key not in self.raw:
            if required:
                self.problem(key, msg("par.missing", key=key))
            return default
        return self.raw[key]

    def decimal(
        self, key: str, default: Decimal | None = None, *, required: bool = False,
        positive: bool = False,
    ) -> Decimal | None:
        raw = self.get(key, None, required=required)
        if raw is None:
            return default
        return self.check_decimal(key, raw, positive=positive)

    def check_decimal(self, key: str, raw: Any, *, positive: bool = False) -> Decimal | None:
        try:
            value = parse_decimal(raw)
        except NumberError as e:
            self.problem(key, msg("par.type", key=key, problem=e.message))
            return None
        if value < 0 or (positive and value == 0):
            self.problem(key, msg("par.type", key=key,
                                  problem=msg("par.positive" if positive else "par.nonneg")))
            return None
        return value

    def text(self, key: str, default: str | None = None, *, required: bool = False,
             choices: Iterable[str] | None = None) -> str | None:
        raw = self.get(key, None, required=required)
        if raw is None:
            return default
        if not isinstance(raw, str) or not raw.strip():
            self.problem(key, msg("par.type", key=key, problem=msg("par.empty")))
            return default
        if choices is not None and raw not in (allowed := tuple(choices)):
            self.problem(key, msg("par.type", key=key, problem=msg("par.one_of", allowed=allowed)))
            return default
        return raw

    def tables(self, key: str, *, required: bool = False) -> list[Mapping[str, Any]]:
        raw = self.get(key, None, required=required)
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(key, msg("par.type", key=key, problem=msg("par.list")))
            return []
        if not raw and required:
            self.problem(key, msg("par.type", key=key, problem=msg("par.empty")))
        good = []
        for i, item in enumerate(raw):
            if isinstance(item, Mapping):
                good.append(item)
            else:
                self.problem(f"{key}[{i}]", msg("par.type", key=f"{key}[{i}]",
                                                problem=msg("par.table")))
        return good

    def finish(self) -> None:
        for key in self.raw:
            if key not in self.known:
                self.problem(key, msg("par.unknown", key=key, kind=self.kind,
                                      allowed=sorted(self.known - {"kind"})))
        if self.problems:
            raise InvalidParams(self.problems)


class Rule(abc.ABC):
    """A scoring rule: computes a leaf's points from a declared fact.

    Subclasses set `kind` (the name used in criteria files) and `value_type`
    (what the fact is: "bool", "choice", "date", "number", "percent", "ratio",
    "points", "answers", or a plugin's own), and implement the four methods.
    Instances are immutable and are built once per leaf by `build`.
    """

    kind: ClassVar[str]
    value_type: ClassVar[str]

    max: Decimal

    @property
    def monotone(self) -> bool:
        """True when a larger fact never scores less (a count, a share).

        A property, not a class flag: whether a `tiers` rule is monotone
        depends on its points ("không vi phạm: 1; 1–2 vụ: 0,5; từ 3 vụ: 0"
        is a valid rule that falls as the count rises). Kinds that always are
        override it; the testing kit checks the claim."""
        return False

    @classmethod
    @abc.abstractmethod
    def build(cls, params: Params, node_max: Decimal) -> Rule:
        """Read parameters (via `params`, which collects problems) for a leaf
        whose maximum is `node_max`. Return the rule; the caller calls
        `params.finish()` afterwards."""

    @abc.abstractmethod
    def best(self) -> Decimal:
        """The highest points any value can give."""

    @abc.abstractmethod
    def parse_value(self, raw: Any) -> Any:
        """Turn a raw declared value (TOML, a spreadsheet cell) into the fact;
        raise `InvalidValue` when it does not fit."""

    @abc.abstractmethod
    def score(self, value: Any, ctx: Context) -> Outcome:
        """Points and explanation for a parsed value."""

    def choices(self) -> Sequence[str]:
        """The raw values a unit may declare when they are few ("0" to "4"):
        the Excel form offers them as a drop-down list, and what is chosen is
        read back through `parse_value`. () for a free value."""
        return ()

    #: True for kinds whose points depend on the other units of the group
    #: (a share of the group's mean, a bonus for the three best): the engine
    #: leaves such a leaf pending, and once every unit of the group is
    #: scored, `score_group` scores them all; ranks come after.
    group_relative: ClassVar[bool] = False

    def score_group(self, values: Mapping[str, Any], ctx: Context) -> Mapping[str, Outcome]:
        """Group-relative kinds only: the outcome of every unit of one group
        from all their facts (`values`: unit id → parsed fact, for the units
        that declared one; `ctx.unit` is None). Return an `Outcome` for each
        unit id of `values`; units that declared nothing score 0."""
        raise NotImplementedError(f"{self.kind} is not group-relative")

    def describe_value(self) -> str | Msg:
        """A short hint of the value to declare, for templates ("0–4", "số
        văn bản"); a `Msg` is rendered in the user's language."""
        return self.value_type

    def levels(self) -> Sequence[tuple[str | Msg, Decimal]]:
        """The outcomes a unit can aim at, best first, as (what to declare,
        points) pairs: the template and the Excel form list them under the
        leaf ("4 báo cáo → 2 điểm"). () when the kind cannot list them (a
        proportional share): then only `describe_value` is shown."""
        return ()

    def example(self) -> Any:
        """A raw value that scores the best outcome (for templates and tests)."""
        raise NotImplementedError

    def next_step(self, value: Any, points: Decimal, ctx: Context) -> Step | None:
        """The cheapest declared fact that scores more than `points` (the
        leaf's current points): the next band of the rule, not the best one.
        `value` is the current parsed fact, or None when it is unknown (not
        declared, or points set directly by the appraisal council). None when
        no declared fact can score more; kinds that cannot say return None."""
        return None


T = TypeVar("T")


def guarded(kind: str, code: str, method: str, call: Callable[[], T],
            expected: tuple[type[Exception], ...] = ()) -> T:
    """Run one call into a rule kind's code (`method` names it in messages).
    The exceptions of the Rule contract (`expected`: InvalidValue,
    InvalidParams) pass through; any other becomes `RuleFailed`, naming the
    kind, the leaf and the error's file and line, so that the caller can
    refuse that one unit or set instead of ending the run."""
    try:
        return call()
    except expected:
        raise
    except Exception as e:
        raise RuleFailed(kind, code, method, describe_error(e)) from e


# -- value parsing shared by the built-in kinds --------------------------------

_TRUE = {"true", "yes", "y", "co", "có", "x", "1", "dat", "đạt"}
_FALSE = {"false", "no", "n", "khong", "không", "0", "", "-"}


def shown(raw: Any) -> str:
    """A declared value as the person wrote it (TOML spelling: "abc", 96.5,
    2024-02-28, { num = 1, den = 2 }), for messages; never a Python repr."""
    from .._toml_write import value as toml_value

    try:
        return toml_value(raw)
    except (TypeError, ValueError):
        return str(raw)


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case- and normalisation-insensitive form of a label (NFC, casefold,
    collapsed spaces). Cached: a province's files repeat the same few
    option keys and labels thousands of times."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def ascii_fold(text: str) -> str:
    """Lower case without diacritics ("Điểm tự chấm" → "diem tu cham")."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


def label_key(label: str, words: int | None = None) -> str:
    """The ASCII form of an option's label, the documented way choice keys
    are derived: words without diacritics, explanations in brackets
    dropped, joined by "-" ("Công khai đầy đủ, đúng quy định" →
    "cong-khai-day-du-dung-quy-dinh"); `words` keeps only the first ones."""
    found = re.findall(r"[a-z0-9]+", ascii_fold(re.sub(r"\([^)]*\)", " ", label)))
    return "-".join(found[:words] if words else found)


def parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = fold(raw)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    if isinstance(raw, int | Decimal) and raw in (0, 1):
        return bool(raw)
    raise InvalidValue(msg("val.bool", raw=shown(raw)))


def parse_number(raw: Any, *, integer: bool = False) -> Decimal:
    try:
        value = parse_decimal(raw)
    except NumberError as e:
        # Out of range or not finite: say so; otherwise show what was typed.
        problem = msg("val.number", raw=shown(raw)) if e.key == "val.number" else e.message
        raise InvalidValue(problem) from None
    if value < 0:
        raise InvalidValue(msg("val.negative", raw=raw))
    if integer and value != value.to_integral_value():
        raise InvalidValue(msg("val.integer", raw=raw))
    return value


def parse_percent(raw: Any) -> Decimal:
    value = parse_number(raw)
    if value > HUNDRED:
        raise InvalidValue(msg("val.percent", raw=raw))
    return value


@attrs.frozen
class Ratio:
    num: Decimal
    den: Decimal

    @property
    def share(self) -> Decimal:
        """The share in percent; 0/0 has none (callers check `den` first)."""
        return self.num * HUNDRED / self.den

    def __str__(self) -> str:
        return f"{self.num}/{self.den}"


def parse_ratio(raw: Any) -> Ratio:
    if isinstance(raw, str) and "/" in raw:
        num_raw, _, den_raw = raw.partition("/")
    elif isinstance(raw, Mapping) and set(raw) == {"num", "den"}:
        num_raw, den_raw = raw["num"], raw["den"]
    elif isinstance(raw, list | tuple) and len(raw) == 2:
        num_raw, den_raw = raw
    else:
        raise InvalidValue(msg("val.ratio", raw=shown(raw)))
    num, den = parse_number(num_raw), parse_number(den_raw)
    if num > den:
        raise InvalidValue(msg("val.ratio_order", num=num, den=den))
    return Ratio(num, den)


MISSING = "missing"


def parse_date(raw: Any) -> dt.date | str:
    """A date, or MISSING for a document that was not issued."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if raw is False or (isinstance(raw, str) and fold(raw) in _FALSE | {"missing"}):
        return MISSING
    if isinstance(raw, str):
        text = raw.strip()
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise InvalidValue(msg("val.date", raw=shown(raw)))

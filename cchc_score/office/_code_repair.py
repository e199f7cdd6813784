"""Repairing a criteria table's mistyped codes by the table's structure.

Real annexes carry numbering slips: a dot missing ("3.21" for 3.2.1) or
doubled, two digits swapped, a code repeated, a number skipped, a
sub-criterion printed under the wrong criterion ("4.5.1" under 4.4).
Renumbering by row order alone picks a wrong repair for some of them (a
"3.21" read as a sibling 3.3 shifts every later code and breaks the
parent sums), so each suspicious code is repaired like this:

1. the codes that may follow the row above ("natural" codes: a first child,
   or the next sibling at any level) are the only places the row can go;
2. of those, the candidates are the ones the printed code turns into by one
   known slip (missing or extra dot, swapped digits, a duplicate, a skipped
   number, one number wrong); with none, every natural code of the printed
   depth (or every natural code) is a candidate "by row order";
3. each candidate is tried on the whole table (later rows read as printed
   where they fit, else by their own first candidate) and scored by how
   consistent the resulting tree is: later codes that still need a repair,
   parents whose children do not add up to them, criteria with both
   sub-criteria and option rows, leaves with no options, and (in its
   favour) a criterion whose only sub-criterion repeats its title;
4. the best candidate wins; when two score the same the repair is
   ambiguous, and the caller stops with an error naming both rather than
   guess.

Every repair is returned with its row, the code read, the code chosen and
why, so that nothing is repaired silently.
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

Code = tuple[int, ...]
#: rows after a suspicious code on which its candidate repairs are compared
_WINDOW = 200
#: suspicious codes weighed against the table; beyond, a table whose
#: numbering is mostly wrong is renumbered by each code's first candidate
_WEIGHED = 300


@attrs.frozen
class Entry:
    """What the repair needs to know about one coded row."""

    row: int
    printed: str
    title: str
    max: Decimal | None
    has_options: bool


@attrs.frozen
class Repair:
    """One code changed: the row, the code read, the code chosen, why
    (a slip kind: malformed, missing_dot, extra_dot, swapped, duplicate,
    skipped, number, order) and the other candidates that fitted worse."""

    row: int
    printed: str
    code: str
    why: str
    rejected: tuple[str, ...] = ()
    first: int | None = None  # the row a duplicate repeats


@attrs.frozen
class Ambiguity:
    """A code two or more repairs fit equally well: (code, why) each."""

    row: int
    printed: str
    candidates: tuple[tuple[str, str], ...]


def text(code: Code) -> str:
    return ".".join(map(str, code))


def groups(printed: str) -> Code:
    """The numbers of a printed code, however it is punctuated."""
    return tuple(int(g) for g in re.findall(r"\d+", printed))


def natural(path: Code) -> list[Code]:
    """The codes that may follow `path`: its first child, then the next
    sibling at each level from the deepest up."""
    if not path:
        return [(1,)]
    return [(*path, 1)] + [(*path[:k], path[k] + 1) for k in reversed(range(len(path)))]


def slip(printed: str, candidate: Code, seen: Mapping[str, int]) -> str | None:
    """Which single slip turns `candidate` into `printed`, if any."""
    want = text(candidate)
    if re.search(r"[^\d.]", printed) and groups(printed) == candidate:
        return "malformed"  # "1.1.x2", "3,2 ": the numbers right, the writing wrong
    flat = re.sub(r"[^\d.]", "", printed)
    if "." in want:
        for i, ch in enumerate(want):
            if ch == "." and want[:i] + want[i + 1:] == flat:
                return "missing_dot"
    for i, ch in enumerate(flat):
        if ch == "." and (flat[:i] + flat[i + 1:]).strip(".") == want:
            return "extra_dot"
    if re.sub(r"\.+", ".", flat).strip(".") == want:
        return "extra_dot"
    printed_groups = groups(printed)
    if printed in seen and len(printed_groups) == len(candidate):
        return "duplicate"
    for i in range(len(candidate) - 1):  # two numbers swapped: "2.3" for 3.2
        swapped = (*candidate[:i], candidate[i + 1], candidate[i], *candidate[i + 2:])
        if swapped == printed_groups and swapped != candidate:
            return "swapped"
    if len(flat) == len(want):
        diffs = [i for i, (a, b) in enumerate(zip(flat, want, strict=True)) if a != b]
        if (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                and flat[diffs[0]] == want[diffs[1]] and flat[diffs[1]] == want[diffs[0]]):
            return "swapped"
    if len(printed_groups) == len(candidate):
        wrong = [i for i, (a, b) in enumerate(zip(printed_groups, candidate, strict=True))
                 if a != b]
        if len(wrong) == 1:
            last = wrong[0] == len(candidate) - 1
            return "skipped" if last and printed_groups[-1] > candidate[-1] else "number"
    return None


def _valid(printed: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)*", printed) is not None


def candidates(entry: Entry, path: Code, seen: Mapping[str, int]) -> list[tuple[Code, str]]:
    """Where a row may go, each with the slip that explains its printed
    code; empty when the printed code fits as it is."""
    places = natural(path)
    if _valid(entry.printed) and groups(entry.printed) in places and entry.printed not in seen:
        return []
    found = [(c, why) for c in places if (why := slip(entry.printed, c, seen)) is not None]
    if found:
        return found
    depth = len(groups(entry.printed))
    same_depth = [c for c in places if len(c) == depth]
    return [(c, "order") for c in (same_depth or places)]


def _simulate(entries: Sequence[Entry], start: int, stop: int, path: Code,
              seen: Mapping[str, int]) -> tuple[list[Code], int]:
    """Codes for entries[start:stop] read greedily (as printed where they
    fit, else their first candidate) and how many needed a repair. `seen`
    maps the codes already taken to their rows (left unchanged)."""
    codes: list[Code] = []
    repairs = 0
    taken: ChainMap[str, int] = ChainMap({}, seen)  # type: ignore[arg-type]
    for entry in entries[start:stop]:
        options = candidates(entry, path, taken)
        if options:
            path = options[0][0]
            repairs += 1
        else:
            path = groups(entry.printed)
        codes.append(path)
        taken.maps[0].setdefault(text(path), entry.row)
    return codes, repairs


def inconsistency(entries: Sequence[Entry], codes: Sequence[Code]) -> int:
    """How many places the tree built from `codes` disagrees with itself:
    parent sums, option rows on a parent, leaves without options; minus
    criteria whose only child repeats their title."""
    index = {c: i for i, c in enumerate(codes)}
    children: dict[Code, list[int]] = {}
    for i, c in enumerate(codes):
        children.setdefault(c[:-1], []).append(i)
    bad = 0
    for i, c in enumerate(codes):
        kids = children.get(c, [])
        entry = entries[i]
        if not kids:
            bad += 0 if entry.has_options else 1
            continue
        if entry.has_options:
            bad += 1
        maxima = [entries[k].max for k in kids]
        if entry.max is not None and all(m is not None for m in maxima):
            bad += sum(m for m in maxima if m is not None) != entry.max
        if len(kids) == 1 and entries[kids[0]].title.casefold() == entry.title.casefold():
            bad -= 1
    bad += sum(1 for c in codes if len(c) > 1 and c[:-1] not in index)  # an orphan
    return bad


def repair(entries: Sequence[Entry]) -> tuple[list[str], list[Repair], list[Ambiguity]]:
    """Codes for every entry, the repairs made and the rows no repair fits
    better than another (where the row's first candidate is kept so that
    the rest can still be checked)."""
    codes: list[str] = []
    repairs: list[Repair] = []
    unsure: list[Ambiguity] = []
    path: Code = ()
    seen: dict[str, int] = {}
    prefix: list[Code] = []
    components: list[int] = []  # where each component starts
    for i, entry in enumerate(entries):
        options = candidates(entry, path, seen)
        if not options:
            path = groups(entry.printed)
        elif len(repairs) + len(unsure) >= _WEIGHED:
            path = options[0][0]
            repairs.append(Repair(entry.row, entry.printed, text(path), options[0][1], (),
                                  seen.get(entry.printed)))
        else:
            # Each candidate is judged on the table from the previous
            # component's start to _WINDOW rows ahead: a slip's effects show
            # there, and a huge table stays linear.
            context = components[-2] if len(components) > 1 else 0
            stop = min(len(entries), i + 1 + _WINDOW)
            scored = []
            for code, why in options:
                rest, later = _simulate(entries, i + 1, stop, code,
                                        ChainMap({text(code): entry.row}, seen))
                score = later + inconsistency(entries[context:stop],
                                              [*prefix[context:], code, *rest])
                scored.append((score, code, why))
            best = min(s for s, _, _ in scored)
            winners = [(c, w) for s, c, w in scored if s == best]
            path = winners[0][0]
            if len(winners) > 1:
                unsure.append(Ambiguity(entry.row, entry.printed,
                                        tuple((text(c), w) for c, w in winners)))
            else:
                repairs.append(Repair(entry.row, entry.printed, text(path), winners[0][1],
                                      tuple(text(c) for s, c, _ in scored if s != best),
                                      seen.get(entry.printed)))
        if len(path) == 1:
            components.append(i)
        prefix.append(path)
        codes.append(text(path))
        seen.setdefault(text(path), entry.row)  # codes taken so far, as repaired
    return codes, repairs, unsure

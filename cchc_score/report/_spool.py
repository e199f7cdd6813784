"""JSON and CSV written as units are scored: each unit's document (its
rows, in CSV) is rendered the moment its result exists and kept on disk, the
result itself is slimmed to what ranking needs, and once the batch is ranked
the documents are copied into the output in rank order with their rank
filled in. Memory stays flat however many units the batch has; the bytes are
those `JsonReport.render` / `CsvReport.render` write for the same results."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from .._model import CriteriaSet, UnitResult
from .._version import __version__
from ._base import Options, stamp_of
from ._csv import COLUMNS, write_unit
from ._json import SCHEMA, _with_views, criteria_doc, dumps, unit_doc

#: what a unit document holds in place of its rank (and of the group's
#: size) until the batch is ranked
_RANK, _RANK_OF = "\x00rank\x00", "\x00rank_of\x00"


class _Spool:
    """Unit documents on disk, by unit id; `keep` is given each result as it
    is scored and returns the slim result the batch keeps."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `close`)
        self._where: dict[str, tuple[int, int]] = {}

    def render(self, result: UnitResult) -> str:
        """The unit's document, with `_RANK` and `_RANK_OF` for its rank."""
        raise NotImplementedError

    def filled(self, value: int | None) -> bytes:
        """A rank as the format writes it."""
        raise NotImplementedError

    def keep(self, result: UnitResult) -> UnitResult:
        return self.store(*self.prepare(result))

    def prepare(self, result: UnitResult) -> tuple[UnitResult, bytes]:
        """The slim result and the unit's document: the work of `keep` that
        needs no spool file, so that `--jobs` workers do it."""
        return slim(result), self.render(result).encode("utf-8")

    def store(self, result: UnitResult, data: bytes) -> UnitResult:
        """Keep a prepared document; the slim result the batch keeps."""
        self._where[result.unit.id] = (self._file.tell(), len(data))
        self._file.write(data)
        return result

    def _unit(self, result: UnitResult) -> bytes:
        offset, size = self._where[result.unit.id]
        self._file.seek(offset)
        data = self._file.read(size)
        self._file.seek(0, 2)
        return data.replace(self._rank, self.filled(result.rank)).replace(
            self._rank_of, self.filled(result.rank_of))

    _rank, _rank_of = _RANK.encode(), _RANK_OF.encode()

    def close(self) -> None:
        self._file.close()


class JsonSpool(_Spool):
    """The JSON document, unit by unit."""

    _rank, _rank_of = json.dumps(_RANK).encode(), json.dumps(_RANK_OF).encode()

    def render(self, result: UnitResult) -> str:
        doc = _with_views(unit_doc(result, self.options.lang), result, self.options)
        doc["rank"], doc["rank_of"] = _RANK, _RANK_OF
        return "    " + dumps(doc, 2, 2)

    def filled(self, value: int | None) -> bytes:
        return b"null" if value is None else str(value).encode()

    def chunks(self, ranked: Sequence[UnitResult], options: Options) -> Iterator[bytes]:
        """The whole output, piece by piece, for the ranked slim results
        (`options` give the stamp, known once the batch is scored)."""
        sets: dict[str, CriteriaSet] = {}
        for r in ranked:
            sets.setdefault(r.criteria.id, r.criteria)
        docs = [criteria_doc(c) for c in sets.values()]
        head: dict[str, Any] = {"schema": SCHEMA,
                                "tool": {"name": "cchc-score", "version": __version__},
                                "criteria": docs[0] if docs else None, "criteria_sets": docs}
        yield ("{\n" + "".join(f"  {json.dumps(k)}: {dumps(v, 2, 1)},\n"
                               for k, v in head.items())).encode("utf-8")
        if not ranked:
            yield b'  "units": [],\n'
        else:
            yield b'  "units": [\n'
            for i, result in enumerate(ranked):
                yield (b",\n" if i else b"") + self._unit(result)
            yield b"\n  ],\n"
        stamp = stamp_of(ranked, options).to_dict()
        yield f'  "stamp": {dumps(stamp, 2, 1)}\n}}\n'.encode()


class CsvSpool(_Spool):
    """The CSV table, a unit's rows at a time."""

    def render(self, result: UnitResult) -> str:
        out = io.StringIO()
        write_unit(csv.writer(out, lineterminator="\n"), result, self.options,
                   rank=(_RANK, _RANK_OF))
        return out.getvalue()

    def filled(self, value: int | None) -> bytes:
        return str(value).encode() if value else b""

    def chunks(self, ranked: Sequence[UnitResult], options: Options) -> Iterator[bytes]:
        """The whole table, the header then each unit in rank order."""
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(COLUMNS)
        yield header.getvalue().encode("utf-8")
        for result in ranked:
            yield self._unit(result)


def slim(result: UnitResult) -> UnitResult:
    """What ranking and the stamp need of a result: its unit, set, index and
    band, without the tree of nodes, the assessment or the self-stage copy."""
    changes: dict[str, Any] = {"nodes": (), "assessment": None, "issues": ()}
    if hasattr(result, "self_result"):
        changes["self_result"] = None
    return attrs.evolve(result, **changes)

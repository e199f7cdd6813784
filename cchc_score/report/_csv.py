"""CSV output: one row per unit and node, numbers rounded per the set."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .._i18n import msg
from .._model import UnitResult
from ._base import Options, Report
from ._tables import num


class CsvReport(Report):
    name = "csv"

    def render(self, results: Sequence[UnitResult], options: Options) -> str:
        lang = options.lang
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["unit_id", "unit_name", "group", "rank", "band", "index", "code",
                         "title", "points", "max", "lost", "na", "pending", "explanation"])
        for r in results:
            writer.writerow([r.unit.id, r.unit.name, r.unit.group, r.rank or "", r.band or "",
                             num(r.index, r, "en"), "", msg("rep.unit").render(lang),
                             num(r.points, r, "en"), num(r.max, r, "en"),
                             num(r.max - r.points, r, "en"), "", "", ""])
            for n in r.walk():
                writer.writerow([r.unit.id, r.unit.name, r.unit.group, "", "", "", n.code,
                                 n.title, num(n.points, r, "en"), num(n.max, r, "en"),
                                 num(n.lost, r, "en"), int(n.na), int(n.pending),
                                 n.explanation.render(lang) if n.explanation else ""])
        return out.getvalue()

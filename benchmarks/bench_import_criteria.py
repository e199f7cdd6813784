"""Time of the code repair and of a Word annex import (prints them; asserts
nothing).

    python benchmarks/bench_import_criteria.py

Targets (on a 2-core machine): a 3,245-row table with 100 mistyped codes is
repaired in < 1 s, with 1,000 (past the 300 weighed against the table, the
rest take their first candidate) in < 5 s; the test suite's civil-layout
Word annex imports in < 0.5 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_score.office import import_criteria  # noqa: E402
from cchc_score.office._code_repair import Entry, repair, text  # noqa: E402


def table(slips: int) -> list[Entry]:
    """59 components × 9 criteria × 5 sub-criteria, `slips` codes with a
    digit too many."""
    rows: list[tuple[tuple[int, ...], bool]] = []
    for a in range(1, 60):
        rows.append(((a,), False))
        for b in range(1, 10):
            rows.append(((a, b), False))
            rows += [((a, b, c), True) for c in range(1, 6)]
    entries = [Entry(i, text(c), "t", Decimal(0), o) for i, (c, o) in enumerate(rows)]
    for i in random.Random(0).sample(range(1, len(entries)), slips):
        entries[i] = Entry(i, entries[i].printed + "9", "t", Decimal(0), entries[i].has_options)
    return entries


def main() -> None:
    for slips in (0, 100, 1000):
        entries = table(slips)
        start = time.perf_counter()
        _, repairs, unsure = repair(entries)
        print(f"repair: {len(entries)} rows, {slips} slips: "
              f"{time.perf_counter() - start:.2f} s ({len(repairs)} repairs, {len(unsure)} doubts)")
    sys.path.insert(0, str(ROOT / "tests"))
    from annex_kit import civil_annex  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as folder:
        annex = civil_annex(Path(folder) / "phu-luc.docx")
        start = time.perf_counter()
        result = import_criteria(annex)
        print(f"Word annex: {result.nodes} nodes in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()

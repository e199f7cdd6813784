"""Time of the results workbook alone (`XlsxReport().render`, the figure
`run.py` reports for 150 units), with its digest and, on request, where the
time goes (prints them; asserts nothing).

    python benchmarks/bench_xlsx.py [--units 150] [--rounds 3] [--profile] [-o FILE]

The digest is the workbook's sha256: a change meant to make writing faster
without changing the file keeps it.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402
from cchc_score import score_files  # noqa: E402
from cchc_score.office import XlsxReport  # noqa: E402
from cchc_score.report import Options  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--profile", action="store_true",
                        help="profile one more run and print the costliest functions")
    parser.add_argument("-o", "--output", type=Path, help="also write the workbook here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-xlsx-") as folder:
        generate.write_province(Path(folder), generate.load_bang2(), args.units, seed=args.seed)
        results = score_files([Path(folder)]).results
    wall, cpu = [], []
    data = b""
    for _ in range(args.rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = XlsxReport().render(results, Options())
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"results workbook for {len(results)} units: {statistics.median(wall):.2f} s "
          f"(CPU {statistics.median(cpu):.2f} s; median of {args.rounds}), "
          f"{len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    if args.output:
        args.output.write_bytes(data)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(XlsxReport().render, results, Options())
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()

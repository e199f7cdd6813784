"""`make bench`: every performance target of cchc-score, measured side by
side with the straight-line baseline, printed as a table and as JSON with
met / not met. Prints figures; asserts nothing (no test times anything).

    python benchmarks/run.py [--units 2000] [--rounds 3] [--json FILE]

The targets are stated for 10,000 units; by default the rounds run on
2,000 (so that `make bench` stays within three minutes on a shared 2-core
machine) and times are given per 10,000 units, projected linearly: the
batch's time per unit no longer grows with the units kept (the collector
does not rescan them) and its memory stays flat (what ranking needs). Give
`--units 10000` to measure at full size.

What it does, in order:

1. generates from a fixed seed a province of realistic assessment files and
   one of lean files for Bảng II (`benchmarks/generate.py`), in a temporary
   folder;
2. scores both with cchc-score and with the baseline (`benchmarks/baseline.py`)
   and checks that every unit's points, published index and rank are
   identical: nothing is timed otherwise;
3. times, in the same rounds and alternating, the baseline and cchc-score
   with the same parser (tomli), then cchc-score with the fast parser when
   installed; the parse time inside each run is measured apart, so the
   engine's share (everything after parsing) is compared too. Figures are
   medians over the rounds; ratios are taken within each round;
4. in fresh processes: peak memory of scoring every unit in-process, and of
   the command line writing JSON for 4,000 units; the start-up of
   `cchc-score score ONE.toml` against a bare `python -c pass`;
5. the results workbook for 150 units.

The machine is usually shared: absolute times move with its load, ratios
taken in the same round much less.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tomli  # noqa: E402

from benchmarks import baseline, generate  # noqa: E402
from cchc_score import _toml, score_files  # noqa: E402
from cchc_score._numbers import quantize  # noqa: E402

BIN = Path(sys.executable).parent


class Parses:
    """Time spent parsing TOML inside a run (wraps the parser it is given)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, parse: Callable[[str], Any]) -> Callable[[str], Any]:
        def timed(text: str) -> Any:
            start = time.perf_counter()
            try:
                return parse(text)
            finally:
                self.seconds += time.perf_counter() - start
        return timed


@contextmanager
def parser(fast: bool, parses: Parses) -> Iterator[None]:
    """cchc-score parsing with tomli only (fast=False) or as installed, timed."""
    saved_fast, saved_parse = _toml.fast_parser(), _toml.parse_toml
    if not fast:
        _toml._FAST = None
    _toml.parse_toml = parses.wrap(saved_parse)  # type: ignore[assignment]
    try:
        yield
    finally:
        _toml._FAST, _toml.parse_toml = saved_fast, saved_parse  # type: ignore[assignment]


def run_ours(folder: Path, *, fast: bool, jobs: int = 1) -> tuple[float, float, Any]:
    """(total seconds, of which parsing, the batch) of scoring a folder
    (parsing is only measured in this process: with `jobs` > 1 it is 0)."""
    parses = Parses()
    gc.collect()
    with parser(fast, parses):
        start = time.perf_counter()
        batch = score_files([folder], jobs=jobs)
        total = time.perf_counter() - start
    assert not batch.failed, [i.render("en") for i in batch.issues][:5]
    return total, parses.seconds, batch


def run_baseline(folder: Path, prepared: Any, loads: Callable[..., Any] = tomli.loads
                 ) -> tuple[float, float, list[Any]]:
    """(total seconds, of which parsing, the ranked units) of the baseline
    (`loads`: the parser, tomli unless the fast one is given)."""
    leaves, unit_max, scale, decimals = prepared
    gc.collect()
    parse_seconds = 0.0
    start = time.perf_counter()
    units = []
    for path in sorted(folder.glob("*.toml")):
        text = path.read_text(encoding="utf-8-sig")
        t = time.perf_counter()
        data = loads(text, parse_float=Decimal)
        parse_seconds += time.perf_counter() - t
        units.append(baseline.score_unit(leaves, unit_max, scale, data))
    ranked = baseline.rank(units, decimals)
    return time.perf_counter() - start, parse_seconds, ranked


def verify(batch: Any, ranked: list[Any], decimals: int) -> int:
    """Every unit's points, published index and rank agree; the count."""
    ours = {r.unit.id: (r.points, quantize(r.index, decimals), r.rank) for r in batch.results}
    theirs = {uid: (points, quantize(index, decimals), rank)
              for uid, _, points, index, rank in ranked}
    if ours != theirs:
        wrong = sorted(u for u in ours.keys() | theirs.keys() if ours.get(u) != theirs.get(u))
        sys.exit(f"baseline and cchc-score disagree on {len(wrong)} units, e.g. {wrong[0]}: "
                 f"{ours.get(wrong[0])} vs {theirs.get(wrong[0])}")
    return len(ours)


#: runs a command and prints its peak RSS: the measured process is forked
#: from this small launcher, not from the benchmark (on Linux a process's
#: peak RSS counts the image it was forked from)
LAUNCH = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
print(done.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def child(argv: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a fresh process."""
    done = subprocess.run([sys.executable, "-c", LAUNCH, *argv], capture_output=True,
                          text=True, check=False)
    code, elapsed, peak = done.stdout.split()
    if code != "0":
        sys.exit(f"{' '.join(argv)} failed ({code}): {done.stderr[-2000:]}")
    return float(elapsed), int(peak) / 1024


def median_child(argv: list[str], runs: int) -> float:
    child(argv)  # compiles bytecode, warms the file cache
    return statistics.median(child(argv)[0] for _ in range(runs))


#: scoring a province in-process, keeping what ranking needs (`keep=slim`,
#: as `score --format json` does; full results keep every node's result)
SCORE_IN_CHILD = """
import sys
from cchc_score import score_files
from cchc_score.report._spool import slim
batch = score_files([sys.argv[1]], keep=slim)
assert not batch.failed and len(batch.results) == int(sys.argv[2])
"""


class Table:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, name: str, value: float, unit: str, target: float | None,
            note: str = "", *, less: bool = True) -> None:
        met = None if target is None else (value <= target if less else value >= target)
        self.rows.append({"name": name, "value": round(value, 3), "unit": unit,
                          "target": target, "met": met, "note": note})
        self.print_row(self.rows[-1])

    @staticmethod
    def print_row(row: dict[str, Any]) -> None:
        target = "" if row["target"] is None else f"≤ {row['target']:g} {row['unit']}"
        met = {None: "", True: "met", False: "NOT MET"}[row["met"]]
        print(f"{row['name']:<58} {row['value']:>9.3f} {row['unit']:<3} {target:<12} "
              f"{met:<8} {row['note']}", flush=True)


def main() -> None:
    parser_ = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser_.add_argument("--units", type=int, default=2_000)
    parser_.add_argument("--cli-units", type=int, default=None,
                         help="units the command line writes JSON for (default: --units, "
                              "at most 4,000)")
    parser_.add_argument("--rounds", type=int, default=3)
    parser_.add_argument("--seed", type=int, default=generate.SEED)
    parser_.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser_.parse_args()
    began = time.perf_counter()
    criteria = generate.load_bang2()
    prepared = (baseline.prepare(criteria), criteria.total, criteria.scale, criteria.decimals)
    fast_installed = _toml.fast_parser() is not None
    table = Table()
    cli_units = args.cli_units if args.cli_units is not None else min(args.units, 4_000)
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        work = Path(tmp)
        real, lean = work / "realistic", work / "lean"
        print(f"generating {args.units} realistic and {args.units} lean files (seed "
              f"{args.seed})...", flush=True)
        generate.write_province(real, criteria, args.units, seed=args.seed)
        generate.write_province(lean, criteria, args.units, lean_files=True, seed=args.seed)
        size = statistics.mean(p.stat().st_size for p in list(real.iterdir())[:200]) / 1024
        lean_size = statistics.mean(p.stat().st_size for p in list(lean.iterdir())[:200]) / 1024
        print(f"  realistic files {size:.1f} KB, lean {lean_size:.1f} KB", flush=True)

        figures: dict[str, dict[str, list[float]]] = {}
        for name, folder in (("realistic", real), ("lean", lean)):
            # Verified identical before anything is timed.
            _, _, batch = run_ours(folder, fast=False)
            _, _, ranked = run_baseline(folder, prepared)
            count = verify(batch, ranked, criteria.decimals)
            del batch, ranked
            print(f"{name}: baseline identical to cchc-score on {count} units "
                  f"(points, published index, rank)", flush=True)
            f: dict[str, list[float]] = {k: [] for k in (
                "base", "base_parse", "ours", "ours_parse", "fast", "base_fast", "jobs")}
            for _ in range(args.rounds):
                base, base_parse, ranked = run_baseline(folder, prepared)
                del ranked
                ours, ours_parse, batch = run_ours(folder, fast=False)
                del batch
                f["base"].append(base)
                f["base_parse"].append(base_parse)
                f["ours"].append(ours)
                f["ours_parse"].append(ours_parse)
                if fast_installed:
                    fast, _, batch = run_ours(folder, fast=True)
                    del batch
                    f["fast"].append(fast)
                    # the floor of the fast-parser target: the baseline itself
                    # with that parser
                    base_fast, _, ranked = run_baseline(folder, prepared, _toml.fast_parser())
                    del ranked
                    f["base_fast"].append(base_fast)
                if name == "realistic":
                    both, _, batch = run_ours(folder, fast=False, jobs=2)
                    del batch
                    f["jobs"].append(both)
            figures[name] = f
        print()
        print(f"{'figure':<58} {'measured':>9} {'':<3} {'target':<12} {'met':<8} note")
        n = args.units
        for name in ("realistic", "lean"):
            f = figures[name]
            ratio = statistics.median(o / b for o, b in zip(f["ours"], f["base"], strict=True))
            note = (f"cchc-score {statistics.median(f['ours']):.2f} s, baseline "
                    f"{statistics.median(f['base']):.2f} s (tomli)")
            table.add(f"{n} {name} units in-process, × baseline (same parser)", ratio, "×",
                      1.3 if name == "realistic" else None, note)
            engine = [o - op for o, op in zip(f["ours"], f["ours_parse"], strict=True)]
            arith = [b - bp for b, bp in zip(f["base"], f["base_parse"], strict=True)]
            table.add(f"  engine alone ({name}), × baseline's arithmetic",
                      statistics.median(e / a for e, a in zip(engine, arith, strict=True)), "×",
                      2, f"{statistics.median(engine):.2f} s vs {statistics.median(arith):.2f} s")
            table.add(f"  engine alone ({name}), × its parse time",
                      statistics.median(e / p for e, p in zip(engine, f["ours_parse"],
                                                               strict=True)),
                      "×", 1, f"parse {statistics.median(f['ours_parse']):.2f} s (tomli)")
            if f["jobs"]:
                both = [j / b for j, b in zip(f["jobs"], f["base"], strict=True)]
                table.add(f"  {name}, --jobs 2 (both cores), × baseline (one core)",
                          statistics.median(both), "×", None,
                          f"{statistics.median(f['jobs']):.2f} s; not the target's terms")
            if fast_installed:
                projected = "" if n == 10_000 else ", projected"
                fast = statistics.median(f["fast"])
                table.add(f"  fast parser ({name}), seconds per 10,000 units", fast * 10_000 / n,
                          "s", 3 if name == "realistic" else None,
                          f"{fast:.2f} s for {n}{projected}")
                floor = statistics.median(f["base_fast"])
                if name != "realistic":
                    continue
                table.add("    the baseline with the fast parser, per 10,000 units",
                          floor * 10_000 / n, "s", None,
                          f"{floor:.2f} s for {n}{projected}: the floor of the target above")
        if not fast_installed:
            print("  (the fast parser is not installed: pip install '.[fast]')")

        _, peak = child([sys.executable, "-c", SCORE_IN_CHILD, str(real), str(n)])
        table.add(f"peak memory, {n} realistic units in-process", peak, "MB", 200,
                  "fresh process, ranking kept (keep=slim)")
        cli = work / "cli"
        cli.mkdir()
        for path in sorted(real.iterdir())[:cli_units]:
            (cli / path.name).symlink_to(path)
        seconds, peak = child([str(BIN / "cchc-score"), "score", str(cli), "--format", "json",
                               "-o", str(work / "out.json")])
        table.add(f"CLI JSON for {cli_units} units, peak memory", peak, "MB", 300,
                  f"{seconds:.1f} s")
        one = ROOT / "examples" / "demo" / "pc06.toml"
        bare = median_child([sys.executable, "-c", "pass"], 7)
        tool = median_child([str(BIN / "cchc-score"), "score", str(one)], 7)
        table.add("cchc-score score ONE.toml, × python -c pass", tool / bare, "×", 7,
                  f"{tool * 1000:.0f} ms vs {bare * 1000:.0f} ms")

        office = work / "office"
        office.mkdir()
        for path in sorted(real.iterdir())[:150]:
            (office / path.name).symlink_to(path)
        batch = score_files([office])
        from cchc_score.office import XlsxReport
        from cchc_score.report import Options

        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            XlsxReport().render(batch.results, Options())
            times.append(time.perf_counter() - start)
        table.add("results workbook for 150 units", statistics.median(times), "s", 3)

    total = time.perf_counter() - began
    table.add("make bench itself", total, "s", 180)
    load = os.getloadavg()
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"{platform.python_implementation()} {platform.python_version()}",
        "load_average": [round(x, 2) for x in load],
        "units": n, "rounds": args.rounds, "seed": args.seed,
        "fast_parser": fast_installed,
        "figures": table.rows,
    }
    print()
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    print(f"\nall targets met: {all(r['met'] is not False for r in table.rows)}")


if __name__ == "__main__":
    main()

"""Speed and memory figures for scoring (prints them; asserts nothing).

    python benchmarks/bench_scoring.py [--units N]

Targets (on a 2-core machine): loading the Bảng II criteria set < 100 ms;
scoring and ranking 500 units with every leaf answered < 5 s; memory held by
the results of that run < 100 MB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_score import Unit, rank, score  # noqa: E402
from cchc_score.load import check_criteria  # noqa: E402
from cchc_score.rules import RuleKinds  # noqa: E402
from cchc_score.testing import assessments  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=500)
    args = parser.parse_args()
    kinds = RuleKinds.builtin()
    path = ROOT / "criteria" / "ca-tinh-2024-bang2.toml"

    start = time.perf_counter()
    for _ in range(10):
        criteria, _issues = check_criteria(path, kinds)
    load_ms = (time.perf_counter() - start) / 10 * 1000
    assert criteria is not None

    # Draw realistic assessments once (Hypothesis as a data generator).
    drawn = []

    @settings(max_examples=args.units, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        unit = Unit(f"u{len(drawn)}", f"Đơn vị {len(drawn)}", criteria.group)
        drawn.append(data.draw(assessments(criteria, unit=unit, blanks=False)))

    collect()
    start = time.perf_counter()
    ranked = rank([score(criteria, a, "appraised") for a in drawn])
    elapsed = time.perf_counter() - start
    # Memory in a second run: tracemalloc slows what it traces.
    tracemalloc.start()
    rank([score(criteria, a, "appraised") for a in drawn])
    _, scoring_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    scoring_mb = scoring_peak / 1024 / 1024
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load Bảng II criteria set: {load_ms:8.1f} ms (target < 100 ms)")
    print(f"score + rank {len(ranked)} units:  {elapsed:8.2f} s  (target < 5 s), "
          f"{elapsed / max(len(ranked), 1) * 1000:.2f} ms per unit")
    print(f"memory held by scoring:    {scoring_mb:8.1f} MB (target < 100 MB)")
    print(f"peak RSS of this process:  {peak_mb:8.1f} MB (includes Hypothesis drawing the data)")


if __name__ == "__main__":
    main()

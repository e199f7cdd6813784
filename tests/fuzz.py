"""`make fuzz`: explore the property tests with random seeds and many
examples for as long as asked, then print every failure as a reproducible
case.

    make fuzz                                  # 10 minutes, every property test
    make fuzz FUZZ_MINUTES=20 FUZZ_EXAMPLES=5000
    make fuzz FUZZ_ARGS=tests/test_rule_properties.py

Each round runs every test file holding Hypothesis tests (pytest's
``hypothesis`` marker), in a shuffled order, under the ``fuzz`` profile
(see the root ``conftest.py``) with a fresh ``--hypothesis-seed``; rounds
repeat until the time is up (the file running then is stopped). A failure
is printed once, with the seed and the command that replays it, and with
Hypothesis's falsifying example and ``@reproduce_failure`` blob. Full logs
are kept in ``.fuzz/``. Exit status 1 when anything failed.

This is exploration, not CI: `make test` runs the same tests derandomised
(profile ``ci``). Turn a failure found here into a regression test with an
explicit ``@example(...)`` (or a plain test) next to the property.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / ".fuzz"
_FAILED = re.compile(r"^FAILED (\S+)", re.M)
_SECTION = re.compile(r"^_{3,} (\S.*?) _{3,}$", re.M)
_MAX_LINES = 60


def _pytest(*args: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]


def _files(selection: list[str]) -> list[str]:
    """Test files holding at least one Hypothesis test within `selection`."""
    done = subprocess.run(_pytest("--collect-only", "-q", "-m", "hypothesis", *selection),
                          cwd=ROOT, capture_output=True, text=True, check=False)
    return sorted({line.split("::")[0] for line in done.stdout.splitlines() if "::" in line})


def _section(output: str, node_id: str) -> str:
    """The traceback pytest printed for `node_id`, trimmed to its end."""
    name = node_id.split("::")[-1]
    heads = list(_SECTION.finditer(output))
    for i, head in enumerate(heads):
        if head.group(1).split(".")[-1] == name:
            end = heads[i + 1].start() if i + 1 < len(heads) else output.find("\n=", head.end())
            lines = output[head.start():end if end > 0 else None].rstrip().splitlines()
            if len(lines) > _MAX_LINES:  # keep the end: the falsifying example and the blob
                lines = [lines[0], "  [...]", *lines[-_MAX_LINES:]]
            return "\n".join(lines)
    return "(no traceback found; see the log)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float,
                        default=float(os.environ.get("FUZZ_MINUTES") or 10))
    parser.add_argument("--examples", type=int,
                        default=int(os.environ.get("FUZZ_EXAMPLES") or 1000))
    parser.add_argument("selection", nargs="*", help="test files or node ids (default: all)")
    args = parser.parse_args(argv)

    files = _files(args.selection)
    if not files:
        print("fuzz: no Hypothesis tests selected")
        return 1
    LOGS.mkdir(exist_ok=True)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz", "FUZZ_EXAMPLES": str(args.examples)}
    deadline = time.monotonic() + args.minutes * 60
    failures: dict[str, tuple[int, str, Path]] = {}
    rounds = runs = 0
    rng = random.SystemRandom()
    print(f"fuzz: {len(files)} files, {args.examples} examples per test, "
          f"{args.minutes:g} minutes; logs in {LOGS.relative_to(ROOT)}/", flush=True)
    while time.monotonic() < deadline:
        rounds += 1
        for file in rng.sample(files, len(files)):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            seed = rng.randrange(2**32)
            log = LOGS / f"round{rounds}-{Path(file).stem}-{seed}.log"
            target = [t for t in args.selection if t.startswith(file)] or [file]
            cmd = _pytest("-q", "--tb=short", "-m", "hypothesis",
                          f"--hypothesis-seed={seed}", *target)
            try:
                done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                      timeout=left, check=False)
            except subprocess.TimeoutExpired:
                print(f"  round {rounds}: {file} stopped at the time limit", flush=True)
                break
            runs += 1
            log.write_text(done.stdout + done.stderr, encoding="utf-8")
            found = _FAILED.findall(done.stdout)
            for node_id in found:
                failures.setdefault(node_id, (seed, _section(done.stdout, node_id), log))
            if not found and done.returncode not in (0, 5):  # e.g. a collection error
                failures.setdefault(file, (seed, done.stdout[-3000:] + done.stderr[-2000:], log))
            elif not found:
                log.unlink()  # keep only the logs of failures
            status = f"{len(found)} failed" if found else "ok"
            print(f"  round {rounds}: {file} seed={seed} {status}", flush=True)

    print(f"\nfuzz: {rounds} round(s), {runs} file run(s), {len(failures)} failure(s)")
    for node_id, (seed, text, log) in failures.items():
        replay = shlex.join(["HYPOTHESIS_PROFILE=fuzz", f"FUZZ_EXAMPLES={args.examples}",
                             ".venv/bin/python", "-m", "pytest", node_id,
                             f"--hypothesis-seed={seed}"])
        print(f"\n=== {node_id} (seed {seed})\nreplay: {replay}\nlog: {log}\n{text}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of the web page (prints figures; asserts nothing).

    python benchmarks/bench_web.py [--copies N]

The demo province copied N times (10 × N units, each its own file) in a
temporary folder; times the province page, a unit's page and the live
preview a keystroke asks for (the whole folder scored with the form in
place of its file, ranked with the others' kept scores). Target on a
2-core machine: a preview under 300 ms for 100 units.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_score.cli import demo_dir  # noqa: E402
from cchc_score.web import create_app  # noqa: E402
from tests.web_kit import form_of  # noqa: E402


def timed(call: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10])
    args = parser.parse_args()
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for n in range(copies):
                for source in demo_dir().glob("*.toml"):
                    text = source.read_text(encoding="utf-8")
                    if n:
                        text = text.replace('id = "vd-', f'id = "c{n}-vd-')
                    (folder / f"{n}-{source.name}").write_text(text, encoding="utf-8")
            print(f"{10 * copies:4d} units: " + measure(folder))


def measure(folder: Path) -> str:
    client = create_app(folder).test_client()
    form = form_of(client.get("/unit/0-pc08.toml").get_data(as_text=True))
    form["v.8.3.2"] = "60"
    return (f"province page {timed(lambda: client.get('/')):7.0f} ms, "
            f"unit page {timed(lambda: client.get('/unit/0-pc08.toml')):7.0f} ms, "
            f"preview {timed(lambda: client.post('/preview/0-pc08.toml', data=form)):7.0f} ms")

if __name__ == "__main__":
    main()

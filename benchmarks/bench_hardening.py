"""Time and memory of hostile forms (prints them; asserts nothing).

    python benchmarks/bench_hardening.py

Targets (on a 2-core machine): a form whose last cell is at row 1,048,576
scores in < 2 s and < 200 MB peak memory; a workbook storing three million
cells is refused (the cell limit) in < 5 s and < 200 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

SET = "ca-tinh-2024-bang1"


#: runs the command line in a fresh process and prints its own peak memory (kB)
_MEASURED = """import resource, sys
from cchc_score.cli import main
code = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run(*args: str) -> tuple[int, float, float]:
    """Exit code, seconds, peak resident MB of one `cchc-score` process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return done.returncode, seconds, peak_kb / 1024


def _three_million_cells(blank: Path, huge: Path) -> None:
    """The blank form with three million stored cells, built in a child
    process: a child forked from a big parent would count its memory."""
    script = f"""import zipfile
with zipfile.ZipFile({str(blank)!r}) as zin, zipfile.ZipFile({str(huge)!r}, "w",
                                                    zipfile.ZIP_DEFLATED) as out:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            head, _, tail = data.partition(b"</sheetData>")
            rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                            for r in range(2000, 3_002_000))
            data = head + rows + b"</sheetData>" + tail
        out.writestr(info, data)
"""
    subprocess.run([sys.executable, "-c", script], check=True)


def main() -> None:
    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        blank = Path(tmp) / "blank.xlsx"
        subprocess.run([sys.executable, "-m", "cchc_score", "template", SET, "-o", str(blank),
                        "--unit", "px01", "--name", "P"], check=True, capture_output=True)
        wb = openpyxl.load_workbook(blank)
        wb["Tự chấm"].cell(1_048_576, 3, "x")
        stray = Path(tmp) / "stray.xlsx"
        wb.save(stray)
        code, seconds, mb = run("score", str(stray), "--format", "json")
        print(f"last cell at row 1,048,576: exit {code}, {seconds:.2f} s, peak {mb:.0f} MB "
              "(target < 2 s, < 200 MB)")

        huge = Path(tmp) / "huge.xlsx"
        _three_million_cells(blank, huge)
        code, seconds, mb = run("score", str(huge))
        print(f"3,000,000 stored cells ({huge.stat().st_size // 1024} kB): exit {code}, "
              f"{seconds:.2f} s, peak {mb:.0f} MB (target: refused, < 5 s, < 200 MB)")


if __name__ == "__main__":
    main()

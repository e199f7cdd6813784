"""Small criteria sets and assessment files for the report, gains, what-if
and demo tests, built in a temporary folder; and a helper that runs the
command line at a fixed width and returns what it printed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import pytest

from cchc_score.cli import main

#: 10 points: component 1 (4), component 2 (4, does not apply to units tagged
#: "khong-tthc"), component 3 (2, survey).
MINI = """
schema = 1
id = "mini"
title = "Bộ chỉ số nhỏ của tỉnh Thử"
group = "so"
years = [2024, 2024]
decimals = 2
[source]
issuer = "UBND tỉnh Thử"
decision = "12/QĐ-UBND"
[[bands]]
name = "Tốt"
min = 80
[[bands]]
name = "Khá"
min = 50
[[bands]]
name = "Trung bình"
min = 0
[[nodes]]
code = "1"
title = "Công tác chỉ đạo, điều hành"
max = 4
[[nodes]]
code = "1.1"
title = "Hồ sơ giải quyết đúng hạn"
max = 2
rule = { kind = "tiers", over = "ratio", tiers = [{ min = 100, points = 2 }, { min = 95, points = 1 }] }
[[nodes]]
code = "1.2"
title = "Ban hành kế hoạch cải cách hành chính"
max = 1
rule = { kind = "yes_no" }
[[nodes]]
code = "1.3"
title = "Mức độ thực hiện kế hoạch"
max = 1
rule = { kind = "tiers", over = "percent", tiers = [{ min = 100, points = 1 }, { min = 50, points = 0.5 }] }
[[nodes]]
code = "2"
title = "Cải cách thủ tục hành chính"
max = 4
applies = { none = ["khong-tthc"] }
[[nodes]]
code = "2.1"
title = "Công khai thủ tục hành chính"
max = 2
rule = { kind = "choice", options = [{ key = "du", label = "Đầy đủ", points = 2 }, { key = "mot-phan", label = "Một phần", points = 1 }, { key = "khong", label = "Không công khai", points = 0 }] }
[[nodes]]
code = "2.2"
title = "Văn bản trả lời chậm"
max = 2
rule = { kind = "deduction", per_item = 0.5, unit = "văn bản" }
[[nodes]]
code = "3"
title = "Mức độ hài lòng"
max = 2
[[nodes]]
code = "3.1"
title = "Sự hài lòng của người dân"
max = 2
method = "survey"
evidence = "none"
rule = { kind = "survey" }
"""

#: every leaf at its maximum, with evidence
FULL: dict[str, str] = {
    "1.1": '{ value = "200/200", evidence = ["Báo cáo 1/BC"] }',
    "1.2": '{ value = true, evidence = ["Kế hoạch 2/KH"] }',
    "1.3": '{ value = 100, evidence = ["Báo cáo 3/BC"] }',
    "2.1": '{ value = "du", evidence = ["Thông báo 4/TB"] }',
    "2.2": '{ value = 0, evidence = ["Sổ theo dõi"] }',
}


def write_set(folder: Path, text: str = MINI, name: str = "mini.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_unit(folder: Path, uid: str, answers: Mapping[str, str] | None = None, *,
               criteria: Path | None = None, name: str | None = None, group: str = "so",
               tags: tuple[str, ...] = (), survey: str | None = "100", extra: str = "") -> Path:
    """An assessment file: FULL answers overridden by `answers` (TOML
    literals; None-valued keys are dropped), the survey share, extra TOML."""
    merged = {**FULL, **(answers or {})}
    lines = [
        "schema = 1",
        f'criteria = "{(criteria or folder / "mini.toml").as_posix()}"',
        "year = 2024",
        "[unit]",
        f'id = "{uid}"',
        f'name = "{name or "Sở " + uid.upper()}"',
        f'group = "{group}"',
        "tags = [" + ", ".join(f'"{t}"' for t in tags) + "]",
        "[answers]",
        *(f'"{code}" = {value}' for code, value in merged.items() if value is not None),
    ]
    if survey is not None:
        lines += ["[survey]", f'"3.1" = {survey}']
    path = folder / f"{uid}.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line at 80 columns; (exit code, stdout, stderr)."""
    code = main([*argv, "--width", "80"] if {"score", "demo"} & set(argv) else argv)
    out, err = capsys.readouterr()
    return code, out, err


def line_with(text: str, *parts: str) -> str:
    """The first line that contains every one of `parts`."""
    for line in text.splitlines():
        if all(p in line for p in parts):
            return line
    raise AssertionError(f"no line with {parts!r} in:\n{text}")


def index_of(text: str, part: str) -> int:
    position = text.find(part)
    assert position >= 0, f"{part!r} not in:\n{text}"
    return position


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def flat(text: str) -> str:
    """Text with every run of whitespace made one space: phrases that the
    terminal wrapped at 80 columns read whole again."""
    return " ".join(text.split())

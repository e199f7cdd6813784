"""Property: however a province lays out its Word annex (components I/II or
A/B, criteria numbered on or restarting, sub-criteria lettered or dotted,
each leaf's options inside its title cell, as bullets, in a guidance column
or on rows of their own), the import gives the tree and the rules the
annex means."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_score.load import check_criteria
from cchc_score.office import import_criteria
from cchc_score.rules import RuleKinds

docx = pytest.importorskip("docx")

#: option sets a decision writes, worth the leaf's maximum m: (text, share of m)
OPTIONS = {
    "choice": [("Ban hành kịp thời", 1), ("Ban hành chậm", Decimal("0.5")),
               ("Không ban hành", 0)],
    "yes_no": [("Có thực hiện", 1), ("Không thực hiện", 0)],
    "tiers": [("Đạt từ 90% trở lên", 1), ("Từ 70% đến dưới 90%", Decimal("0.5")),
              ("Dưới 70%", 0)],
}
ROMAN = ["I", "II", "III", "IV"]


@st.composite
def annexes(draw: st.DrawFn) -> dict[str, Any]:
    """A criteria tree and how it is typed."""
    tree = []
    for _ in range(draw(st.integers(1, 3))):
        criteria = []
        for _ in range(draw(st.integers(1, 3))):
            subs = [(draw(st.sampled_from(sorted(OPTIONS))), draw(st.integers(1, 4)),
                     draw(st.sampled_from(["title", "bullets", "guide", "rows"])))
                    for _ in range(draw(st.integers(0, 2)))]
            leaf = (draw(st.sampled_from(sorted(OPTIONS))), draw(st.integers(1, 4)),
                    draw(st.sampled_from(["title", "bullets", "guide", "rows"])))
            criteria.append(subs or [leaf] if subs else leaf)
        tree.append(criteria)
    return {"tree": tree, "letters": draw(st.booleans()), "run_on": draw(st.booleans()),
            "dotted": draw(st.booleans()), "suffix": draw(st.sampled_from([" điểm", "đ", ""]))}


def _option_lines(kind: str, worth: int, suffix: str) -> list[tuple[str, Decimal]]:
    return [(text, Decimal(worth) * Decimal(share)) for text, share in OPTIONS[kind]]


def _write(path: Path, annex: dict[str, Any]) -> dict[str, tuple[Decimal, str | None]]:
    """The Word annex, and code → (maximum, rule kind or None) it means."""
    document = docx.Document()
    document.add_paragraph("BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025")
    table = document.add_table(rows=1, cols=4)
    for i, text in enumerate(("STT", "Tiêu chí", "Điểm tối đa", "Hướng dẫn chấm")):
        table.cell(0, i).text = text
    expected: dict[str, tuple[Decimal, str | None]] = {}
    number = 0
    suffix = annex["suffix"]

    def row(*cells: str) -> None:
        for cell, text in zip(table.add_row().cells, cells, strict=False):
            cell.text = text

    def leaf(label: str, code: str, kind: str, worth: int, layout: str) -> None:
        options = _option_lines(kind, worth, suffix)
        said = [f"{t}: {p.normalize():f}".replace(".", ",") + suffix for t, p in options]
        title = f"Tiêu chí {code}"
        if layout == "title":
            row(label, "\n".join([title, *said]), str(worth))
        elif layout == "bullets":
            row(label, "\n".join([title, *(f"- {s}" for s in said)]), f"{worth}{suffix}")
        elif layout == "guide":
            row(label, title, str(worth), "\n".join(f"+ {s}" for s in said))
        else:
            row(label, title, str(worth))
            for t, p in options:
                row("", "", f"{p.normalize():f}".replace(".", ","), t)
        expected[code] = (Decimal(worth), "tiers" if kind == "tiers" else kind)

    for k, criteria in enumerate(annex["tree"], 1):
        label = "ABCD"[k - 1] if annex["letters"] else ROMAN[k - 1]
        total = sum(sum(s[1] for s in c) if isinstance(c, list) else c[1] for c in criteria)
        row(label, f"LĨNH VỰC {k}", str(total))
        expected[str(k)] = (Decimal(total), None)
        if not annex["run_on"]:
            number = 0
        for n, criterion in enumerate(criteria, 1):
            number += 1
            code = f"{k}.{n}"
            if isinstance(criterion, list):
                worth = sum(s[1] for s in criterion)
                row(str(number), f"Tiêu chí {code}", str(worth))
                expected[code] = (Decimal(worth), None)
                for m, (kind, w, layout) in enumerate(criterion, 1):
                    sub = f"{number}.{m}" if annex["dotted"] else "abc"[m - 1]
                    leaf(sub, f"{code}.{m}", kind, w, layout)
            else:
                leaf(str(number), code, *criterion)
    document.save(str(path))
    return expected


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(annexes())
def test_any_civil_layout_imports_to_the_tree_and_rules_it_means(
        tmp_path: Path, annex: dict[str, Any]) -> None:
    """Every code, maximum and rule kind of the annex comes out as meant,
    no leaf is left to manual scoring, and the file passes check."""
    path = tmp_path / "phu-luc.docx"
    expected = _write(path, annex)
    result = import_criteria(path)
    assert result.text is not None, [i.render("en") for i in result.issues]
    out = tmp_path / "out.toml"
    out.write_text(result.text, encoding="utf-8")
    criteria, issues = check_criteria(out, RuleKinds.builtin())
    assert criteria is not None, [i.render("en") for i in issues]
    got = {n.code: (n.max, n.rule.kind if n.is_leaf else None) for n in criteria.walk()}
    assert got == expected
    assert result.manual == 0

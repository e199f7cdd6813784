"""`import-criteria --fix-codes` repairs a mistyped code by the table's
structure (not only by row order), lists every repair, and stops when two
repairs fit equally; option rows given codes by mistake become the options
of their parent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score.cli import main
from cchc_score.load import check_criteria
from cchc_score.office import import_criteria
from cchc_score.office._code_repair import Entry, candidates, groups, repair, slip, text
from cchc_score.rules import RuleKinds

from .test_office_support import SMALL, criteria_workbook, replace_rows

KINDS = RuleKinds.builtin()


def _criteria(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "out.toml"
    out.write_text(text, encoding="utf-8")
    criteria, issues = check_criteria(out, KINDS)
    assert criteria is not None, [i.render("en") for i in issues]
    return criteria


def test_missing_dot_under_a_criterion_without_options_is_read_as_its_child(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"1.21" under 1.2 (a criterion with no options of its own) becomes
    1.2.1, not a sibling 1.3 that would shift 1.2.2 and break the sums: the
    tree equals the clean table's (codes, maxima, sums), and the repair is
    listed with its row, the code read, the code chosen and why."""
    clean = import_criteria(criteria_workbook(tmp_path / "clean.xlsx"))
    rows = replace_rows(SMALL, {15: ("1.21", "Tin, bài về cải cách hành chính", 1)})
    book = criteria_workbook(tmp_path / "bang.xlsx", rows)
    as_printed = import_criteria(book)
    assert as_printed.failed  # without --fix-codes: the row to fix is named, nothing written
    [error] = [i for i in as_printed.issues if i.level == "error"]
    assert (error.where.row, error.code) == (20, "1.21") and "“1.2.1”" in error.render("vi")
    out = tmp_path / "fixed.toml"
    assert main(["import-criteria", str(book), "--fix-codes", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "dòng 20" in err and "“1.21” → “1.2.1”" in err and "thiếu dấu chấm" in err
    assert "“1.3”" in err  # the repair it rejected, named
    fixed = _criteria(tmp_path, out.read_text(encoding="utf-8"))
    assert clean.text is not None
    expected = _criteria(tmp_path, clean.text)
    assert [(n.code, n.max) for n in fixed.walk()] == [(n.code, n.max) for n in expected.walk()]
    assert fixed.node("1.2").max == sum((k.max for k in fixed.node("1.2").children),
                                        Decimal(0))
    assert any("1.21" in d and "1.2.1" in d for d in fixed.source.defects)


def test_two_repairs_that_fit_equally_stop_the_import_naming_both(tmp_path: Path) -> None:
    """"1.21" after a 1.2 without options, where reading it as 1.2.1 breaks
    the component's sum and reading it as 1.3 leaves 1.2 with nothing to
    score: the import stops with an error naming both repairs."""
    rows = [
        (1, "CÔNG TÁC CHỈ ĐẠO NĂM 2024", 6),
        ("1.1", "Kế hoạch", 2), (None, "Có kế hoạch: 2", "2"), (None, "Không có: 0", "0"),
        ("1.2", "Báo cáo", 2),
        ("1.21", "Báo cáo định kỳ", 2), (None, "Có báo cáo: 2", "2"), (None, "Không: 0", "0"),
        (2, "TỔ CHỨC BỘ MÁY", 94), ("2.1", "Đánh giá chung", 94),
        (None, "Hội đồng xem xét", None),
    ]
    imported = import_criteria(criteria_workbook(tmp_path / "bang.xlsx", rows, total=100),
                               fix_codes=True)
    assert imported.failed
    [error] = [i for i in imported.issues if i.level == "error"]
    text = error.render("vi")
    assert error.where.row == 10 and "“1.2.1”" in text and "“1.3”" in text
    assert "“1.21”" in error.render("en") and "equally" in error.render("en")


def test_option_rows_coded_as_sub_criteria_become_the_options_of_their_parent(
        tmp_path: Path) -> None:
    """"2.2.1 Có ban hành quy chế: 0,5" / "2.2.2 Không ban hành: 0" under a
    2.2 worth 0,5 are its options (a yes/no leaf), with a warning naming
    both rows; the set passes check and scores 0,5 for "có"."""
    rows = [*SMALL[:26],
            (2, "CẢI CÁCH TỔ CHỨC BỘ MÁY", 90),
            ("2.1", "Đánh giá chung", "89,5"), ("2.1.1", "Kết quả do Hội đồng đánh giá", 89.5),
            (None, "Hội đồng xem xét, đánh giá theo thực tế", None),
            ("2.2", "Ban hành quy chế làm việc", 0.5),
            ("2.2.1", "Có ban hành quy chế: 0,5", 0.5),
            ("2.2.2", "Không ban hành: 0", 0)]
    imported = import_criteria(criteria_workbook(tmp_path / "bang.xlsx", rows))
    assert imported.text is not None, [i.render("en") for i in imported.issues]
    criteria = _criteria(tmp_path, imported.text)
    leaf = criteria.node("2.2")
    assert leaf.is_leaf and leaf.rule.kind == "yes_no" and leaf.rule.yes == Decimal("0.5")
    assert "2.2.1" not in criteria.codes and "2.2.2" not in criteria.codes
    [warning] = [i for i in imported.issues if i.message.key == "office.options_coded"]
    assert warning.level == "warning" and "36, 37" in warning.render("vi")


def test_real_sub_criteria_worded_like_options_stay_sub_criteria(tmp_path: Path) -> None:
    """Children that add up to their parent and none worth 0 are kept as
    sub-criteria, however they are worded."""
    rows = replace_rows(SMALL, {23: ("1.2.3", "Có kế hoạch tuyên truyền", 1.5)})
    imported = import_criteria(criteria_workbook(tmp_path / "bang.xlsx", rows))
    assert imported.text is not None
    assert "1.2.3" in _criteria(tmp_path, imported.text).codes


@pytest.mark.parametrize(("printed", "code", "why"), [
    ("3.21", (3, 2, 1), "missing_dot"), ("3..2", (3, 2), "extra_dot"),
    ("3.2.", (3, 2), "extra_dot"), ("2.3", (3, 2), "swapped"), ("3.4", (3, 2), "skipped"),
    ("4.2", (3, 2), "number"), ("3.2", (3, 3), "duplicate")])
def test_each_kind_of_slip_is_recognised(printed: str, code: tuple[int, ...], why: str) -> None:
    """Each slip a typist makes is named: a missing or extra dot, two digits
    swapped, a skipped number, one number wrong, a repeated code."""
    seen = {"3.2": 5} if why == "duplicate" else {}
    assert slip(printed, code, seen) == why


def test_a_code_that_fits_needs_no_repair_and_a_clean_table_none() -> None:
    """Natural codes are accepted as printed: no repair, no ambiguity."""
    entries = [Entry(i, c, f"t{i}", Decimal(m), o) for i, (c, m, o) in enumerate([
        ("1", 3, False), ("1.1", 1, True), ("1.2", 2, False), ("1.2.1", 2, True),
        ("2", 1, False), ("2.1", 1, True)])]
    assert candidates(entries[3], (1, 2), {}) == []
    codes, repairs, unsure = repair(entries)
    assert codes == [e.printed for e in entries] and repairs == [] and unsure == []


def test_every_repair_reason_is_explained_in_both_guides() -> None:
    """The Excel guide (Vietnamese) and its English twin each have a row
    saying what to do for every reason a code repair can give, and show a
    Word annex being imported."""
    from cchc_score._i18n import CATALOG

    from .test_office_support import ROOT

    guides = {"vi": ROOT / "docs" / "vi" / "quy-trinh-excel.md",
              "en": ROOT / "docs" / "excel-workflow.md"}
    reasons = [k for k in CATALOG if k.startswith("office.why_") and k != "office.why_rejected"]
    assert len(reasons) == 8
    for lang, path in guides.items():
        text = path.read_text(encoding="utf-8")
        for key in reasons:
            said = CATALOG[key][0 if lang == "vi" else 1]
            assert f"| {said} |" in text, (path.name, said)
        assert "import-criteria \"Phu luc QD 123.docx\"" in text


# -- properties ---------------------------------------------------------------------

@st.composite
def _tables(draw: st.DrawFn) -> list[Entry]:
    """A consistent criteria table: components, criteria, sub-criteria,
    parents equal to their children's sum; most leaves with option rows."""
    rows: list[tuple[tuple[int, ...], int, bool]] = []
    for a in range(1, draw(st.integers(1, 4)) + 1):
        criteria = []
        for b in range(1, draw(st.integers(1, 4)) + 1):
            subs = [((a, b, c), draw(st.integers(0, 3)), draw(st.booleans()) or c % 2 == 1)
                    for c in range(1, draw(st.integers(0, 3)) + 1)]
            worth = sum(s[1] for s in subs) if subs else draw(st.integers(0, 4))
            criteria.append(((a, b), worth, not subs and draw(st.integers(0, 3)) > 0, subs))
        rows.append(((a,), sum(c[1] for c in criteria), False))
        for code, worth, options, subs in criteria:
            rows += [(code, worth, options), *subs]
    return [Entry(i + 5, text(c), f"tiêu chí {text(c)}", Decimal(m), o)
            for i, (c, m, o) in enumerate(rows)]


def _slipped(code: str, kind: str) -> str | None:
    g = groups(code)
    if kind == "missing_dot" and len(g) >= 2:
        return text(g[:-2]) + ("." if len(g) > 2 else "") + f"{g[-2]}{g[-1]}"
    if kind == "extra_dot":
        return code.replace(".", "..", 1) if "." in code else f"{code}."
    if kind == "duplicate" and g[-1] > 1:
        return text((*g[:-1], g[-1] - 1))
    if kind == "swapped" and len(g) >= 2 and g[-1] != g[-2]:
        return text((*g[:-2], g[-1], g[-2]))
    if kind == "number":
        return text((*g[:-1], g[-1] + 2))
    return None


@given(_tables())
def test_a_consistent_table_needs_no_repair(entries: list[Entry]) -> None:
    """Property: codes that follow one another as they should are kept as
    printed, with no repair and no doubt."""
    codes, repairs, unsure = repair(entries)
    assert codes == [e.printed for e in entries] and not repairs and not unsure


@given(_tables(), st.data(),
       st.sampled_from(["missing_dot", "extra_dot", "duplicate", "swapped", "number"]))
def test_one_slip_is_repaired_to_the_printed_tree_or_reported_never_guessed(
        entries: list[Entry], data: st.DataObject, kind: str) -> None:
    """Property: one mistyped code (a missing or extra dot, a repeat, two
    numbers swapped, a wrong number) in a consistent table is repaired back
    to the table's own codes and listed on its row, or reported as a doubt;
    no other code changes."""
    i = data.draw(st.integers(1, len(entries) - 1))
    bad = _slipped(entries[i].printed, kind)
    if bad is None or bad == entries[i].printed:
        return
    slipped = [*entries[:i], attrs.evolve(entries[i], printed=bad), *entries[i + 1:]]
    codes, repairs, unsure = repair(slipped)
    if unsure:
        assert [u.row for u in unsure] == [entries[i].row]
        return
    assert codes == [e.printed for e in entries]
    assert [(r.row, r.printed, r.code) for r in repairs] == [
        (entries[i].row, bad, entries[i].printed)]


def test_coded_rows_stating_their_points_become_options_too(tmp_path: Path) -> None:
    """"2.2.1 Ban hành đúng hạn: 0,5" / "2.2.2 Ban hành chậm: 0,25" /
    "2.2.3 Không ban hành: 0" under a 2.2 worth 0,5 are read as a choice
    of three options."""
    rows = [*SMALL[:26],
            (2, "CẢI CÁCH TỔ CHỨC BỘ MÁY", 90),
            ("2.1", "Đánh giá chung", "89,5"), ("2.1.1", "Kết quả do Hội đồng đánh giá", 89.5),
            (None, "Hội đồng xem xét, đánh giá theo thực tế", None),
            ("2.2", "Ban hành quy chế làm việc", 0.5),
            ("2.2.1", "Ban hành đúng hạn: 0,5", 0.5),
            ("2.2.2", "Ban hành chậm: 0,25", 0.25),
            ("2.2.3", "Không ban hành: 0", 0)]
    imported = import_criteria(criteria_workbook(tmp_path / "bang.xlsx", rows))
    assert imported.text is not None, [i.render("en") for i in imported.issues]
    rule = _criteria(tmp_path, imported.text).node("2.2").rule
    assert rule.kind == "choice" and [o.points for o in rule.options] == [
        Decimal("0.5"), Decimal("0.25"), 0]

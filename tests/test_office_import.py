"""`cchc-score import-criteria`: an official criteria workbook becomes a
criteria file that passes `check`, with every defect of the source reported
by workbook row and nothing repaired silently."""

from __future__ import annotations

import hashlib
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score import parse_assessment, score
from cchc_score._toml import load_toml
from cchc_score.cli import main
from cchc_score.load import check_criteria
from cchc_score.office import Meta, import_criteria
from cchc_score.rules import RuleKinds

from .test_office_support import SMALL, criteria_workbook, replace_rows, set_cached_values

KINDS = RuleKinds.builtin()


def _import(tmp_path: Path, rows=SMALL, **kw):  # type: ignore[no-untyped-def]
    book = criteria_workbook(tmp_path / "bang.xlsx", rows, **{
        k: v for k, v in kw.items() if k in ("order", "header", "total", "title", "two_row_header")})
    imported = import_criteria(book, kw.get("meta", Meta()), fix_codes=kw.get("fix", False))
    return book, imported


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "out.toml"
    out.write_text(text, encoding="utf-8")
    criteria, issues = check_criteria(out, KINDS)
    assert criteria is not None, [i.render("en") for i in issues]
    assert not [i for i in issues if i.level == "error"]
    return criteria


def _score(criteria, values):  # type: ignore[no-untyped-def]
    data = {"criteria": criteria.id, "year": 2024, "answers": values,
            "unit": {"id": "u", "name": "U", "group": criteria.group}}
    assessment, issues = parse_assessment(data, "x.toml", criteria)
    assert assessment is not None, [i.render("en") for i in issues]
    return score(criteria, assessment)


def test_every_kind_of_option_text_becomes_the_right_rule(tmp_path: Path) -> None:
    """Named options → choice; "từ 70% - 100%" bands → tiers over a percent;
    "¾ số lượng" → tiers over a ratio; "có từ 3 tin, bài" → tiers over a
    count; "có / không" → yes_no; both "0,5" and "0.5" read as 0.5. The file
    passes check with 12 nodes and a total of 100."""
    _, imported = _import(tmp_path)
    assert imported.text is not None
    c = _load(tmp_path, imported.text)
    assert len(c.codes) == 12 and imported.nodes == 12 and c.total == 100
    choice = c.node("1.1.1").rule
    assert choice.kind == "choice"
    assert [o.points for o in choice.options] == [2, Decimal("0.5"), 0]
    assert choice.options[0].label == "Ban hành kịp thời"  # the bracketed gloss is dropped
    band = c.node("1.1.2").rule
    assert (band.kind, band.over, band.below) == ("tiers", "percent", 0)
    assert [(t.threshold, t.inclusive, t.points) for t in band.tiers] == [(70, True, 2),
                                                                          (50, True, 1)]
    ratio = c.node("1.1.3").rule
    assert ratio.over == "ratio" and [t.threshold for t in ratio.tiers] == [100, 75]
    count = c.node("1.2.1").rule
    assert (count.over, count.unit) == ("number", "tin, bài")
    assert [(t.threshold, t.points) for t in count.tiers] == [(3, 1), (1, Decimal("0.5"))]
    above = c.node("1.2.2").rule
    assert [(t.threshold, t.inclusive) for t in above.tiers] == [(90, False), (50, True)]
    yes_no = c.node("1.2.3").rule
    assert (yes_no.kind, yes_no.yes, yes_no.yes_label) == ("yes_no", Decimal("1.5"),
                                                          "Có kế hoạch")
    assert c.node("1.1.2").source_text.startswith("Thực hiện từ 70% - 100% kế hoạch: 2; ")


def test_percentage_band_scores_96_in_the_top_band_and_69_99_in_the_next(
        tmp_path: Path) -> None:
    """The imported "từ 70% - 100%" leaf scores 96% as that band (2 points)
    and 69.99% as "từ 50% - dưới 70%" (1 point); bands are half-open."""
    _, imported = _import(tmp_path)
    c = _load(tmp_path, imported.text)
    points = {v: _score(c, {"1.1.2": v}).node("1.1.2").points
              for v in ("96", "69,99", "70", "50", "49.99", "100")}
    assert points == {"96": 2, "69,99": 1, "70": 2, "50": 1, "49.99": 0, "100": 2}
    assert "70%" in _score(c, {"1.1.2": 96}).node("1.1.2").explanation.render("vi")


def test_counts_ratios_and_above_bands_score_at_their_bounds(tmp_path: Path) -> None:
    """"Có từ 3 tin, bài trở lên" / "từ 1-2": 3 → 1, 2 → 0.5, 0 → 0;
    "¾ số lượng trở lên": 3/4 → 1, 2/3 → 0, 4/4 → 2; "trên 90%": 90 → 1."""
    _, imported = _import(tmp_path)
    c = _load(tmp_path, imported.text)

    def points(code: str, value: object) -> Decimal:
        return _score(c, {code: value}).node(code).points

    assert [points("1.2.1", n) for n in (3, 2, 1, 0)] == [1, Decimal("0.5"), Decimal("0.5"), 0]
    assert [points("1.1.3", r) for r in ("4/4", "3/4", "2/3")] == [2, 1, 0]
    assert [points("1.2.2", v) for v in (Decimal("90.01"), 90, 50)] == [
        Decimal("1.5"), 1, 1]


def test_unreadable_leaf_becomes_manual_with_its_text_and_a_warning(tmp_path: Path) -> None:
    """A leaf whose options say nothing computable becomes manual points
    bounded by its maximum; the text is kept and the warning names the code."""
    _, imported = _import(tmp_path)
    c = _load(tmp_path, imported.text)
    leaf = c.node("2.1.1")
    assert leaf.rule.kind == "manual" and leaf.source_text
    assert imported.manual == 1
    warnings = [i for i in imported.issues if i.code == "2.1.1"]
    assert warnings and warnings[0].level == "warning"
    assert "CẦN XEM LẠI" in imported.text


def test_header_records_source_file_hash_and_options(tmp_path: Path) -> None:
    """The output names the workbook and its sha256, and carries --id,
    --title, --group, --year, --issuer and --decision."""
    meta = Meta(id="vd-2025", title="Bộ tiêu chí Ví Dụ", group="so-nganh", year=2025,
                issuer="UBND tỉnh Ví Dụ", decision="12/QĐ-UBND")
    book, imported = _import(tmp_path, meta=meta)
    digest = hashlib.sha256(book.read_bytes()).hexdigest()
    assert imported.text is not None
    assert "bang.xlsx" in imported.text.split("schema")[0] and digest in imported.text
    c = _load(tmp_path, imported.text)
    assert (c.id, c.title, c.group, c.years) == ("vd-2025", "Bộ tiêu chí Ví Dụ", "so-nganh",
                                                  (2025, 2025))
    assert (c.source.issuer, c.source.decision) == ("UBND tỉnh Ví Dụ", "12/QĐ-UBND")
    assert digest in (c.source.provenance or "")


def test_year_is_read_from_the_heading_or_required(tmp_path: Path) -> None:
    """"NĂM 2024" in the heading gives years [2024, 2024]; with no year
    anywhere the import stops and asks for --year."""
    _, imported = _import(tmp_path)
    assert _load(tmp_path, imported.text).years == (2024, 2024)
    rows = replace_rows(SMALL, {3: (None, "Ban hành kịp thời: 2", "2")})
    _, none = _import(tmp_path, rows, title="Bảng I")
    assert none.failed and any("--year" in i.render("vi") for i in none.issues)


def test_columns_in_another_order_read_the_same(tmp_path: Path) -> None:
    """Columns are found by their header words: a workbook whose title
    column comes first and points second imports identically."""
    _, plain = _import(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _, moved = _import(other, order=[2, 0, 1, 3, 4, 5, 6])
    assert moved.text is not None
    body = lambda t: t.split("\nschema")[1].replace("bang.xlsx", "")  # noqa: E731
    assert [line for line in body(moved.text).splitlines() if "sha256" not in line] == [
        line for line in body(plain.text).splitlines() if "sha256" not in line]


def test_two_row_merged_header_and_numbering_row_read_the_same(tmp_path: Path) -> None:
    """A header spread over two rows with merged cells, followed by the
    "(1) (2) (3)" numbering row, gives the same criteria."""
    _, plain = _import(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _, merged = _import(other, two_row_header=True)
    assert merged.text is not None and merged.nodes == plain.nodes
    a, b = _load(tmp_path, plain.text), _load(other, merged.text)
    assert [(n.code, n.title, n.max, n.rule) for n in a.walk()] == [
        (n.code, n.title, n.max, n.rule) for n in b.walk()]


def test_mistyped_code_is_an_error_with_its_row(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """"1.1.x" is reported with its workbook row, exit 1, nothing written."""
    rows = replace_rows(SMALL, {6: ("1.1.x2", "Mức độ hoàn thành kế hoạch", 2)})
    book = criteria_workbook(tmp_path / "bang.xlsx", rows)
    out = tmp_path / "out.toml"
    assert main(["import-criteria", str(book), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "dòng 11" in err and "1.1.x2" in err and "Traceback" not in err
    assert not out.exists()


def test_duplicate_code_is_an_error_and_fix_codes_renumbers_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second "1.1.2" names both rows and exits 1; with --fix-codes it
    becomes 1.1.3 by row order, the change is reported and listed in the
    output's defects, and the file passes check."""
    rows = replace_rows(SMALL, {10: ("1.1.2", "Số lượng báo cáo định kỳ", 2)})
    book = criteria_workbook(tmp_path / "bang.xlsx", rows)
    out = tmp_path / "out.toml"
    assert main(["import-criteria", str(book), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "dòng 15" in err and "1.1.2" in err and "11" in err and "--fix-codes" in err
    assert main(["import-criteria", str(book), "-o", str(out), "--fix-codes"]) == 0
    err = capsys.readouterr().err
    assert "dòng 15" in err and "“1.1.2” (trùng dòng 11) → “1.1.3”" in err
    c = _load(tmp_path, out.read_text(encoding="utf-8"))
    assert c.node("1.1.3").title == "Số lượng báo cáo định kỳ"
    assert any("1.1.3" in d for d in c.source.defects)


def test_code_under_the_wrong_parent_is_reported_and_fixable(tmp_path: Path) -> None:
    """"1.3.1" printed under 1.2 (the source's 4.5.1-under-4.4 slip) is an
    error with its row; --fix-codes reads it as 1.2.1."""
    rows = replace_rows(SMALL, {15: ("1.3.1", "Tin, bài về cải cách hành chính", 1)})
    _, imported = _import(tmp_path, rows)
    assert imported.failed
    [error] = [i for i in imported.issues if i.level == "error"]
    assert (error.code, error.where.row) == ("1.3.1", 20)
    _, fixed = _import(tmp_path, rows, fix=True)
    assert fixed.text is not None and "“1.3.1” → “1.2.1”" in fixed.text
    assert _load(tmp_path, fixed.text).node("1.2.1").title == "Tin, bài về cải cách hành chính"


def test_parent_whose_children_do_not_add_up_is_an_error(tmp_path: Path) -> None:
    """A criterion declaring 6 over children worth 2 + 2 + 3 is reported on
    the criterion's row with the sum; nothing is written."""
    rows = replace_rows(SMALL, {10: ("1.1.3", "Số lượng báo cáo định kỳ", 3)})
    _, imported = _import(tmp_path, rows)
    assert imported.failed
    errors = [i for i in imported.issues if i.level == "error"]
    assert [(e.code, e.where.row) for e in errors] == [("1.1", 6)]
    assert "7" in errors[0].render("vi")


def test_option_above_the_maximum_is_capped_with_a_warning(tmp_path: Path) -> None:
    """An option worth 3 under a leaf of maximum 1.5 is reported with its
    row and counted as the maximum; the file still passes check."""
    rows = replace_rows(SMALL, {24: (None, "Có kế hoạch: 3", "3")})
    _, imported = _import(tmp_path, rows)
    assert imported.text is not None
    [warning] = [i for i in imported.issues if i.where.row == 29]
    assert warning.level == "warning" and warning.code == "1.2.3"
    assert _load(tmp_path, imported.text).node("1.2.3").rule.yes == Decimal("1.5")


def test_total_row_that_disagrees_is_reported(tmp_path: Path) -> None:
    """A "Tổng cộng" of 99 over components adding up to 100 is a warning
    on the total's row; a cached formula total of 100 is silent."""
    _, wrong = _import(tmp_path, total=99)
    assert [i.where.row for i in wrong.issues if "99" in i.render("vi")] == [35]
    book = criteria_workbook(tmp_path / "cached.xlsx")
    set_cached_values(book, {"C35": 100})
    right = import_criteria(book)
    assert not [i for i in right.issues if i.where.row == 35]


def test_overlapping_band_bounds_are_reported_and_read_half_open(tmp_path: Path) -> None:
    """"từ 50% - 70%" under "từ 70% - 100%" (both include 70) is read half
    open and reported as a source defect with its row."""
    rows = replace_rows(SMALL, {8: (None, "Thực hiện từ 50% - 70% kế hoạch: 1", "1")})
    _, imported = _import(tmp_path, rows)
    c = _load(tmp_path, imported.text)
    assert [t.threshold for t in c.node("1.1.2").rule.tiers] == [70, 50]
    assert [i.where.row for i in imported.issues if i.code == "1.1.2"] == [13]
    assert any("13" in d for d in c.source.defects)


def test_points_cell_and_text_that_disagree_are_reported(tmp_path: Path) -> None:
    """An option whose text says 1 but whose points cell says 1.5 keeps the
    printed text's points and warns on that row."""
    rows = replace_rows(SMALL, {8: (None, "Thực hiện từ 50% - dưới 70% kế hoạch: 1", "1.5")})
    _, imported = _import(tmp_path, rows)
    assert [i.where.row for i in imported.issues if i.code == "1.1.2"] == [13]
    assert _load(tmp_path, imported.text).node("1.1.2").rule.tiers[1].points == 1


def test_cli_writes_a_checked_file_and_never_the_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command writes the file, prints a summary, refuses to replace it
    without --force, and never writes over the workbook."""
    book = criteria_workbook(tmp_path / "bang.xlsx")
    out = tmp_path / "set.toml"
    assert main(["import-criteria", str(book), "-o", str(out), "--id", "vd-2024"]) == 0
    assert "vd-2024" in capsys.readouterr().err
    assert main(["check", str(out)]) == 0
    assert main(["import-criteria", str(book), "-o", str(out)]) == 1
    before = book.read_bytes()
    assert main(["import-criteria", str(book), "-o", str(book), "--force"]) == 1
    assert book.read_bytes() == before
    data, _, _ = load_toml(out)
    assert data is not None and data["id"] == "vd-2024"


def test_a_file_that_is_not_a_workbook_is_one_clean_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Garbage with an .xlsx name: exit 1, the file named, no traceback."""
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    assert main(["import-criteria", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.xlsx" in err and "Traceback" not in err


def test_missing_openpyxl_is_a_clean_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Without openpyxl the Excel commands say how to install it (exit 1,
    no traceback); the TOML template still works."""
    book = criteria_workbook(tmp_path / "bang.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["import-criteria", str(book)]) == 1
    assert "cchc-score[excel]" in capsys.readouterr().err
    assert main(["template", "ca-tinh-2024-bang1", "-o", str(tmp_path / "f.xlsx")]) == 1
    assert "cchc-score[excel]" in capsys.readouterr().err
    assert main(["template", "ca-tinh-2024-bang1", "-o", str(tmp_path / "f.toml")]) == 0


def test_an_id_the_loader_refuses_stops_the_import(tmp_path: Path) -> None:
    """The output is checked before it is written: an --id with capitals
    is reported (as `check` would) and nothing is produced."""
    _, imported = _import(tmp_path, meta=Meta(id="Bang I"))
    assert imported.failed
    assert any(i.where.key == "id" for i in imported.issues)

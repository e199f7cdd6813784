"""`import-criteria` and `template`: criteria workbooks in, blank
assessments (TOML or the Excel form) out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .._i18n import msg
from .._output import write_output
from ._app import Command, _fatal, _print_issues, _read_too, _texts

if TYPE_CHECKING:
    from .._model import CriteriaSet


def _add_import(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("workbook", type=Path, metavar="WORKBOOK",
                   help=t("tệp phụ lục bộ chỉ số (Excel .xlsx hoặc Word .docx)",
                          "the criteria annex (Excel .xlsx or Word .docx)"))
    p.add_argument("-o", "--output", type=Path,
                   help=t("tệp bộ chỉ số cần ghi (.toml)", "the criteria file to write (.toml)"))
    p.add_argument("--force", action="store_true",
                   help=t("cho phép ghi đè tệp đã có", "replace an existing output file"))
    p.add_argument("--fix-codes", action="store_true",
                   help=t("sửa mã gõ nhầm theo cấu trúc bảng, liệt kê từng thay đổi",
                          "repair mistyped codes by the table's structure, listing each "
                          "repair"))
    p.add_argument("--sheet", help=t("trang tính cần đọc (mặc định: trang có bảng)",
                                     "the sheet to read (default: the one with the table)"))
    p.add_argument("--id", help=t("mã bộ chỉ số (mặc định: theo tên tệp)",
                                  "the set's id (default: from the file name)"))
    p.add_argument("--title", help=t("tên bộ chỉ số (mặc định: tiêu đề bảng)",
                                     "the set's title (default: the table's heading)"))
    p.add_argument("--group", help=t("nhóm đơn vị được chấm", "the unit group the set scores"))
    p.add_argument("--year", type=int, help=t("năm đánh giá (mặc định: theo bảng)",
                                              "the assessment year (default: from the table)"))
    p.add_argument("--issuer", help=t("cơ quan ban hành (UBND tỉnh …)",
                                      "who issued the set (UBND tỉnh …)"))
    p.add_argument("--decision", help=t("quyết định ban hành (số …/QĐ-UBND)",
                                        "the decision that issued it (số …/QĐ-UBND)"))


def _add_template(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("criteria", metavar="CRITERIA",
                   help=t("mã hoặc tệp bộ chỉ số", "criteria set id or file"))
    p.add_argument("-o", "--output", type=Path,
                   help=t("FILE.toml (mặc định: màn hình) hoặc FILE.xlsx cho biểu mẫu Excel",
                          "FILE.toml (default: stdout) or FILE.xlsx for the Excel form"))
    p.add_argument("--force", action="store_true",
                   help=t("cho phép ghi đè tệp đã có", "replace an existing output file"))
    p.add_argument("--unit", default="don-vi", metavar="ID",
                   help=t("mã đơn vị", "the unit's id"))
    p.add_argument("--name", help=t("tên đầy đủ của đơn vị", "the unit's full name"))
    p.add_argument("--year", type=int,
                   help=t("năm đánh giá (mặc định: năm đầu của bộ chỉ số)",
                          "the assessment year (default: the set's first)"))
    p.add_argument("--units", type=Path, metavar="CSV",
                   help=t("danh sách đơn vị (id, name, group, tags): một mẫu cho mỗi đơn vị, "
                          "ghi vào thư mục -o (đuôi .xlsx, hoặc .toml với --toml)",
                          "the units (id, name, group, tags): one form per unit, written "
                          "into the folder -o (.xlsx, or .toml with --toml)"))
    p.add_argument("--toml", action="store_true",
                   help=t("với --units: mẫu .toml thay vì .xlsx",
                          "with --units: .toml forms instead of .xlsx"))


def cmd_import_criteria(args: argparse.Namespace) -> int:
    from ..office import Meta, import_criteria

    meta = Meta(id=args.id, title=args.title, group=args.group, year=args.year,
                issuer=args.issuer, decision=args.decision)
    imported = import_criteria(args.workbook, meta, fix_codes=args.fix_codes, lang=args.lang,
                               kinds=args.registry.kinds, sheet=args.sheet)
    _print_issues(imported.issues, args.lang)
    if imported.text is None:
        errors = sum(1 for i in imported.issues if i.level == "error")
        _fatal(msg("office.import_failed", path=args.workbook, count=errors).render(args.lang))
    if args.output is None:
        sys.stdout.write(imported.text)
    else:
        write_output(args.output, imported.text, force=args.force,
                     inputs=[args.workbook, *_read_too(args)])
    print(msg("office.imported", path=args.output or "stdout", id=imported.id,
              nodes=imported.nodes,
              leaves=imported.leaves, manual=imported.manual, total=imported.total
              ).render(args.lang), file=sys.stderr)
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from .. import _api

    criteria = _api.catalog(args.registry).load(args.criteria)
    if args.units is not None:
        return _template_units(args, criteria)
    form = args.output is not None and args.output.suffix.lower() in (".xlsx", ".xlsm")
    data = _blank(args, criteria, form, args.unit, args.name, None, (),
                  str(args.output or "FILE.toml"))
    if args.output is None:
        assert isinstance(data, str)
        sys.stdout.write(data)
        return 0
    write_output(args.output, data, force=args.force,
                 inputs=[*_read_too(args), *([Path(criteria.path)] if criteria.path else [])])
    print(msg("cli.written", path=args.output).render(args.lang), file=sys.stderr)
    return 0


def _blank(args: argparse.Namespace, criteria: CriteriaSet, form: bool, unit: str,
           name: str | None, group: str | None, tags: tuple[str, ...], output: str
           ) -> str | bytes:
    """One unit's blank form (xlsx bytes) or TOML text, carrying the set."""
    from .._embed import Embedded

    embed = Embedded.of_file(criteria.path) if criteria.path else None
    if form:
        from ..office import form_workbook

        return form_workbook(criteria, ref=args.criteria, unit_id=unit, unit_name=name,
                             year=args.year, lang=args.lang, embed=embed, group=group,
                             tags=tags)
    from .._template import toml_template

    return toml_template(criteria, ref=args.criteria, unit_id=unit, unit_name=name,
                         year=args.year, lang=args.lang, output_name=output, embed=embed,
                         group=group, tags=tags)


def _template_units(args: argparse.Namespace, criteria: CriteriaSet) -> int:
    """`template SET --units units.csv -o FOLDER`: one form per unit."""
    from .._units import read_units

    if args.output is None:
        _fatal(msg("office.needs_output", format="--units").render(args.lang), 2)
    units, problems = read_units(args.units)
    _print_issues(problems, args.lang)
    if any(i.level == "error" for i in problems):
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    suffix = ".toml" if args.toml else ".xlsx"
    inputs = [args.units, *_read_too(args), *([Path(criteria.path)] if criteria.path else [])]
    for row in units:
        target = args.output / f"{row.id}{suffix}"
        write_output(target, _blank(args, criteria, not args.toml, row.id, row.name,
                                    row.group, row.tags, target.name),
                     force=args.force, inputs=inputs)
    print(msg("units.written", count=len(units), path=args.output).render(args.lang),
          file=sys.stderr)
    return 0


COMMANDS = (
    Command("import-criteria", ("đọc phụ lục bộ tiêu chí (Excel .xlsx, Word .docx) thành tệp "
                                "bộ chỉ số",
                                "read a criteria annex (.xlsx, .docx) into a criteria file"),
            _add_import, cmd_import_criteria),
    Command("template", ("tạo mẫu kê khai trống (.toml hoặc biểu mẫu .xlsx)",
                         "a blank assessment to fill (.toml, or .xlsx form)"),
            _add_template, cmd_template),
)

"""`compare` and `diff-criteria`: year over year, and what changed between
two criteria sets."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._i18n import msg
from .._numbers import fmt
from .._rounds import STAGES
from ._app import Command, _fatal, _print_issues, _read_too, _texts

if TYPE_CHECKING:
    from .._compare import Year

# The work's modules are imported by the commands that use them: start-up
# builds every command's parser and runs only one.


def _add_compare(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    for name, vi, en in (("last", "năm trước", "last year"), ("this", "năm nay", "this year")):
        p.add_argument(name, type=Path, metavar=name.upper(),
                       help=t(f"kết quả {vi}: tệp JSON (score --format json) hoặc thư mục "
                              "tệp kê khai", f"{en}'s results: a JSON file (score --format "
                              "json) or a folder of assessments"))
    p.add_argument("--stage", choices=STAGES, default="final",
                   help=t("giai đoạn chấm tệp kê khai (mặc định: final)",
                          "the stage assessments are scored at (default: final)"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=t("định dạng (mặc định: text)", "format (default: text)"))
    p.add_argument("-o", "--output", type=Path, help=t("tệp kết quả", "output file"))
    p.add_argument("--force", action="store_true",
                   help=t("cho phép ghi đè tệp đã có", "replace an existing output file"))


def _add_diff(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("a", metavar="A", help=t("bộ chỉ số cũ (mã hoặc tệp)", "old set (id or file)"))
    p.add_argument("b", metavar="B", help=t("bộ chỉ số mới (mã hoặc tệp)",
                                            "new set (id or file)"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=t("định dạng (mặc định: text)", "format (default: text)"))


def _year(path: Path, args: argparse.Namespace) -> Year:
    from .. import _api
    from .._compare import year_of_json, year_of_results

    if path.suffix.lower() == ".json":
        return year_of_json(path)
    batch = _api.score_files([path], stage=args.stage, registry=args.registry)
    _print_issues(batch.issues, args.lang)
    if batch.failed:
        _fatal(msg("cmp.failed", path=path).render(args.lang))
    return year_of_results(batch.results)


def cmd_compare(args: argparse.Namespace) -> int:
    from .._compare import compare
    from .._output import write_output
    from ..report._json import dumps

    last, this = _year(args.last, args), _year(args.this, args)
    changes, issues = compare(last, this, stage=args.stage, registry=args.registry)
    _print_issues(issues, args.lang)
    lang = args.lang
    if args.format == "json":
        text = dumps({"last": {"criteria": last.criteria, "year": last.year},
                      "this": {"criteria": this.criteria, "year": this.year},
                      "units": [_unit_doc(c) for c in changes]}) + "\n"
    else:
        text = _text(changes, last, this, lang)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(args.output, text, force=args.force,
                     inputs=[args.last, args.this, *_read_too(args)])
    return 0


def _unit_doc(c: Any) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "group": c.group,
            "last": {"index": c.last.index, "points": c.last.points, "max": c.last.max,
                     "rank": c.last.rank},
            "this": {"index": c.this.index, "points": c.this.points, "max": c.this.max,
                     "rank": c.this.rank},
            "bridge": {"index": c.bridge.index, "points": c.bridge.points, "max": c.bridge.max},
            "change": c.change, "by_criteria": c.by_criteria, "by_unit": c.by_unit,
            "exact": c.exact,
            "components": [{"code": code, "last": a, "this": b, "by_criteria": crit,
                            "by_unit": unit} for code, a, b, crit, unit in c.components()]}


def _text(changes: list[Any], last: Year, this: Year, lang: str) -> str:
    def n(value: Decimal | None) -> str:
        return "—" if value is None else fmt(value, lang, 2)

    def s(value: Decimal) -> str:
        text = n(abs(value))
        return text if text == n(Decimal(0)) else ("+" if value > 0 else "−") + text

    def t(key: str, **kw: Any) -> str:
        return msg(key, **kw).render(lang)

    lines = [t("cmp.head", last=last.year or "?", this=this.year or "?",
               a=last.criteria or "?", b=this.criteria or "?"), ""]
    lines.append(f"{t('cmp.col.unit'):<12} {t('cmp.col.last'):>9} {t('cmp.col.this'):>9} "
                 f"{t('cmp.col.change'):>9} {t('cmp.col.criteria'):>11} "
                 f"{t('cmp.col.own'):>11}  {t('cmp.col.rank')}")
    for c in changes:
        rank = f"{c.last.rank or '—'} → {c.this.rank or '—'}"
        lines.append(f"{c.id:<12} {n(c.last.index):>9} {n(c.this.index):>9} {s(c.change):>9} "
                     f"{s(c.by_criteria):>11} {s(c.by_unit):>11}  {rank}")
    for c in changes:
        lines += ["", t("cmp.unit_head", name=c.name, id=c.id)
                  + ("" if c.exact else " " + t("cmp.approx"))]
        lines.append(f"  {t('rep.code'):<6} {t('cmp.col.last'):>9} {t('cmp.col.this'):>9} "
                     f"{t('cmp.col.criteria'):>11} {t('cmp.col.own'):>11}")
        for code, a, b, crit, own in c.components():
            lines.append(f"  {code:<6} {n(a):>9} {n(b):>9} {s(crit):>11} {s(own):>11}")
    return "\n".join(lines) + "\n"


def cmd_diff_criteria(args: argparse.Namespace) -> int:
    import json

    from .. import _api
    from .._compare import diff_criteria

    cat = _api.catalog(args.registry)
    a, b = cat.load(args.a), cat.load(args.b)
    found = diff_criteria(a, b)
    if args.format == "json":
        sys.stdout.write(json.dumps({"a": a.id, "b": b.id, "changes": [
            {"code": d.code, "what": d.what, "before": d.before, "after": d.after}
            for d in found]}, ensure_ascii=False, indent=2) + "\n")
        return 0
    lang = args.lang
    print(msg("cmp.diff_head", a=a.id, b=b.id, count=len(found)).render(lang))
    for d in found:
        print(f"  {d.code:<8} {msg(f'cmp.what.{d.what}').render(lang):<18} "
              f"{d.before}{' → ' if d.before and d.after else ''}{d.after}")
    return 0


COMMANDS = (
    Command("compare", ("so sánh hai năm: thay đổi chỉ số, thứ hạng, từng lĩnh vực; phần do bộ "
                        "chỉ số thay đổi và phần do kết quả của đơn vị",
                        "compare two years: change in index, rank and per component, split "
                        "into the criteria's part and the unit's"), _add_compare, cmd_compare),
    Command("diff-criteria", ("liệt kê khác biệt giữa hai bộ chỉ số",
                              "list what changed between two criteria sets"),
            _add_diff, cmd_diff_criteria),
)

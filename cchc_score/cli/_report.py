"""`report`: one unit's remediation report in Word (báo cáo kết quả và kế
hoạch khắc phục), from the same scoring as `score`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._i18n import msg
from .._output import write_output
from .._rounds import STAGES
from ._app import Command, _fatal, _print_issues, _read_too, _texts


def _add_report(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help=t("tệp kê khai (.toml, .xlsx) hoặc thư mục (để xếp hạng)",
                          "assessment files (.toml, .xlsx) or folders (for the rank)"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.docx",
                   help=t("tệp Word cần ghi", "the Word file to write"))
    p.add_argument("--unit", metavar="ID", help=t("đơn vị cần báo cáo", "the unit to report on"))
    p.add_argument("--stage", choices=STAGES, default="final",
                   help=t("giai đoạn (mặc định: final)", "stage (default: final)"))
    p.add_argument("--criteria", metavar="ID|PATH",
                   help=t("bộ chỉ số dùng để chấm", "criteria set to score with"))
    p.add_argument("--survey", type=Path, metavar="CSV",
                   help=t("kết quả điều tra xã hội học", "survey results"))
    p.add_argument("--appraisal", type=Path, metavar="CSV|XLSX",
                   help=t("kết quả thẩm định chung của tỉnh", "the province's appraisal file"))
    p.add_argument("--previous", type=Path, metavar="JSON",
                   help=t("kết quả năm trước (score --format json)",
                          "last year's results (score --format json)"))
    p.add_argument("--force", action="store_true",
                   help=t("cho phép ghi đè tệp đã có", "replace an existing output file"))


def cmd_report(args: argparse.Namespace) -> int:
    from .. import _api
    from ..report import Options
    from ..report._previous import previous_issues, read_previous
    from ..report._remediation import unit_to_report

    lang = args.lang
    if args.output.suffix.lower() != ".docx":
        _fatal(msg("rem.needs_docx").render(lang), 2)
    batch = _api.score_files(args.files, criteria=args.criteria, stage=args.stage,
                             survey=args.survey, appraisal=args.appraisal,
                             registry=args.registry)
    _print_issues(batch.issues, lang)
    if batch.failed:
        return 1
    result = unit_to_report(batch.results, args.unit)
    ids = [r.unit.id for r in batch.results]
    if result is None:
        if args.unit is not None:
            _fatal(msg("cli.unknown_unit", id=args.unit, known=ids).render(lang))
        _fatal(msg("rem.several", count=len(ids), ids=", ".join(ids)).render(lang), 2)
    previous = read_previous(args.previous) if args.previous is not None else {}
    if args.previous is not None:
        _print_issues(previous_issues([result], previous, args.previous), lang)
    from ..office._remediation import RemediationReport

    data = RemediationReport().render([result], Options(lang=lang, previous=previous))
    write_output(args.output, data, force=args.force,
                 inputs=[*batch.files, *_read_too(args)])
    print(msg("cli.written", path=args.output).render(lang), file=sys.stderr)
    return 0


COMMANDS = (
    Command("report", ("báo cáo kết quả và kế hoạch khắc phục của một đơn vị (Word)",
                       "one unit's results and remediation report (Word)"),
            _add_report, cmd_report),
)

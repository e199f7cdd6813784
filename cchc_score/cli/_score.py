"""`score` and `demo`: score assessment files and show the results in the
chosen format, with what-if (`--set`), gains and last year's change."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import _api
from .._i18n import msg
from .._model import Location, UnitResult
from .._output import write_output
from .._rounds import STAGES
from .._stamp import Stamp, plugins_of
from ..report import FORMATS, Options, shown
from ..report._base import trimmed
from ..report._progress import Progress
from ._app import Command, _Exit, _fatal, _output_options, _print_issues, _read_too, _texts

#: every format `score` and `demo` can write
OUTPUT_FORMATS = (*FORMATS, "xlsx", "docx")


def _add_demo(p: argparse.ArgumentParser, lang: str) -> None:
    _output_options(p, OUTPUT_FORMATS, lang)


def _add_score(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help=t("tệp kê khai (.toml, .xlsx) hoặc thư mục",
                          "assessment files (.toml, .xlsx) or folders"))
    p.add_argument("--criteria", metavar="ID|PATH",
                   help=t("bộ chỉ số dùng để chấm (mã hoặc đường dẫn)",
                          "criteria set to score with (id or path)"))
    p.add_argument("--stage", choices=STAGES, default="self",
                   help=t("giai đoạn: self (tự đánh giá, mặc định), round1 (thẩm định vòng 1), "
                          "explanation (giải trình), round2 (thẩm định vòng 2), appeal (phúc "
                          "khảo), final hoặc appraised (vòng cuối cùng có trong tệp)",
                          "stage: self (self-assessment, default), round1, explanation, "
                          "round2, appeal, final or appraised (the latest round present)"))
    p.add_argument("--survey", type=Path, metavar="CSV",
                   help=t("kết quả điều tra xã hội học của các đơn vị",
                          "survey results for all units"))
    p.add_argument("--appraisal", type=Path, metavar="CSV|XLSX",
                   help=t("kết quả thẩm định của mọi đơn vị trong một tệp (unit, round, code, "
                          "points/value, reason, who, date, na); tệp của đơn vị không bị sửa",
                          "appraisal entries of every unit in one file (unit, round, code, "
                          "points/value, reason, who, date, na); units' files are not edited"))
    p.add_argument("--data", type=Path, metavar="CSV|XLSX", action="append", default=[],
                   help=t("số liệu của tỉnh cho mọi đơn vị (unit, code, value, source), thay "
                          "cho số liệu đơn vị kê khai; dùng được nhiều lần",
                          "province figures for every unit (unit, code, value, source), "
                          "used instead of the units' own values; repeatable"))
    p.add_argument("--jobs", type=_jobs(lang), default=1, metavar="N",
                   help=t("chấm song song bằng N tiến trình (kết quả không đổi)",
                          "score across N processes (the results are the same)"))
    p.add_argument("--cache", action="store_true",
                   help=t("dùng lại kết quả đã chấm của các tệp không đổi (thư mục bộ nhớ "
                          "đệm của người dùng, xóa lúc nào cũng được)",
                          "reuse the results of unchanged files (kept in the user's cache "
                          "folder, safe to delete)"))
    p.add_argument("--quiet", action="store_true",
                   help=t("không hiện thanh tiến độ", "no progress bar"))
    _output_options(p, OUTPUT_FORMATS, lang)


def _jobs(lang: str) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise argparse.ArgumentTypeError(msg("cli.jobs", raw=text).render(lang))
        return value
    return parse


def _emit(args: argparse.Namespace, results: Sequence[Any], inputs: Sequence[Path],
          **view: Any) -> None:
    color = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = args.width
    if width is None and args.output is None and sys.stdout.isatty():
        width = os.get_terminal_size().columns
    options = Options(lang=args.lang, all_lost=args.all_lost, breakdowns=args.breakdowns,
                      width=width or 100, color=color, **view)
    text = _report(args.format)().render(results, options)
    if args.output is None:
        sys.stdout.write(text)
        return
    if args.format == "csv":
        text = CSV_BOM + text
    write_output(args.output, text, force=args.force, inputs=inputs)
    print(msg("cli.written", path=args.output).render(args.lang), file=sys.stderr)
    _csv_stamp(args, options.stamp, inputs)


#: A byte order mark tells Excel, where officers open a CSV, that the file is
#: UTF-8: without it Vietnamese names show as mojibake there.
CSV_BOM = "\ufeff"


def _csv_stamp(args: argparse.Namespace, stamp: Stamp | None, inputs: Sequence[Path]) -> None:
    """A CSV has no place for the stamp that every reader skips: a file beside it."""
    if args.format != "csv" or stamp is None or args.output is None:
        return
    from ..report._json import dumps

    side = args.output.with_name(f"{args.output.stem}.stamp.json")
    write_output(side, dumps(stamp.to_dict()) + "\n", force=args.force, inputs=inputs)
    print(msg("cli.written", path=side).render(args.lang), file=sys.stderr)


def _report(name: str) -> type[Any]:
    if name == "xlsx":
        from ..office import XlsxReport

        return XlsxReport
    if name == "docx":
        from ..office import DocxReport

        return DocxReport
    return FORMATS[name]


#: the format an -o file's suffix implies when --format is not given
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "md", ".xlsx": "xlsx",
                  ".docx": "docx", ".html": "html", ".htm": "html"}


def _needs_output(args: argparse.Namespace) -> None:
    """Settle the format: --format, else the -o file's suffix, else text. A
    binary format (xlsx, docx) cannot go to the terminal, and no other
    format can go into an .xlsx or .docx file: usage errors, before any work."""
    implied = SUFFIX_FORMATS.get(args.output.suffix.lower()) if args.output else None
    if args.format is None:
        args.format = implied or "text"
    elif implied in ("xlsx", "docx") and args.format != implied:
        key = "cli.format_suffix" if implied == "xlsx" else "word.format_suffix"
        _fatal(msg(key, format=args.format, path=args.output).render(args.lang), 2)
    if _report(args.format).binary and args.output is None:
        _fatal(msg("office.needs_output", format=args.format).render(args.lang), 2)


def _score_batch(args: argparse.Namespace, files: Sequence[Path], focus: str | None = None,
                 **kw: Any) -> int:
    kw.setdefault("registry", args.registry)
    _needs_output(args)
    progress = Progress(args.lang, enabled=None if not getattr(args, "quiet", False) else False)
    spool = _spool_for(args)
    try:
        batch = _api.score_files(files, **kw, progress=progress,
                                 keep_assessments=bool(args.gains or args.sets),
                                 keep=spool if spool is not None else _trim_for(args, focus))
        progress.close()
        if batch.failed:
            _print_issues(batch.issues, args.lang)
            return 1
        _print_issues(batch.issues, args.lang)
        results, view = _view(args, batch.results, files, kw, focus)
        inputs = [*batch.files, *_read_too(args),
                  *(Path(r.criteria.path) for r in results if r.criteria.path)]
        view["stamp"] = _stamp(args, results, batch.files, kw)
        if spool is not None:
            _emit_spooled(args, spool, results, inputs, view)
        else:
            _emit(args, results, inputs, **view)
        return 0
    finally:
        progress.close()
        if spool is not None:
            spool.close()


def _spool_for(args: argparse.Namespace) -> Any:
    """JSON and CSV are written as units are scored (memory flat in the
    number of units: `report._spool`) unless the run needs whole results:
    --set, --gains, --previous, or a plugin's tie-break (it sees whole
    results)."""
    if args.format not in ("json", "csv") or args.previous is not None or _whole_needed(args):
        return None
    from ..report._spool import CsvSpool, JsonSpool

    return (JsonSpool if args.format == "json" else CsvSpool)(Options(lang=args.lang))


def _trim_for(args: argparse.Namespace, focus: str | None) -> Any:
    """What a province's text or Markdown keeps of each unit: the ranking,
    the component matrix and the group means read only the components, so
    every unit but the one broken down (`--unit`, else the first scored: the
    only one, when the batch has one) keeps its components without what is
    below them (memory: a quarter of whole results). None when whole
    results are needed: other formats, --breakdowns, --gains, --set, a
    plugin's tie-break (it sees whole results), the demo (its unit to break
    down is chosen after scoring)."""
    if (args.format not in ("text", "md") or args.breakdowns or focus is not None
            or _whole_needed(args)):
        return None
    whole: list[str] = [args.unit] if args.unit is not None else []

    def keep(result: UnitResult) -> UnitResult:
        if not whole:
            whole.append(result.unit.id)
        return result if result.unit.id in whole else trimmed(result)
    return keep


def _whole_needed(args: argparse.Namespace) -> bool:
    """Whether every unit's whole result is needed after the batch: --set
    and --gains score again from them, a plugin's tie-break reads them."""
    return bool(args.sets or args.gains) or args.registry.tie_breaker() is not None


def _emit_spooled(args: argparse.Namespace, spool: Any, results: Sequence[UnitResult],
                  inputs: Sequence[Path], view: dict[str, Any]) -> None:
    """The spooled output, copied out in rank order (same bytes as `_emit`)."""
    options = Options(lang=args.lang, **view)
    chunks = spool.chunks(results, options)
    if args.output is None:
        for chunk in chunks:
            sys.stdout.write(chunk.decode("utf-8"))
        return
    if args.format == "csv":
        chunks = itertools.chain([CSV_BOM.encode("utf-8")], chunks)
    write_output(args.output, chunks, force=args.force, inputs=inputs)
    print(msg("cli.written", path=args.output).render(args.lang), file=sys.stderr)
    _csv_stamp(args, options.stamp, inputs)


def _stamp(args: argparse.Namespace, results: Sequence[UnitResult], files: Sequence[Path],
           kw: dict[str, Any]) -> Stamp:
    """The run's one stamp, which every format writes."""
    appraisal = [kw["appraisal"]] if kw.get("appraisal") is not None else []
    return Stamp.of(results, [*files, *appraisal, *kw.get("data", ())], survey=kw.get("survey"),
                    plugins=plugins_of(kw["registry"]),
                    stage=kw.get("stage"))


def _view(args: argparse.Namespace, results: Sequence[UnitResult], files: Sequence[Path],
          kw: dict[str, Any], focus: str | None) -> tuple[Sequence[UnitResult], dict[str, Any]]:
    """--unit, --set, --gains and --previous: the unit to break down, the
    what-if re-scoring (same files, same group, nothing written) and what the
    report shows beside the results."""
    from .. import _gains

    ids = [r.unit.id for r in results]
    if args.unit is not None:
        focus = args.unit
    elif focus is not None and focus not in ids:  # the demo's default unit
        focus = ids[0] if ids else None
    sets = []
    for text in args.sets:
        parsed = _gains.parse_set(text)
        if parsed is None:
            _fatal(msg("cli.bad_option", text=text).render(args.lang), 2)
        sets.append(parsed)
    if any(unit is None for unit, _, _ in sets) and focus is None and len(ids) != 1:
        _fatal(msg("cli.set_unit", count=len(ids)).render(args.lang), 2)
    overrides = _gains.overrides_from(sets, focus or ids[0])
    for uid in [focus, *overrides]:
        if uid is not None and uid not in ids:
            _fatal(msg("cli.unknown_unit", id=uid, known=ids).render(args.lang))
    view: dict[str, Any] = {"focus": focus or next(iter(overrides), None)}
    if overrides:
        after = _api.score_files(files, **kw, overrides=overrides)
        if after.failed:
            # The files scored cleanly a moment ago: what fails now is a --set
            # value, so say which option, not the unit's file.
            source = {r.unit.id: r.source for r in results}
            given = {(source.get(unit or focus or ids[0]), code): text
                     for (unit, code, _), text in zip(sets, args.sets, strict=True)}
            _print_issues([attrs.evolve(i, where=Location(f"--set {given[key]}"))
                           if (key := (i.where.file, i.where.code)) in given else i
                           for i in after.issues if i.level == "error"], args.lang)
            raise _Exit(1)
        view["baseline"] = {r.unit.id: r for r in results if r.unit.id in overrides}
        results = after.results
    if args.gains:
        options = Options(breakdowns=args.breakdowns, focus=view["focus"])
        view["gains"] = {r.unit.id: _gains.unit_gains(r)
                         for r in shown(results, options)}
    if args.previous is not None:
        from ..report._previous import previous_issues, read_previous

        view["previous"] = read_previous(args.previous)
        _print_issues(previous_issues(results, view["previous"], args.previous), args.lang)
    return results, view


def cmd_score(args: argparse.Namespace) -> int:
    return _score_batch(args, args.files, criteria=args.criteria, stage=args.stage,
                        survey=args.survey, appraisal=args.appraisal, data=args.data,
                        jobs=args.jobs, cache=args.cache)


#: the demo's model unit, whose breakdown follows the province ranking
DEMO_UNIT = "vd-pc06"


def demo_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    installed = here / "_examples" / "demo"
    return installed if installed.is_dir() else here.parent / "examples" / "demo"


def cmd_demo(args: argparse.Namespace) -> int:
    return _score_batch(args, [demo_dir()], focus=DEMO_UNIT, stage="appraised")


COMMANDS = (
    Command("demo", ("chấm tỉnh ví dụ kèm theo (không cần đối số)",
                     "score the bundled example province"), _add_demo, cmd_demo),
    Command("score", ("chấm các tệp kê khai (một thư mục: mọi tệp trong đó)",
                      "score assessment files (a folder: every file in it)"),
            _add_score, cmd_score),
)

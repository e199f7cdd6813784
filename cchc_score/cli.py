"""The `cchc-score` command line. Exit codes: 0 success, 1 input errors
(each reported), 2 usage errors. Bad input never shows a traceback."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs

from . import _api, _gains
from ._i18n import DEFAULT_LANG, LANGS, msg
from ._model import Issue, Location, UnitResult
from ._output import write_output
from ._version import __version__
from .exceptions import InputError, OutputError, PluginError
from .plugins import PluginFailed, PluginProblem, Registry, registry_for, render_plugins
from .report import FORMATS, Options, shown
from .report._previous import read_previous


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _fatal(text: str, code: int = 1) -> NoReturn:
    print(text, file=sys.stderr)
    raise _Exit(code)


def _print_issues(issues: Sequence[Issue], lang: str) -> None:
    for issue in issues:
        level = msg(f"rep.{issue.level}").render(lang)
        print(f"{level}: {issue.render(lang)}", file=sys.stderr)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with its few words of its own in the chosen language."""

    usage_prefix = "usage: "

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
        super().add_usage(usage, actions, groups,
                          self.usage_prefix if prefix is None else prefix)


#: argparse's own error texts (English whatever the locale), read back to be
#: said in the chosen language; any other text is shown as argparse wrote it
_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "arg.required"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "arg.unrecognized"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) "
                r"\(choose from (?P<choices>.+)\)"), "arg.choice"),
    (re.compile(r"argument (?P<arg>\S+): invalid \w+ value: (?P<value>.+)"), "arg.type"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "arg.one"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
     "arg.ambiguous"),
    (re.compile(r"argument (?P<arg>\S+): (?P<problem>.+)"), "arg.problem"),
)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in the chosen language (exit 2)."""

    lang = DEFAULT_LANG

    def error(self, message: str) -> NoReturn:
        for pattern, key in _ARGPARSE_ERRORS:
            found = pattern.fullmatch(message)
            if found is not None:
                message = msg(key, **found.groupdict()).render(self.lang)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {msg('rep.error').render(self.lang)}: {message}\n")


def _texts(lang: str) -> Any:
    def t(vi: str, en: str) -> str:
        return vi if lang == "vi" else en
    return t


def _parser(lang: str, **kw: Any) -> argparse.ArgumentParser:
    t = _texts(lang)
    prefix = t("cách dùng: ", "usage: ")

    def formatter(prog: str) -> argparse.HelpFormatter:
        made = _Formatter(prog)
        made.usage_prefix = prefix
        return made

    parser = _Parser(add_help=False, formatter_class=formatter, **kw)
    parser.lang = lang
    parser._positionals.title = t("đối số", "positional arguments")
    parser._optionals.title = t("tùy chọn", "options")
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                        help=t("in hướng dẫn này rồi thoát", "show this help message and exit"))
    return parser


def _common(parser: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                        help=t("ngôn ngữ hiển thị (mặc định: vi)",
                               "language of the output (default: vi)"))
    _plugin_options(parser, lang, sub=True)


def _plugin_options(parser: argparse.ArgumentParser, lang: str, *, sub: bool) -> None:
    """--plugin, --no-plugins, --strict-plugins: global, and accepted after
    the command too (a separate dest there, merged by `_registry`)."""
    t = _texts(lang)
    parser.add_argument("--plugin", dest="plugin_after" if sub else "plugin", action="append",
                        default=argparse.SUPPRESS if sub else [], metavar="PATH",
                        help=t("nạp một tệp plugin cục bộ (hoặc tên mô-đun); dùng được nhiều lần",
                               "load a local plugin file (or module name); repeatable"))
    parser.add_argument("--no-plugins", action="store_true",
                        default=argparse.SUPPRESS if sub else False,
                        help=t("chỉ nạp phần tích hợp sẵn và các tệp --plugin "
                               "(hoặc: CCHC_SCORE_DISABLE_PLUGINS=1)",
                               "load only the built-ins and --plugin files "
                               "(also: CCHC_SCORE_DISABLE_PLUGINS=1)"))
    parser.add_argument("--strict-plugins", action="store_true",
                        default=argparse.SUPPRESS if sub else False,
                        help=t("plugin lỗi khi nạp hoặc khi chạy là lỗi (mã thoát 1)",
                               "a plugin that fails to load or fails in a hook is an error "
                               "(exit 1)"))


def _output_options(parser: argparse.ArgumentParser, formats: Sequence[str], lang: str) -> None:
    t = _texts(lang)
    parser.add_argument("--format", choices=formats, default=None,
                        help=t("định dạng kết quả (mặc định: theo đuôi tệp -o, "
                               "nếu không thì text)",
                               "output format (default: from the -o file's suffix, "
                               "else text)"))
    parser.add_argument("-o", "--output", type=Path,
                        help=t("ghi ra tệp này thay vì màn hình",
                               "write to this file instead of stdout"))
    parser.add_argument("--force", action="store_true",
                        help=t("cho phép ghi đè tệp kết quả đã có",
                               "replace an existing output file"))
    parser.add_argument("--all", dest="all_lost", action="store_true",
                        help=t("liệt kê mọi tiêu chí bị mất điểm",
                               "list every criterion that lost points"))
    parser.add_argument("--breakdowns", action="store_true",
                        help=t("khi chấm nhiều đơn vị, in chi tiết từng đơn vị",
                               "with several units, print each unit's breakdown too"))
    parser.add_argument("--width", type=_width(lang),
                        help=t("độ rộng văn bản (mặc định: theo cửa sổ dòng lệnh)",
                               "text width (default: the terminal's)"))
    parser.add_argument("--unit", metavar="ID",
                        help=t("khi chấm nhiều đơn vị, in thêm chi tiết của đơn vị này",
                               "with several units, also print this unit's breakdown"))
    parser.add_argument("--gains", action="store_true",
                        help=t("xếp các tiêu chí theo số điểm còn có thể giành lại, "
                               "kèm mức kế tiếp của từng tiêu chí",
                               "in each breakdown shown, rank criteria by recoverable points, "
                               "with the next band of each"))
    parser.add_argument("--set", dest="sets", action="append", default=[],
                        metavar="[UNIT:]CODE=VALUE",
                        help=t("giả định: chấm với giá trị kê khai này (dùng được nhiều lần); "
                               "tệp đầu vào không bị thay đổi",
                               "what-if: score with this declared value instead (repeatable); "
                               "input files are not changed"))
    parser.add_argument("--previous", type=Path, metavar="JSON",
                        help=t("kết quả năm trước (ghi bằng --format json) để so sánh",
                               "last year's results (written with --format json) for the "
                               "change column"))


#: narrower than this, a table has no room for its numbers; 0 or a negative
#: width printed nothing at all
MIN_WIDTH = 40


def _width(lang: str) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < MIN_WIDTH:
            raise argparse.ArgumentTypeError(
                msg("cli.width", min=MIN_WIDTH, raw=text).render(lang))
        return value
    return parse


def _lang_of(argv: Sequence[str]) -> str:
    """The --lang given anywhere on the line, so that --help is in it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return DEFAULT_LANG


def build_parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    t = _texts(lang)
    parser = _parser(
        lang, prog="cchc-score",
        description=t("Chấm điểm Chỉ số cải cách hành chính (PAR INDEX) như các tỉnh vẫn "
                      "làm, và chỉ rõ từng điểm bị mất ở đâu.",
                      "Score Vietnam's administrative reform index (PAR INDEX) the way "
                      "provinces do, and see where every point was lost."),
    )
    parser.add_argument("--version", action="version", version=f"cchc-score {__version__}",
                        help=t("in phiên bản rồi thoát", "show the version and exit"))
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help=t("ngôn ngữ hiển thị (mặc định: vi)",
                               "language of the output (default: vi)"))
    _plugin_options(parser, lang, sub=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                title=t("lệnh", "commands"), parser_class=_subparser(lang))
    formats = [*FORMATS, "xlsx", "docx"]
    stages = t("giai đoạn: self (tự đánh giá, mặc định) hoặc appraised (sau thẩm định)",
               "stage: self (self-assessment, default) or appraised")

    p = sub.add_parser("demo", help=t("chấm tỉnh ví dụ kèm theo (không cần đối số)",
                                      "score the bundled example province"))
    _common(p, lang)
    _output_options(p, formats, lang)

    p = sub.add_parser("score", help=t("chấm các tệp kê khai (một thư mục: mọi tệp trong đó)",
                                       "score assessment files (a folder: every file in it)"))
    _common(p, lang)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help=t("tệp kê khai (.toml, .xlsx) hoặc thư mục",
                          "assessment files (.toml, .xlsx) or folders"))
    p.add_argument("--criteria", metavar="ID|PATH",
                   help=t("bộ chỉ số dùng để chấm (mã hoặc đường dẫn)",
                          "criteria set to score with (id or path)"))
    p.add_argument("--stage", choices=("self", "appraised"), default="self", help=stages)
    p.add_argument("--survey", type=Path, metavar="CSV",
                   help=t("kết quả điều tra xã hội học của các đơn vị",
                          "survey results for all units"))
    _output_options(p, formats, lang)

    p = sub.add_parser("import-criteria",
                       help=t("đọc bảng tiêu chí Excel (.xlsx) thành tệp bộ chỉ số",
                              "read a criteria workbook (.xlsx) into a criteria file"))
    _common(p, lang)
    p.add_argument("workbook", type=Path, metavar="WORKBOOK",
                   help=t("tệp Excel phụ lục bộ chỉ số", "the criteria workbook"))
    p.add_argument("-o", "--output", type=Path,
                   help=t("tệp bộ chỉ số cần ghi (.toml)", "the criteria file to write (.toml)"))
    p.add_argument("--force", action="store_true",
                   help=t("cho phép ghi đè tệp đã có", "replace an existing output file"))
    p.add_argument("--fix-codes", action="store_true",
                   help=t("đánh lại mã theo thứ tự dòng, báo từng thay đổi",
                          "renumber codes by row order, reporting each change"))
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

    p = sub.add_parser("template", help=t("tạo mẫu kê khai trống (.toml hoặc biểu mẫu .xlsx)",
                                          "a blank assessment to fill (.toml, or .xlsx form)"))
    _common(p, lang)
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

    p = sub.add_parser("check", help=t("kiểm tra tệp bộ chỉ số", "validate criteria files"))
    _common(p, lang)
    p.add_argument("files", nargs="+", type=Path, metavar="CRITERIA",
                   help=t("các tệp bộ chỉ số (.toml)", "criteria files (.toml)"))

    listing = t("định dạng (mặc định: text)", "format (default: text)")
    p = sub.add_parser("criteria", help=t("liệt kê các bộ chỉ số đã biết",
                                          "list known criteria sets"))
    _common(p, lang)
    p.add_argument("--format", choices=("text", "json"), default="text", help=listing)

    p = sub.add_parser("plugins", help=t("liệt kê plugin và những gì mỗi plugin cung cấp",
                                         "list plugins and what each provides"))
    _common(p, lang)
    p.add_argument("--format", choices=("text", "json"), default="text", help=listing)
    return parser


def _subparser(lang: str) -> Any:
    def make(**kw: Any) -> argparse.ArgumentParser:
        kw.pop("add_help", None)
        kw.pop("formatter_class", None)
        return _parser(lang, **kw)
    return make


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_lang_of(argv))
    args = parser.parse_args(argv)
    try:
        args.registry = _registry(args)
        return int(_COMMANDS[args.command](args) or 0)
    except _Exit as e:
        return e.code
    except PluginError as e:  # --strict-plugins
        text = e.problem.render(args.lang) if isinstance(e, PluginFailed) else str(e)
        print(f"{msg('rep.error').render(args.lang)}: {text}", file=sys.stderr)
        return 1
    except InputError as e:
        _print_issues(e.issues, args.lang)
        return 1
    except OutputError as e:  # exists, is an input, is not a file, cannot be written
        print(e.message.render(args.lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # piped into `head`, which stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


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
    write_output(args.output, text, force=args.force, inputs=inputs)
    print(msg("cli.written", path=args.output).render(args.lang), file=sys.stderr)


def _report(name: str) -> type[Any]:
    if name == "xlsx":
        from .office import XlsxReport

        return XlsxReport
    if name == "docx":
        from .office import DocxReport

        return DocxReport
    return FORMATS[name]


#: the format an -o file's suffix implies when --format is not given
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "md", ".xlsx": "xlsx",
                  ".docx": "docx"}


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


def _registry(args: argparse.Namespace) -> Registry:
    """The plugins this run uses, from the global options (given before or
    after the command); problems are warnings on stderr unless strict."""
    lang = args.lang

    def warn(problem: PluginProblem) -> None:
        print(f"{msg('rep.warning').render(lang)}: {problem.render(lang)}", file=sys.stderr)

    return registry_for(files=[*args.plugin, *getattr(args, "plugin_after", [])],
                        disable=args.no_plugins, strict=args.strict_plugins, on_problem=warn)


def _score_batch(args: argparse.Namespace, files: Sequence[Path], focus: str | None = None,
                 **kw: Any) -> int:
    kw.setdefault("registry", args.registry)
    _needs_output(args)
    batch = _api.score_files(files, **kw)
    if batch.failed:
        _print_issues(batch.issues, args.lang)
        return 1
    _print_issues(batch.issues, args.lang)
    results, view = _view(args, batch.results, files, kw, focus)
    inputs = [*batch.files, *_read_too(args),
              *(Path(r.criteria.path) for r in results if r.criteria.path)]
    _emit(args, results, inputs, **view)
    return 0


def _read_too(args: argparse.Namespace) -> list[Path]:
    """The files a run reads besides its assessments, none of which -o may
    replace: --survey, --previous, --criteria given as a path, --plugin files."""
    named = [getattr(args, "survey", None), getattr(args, "previous", None),
             getattr(args, "criteria", None), *args.plugin, *getattr(args, "plugin_after", [])]
    return [Path(p) for p in named if p and Path(p).is_file()]


def _view(args: argparse.Namespace, results: Sequence[UnitResult], files: Sequence[Path],
          kw: dict[str, Any], focus: str | None) -> tuple[Sequence[UnitResult], dict[str, Any]]:
    """--unit, --set, --gains and --previous: the unit to break down, the
    what-if re-scoring (same files, same group, nothing written) and what the
    report shows beside the results."""
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
        view["previous"] = read_previous(args.previous)
    return results, view


def cmd_score(args: argparse.Namespace) -> int:
    return _score_batch(args, args.files, criteria=args.criteria, stage=args.stage,
                        survey=args.survey)


#: the demo's model unit, whose breakdown follows the province ranking
DEMO_UNIT = "vd-pc06"


def demo_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_examples" / "demo"
    return installed if installed.is_dir() else here.parent / "examples" / "demo"


def cmd_demo(args: argparse.Namespace) -> int:
    return _score_batch(args, [demo_dir()], focus=DEMO_UNIT, stage="appraised")


def cmd_import_criteria(args: argparse.Namespace) -> int:
    from .office import Meta, import_criteria

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
    criteria = _api.catalog(args.registry).load(args.criteria)
    form = args.output is not None and args.output.suffix.lower() in (".xlsx", ".xlsm")
    data: str | bytes
    if form:
        from .office import form_workbook

        data = form_workbook(criteria, ref=args.criteria, unit_id=args.unit,
                             unit_name=args.name, year=args.year, lang=args.lang)
    else:
        from ._template import toml_template

        data = toml_template(criteria, ref=args.criteria, unit_id=args.unit,
                             unit_name=args.name, year=args.year, lang=args.lang,
                             output_name=str(args.output or "FILE.toml"))
    if args.output is None:
        assert isinstance(data, str)
        sys.stdout.write(data)
        return 0
    write_output(args.output, data, force=args.force,
                 inputs=[*_read_too(args), *([Path(criteria.path)] if criteria.path else [])])
    print(msg("cli.written", path=args.output).render(args.lang), file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    failed = False
    for path, criteria, issues in _api.check_files(args.files, args.registry):
        _print_issues(issues, args.lang)
        errors = [i for i in issues if i.level == "error"]
        if criteria is None or errors:
            failed = True
            print(msg("cli.check_failed", path=path, count=len(errors)).render(args.lang))
            continue
        print(msg("cli.check_ok", path=path, id=criteria.id, nodes=len(criteria.codes),
                  leaves=sum(1 for _ in criteria.leaves()), total=criteria.total
                  ).render(args.lang))
    return 1 if failed else 0


def cmd_criteria(args: argparse.Namespace) -> int:
    entries, problems = _api.catalog(args.registry).entries()
    for issue in problems:
        print(msg("cli.bad_set", issue=issue.render(args.lang)).render(args.lang),
              file=sys.stderr)
    if args.format == "json":
        from .report import dumps

        print(dumps([{"id": e.id, "title": e.title, "group": e.group, "years": list(e.years),
                      "path": str(e.path), "plugin": e.owner} for e in entries]))
        return 0
    if not entries:
        print(msg("cli.no_sets").render(args.lang))
    # One set per block: id, group and years on the first line, the title
    # (often long) and where it comes from below, readable at any width.
    for e in entries:
        years = str(e.years[0]) if e.years[0] == e.years[1] else f"{e.years[0]}–{e.years[1]}"
        print(f"{e.id}  ({msg('rep.group').render(args.lang).lower()} {e.group}, {years})")
        print(f"    {e.title}")
        print(f"    {e.path} [{e.owner}]")
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    registry: Registry = args.registry
    entries, problems = _api.catalog(registry).entries()
    for issue in problems:
        print(msg("cli.bad_set", issue=issue.render(args.lang)).render(args.lang),
              file=sys.stderr)
    ids: dict[str, list[str]] = {}
    for entry in entries:
        ids.setdefault(entry.owner, []).append(entry.id)
    described = registry.describe(ids)
    if args.format == "json":
        from .report import dumps

        print(dumps({"schema": 1, "plugins": described,
                     "installed_loaded": registry.entry_points_loaded,
                     "problems": [{"plugin": p.plugin, "message": p.message.render(args.lang)}
                                  for p in registry.problems]}))
        return 0
    sys.stdout.write(render_plugins(described, args.lang))
    if not registry.entry_points_loaded:
        print(msg("plg.disabled").render(args.lang))
    return 0


_COMMANDS = {"demo": cmd_demo, "score": cmd_score, "check": cmd_check,
             "criteria": cmd_criteria, "plugins": cmd_plugins,
             "import-criteria": cmd_import_criteria, "template": cmd_template}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

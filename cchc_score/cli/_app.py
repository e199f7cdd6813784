"""What every command shares: the localized argparse parser, common
options, the plugin registry of a run, and `_fatal` exits."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs

from .._i18n import DEFAULT_LANG, LANGS, msg
from .._model import Issue
from ..plugins import CONFIG_FILE, PluginProblem, Registry, registry_for


@attrs.frozen
class Command:
    """One subcommand: its name, its help line (vi, en), the arguments it
    adds to its parser and the function that runs it (returns the exit code)."""

    name: str
    help: tuple[str, str]
    add_arguments: Callable[[argparse.ArgumentParser, str], None]
    run: Callable[[argparse.Namespace], int]


class _Exit(Exception):
    """Ends a command with this exit code; `text`, if any, is the refusal
    that `_main` prints after the localized "error:" prefix."""

    def __init__(self, code: int, text: str = "") -> None:
        self.code = code
        self.text = text


def _fatal(text: str, code: int = 1) -> NoReturn:
    raise _Exit(code, text)


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


def _subparser(lang: str) -> Any:
    def make(**kw: Any) -> argparse.ArgumentParser:
        kw.pop("add_help", None)
        kw.pop("formatter_class", None)
        return _parser(lang, **kw)
    return make


def _registry(args: argparse.Namespace) -> Registry:
    """The plugins this run uses, from the global options (given before or
    after the command); problems are warnings on stderr unless strict,
    printed by `_print_problems` when the command ends, each once with the
    units it was met for."""
    return registry_for(files=[*args.plugin, *getattr(args, "plugin_after", [])],
                        disable=args.no_plugins, strict=args.strict_plugins)


def _print_problems(problems: Sequence[PluginProblem], lang: str) -> None:
    """The plugin problems of a run as warnings (the one that stopped a
    strict run is printed as its error instead)."""
    for problem in problems:
        if problem.outcome != "strict":
            print(f"{msg('rep.warning').render(lang)}: {problem.render(lang)}",
                  file=sys.stderr)


def _read_too(args: argparse.Namespace) -> list[Path]:
    """The files a run reads besides its assessments, none of which -o may
    replace, with or without --force: --survey, --appraisal, --data, --previous, --criteria given
    as a path, --plugin files, the project config, the plugin files it
    lists and every criteria file the plugins ship."""
    named = [getattr(args, "survey", None), getattr(args, "appraisal", None),
             *getattr(args, "data", []),
             getattr(args, "previous", None),
             getattr(args, "criteria", None), *args.plugin, *getattr(args, "plugin_after", []),
             Path(CONFIG_FILE), Path("pyproject.toml")]
    registry = getattr(args, "registry", None)
    if registry is not None:
        named += [getattr(info.plugin, "__file__", None) for info in registry.plugins()]
        named += [info.origin for info in registry.plugins() if info.source == "file"]
        named += [path for path, _ in registry.criteria_files]
    return [Path(p) for p in named if p and Path(p).is_file()]

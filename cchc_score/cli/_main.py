"""Builds the parser from every command module and runs the chosen
command, turning the library's errors into messages and exit codes."""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .._i18n import DEFAULT_LANG, LANGS, msg
from .._version import __version__
from ..exceptions import InputError, OutputError, PluginError
from ..plugins import PluginFailed, PluginInterrupted
from . import _compare, _office, _report, _score, _serve, _sets
from ._app import (
    Command,
    _common,
    _Exit,
    _lang_of,
    _parser,
    _plugin_options,
    _print_issues,
    _print_problems,
    _registry,
    _subparser,
    _texts,
)
from ._console import console

#: every subcommand, in the order `--help` lists them
COMMANDS: tuple[Command, ...] = (*_score.COMMANDS, *_office.COMMANDS, *_sets.COMMANDS,
                                 *_serve.COMMANDS, *_compare.COMMANDS,
                                 *_report.COMMANDS)


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The subcommands, each given its arguments only when it is the one
    chosen (``pending``: command name → what adds them): a run builds one
    command's options, not all of them. The commands' list in ``--help``
    needs only their names and help lines."""

    pending: dict[str, Callable[[], None]]

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        add = getattr(self, "pending", {}).pop(values[0], None)
        if add is not None:
            add()
        super().__call__(parser, namespace, values, option_string)


def build_parser(lang: str = DEFAULT_LANG, *, lazy: bool = False) -> argparse.ArgumentParser:
    """The whole command line; `lazy`: each command's arguments are added
    when that command is chosen (what a run needs)."""
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
                                title=t("lệnh", "commands"), parser_class=_subparser(lang),
                                action=_Commands)
    assert isinstance(sub, _Commands)
    sub.pending = {}
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=t(*command.help))
        p.set_defaults(run=command.run)
        add = functools.partial(_arguments, command, p, lang)
        if lazy:
            sub.pending[command.name] = add
        else:
            add()
    return parser


def _arguments(command: Command, parser: argparse.ArgumentParser, lang: str) -> None:
    _common(parser, lang)
    command.add_arguments(parser, lang)


def _print_error(text: str, lang: str) -> None:
    """Every refusal on stderr starts with the same "lỗi:" / "error:"."""
    print(f"{msg('rep.error').render(lang)}: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    with console():
        return _main(argv)


def script() -> None:
    """The `cchc-score` program: `main` on the process's arguments, then
    exit with its code. What the run built is handed to the collector's
    permanent generation first: the interpreter's last collection at exit
    then skips it instead of scanning every object of the run (a twentieth
    of a one-file run's time)."""
    code = main()
    gc.freeze()
    sys.exit(code)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_lang_of(argv), lazy=True)
    args = parser.parse_args(argv)
    try:
        args.registry = _registry(args)
        return int(args.run(args) or 0)
    except _Exit as e:
        if e.text:
            _print_error(e.text, args.lang)
        return e.code
    except PluginError as e:  # --strict-plugins
        _print_error(e.problem.render(args.lang) if isinstance(e, PluginFailed) else str(e),
                     args.lang)
        return 1
    except InputError as e:
        _print_issues(e.issues, args.lang)
        return 1
    except OutputError as e:  # exists, is an input, is not a file, cannot be written
        _print_error(e.message.render(args.lang), args.lang)
        return 1
    except KeyboardInterrupt as e:
        if isinstance(e, PluginInterrupted) and not hasattr(args, "registry"):
            # met while loading the plugins: the registry that lists it was never made
            print(f"{msg('rep.warning').render(args.lang)}: {e.problem.render(args.lang)}",
                  file=sys.stderr)
        return 130
    except BrokenPipeError:  # piped into `head`, which stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if hasattr(args, "registry"):
            _print_problems(args.registry.problems, args.lang)

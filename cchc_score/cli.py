"""The `cchc-score` command line. Exit codes: 0 success, 1 input errors
(each reported), 2 usage errors. Bad input never shows a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import _api
from ._i18n import DEFAULT_LANG, LANGS, msg
from ._model import Issue
from ._output import write_output
from ._version import __version__
from .exceptions import InputError, OutputExists
from .report import FORMATS, Options


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


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                        help="language of the output (default: vi)")


def _output_options(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    parser.add_argument("--format", choices=formats, default="text")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.add_argument("--force", action="store_true", help="replace an existing output file")
    parser.add_argument("--all", dest="all_lost", action="store_true",
                        help="list every criterion that lost points")
    parser.add_argument("--breakdowns", action="store_true",
                        help="with several units, print each unit's breakdown too")
    parser.add_argument("--width", type=int, help="text width (default: the terminal's)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc-score",
        description="Chấm điểm Chỉ số cải cách hành chính (PAR INDEX) như các tỉnh vẫn làm.",
    )
    parser.add_argument("--version", action="version", version=f"cchc-score {__version__}")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help="language of the output (default: vi)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    formats = list(FORMATS)

    p = sub.add_parser("demo", help="score the bundled example province")
    _common(p)
    _output_options(p, formats)

    p = sub.add_parser("score", help="score assessment files (a folder: every file in it)")
    _common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--criteria", metavar="ID|PATH", help="criteria set to score with")
    p.add_argument("--stage", choices=("self", "appraised"), default="self")
    p.add_argument("--survey", type=Path, metavar="CSV", help="survey results for all units")
    _output_options(p, formats)

    p = sub.add_parser("check", help="validate criteria files")
    _common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="CRITERIA")

    p = sub.add_parser("criteria", help="list known criteria sets")
    _common(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args) or 0)
    except _Exit as e:
        return e.code
    except InputError as e:
        _print_issues(e.issues, args.lang)
        return 1
    except OutputExists as e:
        print(e.message.render(args.lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _emit(args: argparse.Namespace, results: Sequence[Any], inputs: Sequence[Path]) -> None:
    color = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = args.width
    if width is None and args.output is None and sys.stdout.isatty():
        width = os.get_terminal_size().columns
    options = Options(lang=args.lang, all_lost=args.all_lost, breakdowns=args.breakdowns,
                      width=width or 100, color=color)
    text = FORMATS[args.format]().render(results, options)
    if args.output is None:
        sys.stdout.write(text)
        return
    write_output(args.output, text, force=args.force, inputs=inputs)
    print(msg("cli.written", path=args.output).render(args.lang), file=sys.stderr)


def _score_batch(args: argparse.Namespace, files: Sequence[Path], **kw: Any) -> int:
    batch = _api.score_files(files, **kw)
    if batch.failed:
        _print_issues(batch.issues, args.lang)
        return 1
    _print_issues(batch.issues, args.lang)
    _emit(args, batch.results, _api.assessment_files(files)[0])
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    return _score_batch(args, args.files, criteria=args.criteria, stage=args.stage,
                        survey=args.survey)


def demo_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_examples" / "demo"
    return installed if installed.is_dir() else here.parent / "examples" / "demo"


def cmd_demo(args: argparse.Namespace) -> int:
    return _score_batch(args, [demo_dir()], stage="appraised")


def cmd_check(args: argparse.Namespace) -> int:
    failed = False
    for path, criteria, issues in _api.check_files(args.files):
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
    entries, problems = _api.catalog().entries()
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
    for e in entries:
        print(f"{e.id}\t{e.group}\t{e.years[0]}–{e.years[1]}\t{e.title}\t[{e.owner}]")
    return 0


_COMMANDS = {"demo": cmd_demo, "score": cmd_score, "check": cmd_check,
             "criteria": cmd_criteria}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""`check`, `criteria` and `plugins`: validate criteria files and list
what this installation knows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import _api
from .._i18n import msg
from ._app import Command, _print_issues, _texts

if TYPE_CHECKING:
    from .._model import CriteriaSet
    from ..plugins import Registry


def _add_check(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("files", nargs="+", type=Path, metavar="CRITERIA",
                   help=t("các tệp bộ chỉ số (.toml), hoặc mã của bộ đã biết",
                          "criteria files (.toml), or ids of known sets"))
    p.add_argument("--deep", action="store_true",
                   help=t("chấm thử mọi tiêu chí với nhiều giá trị: điểm tối đa không đạt được, "
                          "khoảng trống hoặc chồng lấn giữa các mức, sai lệch ở ngưỡng, tính "
                          "đơn điệu, trường hợp “không phát sinh”",
                          "score every leaf with many values: a maximum no value reaches, gaps "
                          "or overlaps between bands, off-by-one bounds, monotonicity, the "
                          "“nothing arose” case"))


def _add_listing(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=t("định dạng (mặc định: text)", "format (default: text)"))


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
        if args.deep:
            failed = _deep_check(path, criteria, args.lang) or failed
    return 1 if failed else 0


def _deep_check(path: Path, criteria: CriteriaSet, lang: str) -> bool:
    """Print the deep check of one set; True when it found errors."""
    from .._deep import check_set

    found = check_set(criteria)
    _print_issues(found, lang)
    errors = sum(1 for i in found if i.level == "error")
    print(msg("deep.summary", path=path, leaves=sum(1 for _ in criteria.leaves()),
              errors=errors, warnings=len(found) - errors).render(lang))
    return errors > 0


def cmd_criteria(args: argparse.Namespace) -> int:
    entries, problems = _api.catalog(args.registry).entries()
    for issue in problems:
        print(msg("cli.bad_set", issue=issue.render(args.lang)).render(args.lang),
              file=sys.stderr)
    if args.format == "json":
        from ..report import dumps

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
        from ..report import dumps

        print(dumps({"schema": 1, "plugins": described,
                     "installed_loaded": registry.entry_points_loaded,
                     "problems": [{"plugin": p.plugin, "message": p.message.render(args.lang)}
                                  for p in registry.problems]}))
        return 0
    from ..plugins import render_plugins

    sys.stdout.write(render_plugins(described, args.lang))
    if not registry.entry_points_loaded:
        print(msg("plg.disabled").render(args.lang))
    return 0


COMMANDS = (
    Command("check", ("kiểm tra tệp bộ chỉ số", "validate criteria files"), _add_check, cmd_check),
    Command("criteria", ("liệt kê các bộ chỉ số đã biết", "list known criteria sets"),
            _add_listing, cmd_criteria),
    Command("plugins", ("liệt kê plugin và những gì mỗi plugin cung cấp",
                        "list plugins and what each provides"), _add_listing, cmd_plugins),
)

"""Criteria files speak to plugins: ``requires`` names the plugins a set
cannot be scored without (and the error names the one to install), and
``plugin.<name>`` tables carry keys that only the named plugin reads and
validates; every other unknown key stays an error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc_score import CriteriaSet, Issue, Location, hookimpl, msg, score_files
from cchc_score.load._requires import version_ok

from .test_plugins import FULL, isolated, write_set, write_unit
from .test_plugins_cli import Capture, run


def with_header(crit: Path, text: str) -> Path:
    """Put top-level `text` (keys, then tables) in front of the set's nodes."""
    body = crit.read_text(encoding="utf-8")
    head, sep, rest = body.partition("[source]")
    crit.write_text(head + text + "\n" + sep + rest, encoding="utf-8")
    return crit


def test_a_set_requiring_a_plugin_that_is_not_installed_names_it(
        tmp_path: Path, capsys: Capture) -> None:
    """`score` with a set that requires cchc-xyz: exit 1, and the error says
    which plugin to install and how, at the set's `requires` key."""
    crit = with_header(write_set(tmp_path), 'requires = ["cchc-xyz >= 1.2"]')
    unit = write_unit(tmp_path, "u1", FULL, criteria=crit)
    code, out, err = run(capsys, "--lang", "en", "score", str(unit))
    assert code == 1 and out == ""
    assert "requires: the criteria set needs the plugin “cchc-xyz” >= 1.2, which is not " \
        "installed or loaded: install it with “pip install cchc-xyz”" in err
    code, _, err = run(capsys, "score", str(unit))
    assert "bộ chỉ số cần plugin “cchc-xyz” >= 1.2" in err


def test_requires_checks_the_installed_version(tmp_path: Path, capsys: Capture) -> None:
    """The installed cchc-hanam (0.1.0) meets `cchc_hanam >= 0.1` (names
    compare as pip compares them) but not `cchc-hanam >= 2`."""
    crit = with_header(write_set(tmp_path), 'requires = ["cchc_hanam >= 0.1"]')
    unit = write_unit(tmp_path, "u1", FULL, criteria=crit)
    assert run(capsys, "score", str(unit))[0] == 0
    with_header(write_set(tmp_path), 'requires = ["cchc-hanam >= 2"]')
    code, _, err = run(capsys, "--lang", "en", "score", str(unit))
    assert code == 1
    assert "needs the plugin “cchc-hanam” >= 2; version 0.1.0 is installed" in err


def test_a_malformed_requirement_is_an_error(tmp_path: Path) -> None:
    crit = with_header(write_set(tmp_path), 'requires = ["cchc xyz ?? 1"]')
    batch = score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)], registry=isolated())
    (issue,) = [i for i in batch.issues if i.level == "error"]
    assert issue.where.key == "requires" and "cchc xyz ?? 1" in issue.render("en")


@pytest.mark.parametrize(("have", "op", "want", "ok"), [
    ("1.10", ">=", "1.9", True), ("1.0", "==", "1", True), ("0.9", ">=", "1", False),
    ("2.3", "~=", "2.1", True), ("3.0", "~=", "2.1", False), ("1.2", "!=", "1.2", False),
    (None, ">=", "5", True),
])
def test_version_comparison(have: str | None, op: str, want: str, ok: bool) -> None:
    """Versions compare part by part as numbers (1.10 > 1.9); a plugin file
    has no version and meets any constraint."""
    assert version_ok(have, op, want) is ok


class Province:
    """A plugin that owns `[plugin.province]`: `no_na` lists leaves a unit may
    not claim not applicable, and it validates its own keys."""

    @hookimpl
    def check_criteria(self, criteria: CriteriaSet) -> list[Issue]:
        own = criteria.plugin_data.get("province")
        if own is None:
            return []
        unknown = sorted(set(own) - {"no_na"})
        issues = [Issue("error", msg("text", text=f"province: unknown key {k}"),
                        Location(criteria.path, key=f"plugin.province.{k}")) for k in unknown]
        for node in criteria.walk():
            weight: Any = node.plugin_data.get("province", {}).get("weight")
            if weight is not None and not isinstance(weight, int):
                issues.append(Issue("error", msg("text", text="province: weight must be whole"),
                                    Location(criteria.path, node.code, "plugin.province")))
        return issues


def province_set(tmp_path: Path, top: str, node_extra: str = "") -> Path:
    crit = with_header(write_set(tmp_path), top)
    text = crit.read_text(encoding="utf-8").replace(
        'title = "Leaf 1.1"\n', 'title = "Leaf 1.1"\n' + node_extra)
    crit.write_text(text, encoding="utf-8")
    return crit


def test_plugin_tables_reach_their_plugin_and_it_validates_them(tmp_path: Path) -> None:
    """`[plugin.province]` at the top and `plugin.province = {...}` on a node
    load into `plugin_data` for the owning plugin; its check reports its own
    bad keys; the core does not reject them."""
    registry = isolated()
    registry.add(Province(), "province")
    good = province_set(tmp_path, '[plugin.province]\nno_na = ["1.1"]\n',
                        'plugin.province = { weight = 2 }\n')
    batch = score_files([write_unit(tmp_path, "u1", FULL, criteria=good)], registry=registry)
    assert not batch.failed
    criteria = batch.results[0].criteria
    assert criteria.plugin_data["province"]["no_na"] == ["1.1"]
    assert criteria.node("1.1").plugin_data == {"province": {"weight": 2}}
    (tmp_path / "bad").mkdir()
    bad = province_set(tmp_path / "bad", '[plugin.province]\nno_nna = ["1.1"]\n')
    batch = score_files([write_unit(tmp_path, "u2", FULL, criteria=bad)], registry=registry)
    errors = [i for i in batch.issues if i.level == "error"]
    assert [(i.where.key, i.message.render("en")) for i in errors] == \
        [("plugin.province.no_nna", "province: unknown key no_nna")]


def test_a_table_for_a_plugin_that_is_not_loaded_names_it(tmp_path: Path) -> None:
    """`[plugin.hue]` with no plugin "hue" loaded is an error naming the
    plugin; an unknown key outside a plugin table stays an error."""
    crit = province_set(tmp_path, '[plugin.hue]\nx = 1\n', 'weight = 2\n')
    batch = score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)], registry=isolated())
    errors = {(i.where.code, i.where.key): i.render("en") for i in batch.issues
              if i.level == "error"}
    assert "a table for the plugin “hue”, which is not installed or loaded" in \
        errors[(None, "plugin.hue")]
    assert "unknown key" in errors[("1.1", "weight")]


def test_an_unknown_namespaced_kind_names_its_plugin(tmp_path: Path) -> None:
    """A kind written `province:kind` that no plugin registered: the error
    says which plugin it belongs to."""
    crit = write_set(tmp_path, kind="hue:weighted_checklist")
    batch = score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)], registry=isolated())
    (issue,) = [i for i in batch.issues if i.level == "error"]
    assert "the kind “hue:weighted_checklist” belongs to a plugin “hue”: is it installed?" \
        in issue.render("en")

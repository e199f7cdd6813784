"""The plugin manager: where plugins come from, how a broken one is reported
and skipped, and the typed facade the engine and loaders call.

The helpers at the top build a tiny criteria set and assessments in
`tmp_path`; the CLI tests import them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score import InputError, UnitResult, hookimpl, score_files
from cchc_score.plugins import (
    BUILTIN_NAME,
    DISABLE_ENV,
    PluginFailed,
    Registry,
    plugin_registered,
    plugins_disabled,
    project_plugins,
    registry_for,
    with_outcomes,
)

# -- helpers shared with the other plugin tests ----------------------------------------

TINY_SET = """\
schema = 1
id = "{id}"
title = "Tiny test set"
group = "g"
years = [2024, 2024]
ties = "{ties}"

[source]
issuer = "tests"
decision = "none"

[[bands]]
name = "A"
min = 90

[[bands]]
name = "B"
min = 0

[[nodes]]
code = "1"
title = "Component one"
max = 60

[[nodes]]
code = "1.1"
title = "Leaf 1.1"
max = 30
rule = {{ kind = "{kind}" }}

[[nodes]]
code = "1.2"
title = "Leaf 1.2"
max = 30
rule = {{ kind = "manual" }}

[[nodes]]
code = "2"
title = "Component two"
max = 40

[[nodes]]
code = "2.1"
title = "Leaf 2.1"
max = 25
rule = {{ kind = "manual" }}

[[nodes]]
code = "2.2"
title = "Leaf 2.2"
max = 15
rule = {{ kind = "manual" }}
"""


def write_set(folder: Path, set_id: str = "tiny-2024", *, kind: str = "manual",
              ties: str = "shared") -> Path:
    path = folder / f"{set_id}.toml"
    path.write_text(TINY_SET.format(id=set_id, kind=kind, ties=ties), encoding="utf-8")
    return path


def write_unit(folder: Path, unit_id: str, answers: Mapping[str, Any], *,
               criteria: Path | str | None, tags: Iterable[str] = (), group: str = "g",
               name: str | None = None, year: int = 2024) -> Path:
    lines = ["schema = 1"]
    if criteria is not None:
        ref = criteria.as_posix() if isinstance(criteria, Path) else criteria
        lines.append(f'criteria = "{ref}"')
    tag_list = ", ".join(f'"{t}"' for t in tags)
    lines += [f"year = {year}", "", "[unit]", f'id = "{unit_id}"',
              f'name = "{name or "Unit " + unit_id}"', f'group = "{group}"',
              f"tags = [{tag_list}]", "", "[answers]"]
    lines += [f'"{code}" = {value}' for code, value in answers.items()]
    path = folder / f"{unit_id}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_plugin(folder: Path, name: str, source: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


FULL = {"1.1": 30, "1.2": 30, "2.1": 25, "2.2": 15}

#: a local plugin file with one new rule kind, "quarterly"
MYRULE = '''\
"""A local rule kind: four quarterly reports, a quarter of the points each."""
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from cchc_score import Context, InvalidValue, Outcome, Params, Rule, hookimpl, msg
from cchc_score import register_messages
from cchc_score.rules import parse_number

register_messages({
    "test_myrule.out": ("{count}/4 báo cáo quý đúng hạn → {points}/{max} điểm",
                   "{count}/4 quarterly reports on time → {points}/{max} points"),
    "test_myrule.range": ("cần số báo cáo từ 0 đến 4, nhận được {raw}",
                     "expected 0 to 4 reports, got {raw}"),
})


@attrs.frozen
class Quarterly(Rule):
    kind: ClassVar[str] = "quarterly"
    value_type: ClassVar[str] = "number"
    max: Decimal

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> "Quarterly":
        return cls(node_max)

    def best(self) -> Decimal:
        return self.max

    def parse_value(self, raw: Any) -> Decimal:
        count = parse_number(raw, integer=True)
        if count > 4:
            raise InvalidValue(msg("test_myrule.range", raw=raw))
        return count

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = self.max * value / 4
        return Outcome(points, msg("test_myrule.out", count=value, points=points, max=self.max))


@hookimpl
def register_rule_kinds(register):
    register(Quarterly)
'''


def isolated(*local: Path | str, strict: bool = False) -> Registry:
    """Built-ins plus `local` plugin files; installed plugins left out."""
    return Registry.build(entry_points=False, local=local, strict=strict)


def only(batch_results: Iterable[UnitResult]) -> UnitResult:
    results = list(batch_results)
    assert len(results) == 1
    return results[0]


# -- the built-ins and installed plugins -----------------------------------------------


def test_builtin_features_are_registered_through_the_same_hooks() -> None:
    """The core's rule kinds, bundled sets and tie policies are registrations
    of the built-in plugin, listed like any plugin's."""
    registry = isolated()
    assert {"yes_no", "choice", "deadline", "tiers", "manual", "survey"} <= set(registry.kinds)
    assert set(registry.kinds.owners.values()) == {BUILTIN_NAME}
    assert {p.name for p, _ in registry.criteria_files} >= {"ca-tinh-2024-bang1.toml",
                                                            "ca-tinh-2024-bang2.toml"}
    assert set(registry.tie_policies) == {"shared", "dense"}
    (builtin,) = registry.describe()
    assert builtin["source"] == "builtin"
    assert builtin["hooks"] == ["register_criteria", "register_rule_kinds",
                                "register_tie_policies"]


def test_installed_plugins_are_found_by_entry_point() -> None:
    """The two plugin distributions in plugins/ (installed by `make test`) are
    loaded from the `cchc_score` entry-point group with their versions."""
    registry = Registry.build(entry_points=True)
    found = {p.name: p for p in registry.plugins()}
    assert found["cchc_congan"].source == "entrypoint"
    assert found["cchc_congan"].origin == "cchc-congan"
    assert found["cchc_hanam"].version == "0.1.0"
    assert registry.problems == []


# -- broken plugins are reported by name and skipped -------------------------------------


def test_a_plugin_whose_import_raises_is_reported_and_others_still_load(
        tmp_path: Path) -> None:
    """An exception at import names the plugin, the error and its line; the
    next plugin still registers its rule kind."""
    broken = write_plugin(tmp_path, "broken", "raise RuntimeError('boom')\n")
    good = write_plugin(tmp_path, "myrule", MYRULE)
    registry = isolated(broken, good)
    (problem,) = registry.problems
    assert problem.plugin == "broken"
    text = problem.render("en")
    assert "RuntimeError: boom" in text and "broken.py, line 1" in text
    assert registry.kinds.owners["quarterly"] == "myrule"
    assert "broken" not in {p.name for p in registry.plugins()}


def test_strict_mode_raises_for_a_broken_plugin(tmp_path: Path) -> None:
    broken = write_plugin(tmp_path, "broken", "import no_such_module_here\n")
    with pytest.raises(PluginFailed) as caught:
        isolated(broken, strict=True)
    assert caught.value.problem.plugin == "broken"
    assert "no_such_module_here" in caught.value.problem.render("vi")


def test_a_missing_plugin_file_is_reported(tmp_path: Path) -> None:
    registry = isolated(tmp_path / "nowhere.py")
    (problem,) = registry.problems
    assert problem.plugin == "nowhere" and "nowhere.py" in problem.render("en")


def test_broken_entry_point_is_reported_by_name(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed distribution whose module fails to import is reported
    under its entry-point name; the other installed plugins still load."""
    install_broken_distribution(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = Registry.build(entry_points=True)
    assert [p.plugin for p in registry.problems] == ["cchc_broken"]
    assert "missing dependency xyz" in registry.problems[0].render("en")
    assert {"cchc_congan", "cchc_hanam"} <= {p.name for p in registry.plugins()}


def install_broken_distribution(folder: Path) -> None:
    """A distribution on sys.path (dist-info + module) whose import raises."""
    info = folder / "cchc_broken-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cchc-broken\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[cchc_score]\ncchc_broken = cchc_broken_mod\n",
                                           encoding="utf-8")
    (folder / "cchc_broken_mod.py").write_text(
        "raise ImportError('missing dependency xyz')\n", encoding="utf-8")


def test_unknown_hook_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    """check_pending(): a misspelt hook name is reported with the closest real
    hook, and the whole plugin is skipped (its correct hooks too)."""
    typo = write_plugin(tmp_path, "typo", MYRULE + """
@hookimpl
def register_rule_kind(register):
    pass
""")
    registry = isolated(typo)
    (problem,) = registry.problems
    text = problem.render("en")
    assert problem.plugin == "typo"
    assert "register_rule_kind (→ register_rule_kinds?)" in text
    assert "quarterly" not in registry.kinds


def test_duplicate_rule_kind_is_an_error_naming_both_plugins(tmp_path: Path) -> None:
    """Two plugins registering the same kind name: reported with both names,
    the second plugin is dropped whole (never a silent rename)."""
    first = write_plugin(tmp_path, "first", MYRULE)
    second = write_plugin(tmp_path, "second", MYRULE.replace(
        "@hookimpl\ndef register_rule_kinds", f"""
@hookimpl
def register_criteria(register):
    register({str(write_set(tmp_path, 'second-2024'))!r})


@hookimpl
def register_rule_kinds"""))
    registry = isolated(first, second)
    (problem,) = registry.problems
    assert problem.plugin == "second"
    assert "“quarterly” is registered by both “first” and “second”" in problem.render("en")
    assert registry.kinds.owners["quarterly"] == "first"
    assert all(owner != "second" for _, owner in registry.criteria_files)
    with pytest.raises(PluginFailed, match="both “first” and “second”"):
        isolated(first, second, strict=True)


def test_a_plugin_cannot_replace_a_builtin_kind(tmp_path: Path) -> None:
    clash = write_plugin(tmp_path, "clash", MYRULE.replace('"quarterly"', '"tiers"'))
    registry = isolated(clash)
    assert "both “cchc_score” and “clash”" in registry.problems[0].render("en")
    assert registry.kinds.owners["tiers"] == BUILTIN_NAME


def test_registering_something_that_is_not_a_rule_kind(tmp_path: Path) -> None:
    odd = write_plugin(tmp_path, "odd", """
        from cchc_score import hookimpl

        @hookimpl
        def register_rule_kinds(register):
            register("quarterly")
    """)
    registry = isolated(odd)
    assert "'quarterly'" in registry.problems[0].render("en")
    assert "is not a rule kind" in registry.problems[0].render("en")


def test_a_registration_hook_that_raises_drops_the_plugin(tmp_path: Path) -> None:
    boom = write_plugin(tmp_path, "boom", """
        from cchc_score import hookimpl

        @hookimpl
        def register_criteria(register):
            raise ValueError("no criteria folder")
    """)
    registry = isolated(boom)
    text = registry.problems[0].render("en")
    assert "register_criteria" in text and "no criteria folder" in text
    assert "boom" not in {p.name for p in registry.plugins()}


# -- disabling, config files, explicit files ---------------------------------------------


@pytest.mark.parametrize(("value", "disabled"), [
    ("1", True), ("true", True), ("YES", True), ("0", False), ("", False), ("false", False),
])
def test_disable_variable_values(value: str, disabled: bool) -> None:
    assert plugins_disabled({DISABLE_ENV: value}) is disabled


def test_disabled_plugins_keep_builtins_and_explicit_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CCHC_SCORE_DISABLE_PLUGINS=1 leaves out installed and configured
    plugins; the built-ins and files given explicitly still load."""
    good = write_plugin(tmp_path, "myrule", MYRULE)
    (tmp_path / "cchc-score.toml").write_text('plugins = ["other.py"]\n', encoding="utf-8")
    monkeypatch.setenv(DISABLE_ENV, "1")
    registry = registry_for(files=[good], directory=tmp_path)
    names = {p.name for p in registry.plugins()}
    assert names == {BUILTIN_NAME, "myrule"}
    assert not registry.entry_points_loaded
    assert registry_for(disable=True, directory=tmp_path).problems == []


def test_project_config_file_lists_local_plugins(tmp_path: Path) -> None:
    """`plugins = [...]` in cchc-score.toml: paths relative to that file,
    module names imported; the same file given again is loaded once."""
    (tmp_path / "local").mkdir()
    good = write_plugin(tmp_path / "local", "myrule", MYRULE)
    (tmp_path / "cchc-score.toml").write_text(
        'plugins = ["local/myrule.py", "json"]\n', encoding="utf-8")
    registry = registry_for(directory=tmp_path, files=[good])
    found = {p.name: p for p in registry.plugins()}
    assert found["myrule"].source == "file"
    assert found["json"].source == "module"
    assert registry.problems == []


def test_pyproject_tool_table_lists_local_plugins(tmp_path: Path) -> None:
    write_plugin(tmp_path, "myrule", MYRULE)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cchc-score]\nplugins = ["myrule.py"]\n',
        encoding="utf-8")
    assert project_plugins(tmp_path) == (["myrule.py"], tmp_path / "pyproject.toml")
    assert "quarterly" in registry_for(directory=tmp_path).kinds


def test_cchc_score_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cchc-score]\nplugins = ["a.py"]\n',
                                             encoding="utf-8")
    (tmp_path / "cchc-score.toml").write_text('plugins = ["b.py"]\n', encoding="utf-8")
    assert project_plugins(tmp_path)[0] == ["b.py"]


def test_no_config_means_no_local_plugins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert project_plugins(tmp_path) == ([], None)


def test_malformed_plugins_list_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "cchc-score.toml").write_text('plugins = "myrule.py"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        project_plugins(tmp_path)
    (issue,) = caught.value.issues
    assert issue.where.key == "plugins" and "cchc-score.toml" in str(issue.where)


# -- hooks that fail while scoring ------------------------------------------------------------


class Raising:
    """A plugin whose adjustment fails for one unit."""

    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult | None:
        if result.unit.id == "u2":
            raise ZeroDivisionError("division by zero")
        return None


def test_a_hook_failing_while_scoring_names_the_plugin_and_unit(tmp_path: Path) -> None:
    """The failing call is reported with the plugin, the hook and the unit;
    that unit keeps its unadjusted result and every unit is still scored."""
    crit = write_set(tmp_path)
    files = [write_unit(tmp_path, u, FULL, criteria=crit) for u in ("u1", "u2")]
    registry = isolated()
    seen = []
    registry.on_problem = seen.append
    registry.add(Raising(), "raising")
    batch = score_files(files, registry=registry)
    assert [r.points for r in batch.results] == [Decimal(100), Decimal(100)]
    (problem,) = seen
    assert problem.plugin == "raising"
    text = problem.render("en")
    assert "adjust_result (unit “u2”)" in text and "ZeroDivisionError" in text


def test_a_hook_failing_while_scoring_is_an_error_in_strict_mode(tmp_path: Path) -> None:
    crit = write_set(tmp_path)
    files = [write_unit(tmp_path, u, FULL, criteria=crit) for u in ("u1", "u2")]
    registry = isolated(strict=True)
    registry.add(Raising(), "raising")
    with pytest.raises(PluginFailed, match="raising"):
        score_files(files, registry=registry)


def test_invalid_return_values_are_ignored_and_reported(tmp_path: Path) -> None:
    """A wrong value from a hook is reported with the hook and the value; a
    classify that gives nonsense publishes no band at all (not the set's
    own band, which the plugin meant to override)."""
    class Confused:
        @hookimpl
        def classify(self) -> int:
            return 42

        @hookimpl
        def check_assessment(self) -> list[str]:
            return ["not an issue"]

    crit = write_set(tmp_path)
    registry = isolated()
    registry.add(Confused(), "confused")
    result = only(score_files([write_unit(tmp_path, "u1", FULL, criteria=crit)],
                              registry=registry).results)
    assert result.band is None
    texts = [p.render("en") for p in registry.problems]
    assert any("classify" in t and "42" in t for t in texts)
    assert any("check_assessment" in t and "not an issue" in t for t in texts)


# -- a throwaway plugin, registered inside a test ---------------------------------------------


class HalfOfComponentTwo:
    """Scores component 2 at half its points (a made-up policy)."""

    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult:
        from cchc_score import Outcome, msg

        leaves = [n for n in result.node("2").walk() if n.is_leaf]
        return with_outcomes(result, {n.code: Outcome(n.points / 2, msg("text", text="half"))
                                      for n in leaves})


def test_throwaway_plugin_changes_scoring_and_is_unregistered_after(tmp_path: Path) -> None:
    """Inside `plugin_registered` the unit loses half of component 2 (40 → 20
    points, index 80, band B); afterwards the plugin is gone and the same file
    scores 100 again."""
    crit = write_set(tmp_path)
    unit = write_unit(tmp_path, "u1", FULL, criteria=crit)
    registry = isolated()
    before = only(score_files([unit], registry=registry).results)
    with plugin_registered(registry, HalfOfComponentTwo(), "half") as active:
        during = only(score_files([unit], registry=active).results)
        assert "half" in {p.name for p in active.plugins()}
    after = only(score_files([unit], registry=registry).results)
    assert (before.points, before.index, before.band) == (Decimal(100), Decimal(100), "A")
    assert (during.points, during.index, during.band) == (Decimal(80), Decimal(80), "B")
    assert during.node("2").lost == Decimal(20)
    assert (after.points, after.band) == (Decimal(100), "A")
    assert "half" not in {p.name for p in registry.plugins()}
    assert not registry.pm.has_plugin("half")


def test_a_rejected_plugin_object_leaves_the_registry_as_it_was(tmp_path: Path) -> None:
    """`Registry.add` raises for a plugin that registers a duplicate kind, and
    the registry still holds every other plugin's registrations."""
    registry = isolated(write_plugin(tmp_path, "myrule", MYRULE))

    other_quarterly = type("OtherQuarterly", (registry.kinds["quarterly"],), {})

    class Clash:
        @hookimpl
        def register_rule_kinds(self, register: Any) -> None:
            register(other_quarterly)  # another class under the name "quarterly"

    with pytest.raises(PluginFailed):
        registry.add(Clash(), "clash")
    assert registry.kinds.owners["quarterly"] == "myrule"
    assert "tiers" in registry.kinds
    assert "clash" not in {p.name for p in registry.plugins()}

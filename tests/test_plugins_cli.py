"""The plugin options and the `plugins` command, as a user runs them:
`cchc-score plugins`, `--plugin FILE`, a project config file, `--no-plugins`,
`CCHC_SCORE_DISABLE_PLUGINS`, a broken plugin and `--strict-plugins`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_score.cli import demo_dir, main
from cchc_score.plugins import DISABLE_ENV

from .test_plugins import (
    FULL,
    MYRULE,
    install_broken_distribution,
    write_plugin,
    write_set,
    write_unit,
)

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- cchc-score plugins ------------------------------------------------------------------------


def test_plugins_lists_both_plugins_with_what_they_register(capsys: Capture) -> None:
    """Each plugin with its version, source, hooks and registrations: the
    core's rule kinds and sets, cchc_congan's group logic hooks, cchc_hanam's
    adjustment and its illustrative set."""
    code, out, err = run(capsys, "--lang", "en", "plugins")
    assert code == 0 and err == ""
    text = out
    assert "cchc_score 0.1.0.dev0 — built-in" in text
    assert "rule kinds: bonus, choice, deadline" in text
    assert "criteria sets: ca-tinh-2024-bang1, ca-tinh-2024-bang2" in text
    congan = text[text.index("cchc_congan 0.1.0 — package cchc-congan"):]
    assert congan.splitlines()[1] == "  hooks: check_assessment, select_criteria"
    hanam = text[text.index("cchc_hanam 0.1.0 — package cchc-hanam"):]
    assert hanam.splitlines()[1] == \
        "  hooks: adjust_result, check_assessment, check_criteria, register_criteria"
    assert hanam.splitlines()[2] == "  criteria sets: hanam-2023-so-nganh-minh-hoa"


def test_plugins_json(capsys: Capture) -> None:
    code, out, _ = run(capsys, "plugins", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    by_name = {p["name"]: p for p in doc["plugins"]}
    assert doc["schema"] == 1 and doc["problems"] == [] and doc["installed_loaded"] is True
    assert by_name["cchc_score"]["source"] == "builtin"
    assert "tiers" in by_name["cchc_score"]["rule_kinds"]
    assert by_name["cchc_congan"]["version"] == "0.1.0"
    assert by_name["cchc_congan"]["hooks"] == ["check_assessment", "select_criteria"]
    assert by_name["cchc_hanam"]["criteria"] == ["hanam-2023-so-nganh-minh-hoa"]
    assert by_name["cchc_hanam"]["criteria_files"][0].endswith("hanam-2023-so-nganh-minh-hoa.toml")


def test_plugins_in_vietnamese_by_default(capsys: Capture) -> None:
    _, out, _ = run(capsys, "plugins")
    assert "cchc_score 0.1.0.dev0 — tích hợp sẵn" in out
    assert "loại quy tắc: bonus" in out and "cchc_hanam 0.1.0 — gói cchc-hanam" in out


@pytest.mark.parametrize("how", ["flag", "flag-after", "env"])
def test_no_plugins_leaves_only_the_builtins(how: str, capsys: Capture,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    argv = {"flag": ["--no-plugins", "plugins"], "flag-after": ["plugins", "--no-plugins"],
            "env": ["plugins"]}[how]
    if how == "env":
        monkeypatch.setenv(DISABLE_ENV, "1")
    code, out, _ = run(capsys, "--lang", "en", *argv)
    assert code == 0
    assert "cchc_score" in out and "cchc_congan" not in out and "cchc_hanam" not in out
    assert "Installed plugins were not loaded" in out


# -- a local rule kind with --plugin -------------------------------------------------------------


def test_local_rule_kind_needs_its_plugin(tmp_path: Path, capsys: Capture) -> None:
    """A criteria file using the kind `quarterly`: without the plugin, `check`
    names the unknown kind and exits 1; with `--plugin myrule.py` (before or
    after the command) it is valid, and `score` uses the kind."""
    crit = write_set(tmp_path, kind="quarterly")
    myrule = write_plugin(tmp_path, "myrule", MYRULE)

    code, out, err = run(capsys, "--lang", "en", "check", str(crit))
    assert code == 1
    assert "unknown rule kind “quarterly”" in err and "1.1: rule.kind" in err

    code, out, err = run(capsys, "--lang", "en", "--plugin", str(myrule), "check", str(crit))
    assert code == 0 and "valid — tiny-2024" in out and err == ""
    code, out, _ = run(capsys, "check", "--plugin", str(myrule), str(crit))
    assert code == 0

    unit = write_unit(tmp_path, "u1", {**FULL, "1.1": 2}, criteria=crit)
    code, out, _ = run(capsys, "--plugin", str(myrule), "score", str(unit), "--format", "json")
    assert code == 0
    (doc,) = json.loads(out)["units"]
    leaf = next(n for n in doc["nodes"] if n["code"] == "1.1")
    assert leaf["points"] == 15 and doc["points"] == 85


def test_local_plugin_from_the_project_config(tmp_path: Path, capsys: Capture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`plugins = ["myrule.py"]` in ./cchc-score.toml loads it for every
    command; --no-plugins leaves it out."""
    crit = write_set(tmp_path, kind="quarterly")
    write_plugin(tmp_path, "myrule", MYRULE)
    (tmp_path / "cchc-score.toml").write_text('plugins = ["myrule.py"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", crit.name)[0] == 0
    code, out, _ = run(capsys, "--lang", "en", "plugins")
    assert code == 0
    assert f"myrule — file {tmp_path / 'myrule.py'}" in out
    assert "rule kinds: quarterly" in out
    assert run(capsys, "--no-plugins", "check", crit.name)[0] == 1


def test_malformed_project_config_is_an_input_error(tmp_path: Path, capsys: Capture,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cchc-score.toml").write_text("plugins = [1, 2]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--lang", "en", "plugins")
    assert code == 1 and "cchc-score.toml: plugins" in err


# -- a broken plugin: reported by name, everything else works -----------------------------------

BROKEN = "import cchc_score\nraise RuntimeError('this plugin is broken')\n"


def test_broken_plugin_is_reported_and_scoring_still_works(tmp_path: Path,
                                                           capsys: Capture) -> None:
    broken = write_plugin(tmp_path, "broken", BROKEN)
    unit = write_unit(tmp_path, "u1", FULL, criteria=write_set(tmp_path))
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(broken), "score", str(unit),
                         "--format", "json")
    assert code == 0
    assert "plugin “broken”: failed to load: RuntimeError" in err
    assert "the plugin was skipped" in err
    assert json.loads(out)["units"][0]["points"] == 100
    code, out, err = run(capsys, "--strict-plugins", "--plugin", str(broken), "score",
                         str(unit))
    assert code == 1 and out == ""
    assert "lỗi: plugin “broken”: không nạp được" in err
    # Under --strict-plugins the plugin stops the run; it is not "skipped".
    assert "dừng lại do --strict-plugins" in err and "đã bỏ qua" not in err


@pytest.mark.skipif(not demo_dir().is_dir(), reason="examples/demo not present")
def test_broken_plugin_and_the_demo(tmp_path: Path, capsys: Capture) -> None:
    """The demo runs (exit 0, ranking printed) with a broken plugin, which is
    named on stderr; with --strict-plugins it exits 1."""
    broken = write_plugin(tmp_path, "broken", BROKEN)
    code, out, err = run(capsys, "--plugin", str(broken), "demo")
    assert code == 0
    assert "Xếp hạng" in out
    assert "plugin “broken”" in err and "this plugin is broken" in err
    code, _, err = run(capsys, "--plugin", str(broken), "demo", "--strict-plugins")
    assert code == 1 and "plugin “broken”" in err


@pytest.mark.skipif(not demo_dir().is_dir(), reason="examples/demo not present")
def test_broken_installed_plugin_and_the_demo(tmp_path: Path, capsys: Capture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Same for an installed distribution whose import raises."""
    install_broken_distribution(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    code, out, err = run(capsys, "--lang", "en", "demo")
    assert code == 0 and "Ranking" in out
    assert "plugin “cchc_broken”: failed to load" in err
    assert run(capsys, "--strict-plugins", "demo")[0] == 1
    assert run(capsys, "--no-plugins", "--strict-plugins", "demo")[0] == 0


def test_hook_failure_while_scoring_and_strict_mode(tmp_path: Path, capsys: Capture) -> None:
    flaky = write_plugin(tmp_path, "flaky", """
        from cchc_score import hookimpl

        @hookimpl
        def classify(result):
            return {}["no band"]
    """)
    unit = write_unit(tmp_path, "u1", FULL, criteria=write_set(tmp_path))
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(flaky), "score", str(unit),
                         "--format", "json")
    assert code == 0 and json.loads(out)["units"][0]["band"] is None
    assert "plugin “flaky”: failed in hook classify (unit “u1”): KeyError" in err
    assert "no band was published for the unit" in err
    code, out, err = run(capsys, "--lang", "en", "--plugin", str(flaky), "--strict-plugins",
                         "score", str(unit))
    assert code == 1 and out == "" and "error: plugin “flaky”" in err

"""Plugin code that calls sys.exit(), raises KeyboardInterrupt or never
returns is contained like any other failure: named and skipped (an
interrupt still stops the run, after saying whose code it stopped)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score import hookimpl, score_files
from cchc_score._model import UnitResult
from cchc_score.cli import main

from .test_plugins import FULL, isolated, write_plugin, write_set, write_unit

Capture = pytest.CaptureFixture[str]


@pytest.mark.parametrize("code", ["sys.exit(3)", "sys.exit('bye')", "raise SystemExit"])
def test_a_plugin_exiting_at_import_is_named_and_skipped(tmp_path: Path, capsys: Capture,
                                                         code: str) -> None:
    """`sys.exit()` at a plugin file's import no longer ends the run with
    the plugin's exit code and no word: it is a load failure naming the
    plugin, the run goes on (exit 0) and --strict-plugins makes it exit 1."""
    plugin = write_plugin(tmp_path, "quitter", f"import sys\n{code}\n")
    assert main(["--lang", "en", "--plugin", str(plugin), "criteria"]) == 0
    err = capsys.readouterr().err
    assert "quitter" in err and "SystemExit" in err and "skipped" in err
    assert main(["--lang", "en", "--strict-plugins", "--plugin", str(plugin), "criteria"]) == 1
    assert "quitter" in capsys.readouterr().err


def test_a_plugin_interrupted_at_import_is_named_and_stops_the_run(
        tmp_path: Path, capsys: Capture) -> None:
    """KeyboardInterrupt during a plugin's import says which plugin was
    running and stops the run with 130, as Ctrl+C does."""
    plugin = write_plugin(tmp_path, "sleepy", "raise KeyboardInterrupt\n")
    assert main(["--lang", "en", "--plugin", str(plugin), "criteria"]) == 130
    err = capsys.readouterr().err
    assert "sleepy" in err and "interrupted" in err


class Exiting:
    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult | None:
        raise SystemExit(4)


class Hanging:
    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult | None:
        time.sleep(30)
        return None


class Interrupting:
    @hookimpl
    def adjust_result(self, result: UnitResult) -> UnitResult | None:
        raise KeyboardInterrupt


def _units(tmp_path: Path) -> list[Path]:
    crit = write_set(tmp_path)
    return [write_unit(tmp_path, u, FULL, criteria=crit) for u in ("u1", "u2")]


def test_a_hook_calling_sys_exit_is_a_failed_call(tmp_path: Path) -> None:
    """SystemExit in a hook is reported with the plugin and hook, the call
    is ignored and every unit is scored."""
    registry = isolated()
    seen: list[object] = []
    registry.on_problem = seen.append
    registry.add(Exiting(), "exiting")
    batch = score_files(_units(tmp_path), registry=registry)
    assert [r.points for r in batch.results] == [Decimal(100), Decimal(100)]
    assert seen and all("SystemExit" in p.render("en") for p in seen)  # type: ignore[attr-defined]


def test_a_hook_interrupted_names_the_plugin_and_stops(tmp_path: Path) -> None:
    """KeyboardInterrupt in a hook is reported with the plugin's name and
    still stops the run."""
    registry = isolated()
    seen: list[object] = []
    registry.on_problem = seen.append
    registry.add(Interrupting(), "interrupting")
    with pytest.raises(KeyboardInterrupt):
        score_files(_units(tmp_path), registry=registry)
    assert [p.plugin for p in seen] == ["interrupting"]  # type: ignore[attr-defined]


def test_a_hook_over_the_time_limit_is_skipped(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With CCHC_SCORE_LIMIT_HOOK_SECONDS set, a hook that does not return
    in time is reported (naming the limit and its variable) and skipped:
    the run finishes instead of hanging."""
    monkeypatch.setenv("CCHC_SCORE_LIMIT_HOOK_SECONDS", "1")
    registry = isolated()
    seen: list[object] = []
    registry.on_problem = seen.append
    registry.add(Hanging(), "hanging")
    started = time.monotonic()
    batch = score_files(_units(tmp_path)[:1], registry=registry)
    assert time.monotonic() - started < 10
    assert [r.points for r in batch.results] == [Decimal(100)]
    text = seen[0].render("en")  # type: ignore[attr-defined]
    assert "hanging" in text and "CCHC_SCORE_LIMIT_HOOK_SECONDS" in text

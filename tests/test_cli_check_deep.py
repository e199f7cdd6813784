"""`cchc-score check --deep`: every leaf of a real set scored with many
values; defects reported per code with a value that shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score.cli import main

from .conftest import CRITERIA, ROOT

HANAM = ROOT / "plugins" / "cchc-hanam" / "cchc_hanam" / "criteria"
SKELETON = ROOT / "docs" / "plugin-skeleton" / "cchc_myprovince"

RANGES_PLUGIN = '''
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from cchc_score import Context, Outcome, Params, Rule, hookimpl, msg
from cchc_score.rules import parse_percent
from cchc_score.testing import ValueBand


@attrs.frozen
class Ranges(Rule):
    """Bands written as the decision prints them: "từ A% đến B%: P điểm"."""

    kind: ClassVar[str] = "ranges"
    value_type: ClassVar[str] = "percent"
    max: Decimal
    ranges: tuple[tuple[Decimal, Decimal, Decimal], ...]

    @property
    def monotone(self) -> bool:
        return True

    @classmethod
    def build(cls, params: Params, node_max: Decimal) -> "Ranges":
        return cls(node_max, tuple((Decimal(r["from"]), Decimal(r["to"]), Decimal(r["points"]))
                                   for r in params.tables("ranges", required=True)))

    def best(self) -> Decimal:
        return max(p for _, _, p in self.ranges)

    def parse_value(self, raw: Any) -> Decimal:
        return parse_percent(raw)

    def score(self, value: Decimal, ctx: Context) -> Outcome:
        points = next((p for lo, hi, p in self.ranges if lo <= value <= hi), Decimal(0))
        return Outcome(points, msg("out.manual", points=points, max=self.max))

    def value_bands(self) -> tuple[ValueBand, ...]:
        return tuple(ValueBand(lo, hi, p, True, True) for lo, hi, p in self.ranges)

    def example(self) -> Any:
        return self.ranges[0][1]


@hookimpl
def register_rule_kinds(register):
    register(Ranges)
'''

GAP_SET = '''schema = 1
id = "khoang-trong"
title = "Bộ thử có khoảng trống giữa các mức"
group = "g"
years = [2024, 2024]

[source]
issuer = "thử"
decision = "thử"

[[nodes]]
code = "1"
title = "A"
max = 1

[[nodes]]
code = "1.1"
title = "Tỷ lệ hồ sơ đúng hạn"
max = 1
rule = { kind = "ranges", ranges = [{ from = 95, to = 100, points = 1 }, { from = 0, to = 90, points = 0.5 }] }
'''


@pytest.mark.parametrize("path", sorted(CRITERIA.glob("*.toml")) + sorted(HANAM.glob("*.toml")),
                         ids=lambda p: p.stem)
def test_bundled_and_plugin_sets_pass_the_deep_check(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every bundled set and the Hà Nam plugin's set pass: exit 0, with a
    summary naming the number of leaves checked."""
    assert main(["check", "--deep", str(path)]) == 0
    out = capsys.readouterr().out
    assert "kiểm tra sâu" in out and "0 lỗi" in out


def test_the_skeleton_plugin_kind_is_checked_too(capsys: pytest.CaptureFixture[str]) -> None:
    """A plugin's own kind (the skeleton's `quarterly`) is checked like the
    built-in ones."""
    init = SKELETON / "__init__.py"
    sets = sorted((SKELETON / "criteria").glob("*.toml"))
    assert main(["--no-plugins", "--plugin", str(init), "--lang", "en", "check", "--deep",
                 *map(str, sets)]) == 0
    assert "deep check of" in capsys.readouterr().out


def test_a_band_gap_is_reported_with_its_code_and_a_value_in_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bands "95–100%" and "0–90%" leave 90–95% undefined: exit 1, and the
    error names leaf 1.1 and a value in the gap (92,5)."""
    plugin = tmp_path / "ranges.py"
    plugin.write_text(RANGES_PLUGIN, encoding="utf-8")
    path = tmp_path / "gap.toml"
    path.write_text(GAP_SET, encoding="utf-8")
    assert main(["check", str(path), "--no-plugins", "--plugin", str(plugin)]) == 0
    capsys.readouterr()
    assert main(["--no-plugins", "--plugin", str(plugin), "--lang", "en", "check", "--deep",
                 str(path)]) == 1
    err = capsys.readouterr().err
    assert "gap.toml: 1.1: the value 92.5 is in no band (a gap between the bands)" in err
    assert "Traceback" not in err


def test_an_overlap_is_an_error_with_the_shared_value(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Bands that share 90 (in two bands) are reported with that value."""
    plugin = tmp_path / "ranges.py"
    plugin.write_text(RANGES_PLUGIN, encoding="utf-8")
    path = tmp_path / "overlap.toml"
    path.write_text(GAP_SET.replace("from = 95", "from = 90"), encoding="utf-8")
    assert main(["--no-plugins", "--plugin", str(plugin), "--lang", "en", "check", "--deep",
                 str(path)]) == 1
    err = capsys.readouterr().err
    assert "1.1: the value 90 is in two bands" in err

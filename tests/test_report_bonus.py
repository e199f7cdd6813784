"""Bonus points are shown on their own line: never as regained lost points."""

from __future__ import annotations

from pathlib import Path

import pytest

from .report_kit import MINI, line_with, run, write_set, write_unit

BONUS = MINI + """
[[nodes]]
code = "4"
title = "Điểm thưởng sáng kiến"
max = 1
role = "bonus"
[[nodes]]
code = "4.1"
title = "Sáng kiến cải cách hành chính được công nhận"
max = 1
rule = { kind = "bonus", per_item = 0.5, unit = "sáng kiến" }
"""


def test_total_lost_matches_the_lost_list_with_bonus(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A unit that lost 1.5 points and earned 1 bonus point: the total row says
    1,50 lost (as the lost list does), the total is 9,50/10, and the bonus has
    its own +1,00 line."""
    write_set(tmp_path, BONUS)
    path = write_unit(tmp_path, "a", {"1.1": '{ value = "190/200", evidence = ["x"] }',
                                      "2.2": '{ value = 1, evidence = ["y"] }',
                                      "4.1": "2"})
    code, out, _ = run(["score", str(path)], capsys)
    assert code == 0
    assert "1,50" in line_with(out, "Mất điểm ở đâu")
    total = line_with(out, "Tổng", "9,50/10,00")
    assert total.split()[-2] == "1,50"
    assert "+1,00" in line_with(out, "4", "Điểm thưởng")

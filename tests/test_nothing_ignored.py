"""Nothing is ignored in silence: a value or an appraisal entry that cannot
count is a warning naming the file and the criterion, and a not-applicable
claim on a survey leaf is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score.cli import main

SET = """
schema = 1
id = "bo-nho"
title = "Bộ chỉ số nhỏ"
group = "so"
years = [2024, 2024]
[source]
issuer = "UBND tỉnh Thử"
decision = "1/QĐ-UBND"
[[nodes]]
code = "1"
title = "Thủ tục hành chính"
max = 70
[[nodes]]
code = "1.1"
title = "Hồ sơ đúng hạn"
max = 40
rule = { kind = "tiers", over = "ratio", tiers = [{ min = 100, points = 40 }] }
[[nodes]]
code = "1.2"
title = "Có kế hoạch"
max = 30
rule = { kind = "yes_no" }
[[nodes]]
code = "2"
title = "Điều tra xã hội học"
max = 30
[[nodes]]
code = "2.1"
title = "Sự hài lòng"
max = 30
method = "survey"
rule = { kind = "survey" }
"""


def _files(tmp_path: Path, body: str) -> Path:
    (tmp_path / "bo-nho.toml").write_text(SET, encoding="utf-8")
    path = tmp_path / "a.toml"
    path.write_text(f'schema = 1\ncriteria = "{tmp_path / "bo-nho.toml"}"\nyear = 2024\n'
                    '[unit]\nid = "a"\nname = "Sở A"\ngroup = "so"\n' + body,
                    encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["score", *args, "--lang", "en", "--width", "200"])
    out = capsys.readouterr()
    return code, " ".join((out.out + out.err).split())


def test_answer_under_a_not_applicable_node_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The unit claims component 1 not applicable but declares 1.1: the value
    is not scored, and a warning says so for a.toml, 1.1."""
    path = _files(tmp_path, '[answers]\n"1.1" = "3/3"\n'
                            '[not_applicable]\n"1" = "Không giải quyết TTHC"\n')
    code, err = _run(capsys, str(path))
    assert code == 0
    assert "a.toml: 1.1:" in err and "the value declared here is not scored" in err


def test_appraisal_on_a_leaf_claimed_not_applicable_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A council entry on 1.2 while the unit's claim on 1 stands: at the
    appraised stage a warning names 1.2 and how to score it instead."""
    path = _files(tmp_path, '[not_applicable]\n"1" = "Không giải quyết TTHC"\n'
                            '[appraisal."1.2"]\npoints = 0\nreason = "Không có kế hoạch"\n')
    code, err = _run(capsys, str(path), "--stage", "appraised")
    assert code == 0
    assert "a.toml: 1.2:" in err and "appraisal entry here is not counted" in err


def test_not_applicable_claim_on_a_survey_leaf_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A unit cannot drop its survey result from its maximum: exit 1, the
    error names 2.1."""
    path = _files(tmp_path, '[answers]\n"1.1" = "3/3"\n"1.2" = true\n'
                            '[not_applicable]\n"2.1" = "Chưa điều tra"\n')
    code, err = _run(capsys, str(path))
    assert code == 1
    assert "a.toml: 2.1:" in err and "scored by the survey" in err


def test_what_if_on_an_appraised_leaf_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--set 1.2=false` at the appraised stage on a leaf the council scored
    changes nothing the council decided: a warning says so."""
    path = _files(tmp_path, '[answers]\n"1.1" = "3/3"\n"1.2" = true\n'
                            '[appraisal."1.2"]\npoints = 30\nreason = "Đúng"\n')
    code, err = _run(capsys, str(path), "--stage", "appraised", "--set", "1.2=false")
    assert code == 0
    assert "1.2" in err and "the council's entry scores this criterion" in err
    code, err = _run(capsys, str(path), "--set", "1.2=false")
    assert "council's entry scores" not in err


@pytest.mark.parametrize(("name", "text", "key"), [
    ("cchc-score.toml", 'plugin = ["tinh.py"]\n', "plugin"),
    ("pyproject.toml", '[tool.cchc-score]\nplugins = []\nstrict = true\n',
     "tool.cchc-score.strict")])
def test_unknown_key_in_the_project_config_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        name: str, text: str, key: str) -> None:
    """A misspelt `plugin = [...]` would load no plugin without a word: the
    run stops (exit 1) naming the file and the key, with a suggestion."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["criteria", "--lang", "en"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert name in err and key in err
    if key == "plugin":
        assert "(→ plugins?)" in err

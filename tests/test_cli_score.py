"""`cchc-score score`: JSON contract, outputs written safely, clean errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score.cli import main

from .conftest import CRITERIA

CRITERIA_TEXT = """
schema = 1
id = "mini"
title = "Bộ chỉ số nhỏ"
group = "so"
years = [2024, 2024]
decimals = 2
[source]
issuer = "UBND tỉnh Thử"
decision = "1/QĐ-UBND"
[[bands]]
name = "Tốt"
min = 80
[[bands]]
name = "Khá"
min = 0
[[nodes]]
code = "1"
title = "Thủ tục hành chính"
max = 3
[[nodes]]
code = "1.1"
title = "Hồ sơ đúng hạn"
max = 2
rule = { kind = "tiers", over = "ratio", tiers = [{ min = 100, points = 2 }, { min = 95, points = 1 }] }
[[nodes]]
code = "1.2"
title = "Có kế hoạch"
max = 1
rule = { kind = "yes_no" }
"""


def unit_file(folder: Path, uid: str, ratio: str, plan: bool = True) -> Path:
    path = folder / f"{uid}.toml"
    path.write_text(
        f'schema = 1\ncriteria = "{folder / "mini.toml"}"\nyear = 2024\n'
        f'[unit]\nid = "{uid}"\nname = "Sở {uid}"\ngroup = "so"\n'
        f'[answers]\n"1.1" = "{ratio}"\n"1.2" = {str(plan).lower()}\n',
        encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mini.toml").write_text(CRITERIA_TEXT, encoding="utf-8")
    unit_file(tmp_path, "a", "193/200")
    unit_file(tmp_path, "b", "200/200")
    unit_file(tmp_path, "c", "193/200")
    unit_file(tmp_path, "d", "10/200", plan=False)
    return tmp_path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main(["score", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out, parse_float=Decimal)  # type: ignore[no-any-return]


def test_193_of_200_scores_one_point_and_shows_96_5(folder: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """193/200 on a "100%: 2; từ 95% đến dưới 100%: 1" rule scores 1, explained with 96,5%."""
    doc = run_json(capsys, str(folder / "a.toml"))
    leaf = next(n for n in doc["units"][0]["nodes"] if n["code"] == "1.1")
    assert leaf["points"] == 1 and leaf["lost"] == 1
    assert "96,5%" in leaf["explanation"] and "từ 95% đến dưới 100%" in leaf["explanation"]


def test_json_has_every_contract_key_and_ranks(folder: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A folder gives every unit with the contract keys, ranked 1, 2, 2, 4."""
    doc = run_json(capsys, str(folder))
    assert {"schema", "tool", "criteria", "units"} <= set(doc)
    assert {"id", "title", "group", "hash"} <= set(doc["criteria"])
    assert doc["tool"]["name"] == "cchc-score"
    ranks = {u["id"]: u["rank"] for u in doc["units"]}
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4}
    for unit in doc["units"]:
        assert {"id", "name", "group", "points", "max", "index", "rank", "band", "pools",
                "nodes", "issues"} <= set(unit)
        for node in unit["nodes"]:
            assert {"code", "title", "points", "max", "lost", "na", "pending",
                    "explanation"} <= set(node)
        leaves = [n for n in unit["nodes"] if n["code"].count(".") == 1]
        assert sum(n["lost"] for n in leaves) == unit["max"] - unit["points"]
    assert next(u for u in doc["units"] if u["id"] == "b")["band"] == "Tốt"


def test_json_numbers_are_exact(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An index of 200/3 is written as the engine carries it: the exact
    quotient rounded half-up once to the set's precision (12 places by
    default), not to the published decimals and not with 28 digits."""
    doc = run_json(capsys, str(folder / "a.toml"))
    assert doc["units"][0]["index"] == Decimal("66.666666666667")


def test_output_file_is_not_replaced_without_force(folder: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """-o refuses an existing file (exit 1) unless --force; never an input."""
    out = folder / "out.json"
    out.write_text("keep", encoding="utf-8")
    assert main(["score", str(folder / "a.toml"), "--format", "json", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "keep"
    assert main(["score", str(folder / "a.toml"), "--format", "json", "-o", str(out),
                 "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["units"][0]["id"] == "a"
    source = folder / "a.toml"
    before = source.read_bytes()
    assert main(["score", str(source), "-o", str(source), "--force"]) == 1
    assert source.read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


def test_unknown_code_is_an_error_with_suggestion(folder: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in a code fails with the file, the code and a suggestion; no traceback."""
    path = folder / "a.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"1.2" =', '"1.3" ='),
                    encoding="utf-8")
    assert main(["score", str(path)]) == 1
    err = capsys.readouterr().err
    assert "1.3" in err and "1.2" in err and str(path) in err and "Traceback" not in err


def test_bad_value_names_the_code(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A numerator above its denominator is reported at its code, exit 1."""
    unit_file(folder, "a", "201/200")
    assert main(["--lang", "en", "score", str(folder / "a.toml")]) == 1
    err = capsys.readouterr().err
    assert "1.1" in err and "numerator 201 is greater than denominator 200" in err


def test_text_and_markdown_and_csv_round_for_people(folder: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Human formats round half-up to the set's decimals (66,67 from 200/3)."""
    assert main(["score", str(folder / "a.toml")]) == 0
    assert "66,67" in capsys.readouterr().out
    assert main(["score", str(folder / "a.toml"), "--format", "md"]) == 0
    assert "66,67" in capsys.readouterr().out
    assert main(["score", str(folder), "--format", "csv"]) == 0
    assert "66.67" in capsys.readouterr().out


def test_bundled_set_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An assessment names a bundled set by id; the criteria command lists it."""
    path = tmp_path / "u.toml"
    path.write_text('schema = 1\ncriteria = "ca-tinh-2024-bang2"\nyear = 2024\n'
                    '[unit]\nid = "u"\nname = "U"\ngroup = "co-tthc"\n'
                    '[answers]\n"1.1.4" = "96,5"\n', encoding="utf-8")
    doc = run_json(capsys, str(path))
    assert doc["criteria"]["id"] == "ca-tinh-2024-bang2"
    assert main(["criteria"]) == 0
    assert "ca-tinh-2024-bang2" in capsys.readouterr().out
    assert (CRITERIA / "ca-tinh-2024-bang2.toml").exists()


def test_bom_crlf_and_nfd_assessment(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Windows-saved file (BOM, CRLF) with NFD text scores like the original."""
    import unicodedata

    path = folder / "a.toml"
    text = unicodedata.normalize("NFD", path.read_text(encoding="utf-8"))
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    doc = run_json(capsys, str(path))
    assert doc["units"][0]["points"] == 2
    assert doc["units"][0]["name"] == unicodedata.normalize("NFC", "Sở a")


def test_format_follows_the_output_suffix(folder: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """-o results.json writes JSON without --format; -o results.md Markdown."""
    out = folder / "results.json"
    assert main(["score", str(folder), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == 1
    md = folder / "results.md"
    assert main(["score", str(folder), "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").lstrip().startswith("#")


def test_text_into_an_excel_file_is_a_usage_error(folder: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """--format json -o out.xlsx is refused (exit 2) and nothing is written."""
    out = folder / "out.xlsx"
    assert main(["score", str(folder), "--format", "json", "-o", str(out)]) == 2
    assert not out.exists()
    assert "--format xlsx" in capsys.readouterr().err

"""cchc-congan: which police unit is scored with Bảng I or Bảng II, as the
titles of the two 2024 tables say (see the plugin's README)."""

from __future__ import annotations

from pathlib import Path

import cchc_congan
import pytest

from cchc_score import Unit, score_files
from cchc_score.cli import demo_dir
from cchc_score.plugins import Registry

BANG1, BANG2 = cchc_congan.BANG1, cchc_congan.BANG2


def registry() -> Registry:
    """The built-ins and this plugin only (not other installed plugins)."""
    reg = Registry.build(entry_points=False)
    reg.add(cchc_congan, "cchc_congan")
    return reg


def police(unit_id: str, name: str = "", tags: tuple[str, ...] = ()) -> Unit:
    return Unit(unit_id, name or f"Phòng {unit_id.upper()} – Công an tỉnh", "g",
                frozenset(tags))


def write_unit(folder: Path, unit_id: str, name: str, *, tags: tuple[str, ...] = (),
               criteria: str | None = None, year: int = 2024) -> Path:
    tag_list = ", ".join(f'"{t}"' for t in tags)
    head = f'criteria = "{criteria}"\n' if criteria else ""
    path = folder / f"{unit_id}.toml"
    path.write_text(f'schema = 1\n{head}year = {year}\n\n[unit]\nid = "{unit_id}"\n'
                    f'name = "{name}"\ngroup = "co-tthc"\ntags = [{tag_list}]\n',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("code", "table"), [
    ("PA08", BANG2), ("PC06", BANG2), ("PC07", BANG2), ("PC08", BANG2),
    ("PX01", BANG1), ("PX05", BANG1), ("PC02", BANG1), ("PH10", BANG1), ("PV01", BANG1),
])
def test_unit_code_places_a_unit(code: str, table: str) -> None:
    """The four units Bảng II lists take Bảng II; PX01 and PX05 (named by
    Bảng I) and every other police code take Bảng I."""
    assert cchc_congan.expected_table(police(f"vd-{code.lower()}")) == table
    assert cchc_congan.expected_table(police("x", name=f"Phòng ({code})")) == table
    assert (code in cchc_congan.BANG1_NAMED) <= (table == BANG1)


def test_tags_come_first_and_non_police_units_are_left_alone() -> None:
    """District police have no unit code: their tag places them. A unit with
    no code and no "Công an" in its name is not a police unit."""
    district = Unit("vd-cah", "Công an huyện Đồng Xanh", "g", frozenset({"tthc"}))
    assert cchc_congan.expected_table(district) == BANG2
    assert cchc_congan.expected_table(police("vd-pc06", tags=("khong-tthc",))) == BANG1
    assert cchc_congan.expected_table(Unit("so-noi-vu", "Sở Nội vụ", "so",
                                           frozenset({"khong-tthc"}))) is None
    assert cchc_congan.expected_table(Unit("vd-cah", "Công an huyện", "g")) is None


def test_select_criteria_scores_an_assessment_that_names_no_set(tmp_path: Path) -> None:
    """A 2024 assessment of PC06 without a `criteria` key is scored with
    Bảng II, PX01 with Bảng I; a 2025 one is not placed (no table known)."""
    pc06 = write_unit(tmp_path, "vd-pc06", "Phòng PC06")
    px01 = write_unit(tmp_path, "vd-px01", "Phòng PX01")
    batch = score_files([pc06, px01], registry=registry())
    assert {r.unit.id: r.criteria.id for r in batch.results} == {"vd-pc06": BANG2,
                                                                 "vd-px01": BANG1}
    later = write_unit(tmp_path, "vd-pc07", "Phòng PC07", year=2025)
    assert score_files([later], registry=registry()).failed


def test_wrong_table_is_a_warning_naming_the_right_one(tmp_path: Path) -> None:
    pc06 = write_unit(tmp_path, "vd-pc06", "Phòng PC06", criteria=BANG1)
    batch = score_files([pc06], registry=registry())
    (result,) = batch.results
    texts = [i.message.render("en") for i in result.issues if i.message.key.startswith("congan")]
    assert texts == ["unit vd-pc06 (code PC06) is listed by Bảng II as handling "
                     "administrative procedures: it is scored with ca-tinh-2024-bang2, "
                     "not ca-tinh-2024-bang1"]


def test_tags_contradicting_the_code_are_reported(tmp_path: Path) -> None:
    pc06 = write_unit(tmp_path, "vd-pc06", "Phòng PC06", tags=("khong-tthc",), criteria=BANG2)
    (result,) = score_files([pc06], registry=registry()).results
    keys = [i.message.key for i in result.issues if i.message.key.startswith("congan")]
    assert keys == ["congan.tag_conflict", "congan.wrong_set"]


@pytest.mark.skipif(not demo_dir().is_dir(), reason="examples/demo not present")
def test_the_demo_province_raises_no_congan_warning() -> None:
    """Every demo unit is scored with its right table, so the plugin stays
    silent there."""
    batch = score_files([demo_dir()], stage="appraised", registry=registry())
    assert not batch.failed
    assert not [i for r in batch.results for i in r.issues if i.message.key.startswith("congan")]


def test_installed_through_its_entry_point() -> None:
    found = {p.name: p for p in Registry.build(entry_points=True).plugins()}
    assert found["cchc_congan"].origin == "cchc-congan"
    assert found["cchc_congan"].version == cchc_congan.__version__

"""`score … --format html` (or `-o FILE.html`): one self-contained page with
the ranking of each group and its bar chart, the heat table, each unit's
breakdown, a stamp, and the same figures as the other formats."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cchc_score.cli import main

from .report_kit import run, write_set, write_unit


class Page(HTMLParser):
    """What a test reads back from a page: every element's attributes in
    order, the text of each table row, the text of the whole page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[tuple[dict[str, str | None], list[str]]] = []
        self.words: list[str] = []
        self._row: tuple[dict[str, str | None], list[str]] | None = None
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((name, dict(attrs)))
        if name == "tr":
            self._row = (dict(attrs), [])
        elif name in ("td", "th"):
            self._cell = []

    def handle_endtag(self, name: str) -> None:
        if name in ("td", "th") and self._row is not None and self._cell is not None:
            self._row[1].append("".join(self._cell).strip())
            self._cell = None
        elif name == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self.words.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())

    def unit_rows(self) -> dict[str, tuple[dict[str, str | None], list[str]]]:
        """Ranking rows by their unit id."""
        return {str(a["data-unit"]): (a, cells) for a, cells in self.rows if "data-unit" in a}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Page, str, dict[str, object]]:
    """The demo province as an HTML page (format from the -o suffix) and as JSON."""
    folder = tmp_path_factory.mktemp("html")
    assert main(["demo", "--unit", "vd-pc08", "-o", str(folder / "bao-cao.html")]) == 0
    assert main(["demo", "-o", str(folder / "r.json")]) == 0
    text = (folder / "bao-cao.html").read_text(encoding="utf-8")
    return Page(text), text, json.loads((folder / "r.json").read_text(encoding="utf-8"),
                                        parse_float=Decimal)


def test_every_units_total_is_the_jsons(demo: tuple[Page, str, dict[str, object]]) -> None:
    """Each ranking row carries the unit's exact points, maximum and index
    (data attributes equal to the JSON's numbers) and shows them rounded
    half-up to the set's decimals, with the JSON's rank."""
    page, _, doc = demo
    rows = page.unit_rows()
    units = doc["units"]
    assert isinstance(units, list) and len(units) == 10
    for unit in units:
        attrs, cells = rows[unit["id"]]
        for key in ("points", "max", "index"):
            assert Decimal(str(attrs[f"data-{key}"])) == Decimal(str(unit[key])), unit["id"]
        shown = Decimal(str(unit["points"])).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        assert cells[3] == f"{shown}".replace(".", ","), unit["id"]
        assert cells[0] == str(unit["rank"])


def test_the_page_needs_nothing_from_outside(demo: tuple[Page, str, dict[str, object]]) -> None:
    """No script, no stylesheet link, no image or font file: the page's own
    policy forbids any request, and every chart is inline SVG."""
    page, text, _ = demo
    names = [name for name, _ in page.elements]
    assert "script" not in names and "link" not in names and "img" not in names
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)
    assert "url(" not in text
    policy = next(a for n, a in page.elements if n == "meta"
                  and a.get("http-equiv") == "Content-Security-Policy")
    assert str(policy["content"]).startswith("default-src 'none'")
    assert names.count("svg") >= 10  # a chart per group, bars per component


def test_the_page_shows_what_the_other_formats_show(
        demo: tuple[Page, str, dict[str, object]]) -> None:
    """Ranking per group with a chart, the heat table and the group's means,
    then vd-pc08's breakdown: components, every leaf that lost points with
    its reason, points at risk, self vs appraised; and the stamp."""
    page, text, _ = demo
    words = page.text
    for heading in ("Xếp hạng nhóm “co-tthc”", "Xếp hạng nhóm “khong-tthc”",
                    "Điểm mất theo lĩnh vực, nhóm “co-tthc”", "Điểm theo lĩnh vực",
                    "Mất điểm ở đâu: 13,75 điểm ở 13 tiêu chí", "Điểm có rủi ro",
                    "Tự đánh giá và thẩm định"):
        assert heading in words
    assert text.count('class="chart"') == 2
    assert 'data-unit="vd-pc08"' in text and 'id="unit-vd-pc08"' in text
    lost = [cells for attrs, cells in page.rows if cells and cells[1:2] == ["9.2"]]
    assert lost and lost[0][0] == "3,00" and "77,8%" in lost[0][3]
    stamp = text[text.index('<footer class="stamp">'):]
    assert "Dấu vết tính toán" in stamp
    assert re.search(r"Bộ chỉ số: ca-tinh-2024-bang2 \(sha256:[0-9a-f]{64}\)", stamp)
    assert re.search(r"Tệp đầu vào: \S+pc08\.toml \(sha256:[0-9a-f]{64}\)", stamp)


def test_print_stylesheet_is_a4(demo: tuple[Page, str, dict[str, object]]) -> None:
    """Printed, the page is A4 with table headers repeated on each page and
    each unit's breakdown starting a page."""
    _, text, _ = demo
    css = text[text.index("@media print"):]
    assert "size: A4" in css and "table-header-group" in css and "break-before: page" in css


def test_english_and_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en writes English labels and an English `lang`; names and
    explanations are escaped, never read as markup."""
    write_set(tmp_path)
    write_unit(tmp_path, "a", name="Sở <script>alert(1)</script> & Co")
    code, out, _ = run(["--lang", "en", "score", str(tmp_path / "a.toml"), "--format", "html"],
                       capsys)
    assert code == 0
    assert '<html lang="en">' in out and "Points by component" in out
    assert "<script>" not in out
    assert "Sở &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in out


def test_whatif_and_gains_in_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--set` and `--gains` show in the page as they do in the terminal:
    the leaf's change, the new total, and what to declare next."""
    write_set(tmp_path)
    write_unit(tmp_path, "a", {"2.1": '{ value = "mot-phan", evidence = ["x"] }'})
    code, out, _ = run(["score", str(tmp_path / "a.toml"), "--format", "html",
                        "--set", "2.1=du", "--gains"], capsys)
    assert code == 0
    words = Page(out).text
    assert "2.1: 1,00 → 2,00 điểm (+1,00)" in words
    assert "Giả định (--set)" in words
    assert "Không còn điểm nào có thể lấy lại" in words

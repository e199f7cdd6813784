"""Small HTML building blocks shared by the HTML report and the web pages:
escaping, tables, inline SVG bars, the page shell with its inline style.

Everything a page needs is inside it (CSS inline, charts as SVG): the
report opens from an e-mail attachment or a USB stick, offline, and its
Content-Security-Policy forbids any request, so nothing can leak out of it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources

from .._numbers import quantize
from ._tables import SHADES

#: no script, no request of any kind: styles and images are inline
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@cache
def stylesheet() -> str:
    """The one stylesheet of the report and the web pages (screen and A4 print)."""
    return resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")


def tag(name: str, content: str = "", **attrs: object) -> str:
    """`<name attrs>content</name>`; `class_` is written `class`, `data_x` `data-x`;
    attributes whose value is None or False are left out."""
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return f"<{' '.join(parts)}>{content}</{name}>"


def table(head: Sequence[str], rows: Iterable[Sequence[str]], right: set[int], *,
          class_: str = "", caption: str = "", raw: set[int] | None = None,
          row_attrs: Sequence[dict[str, object]] | None = None,
          foot: Sequence[str] | None = None) -> str:
    """A table with a header row (repeated on every printed page), body rows
    and an optional bold footer row. Cells are text, escaped, except the
    columns in `raw` which hold HTML already; `right` aligns numbers."""
    raw = raw or set()

    def cells(row: Sequence[str], cell: str) -> str:
        return "".join(tag(cell, c if j in raw else esc(c),
                           class_="num" if j in right else None)
                       for j, c in enumerate(row))

    body = []
    for i, row in enumerate(rows):
        extra = row_attrs[i] if row_attrs is not None else {}
        body.append(tag("tr", cells(row, "td"), **extra))
    parts = [tag("caption", esc(caption)) if caption else "",
             tag("thead", tag("tr", "".join(tag("th", esc(h), scope="col",
                                               class_="num" if j in right else None)
                                           for j, h in enumerate(head)))),
             tag("tbody", "".join(body))]
    if foot is not None:
        parts.append(tag("tfoot", tag("tr", cells(foot, "td"))))
    return tag("div", tag("table", "".join(parts), class_=class_ or None), class_="scroll")


def bar(points: Decimal, maximum: Decimal, *, width: int = 100, label: str = "") -> str:
    """An inline SVG bar filled in proportion to points / maximum; the fill's
    colour says how much of it was reached (good, fair, poor)."""
    if not maximum:
        return ""
    ratio = min(max(points / maximum, Decimal(0)), Decimal(1))
    filled = quantize(ratio * width, 1)
    level = "good" if ratio >= Decimal("0.9") else "fair" if ratio >= Decimal("0.7") else "poor"
    return (f'<svg class="bar" viewBox="0 0 {width} 10" width="{width}" height="10" '
            f'role="img" aria-label="{esc(label)}" preserveAspectRatio="none">'
            f'<rect class="track" width="{width}" height="10"/>'
            f'<rect class="fill {level}" width="{filled}" height="10"/></svg>')


def heat_level(cell: str) -> int:
    """The shade level (0 none … 4 half or more lost) of a heat-table cell
    as `_tables.heat_cell` wrote it; -1 for "not applicable" or "pending"."""
    return SHADES.index(cell[-1]) if cell and cell[-1] in SHADES else -1


def page(title: str, body: str, lang: str, *, head: str = "", csp: str = REPORT_CSP) -> str:
    """A whole HTML document: inline stylesheet, `head` extras, `body`."""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">'
            f"<title>{esc(title)}</title><style>{stylesheet()}</style>{head}</head>"
            f"<body>{body}</body></html>\n")

"""The remediation report in Word (`cchc-score report FILE -o x.docx`): the
content of `report._remediation`, drawn with the Word report's building
blocks (`_word._Document`: administrative frame, A4, Times New Roman, page
numbers, document properties naming the tool)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from .._i18n import msg
from .._model import UnitResult
from ..report import Options, Report
from ..report._base import stamp_of
from ..report._remediation import sections, title
from ._stable import stable_zip
from ._word import _Document, docx


class RemediationReport(Report):
    """One unit's report on its index and the measures for its lost points."""

    name: ClassVar[str] = "remediation"
    binary: ClassVar[bool] = True

    def render(self, results: Sequence[UnitResult],  # type: ignore[override]
               options: Options) -> bytes:
        (result,) = results
        document = _Document(docx(), options.lang)
        document.open(results, results)
        document.title(title(result, options.lang))
        document.paragraph(f"{result.unit.name} ({result.unit.id})", bold=True)
        for section in sections(result, options.lang, options.previous.get(result.unit.id)):
            document.heading(section.heading)
            for text in section.paragraphs:
                document.paragraph(text)
            if section.head and section.rows:
                document.table(section.head, section.rows, set(section.right))
        document.stamp(stamp_of(results, options))
        document.close(results)
        props = document.doc.core_properties
        props.title = title(result, options.lang)
        props.subject = msg("rem.subject", unit=result.unit.name).render(options.lang)
        return stable_zip(document.save())

"""Office files: the Excel workbooks provinces and units already use.

- `import_criteria`: a province's criteria annex (.xlsx) → a criteria file;
- `form_workbook` / `read_form`: the self-assessment form, written blank
  for a unit and read back filled, scoring exactly as the TOML;
  `fill_form` writes a unit's entries back into it (the web page's save);
- `XlsxReport`: the results workbook (`score --format xlsx`);
- `DocxReport`: the Word report (`score --format docx`).

openpyxl is an optional dependency (`pip install "cchc-score[excel]"`), and
so is python-docx (`cchc-score[word]`), imported only when one of these runs.
"""

from ._import_criteria import Imported, Meta, import_criteria
from ._read_form import Form, is_form, read_form, sniff_form
from ._results import XlsxReport
from ._template import form_workbook
from ._word import DocxReport
from ._write_form import fill_form

__all__ = ["DocxReport", "Form", "Imported", "Meta", "XlsxReport", "fill_form", "form_workbook",
           "import_criteria", "is_form", "read_form", "sniff_form"]

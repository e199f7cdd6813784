"""Found by using the product as a new user would (QA of the command line):
each test pins one behaviour a user met and relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .report_kit import run


@pytest.mark.parametrize(("lang", "says", "never"), [
    ("vi", "không đọc được JSON ở dòng 1, cột 1", "Expecting value"),
    ("en", "not valid JSON at line 1, column 1", "Expecting value"),
])
def test_a_previous_file_that_is_not_json_is_explained_in_the_users_language(
        tmp_path: Path, lang: str, says: str, never: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`--previous` given a CSV (an easy slip: the survey file sits beside the
    results) exits 1 naming the file and where the JSON breaks, in the
    user's language, without the JSON parser's own English text."""
    wrong = tmp_path / "ket-qua-2023.json"
    wrong.write_text("unit;code;value\nvd-pc08;9.4.2;71,2\n", encoding="utf-8")
    code, _, err = run(["--lang", lang, "score", str(EXAMPLES / "demo" / "pc08.toml"),
                        "--previous", str(wrong)], capsys)
    assert code == 1
    assert "ket-qua-2023.json" in err and says in err
    assert never not in err and "Traceback" not in err

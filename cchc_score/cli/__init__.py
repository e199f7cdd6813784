"""The `cchc-score` command line. Exit codes: 0 success, 1 input errors
(each reported), 2 usage errors. Bad input never shows a traceback.

Each command lives in its own module (`_score`, `_office`, `_sets`) and
declares a `Command`; `_main` builds the parser from them all.
"""

from ._main import COMMANDS, build_parser, main, script
from ._score import DEMO_UNIT, demo_dir

__all__ = ["COMMANDS", "DEMO_UNIT", "build_parser", "demo_dir", "main", "script"]

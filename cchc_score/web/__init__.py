"""`cchc-score serve [FOLDER]`: a local web page over a folder of
assessment files, for people who never open a terminal.

Flask (with its Jinja2 templates and Werkzeug's server) is the optional
`web` extra: this package is imported only by the `serve` command.
"""

from __future__ import annotations

from ._app import create_app
from ._store import Changed, Folder, OutsideFolder

__all__ = ["Changed", "Folder", "OutsideFolder", "create_app"]

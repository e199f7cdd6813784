"""The hook reference, generated from the hook specifications' docstrings
(as pytest generates its own): ``python -m cchc_score._hookdoc`` prints
docs/hooks.md, which a test keeps identical to this output."""

from __future__ import annotations

import inspect

from . import hookspecs

INTRO = """\
# Hook reference

<!-- Generated from cchc_score/hookspecs.py by `python -m cchc_score._hookdoc >
docs/hooks.md`: edit the docstrings there, not this file. -->

Every hook a cchc-score plugin can implement, with its arguments, when it is
called, what it returns and an example. [Writing a plugin](plugins.md) shows
how a plugin is made and loaded. The types named below are exported by
`cchc_score`; results are frozen [attrs](https://www.attrs.org/) objects
(change them with `attrs.evolve`) and every number is a `decimal.Decimal`.
A hook implementation may take any subset of the arguments, by name.
"""


def hook_section(name: str) -> str:
    """One hook: its heading with the arguments, then its docstring after
    the one-line summary (that line is for `help()`)."""
    spec = getattr(hookspecs, name)
    args = ", ".join(inspect.signature(spec).parameters)
    doc = inspect.cleandoc(spec.__doc__ or "")
    body = doc.partition("\n\n")[2].strip()
    return f"### `{name}({args})`\n\n{body}\n"


def reference() -> str:
    """The whole of docs/hooks.md."""
    parts = [INTRO]
    for title, intro, names in hookspecs.SECTIONS:
        parts.append(f"## {title}\n\n{intro}\n")
        parts.extend(hook_section(name) for name in names)
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover - the generator itself
    print(reference(), end="")

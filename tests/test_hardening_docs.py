"""SECURITY.md and the README stay true to the code: every limit is listed
with its variable and default; Windows users learn to install the province
plugins and to install offline."""

from __future__ import annotations

from pathlib import Path

from cchc_score import _limits

ROOT = Path(__file__).resolve().parent.parent


def test_security_lists_every_limit_with_its_default() -> None:
    """Each `CCHC_SCORE_LIMIT_*` bound appears in SECURITY.md's table with
    the default the code uses."""
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for limit in _limits.ALL:
        row = next(line for line in text.splitlines()
                   if line.startswith(f"| `{limit.variable}`"))
        assert f"| {limit.default}" in row.replace(" (none)", ""), row


def test_readme_windows_lines_install_the_plugins_and_say_how_offline() -> None:
    """The README's Windows lines install the bundled province plugins and
    show the offline install from a folder of wheels."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    windows = text[text.index("**Windows**"):text.index("## What you see")]
    for plugin in sorted(p.name for p in (ROOT / "plugins").iterdir()
                         if (p / "pyproject.toml").is_file()):
        assert f"plugins\\{plugin}" in windows
    assert "--no-index --find-links wheels" in windows and "pip wheel -w wheels" in windows

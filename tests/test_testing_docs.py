"""docs/testing.md: the plugin author's complete test file runs as written
against the plugin skeleton, and passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .test_docs import fenced

DOC = ROOT / "docs" / "testing.md"
SKELETON = ROOT / "docs" / "plugin-skeleton"


def test_the_complete_test_file_passes_against_the_skeleton(tmp_path: Path) -> None:
    """Saved as a test module beside the (uninstalled) skeleton plugin, the
    doc's test file collects the contract's tests and the invariants
    property, and all pass (derandomised, as in CI)."""
    block = fenced(DOC, "python")[0]
    assert len(block.strip().splitlines()) < 30, "a few lines, as the doc promises"
    (tmp_path / "test_myprovince_kit.py").write_text(block, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SKELETON), "CI": "true",
           "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "test_myprovince_kit.py"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "8 passed" in done.stdout, done.stdout[-2000:]

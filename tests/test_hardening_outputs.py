"""Outputs never replace what a run reads, never race a file created at
the target, leave no temporary file behind; and every command works
whatever encoding its stdout has (a Windows code page, ascii)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cchc_score._output import write_output
from cchc_score.cli import main
from cchc_score.exceptions import OutputExists

from .test_plugins import FULL, MYRULE, write_plugin, write_set, write_unit

ROOT = Path(__file__).resolve().parent.parent
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder: a criteria set needing a local plugin's rule kind,
    the config listing the plugin, a unit, a survey and last year's JSON."""
    crit = write_set(tmp_path, kind="quarterly")
    write_plugin(tmp_path, "myrule", MYRULE)
    (tmp_path / "cchc-score.toml").write_text('plugins = ["myrule.py"]\n', encoding="utf-8")
    write_unit(tmp_path, "u1", {**FULL, "1.1": 2}, criteria=crit)
    (tmp_path / "survey.csv").write_text("unit,code,value\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["score", "u1.toml", "-o", "last.json"]) == 0
    return tmp_path


@pytest.mark.parametrize("target", ["cchc-score.toml", "myrule.py", "tiny-2024.toml",
                                    "u1.toml", "last.json", "./myrule.py"])
def test_output_naming_any_file_the_run_reads_is_refused_even_with_force(
        project: Path, capsys: Capture, target: str) -> None:
    """-o naming the project config, a plugin file it loads, the criteria
    file, the assessment or the --previous file exits 1 with --force too,
    and leaves the file as it was."""
    before = (project / target).read_bytes()
    capsys.readouterr()
    code = main(["--lang", "en", "score", "u1.toml", "--previous", "last.json",
                 "--format", "json", "-o", target, "--force"])
    assert code == 1
    assert "is an input" in capsys.readouterr().err
    assert (project / target).read_bytes() == before


def test_output_over_the_survey_is_refused(project: Path, capsys: Capture) -> None:
    """-o naming the --survey CSV is refused with --force."""
    before = (project / "survey.csv").read_bytes()
    code = main(["score", "u1.toml", "--survey", "survey.csv", "-o", "survey.csv",
                 "--format", "csv", "--force"])
    assert code == 1 and (project / "survey.csv").read_bytes() == before


def test_a_file_created_at_the_target_during_the_write_is_never_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The no-overwrite check is atomic: a file that appears at the target
    after the check (while the data is written) is kept, the write is
    refused, and no temporary file is left."""
    target = tmp_path / "out.json"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(OutputExists):
        write_output(target, "ours")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_without_hard_links_the_name_is_reserved_exclusively(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file system has no hard links the target is still written
    once, and refused when it exists."""
    def no_links(src: object, dst: object) -> None:
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(os, "link", no_links)
    write_output(tmp_path / "a.md", "x")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "x"
    with pytest.raises(OutputExists):
        write_output(tmp_path / "a.md", "y")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


#: a child that writes an output and stalls inside the write, printing the
#: temporary file's folder listing once it exists
_STALLED_WRITE = textwrap.dedent("""
    import os, sys, time
    from cchc_score.cli import main
    def stall(fd):
        print("writing", flush=True)
        time.sleep(60)
    os.fsync = stall
    sys.exit(main(sys.argv[1:]))
""")


def _kill_during_write(folder: Path, sig: int) -> int:
    target = folder / "out.json"
    child = subprocess.Popen(
        [sys.executable, "-c", _STALLED_WRITE, "demo", "--format", "json", "-o", str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    assert any(p.name.endswith(".tmp") for p in folder.iterdir())
    child.send_signal(sig)
    return child.wait(timeout=30)


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_run_terminated_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM during the write: the run stops (exit 143) and neither the
    output nor a hidden temporary file is left."""
    assert _kill_during_write(tmp_path, signal.SIGTERM) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the temporary file stays, and the next run
    writing there removes it (its process is gone) and writes the output."""
    _kill_during_write(tmp_path, signal.SIGKILL)
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    time.sleep(0.1)
    assert main(["demo", "--format", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def _cli(args: list[str], encoding: str, **kw: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "cchc_score", *args], env=env,
                          cwd=ROOT, timeout=120, **kw)  # type: ignore[call-overload,no-any-return]


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258", "ascii"])
def test_help_and_demo_redirected_with_a_legacy_code_page_exit_0(encoding: str,
                                                                  tmp_path: Path) -> None:
    """`cchc-score --help > out.txt` and `demo` with stdout in cp1252,
    cp1258 or ascii exit 0 and write the Vietnamese text as UTF-8."""
    for args in (["--help"], ["demo"], ["score", "nope.toml"]):
        with open(tmp_path / "out.txt", "wb") as out:
            done = _cli(args, encoding, stdout=out, stderr=subprocess.PIPE)
        assert b"UnicodeEncodeError" not in done.stderr
        assert done.returncode == (1 if args[0] == "score" else 0)
        if args[0] != "score":
            assert "Chấm điểm" in (tmp_path / "out.txt").read_text(encoding="utf-8") \
                or "Xếp hạng" in (tmp_path / "out.txt").read_text(encoding="utf-8")
        else:
            done.stderr.decode("utf-8")  # the error, in Vietnamese, as UTF-8


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_a_console_that_cannot_show_a_letter_gets_an_escape_not_a_crash() -> None:
    """On a terminal whose encoding lacks "ạ" the text is printed with an
    escape for it (lossless) and the command exits 0."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1"}
    child = subprocess.Popen([sys.executable, "-m", "cchc_score", "--help"], env=env, cwd=ROOT,
                             stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait(timeout=60) == 0
    text = b"".join(chunks).decode("ascii")
    assert "Ch\\u1ea5m \\u0111i\\u1ec3m" in text

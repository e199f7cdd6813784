"""Start-up: a command imports only what it uses, and the installed plugins
are found without `importlib.metadata`, exactly as it would find them.

Nothing here is timed (the figures live in `benchmarks/`): these tests pin
what makes start-up fast, which modules a run loads."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import cchc_score
from cchc_score.plugins import GROUP
from cchc_score.plugins._entry_points import entry_points

ROOT = Path(__file__).resolve().parent.parent
ONE = ROOT / "examples" / "demo" / "pc06.toml"

#: modules no one-file `score` to the terminal needs: progress bars, the
#: office formats, the web page, the standard library's metadata scan
HEAVY = ("rich.progress", "openpyxl", "docx", "flask", "werkzeug", "importlib.metadata",
         "email", "zipfile", "tempfile", "cchc_score.office", "cchc_score.web",
         "cchc_score._compare", "cchc_score.report._json", "cchc_score.report._html")


def loaded_after(code: str, *env: tuple[str, str]) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    environ = {**__import__("os").environ, **dict(env)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=ROOT, env=environ)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_command_line_loads_no_report_office_web_or_metadata() -> None:
    """`import cchc_score.cli` (what the `cchc-score` script does first)
    loads neither rich nor any optional format nor importlib.metadata."""
    loaded = loaded_after("import cchc_score.cli")
    assert not {m for m in loaded if m == "rich" or m.startswith("rich.")}
    assert not {m for m in loaded for heavy in HEAVY
                if m == heavy or m.startswith(heavy + ".")}


@pytest.mark.parametrize("plugins", ["1", "0"], ids=["plugins-disabled", "plugins-installed"])
def test_scoring_one_file_loads_only_what_the_text_breakdown_needs(plugins: str) -> None:
    """`cchc-score score ONE.toml` into a pipe, with the installed plugins or
    without: the text report drawn without rich's console (only rich's cell
    measures), nothing of the other formats, no progress bar, and the
    plugins found without importlib.metadata."""
    code = ("import io, contextlib\nfrom cchc_score.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    assert main(['score', {str(ONE)!r}]) == 0\n"
            "assert '97,65/100,00' in out.getvalue()")
    loaded = loaded_after(code, ("CCHC_SCORE_DISABLE_PLUGINS", plugins))
    assert "rich.cells" in loaded and "cchc_score.report._text" in loaded
    assert not {"rich.console", "rich.table", "rich.text"} & loaded
    assert not {m for m in loaded for heavy in HEAVY
                if m == heavy or m.startswith(heavy + ".")}
    assert ("cchc_congan" in loaded) is (plugins == "0")


def test_a_plugin_importing_names_from_the_package_loads_only_their_modules() -> None:
    """`from cchc_score import hookimpl, msg` (the first line of most
    plugins) does not load the scoring pipeline: names are imported on use."""
    loaded = loaded_after("from cchc_score import hookimpl, msg")
    assert "cchc_score.hookspecs" in loaded and "cchc_score._i18n" in loaded
    assert "cchc_score._scoring" not in loaded and "cchc_score._api" not in loaded


def test_every_public_name_of_the_package_resolves() -> None:
    """Each name in `cchc_score.__all__` is there (imported on first use),
    `dir()` lists them, and an unknown name is an AttributeError."""
    for name in cchc_score.__all__:
        assert getattr(cchc_score, name) is not None, name
    assert set(cchc_score.__all__) <= set(dir(cchc_score))
    assert cchc_score.score_files.__module__ == "cchc_score._scoring"
    with pytest.raises(AttributeError):
        cchc_score.no_such_name  # noqa: B018


def standard(group: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(ep.name, ep.value, ep.dist.name if ep.dist else None,
             ep.dist.version if ep.dist else None)
            for ep in importlib.metadata.entry_points(group=group)]


def ours(group: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(ep.name, ep.value, ep.dist.name if ep.dist else None,
             ep.dist.version if ep.dist else None) for ep in entry_points(group)]


def dist_info(folder: Path, name: str, version: str, entry_points_txt: str,
              *, stem: str | None = None) -> None:
    info = folder / f"{stem or name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                                   "Summary: x\n\nlong description\nName: not-this\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")


@pytest.mark.parametrize("group", [GROUP, "console_scripts", "pytest11"])
def test_entry_points_are_those_importlib_metadata_finds(group: str) -> None:
    """On the installed environment (the two plugins of plugins/, pip's and
    pytest's own entry points): same names, values, distributions, order."""
    assert ours(group) == standard(group)


def test_entry_points_follow_the_standard_rules_on_odd_installs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Comments, blank lines, spaces around "=", other sections, a second
    distribution of the same name later on sys.path (hidden), an egg-info
    without entry points, a folder that does not exist: as importlib.metadata."""
    first, second = tmp_path / "first", tmp_path / "second"
    dist_info(first, "cchc-extra", "1.2", f"# comment\n\n[console_scripts]\nx = y:z\n\n"
              f"[{GROUP}]\n  zeta =  extra_mod:plugin.inner \nalpha=extra_mod\n")
    dist_info(second, "cchc-extra", "9.9", f"[{GROUP}]\nhidden = other_mod\n",
              stem="CCHC.Extra")
    dist_info(second, "cchc-other", "0.3", f"[{GROUP}]\nother = other_mod\n")
    (second / "legacy-1.0.egg-info").mkdir()
    (second / "legacy-1.0.egg-info" / "PKG-INFO").write_text("Name: legacy\nVersion: 1.0\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    monkeypatch.syspath_prepend(str(tmp_path / "missing"))
    found = ours(GROUP)
    assert found == standard(GROUP)
    assert ("zeta", "extra_mod:plugin.inner", "cchc-extra", "1.2") in found
    assert "hidden" not in {name for name, *_ in found}


def test_a_zip_on_sys_path_is_read_by_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout the reader does not read itself (a zip file on sys.path) is
    handed over to importlib.metadata: its entry points are still found."""
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("cchc_zipped-0.1.dist-info/METADATA",
                   "Metadata-Version: 2.1\nName: cchc-zipped\nVersion: 0.1\n")
        z.writestr("cchc_zipped-0.1.dist-info/entry_points.txt",
                   f"[{GROUP}]\nzipped = zipped_mod\n")
    monkeypatch.syspath_prepend(str(archive))
    found = ours(GROUP)
    assert found == standard(GROUP)
    assert ("zipped", "zipped_mod", "cchc-zipped", "0.1") in found


def test_an_entry_point_loads_the_object_it_names(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``module:attr.attr`` imports the module and follows the attributes,
    as `EntryPoint.load` does; a bare module name loads the module."""
    (tmp_path / "ep_target_mod.py").write_text(
        "class plugin:\n    class inner:\n        pass\n", encoding="utf-8")
    dist_info(tmp_path, "ep-target", "1.0",
              f"[{GROUP}]\ndeep = ep_target_mod:plugin.inner\nwhole = ep_target_mod\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    by_name = {ep.name: ep for ep in entry_points(GROUP)}
    module = by_name["whole"].load()
    assert module.__name__ == "ep_target_mod"
    assert by_name["deep"].load() is module.plugin.inner


@pytest.mark.parametrize("argv", [
    ["score", str(ONE)],
    ["--lang", "en", "score", str(ONE), "--format", "json", "--width", "80", "--all"],
    ["--no-plugins", "demo", "--unit", "vd-pc06"],
    ["check", "ca-tinh-2024-bang2", "--deep"],
    ["template", "ca-tinh-2024-bang2", "--unit", "x", "--lang", "en"],
    ["compare", "a.json", "b.json", "--stage", "self"],
])
def test_a_run_parses_its_command_line_as_the_whole_parser_does(argv: list[str]) -> None:
    """A run adds only the chosen command's arguments (`lazy=True`); what it
    parses is what the parser with every command's arguments parses."""
    from cchc_score.cli import build_parser

    whole = vars(build_parser().parse_args(argv))
    lazy = vars(build_parser(lazy=True).parse_args(argv))
    assert lazy == whole


def test_the_script_exits_with_the_command_s_code(tmp_path: Path) -> None:
    """`python -m cchc_score` (the `cchc-score` script): the command's exit
    code, its output on stdout, its refusal on stderr."""
    ok = subprocess.run([sys.executable, "-m", "cchc_score", "score", str(ONE)],
                        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert ok.returncode == 0 and "97,65/100,00" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "cchc_score", "score", "missing.toml"],
                         capture_output=True, text=True, check=False, cwd=tmp_path)
    assert bad.returncode == 1 and "missing.toml" in bad.stderr


def test_a_set_found_by_id_is_the_only_one_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring with a bundled set named by id reads the other registered
    sets' ids from their first lines: only the named set is parsed and
    validated."""
    from cchc_score import _catalog, catalog

    parsed: list[str] = []
    real = _catalog.load_toml

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        parsed.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_catalog, "load_toml", spy)
    found = catalog().load("ca-tinh-2024-bang2")
    assert found.id == "ca-tinh-2024-bang2"
    assert parsed == ["ca-tinh-2024-bang2.toml"]


@pytest.mark.parametrize(("head", "sniffed"), [
    ('id = "a-2024"\n', "a-2024"),
    ('# id = "not-this"\n  id   =  "a-2024"   # the id\n', "a-2024"),
    ('title = "x"\n[meta]\nid = "not-this"\n', None),
    ('note = """\nid = "not-this"\n"""\nid = "a-2024"\n', None),
    ("note = '''\nid = \"not-this\"\n'''\nid = \"a-2024\"\n", None),
    ('"id" = "a-2024"\n', None),
    ('id = "a\\u002d2024"\n', None),
    ("id = 'a-2024'\n", None),
    ('x = [\n[1],\n]\nid = "a-2024"\n', None),
])
def test_the_id_is_read_without_parsing_only_when_certain(
        tmp_path: Path, head: str, sniffed: str | None) -> None:
    """A plain ``id = "…"`` before the first table is read as it is; any
    form it might be misread in (a multi-line string before it, a quoted
    key, an escape, a literal string, a table first) is left to the parser."""
    from cchc_score._catalog import declared_id

    path = tmp_path / "set.toml"
    path.write_bytes(("\ufeff" + head + "[[nodes]]\ncode = \"1\"\n").encode("utf-8"))
    assert declared_id(path) == sniffed


def test_a_set_whose_id_is_not_sniffed_is_still_found(tmp_path: Path) -> None:
    """A registered set whose id is written in a form the first-lines reading
    leaves to the parser (a literal string) is found by id all the same,
    and a set whose first lines name another id is skipped."""
    from cchc_score._catalog import Catalog
    from cchc_score.plugins import Registry

    bundled = ROOT / "criteria" / "ca-tinh-2024-bang1.toml"
    text = bundled.read_text(encoding="utf-8")
    literal = tmp_path / "literal.toml"
    literal.write_text(text.replace('id = "ca-tinh-2024-bang1"', "id = 'my-set'"),
                       encoding="utf-8")
    registry = Registry.build(entry_points=False)
    cat = Catalog(registry.kinds, [(bundled, "x"), (literal, "y")],
                  tuple(registry.tie_policies))
    assert cat.load("my-set").id == "my-set"
    assert cat.load("ca-tinh-2024-bang1").id == "ca-tinh-2024-bang1"

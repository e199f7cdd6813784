"""The pages: the province (every unit of the folder ranked, the heat
table, a unit's breakdown), the department's form with its live score,
saving, new units, downloads.

Every figure comes from `_api.score_files` over the folder, the same call
as `cchc-score score FOLDER`, with the form being edited in place of its
file (`replace`), so what the page shows is what the command line gives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask, current_app, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest, NotFound

from .. import _api, _gains
from .._i18n import msg
from .._model import CriteriaSet, UnitResult
from .._stamp import Stamp, plugins_of
from .._template import toml_template
from ..exceptions import InputError, OutputError
from ..report import Options
from ..report._html import province
from ..report._html_unit import breakdown
from ..report._tables import num
from . import _form
from ._app import error_page
from ._scores import criteria_of, current_folder, file_issues, score, unit_of
from ._store import Changed, OutsideFolder, assessment_toml, header_comments

#: a new unit's id: it names its file
UNIT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def register(app: Flask) -> None:
    app.add_url_rule("/", "province", province_page)
    app.add_url_rule("/unit/<path:rel>", "unit", unit_page)
    app.add_url_rule("/unit/<path:rel>", "save", save, methods=["POST"])
    app.add_url_rule("/preview/<path:rel>", "preview", preview, methods=["POST"])
    app.add_url_rule("/download/<fmt>/<path:rel>", "download", download)
    app.add_url_rule("/new", "new", new_unit, methods=["POST"])
    app.add_url_rule("/upload", "upload", upload, methods=["POST"])


def _lang() -> str:
    return str(current_app.config["LANG"])


def _stage() -> str:
    """The stage a link asks for (`?stage=`), else the one `serve` was
    started with; any other value is refused (400), not silently replaced."""
    stage = request.args.get("stage", current_app.config["STAGE"])
    if stage not in ("self", "appraised"):
        raise BadRequest("web.err_stage")
    return str(stage)


def _path(rel: str) -> Path:
    try:
        return current_folder().resolve(rel)
    except OutsideFolder:
        raise NotFound() from None


# -- the province -------------------------------------------------------------------


def province_page() -> ResponseReturnValue:
    stage, lang = _stage(), _lang()
    batch = score(stage)
    folder = current_folder()
    links = {r.unit.id: url_for("unit", rel=folder.rel(Path(r.source)), stage=stage)
             for r in batch.results if r.source}
    view = province(batch.results, Options(lang=lang), links) if batch.results else ""
    focus = request.args.get("unit")
    shown = next((r for r in batch.results if r.unit.id == focus), None)
    entries, _ = _api.catalog(current_app.config["REGISTRY"]).entries()
    return render_template(
        "province.html", view=view, stage=stage, folder=folder.root,
        problems=[i.render(lang) for i in batch.issues if i.level == "error"],
        focus=breakdown(shown, Options(lang=lang)) if shown else "",
        sets=entries, count=len(batch.results))


# -- a unit ---------------------------------------------------------------------------


def unit_page(rel: str) -> ResponseReturnValue:
    path = _path(rel)
    if path not in [p.resolve() for p in current_folder().assessments()]:
        raise NotFound()  # a criteria file, a results workbook: not a unit's
    try:
        _, data, version, read_issues = current_folder().read(rel)
    except OutsideFolder:
        raise NotFound() from None
    if data is None:
        return error_page(422, "; ".join(i.render(_lang()) for i in read_issues)), 422
    return _render_unit(rel, path, data, version, saved=request.args.get("saved") == "1")


def _render_unit(rel: str, path: Path, data: dict[str, Any], version: str, *,
                 saved: bool = False, conflict: bool = False, status: int = 200,
                 before: UnitResult | None = None) -> ResponseReturnValue:
    lang, stage = _lang(), _stage()
    batch = score(stage, {path: data})
    result = unit_of(batch, path)
    criteria = result.criteria if result else criteria_of(data, path)
    year = data.get("year") if isinstance(data.get("year"), int) else None
    fields = (_form.fields(criteria, data, year or criteria.years[0], lang)
              if criteria else [])
    return render_template(
        "unit.html", rel=rel, result=result, fields=fields, version=version, saved=saved,
        panel=_panel(result, before), stage=stage, conflict=conflict,
        issues=[i.render(lang) for i in file_issues(batch, path)],
        leaf_points=_leaf_points(result), brief=_brief(result),
        excel=path.suffix.lower() == ".xlsx"), status


def _panel(result: UnitResult | None, before: UnitResult | None) -> str:
    if result is None:
        return ""
    baseline = {result.unit.id: before} if before is not None else {}
    return breakdown(result, Options(lang=_lang(), baseline=baseline,
                                     gains={result.unit.id: _gains.unit_gains(result)}),
                     whatif_head="web.whatif_head")


def _brief(result: UnitResult | None) -> str:
    """"94,75/100,00 điểm · chỉ số 94,75 · hạng 4/6", for the bar above the form."""
    if result is None:
        return ""
    lang = _lang()
    rank = (msg("web.brief_rank", rank=result.rank, of=result.rank_of).render(lang)
            if result.rank is not None and (result.rank_of or 0) > 1 else "")
    return msg("web.brief", points=num(result.points, result, lang),
               max=num(result.max, result, lang), index=num(result.index, result, lang),
               rank=rank).render(lang)


def _leaf_points(result: UnitResult | None) -> dict[str, dict[str, str]]:
    """code → the leaf's points as shown ("1,00/2,00"), and why."""
    if result is None:
        return {}
    lang = _lang()
    out = {}
    for node in result.walk():
        if not node.is_leaf:
            continue
        text = (msg("rep.na").render(lang) if node.na else
                f"{num(node.points, result, lang)}/{num(node.max, result, lang)}")
        out[node.code] = {"points": text,
                          "why": node.explanation.render(lang) if node.explanation else ""}
    return out


def _submitted(rel: str) -> tuple[Path, dict[str, Any], str, dict[str, Any]]:
    """The file, the data the form makes of it, the version the page was
    opened with, and the data on disk."""
    path = _path(rel)
    try:
        _, data, _, _ = current_folder().read(rel)
    except OutsideFolder:
        raise NotFound() from None
    if data is None:
        raise BadRequest()
    criteria = criteria_of(data, path)
    if criteria is None:
        raise BadRequest()
    form = {k: v for k, v in request.form.items()}
    return path, _form.apply(data, criteria, form), request.form.get("version", ""), data


def preview(rel: str) -> ResponseReturnValue:
    """The score of the form as typed, not saved: the page's live panel."""
    path, data, _, on_disk = _submitted(rel)
    stage = _stage()
    before = unit_of(score(stage), path)
    batch = score(stage, {path: data})
    result = unit_of(batch, path)
    lang = _lang()
    return jsonify({
        # unchanged from the file: no what-if to show
        "panel": _panel(result, before if data != on_disk else None),
        "leaves": _leaf_points(result),
        "brief": _brief(result),
        "issues": [i.render(lang) for i in file_issues(batch, path)],
        "points": str(result.points) if result else None,
        "rank": result.rank if result else None,
    })


def save(rel: str) -> ResponseReturnValue:
    path, data, opened, on_disk = _submitted(rel)
    folder = current_folder()
    batch = score(_stage(), {path: data})
    if any(i.level == "error" for i in file_issues(batch, path)):
        return _render_unit(rel, path, data, opened, status=422)
    criteria = criteria_of(on_disk, path)
    assert criteria is not None  # _submitted checked it
    try:
        folder.save(rel, _file_bytes(path, data, criteria), opened)
    except Changed:
        return _render_unit(rel, path, data, opened, conflict=True, status=409)
    except OutputError as e:
        return error_page(500, e.message.render(_lang())), 500
    except InputError as e:  # the form cannot be opened for writing any more
        return error_page(422, "; ".join(i.render(_lang()) for i in e.issues)), 422
    return redirect(url_for("unit", rel=rel, saved=1, stage=_stage()), code=303)


def _file_bytes(path: Path, data: dict[str, Any], criteria: CriteriaSet) -> str | bytes:
    """The file as saved: the TOML text, or the Excel form with its cells filled."""
    if path.suffix.lower() == ".xlsx":
        from ..office import fill_form

        return fill_form(path, data, criteria, _lang())
    return assessment_toml(data, criteria, header_comments(path), _lang())


def new_unit() -> ResponseReturnValue:
    """A unit's file from the template of a criteria set."""
    lang = _lang()
    uid = request.form.get("unit_id", "").strip()
    name = request.form.get("name", "").strip() or uid
    ref = request.form.get("criteria", "")
    if not UNIT_ID.match(uid):
        raise BadRequest("web.err_unit_id")
    try:
        criteria = _api.catalog(current_app.config["REGISTRY"]).load(ref)
    except InputError:
        raise BadRequest("web.err_criteria") from None
    text = toml_template(criteria, ref=criteria.id, unit_id=uid, unit_name=name,
                         output_name=f"{uid}.toml", lang=lang)
    try:
        rel = current_folder().create(f"{uid}.toml", text)
    except OutputError:
        return error_page(409, msg("web.err_exists", name=f"{uid}.toml").render(lang)), 409
    return redirect(url_for("unit", rel=rel), code=303)


def download(fmt: str, rel: str) -> ResponseReturnValue:
    """The unit's file as it is on disk, or its report as JSON, HTML or Word."""
    from flask import send_file

    path = _path(rel)
    batch = score(_stage())
    result = unit_of(batch, path)
    if result is None:
        raise NotFound()
    stem = path.stem
    if fmt == "file":
        return send_file(path, as_attachment=True, download_name=path.name)
    from ..cli._score import _report

    formats = {"json": "application/json", "html": "text/html",
               "docx": "application/vnd.openxmlformats-officedocument."
                       "wordprocessingml.document"}
    if fmt not in formats:
        raise NotFound()
    stamp = Stamp.of([result], [path], plugins=plugins_of(current_app.config["REGISTRY"]),
                     stage=result.stage)
    try:
        body = _report(fmt)().render([result], Options(lang=_lang(), stamp=stamp))
    except InputError as e:  # python-docx missing: say how to install it
        return error_page(500, "; ".join(i.render(_lang()) for i in e.issues)), 500
    response = current_app.response_class(body, mimetype=formats[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


#: what may be uploaded: an assessment file or a filled Excel form
UPLOAD_SUFFIXES = (".toml", ".xlsx")


def upload() -> ResponseReturnValue:
    """An assessment file or Excel form added to the folder: its name made
    safe (no folder part), its type checked by suffix and content, never
    over an existing file. The request's size is limited for every route."""
    from werkzeug.utils import secure_filename

    lang = _lang()
    sent = request.files.get("file")
    name = secure_filename(sent.filename or "") if sent is not None else ""
    suffix = Path(name).suffix.lower()
    if sent is None or not name or suffix not in UPLOAD_SUFFIXES:
        raise BadRequest("web.err_upload_type")
    body = sent.read()
    if not _looks_like(body, suffix):
        raise BadRequest("web.err_upload_type")
    try:
        rel = current_folder().create(name, body)
    except OutputError:
        return error_page(409, msg("web.err_exists", name=name).render(lang)), 409
    return redirect(url_for("unit", rel=rel), code=303)


def _looks_like(body: bytes, suffix: str) -> bool:
    """An .xlsx is a zip archive; a .toml is UTF-8 text that parses as TOML."""
    if suffix == ".xlsx":
        return body.startswith(b"PK\x03\x04")
    try:
        from .._toml import parse_toml

        parse_toml(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return True

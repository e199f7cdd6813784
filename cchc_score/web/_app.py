"""The web application of `cchc-score serve`: Flask, its safety rules and
its error pages; the pages themselves are in `_views`.

Safe by default:
- it answers only requests addressed to this machine by a loopback name
  (127.0.0.1, localhost, [::1]): a web site that makes its own name point
  at 127.0.0.1 (DNS rebinding) is refused;
- served to the network (`--host`), every request needs the access token
  printed at start (once given in the URL it is kept in a cookie);
- every write (POST) carries the page's anti-forgery token and comes from
  the page's own origin: another site cannot make the browser save a form;
- paths are resolved inside the folder only (`_store.Folder`);
- request bodies are limited in size; every error is a page in the user's
  language, never a traceback.
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, Response, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import Forbidden, HTTPException

from .._i18n import msg
from ..plugins import Registry, default_registry
from ..report._html_kit import stylesheet
from ._store import Folder

#: request bodies above this are refused (a form of 100 leaves is ~30 kB)
MAX_BODY = 2 * 1024 * 1024
#: the names this machine answers to when it serves only itself
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
TOKEN_COOKIE = "cchc_token"
#: the page's own scripts and styles only; nothing may frame it
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def create_app(folder: Path, *, lang: str = "vi", token: str | None = None,
               registry: Registry | None = None, stage: str = "self",
               survey: Path | None = None) -> Flask:
    """The application over `folder`. With a `token`, every request must
    carry it (served to the network); without, only loopback names are
    answered. `survey`: the province's survey CSV for every unit, as
    `score --survey` takes it."""
    here = Path(__file__).parent
    app = Flask(__name__, template_folder=str(here / "templates"),
                static_folder=str(here / "static"), static_url_path="/static")
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY, TOKEN=token, LANG=lang, STAGE=stage,
                      SURVEY=survey,
                      CSRF=secrets.token_urlsafe(32), FOLDER=Folder(folder),
                      REGISTRY=registry or default_registry())
    app.jinja_env.globals.update(t=lambda key, **kw: msg(key, **kw).render(lang), lang=lang,
                                 csrf=app.config["CSRF"], css=stylesheet())
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _crash)
    from ._views import register

    register(app)
    return app


def _config(key: str) -> Any:
    from flask import current_app

    return current_app.config[key]


def _guard() -> ResponseReturnValue | None:
    """Host, token and anti-forgery checks, before any view runs."""
    token = _config("TOKEN")
    if token is None:
        host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") \
            else request.host
        if host.lower() not in LOOPBACK:
            raise Forbidden("web.err_host")
    else:
        given = request.args.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise Forbidden("web.err_token")
        if "token" in request.args and request.method == "GET":
            # Keep it in a cookie and take it out of the address bar (and of
            # anything the address is copied into).
            response = redirect(request.path, code=303)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
            return response
    if request.method not in ("GET", "HEAD"):
        _same_origin()
    return None


def _same_origin() -> None:
    """A write must come from this application's own page: the request's
    Origin (when the browser says it) is this host, and the form or the
    script carries this run's anti-forgery token."""
    origin = request.headers.get("Origin")
    if origin is not None and origin.rstrip("/") != request.host_url.rstrip("/"):
        raise Forbidden("web.err_csrf")
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        raise Forbidden("web.err_csrf")
    given = request.headers.get("X-CSRF-Token") or request.form.get("csrf") or ""
    if not hmac.compare_digest(given.encode(), _config("CSRF").encode()):
        raise Forbidden("web.err_csrf")


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    # not "no-referrer": Chromium then sends "Origin: null" with the form's own POST
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


#: what each HTTP error says to the user, when the view gave no reason of its own
_REASONS = {400: "web.err_400", 403: "web.err_403", 404: "web.err_404", 405: "web.err_405",
            409: "web.err_409", 413: "web.err_413"}


def _http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    key = error.description if isinstance(error.description, str) and \
        error.description.startswith("web.") else _REASONS.get(code, "web.err_500")
    return error_page(code, msg(key, limit=MAX_BODY // (1024 * 1024)).render(
        _config("LANG"))), code


def _crash(error: Exception) -> tuple[str, int]:
    """Anything unforeseen: a page saying so, never the traceback (which
    the server's log keeps for the developer)."""
    from flask import current_app

    current_app.logger.exception("unexpected error")
    return error_page(500, msg("web.err_500").render(_config("LANG"))), 500


def error_page(code: int, text: str, **extra: Any) -> str:
    return render_template("error.html", code=code, text=text, **extra)

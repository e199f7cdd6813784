"""`serve [FOLDER]`: the local web page over a folder of assessments.

Flask is the optional `web` extra, imported only when this command runs, so
the other commands start without it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._i18n import msg
from ._app import Command, _fatal, _texts

DEFAULT_PORT = 8765


def _add_serve(p: argparse.ArgumentParser, lang: str) -> None:
    t = _texts(lang)
    p.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="FOLDER",
                   help=t("thư mục chứa các tệp kê khai (mặc định: thư mục hiện tại)",
                          "folder of assessment files (default: the current folder)"))
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=t(f"cổng (mặc định: {DEFAULT_PORT}; 0: một cổng trống)",
                          f"port (default: {DEFAULT_PORT}; 0: any free port)"))
    p.add_argument("--host", default="127.0.0.1",
                   help=t("địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này)",
                          "address to listen on (default: 127.0.0.1, this machine only)"))
    p.add_argument("--allow-network", action="store_true",
                   help=t("cho phép --host khác máy này; mỗi truy cập cần mã in ra khi khởi động",
                          "allow a --host other than this machine; every request then needs "
                          "the access token printed at start"))
    p.add_argument("--stage", choices=("self", "appraised"), default="self",
                   help=t("giai đoạn hiển thị mặc định", "stage shown by default"))
    p.add_argument("--survey", type=Path, metavar="CSV",
                   help=t("kết quả điều tra xã hội học của các đơn vị",
                          "survey results for all units"))


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    lang = args.lang
    folder: Path = args.folder
    if not folder.is_dir():
        _fatal(msg("web.no_folder", path=folder).render(lang))
    local = is_loopback(args.host)
    if not local and not args.allow_network:
        _fatal(msg("web.needs_flag", host=args.host).render(lang), 2)
    try:
        from werkzeug.serving import make_server

        from ..web import create_app
    except ImportError:
        _fatal(msg("web.no_flask").render(lang))
    import secrets

    token = None if local else secrets.token_urlsafe(24)
    app = create_app(folder, lang=lang, token=token, registry=args.registry, stage=args.stage,
                     survey=args.survey)
    try:
        server = make_server(args.host, args.port, app, threaded=True)
    except OSError as e:
        _fatal(msg("web.cannot_listen", host=args.host, port=args.port,
                   error=e.strerror or str(e)).render(lang))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown}:{server.port}/"
    print(msg("web.started", folder=folder.resolve(), url=url).render(lang), file=sys.stderr)
    if token is not None:
        print(msg("web.token", url=f"{url}?token={token}").render(lang), file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


COMMANDS = (
    Command("serve", ("mở trang web trên máy này để kê khai và xem kết quả của một thư mục",
                      "a local web page to fill in and see the results of a folder"),
            _add_serve, cmd_serve),
)

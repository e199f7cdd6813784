"""`cchc-score serve`: the pages, saving to the files the command line
reads, and the safety rules (loopback only, token for other hosts,
anti-forgery, no path outside the folder, readable error pages)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_score.cli import main

from .web_kit import app_for, csrf_of, demo_copy, form_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

pytest.importorskip("flask", reason="flask is not installed (the web extra)")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return demo_copy(tmp_path)


@pytest.fixture
def client(folder: Path) -> Any:
    return app_for(folder).test_client()


def scored(paths: list[str], *extra: str) -> dict[str, Any]:
    """`cchc-score score … --format json`, units by id."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["score", *paths, "--format", "json", *extra]) == 0
    units = json.loads(out.getvalue(), parse_float=Decimal)["units"]
    return {u["id"]: u for u in units}


def test_province_page_ranks_like_the_command_line(client: Any, folder: Path) -> None:
    """The province page ranks every unit of the folder per group with the
    totals and ranks of `score FOLDER`, each unit linking to its page."""
    page = client.get("/").get_data(as_text=True)
    expected = scored([str(folder)])
    for uid, unit in expected.items():
        assert (f'data-unit="{uid}" data-points="{unit["points"]}"' in page
                or f'data-points="{unit["points"]}"' in page.split(f'data-unit="{uid}"')[1][:200])
        assert f'data-rank="{unit["rank"]}"' in page.split(f'data-unit="{uid}"')[1][:300]
    assert 'href="/unit/pc08.toml?stage=self"' in page
    appraised = client.get("/?stage=appraised").get_data(as_text=True)
    assert "86,25" in appraised  # vd-pc08 after the council's cuts


def test_unit_page_asks_what_the_template_asks(client: Any) -> None:
    """A department's page lists every leaf with its prompt (the template's
    hints), its current points, its evidence and a not-applicable box, all
    labelled."""
    page = client.get("/unit/pc08.toml").get_data(as_text=True)
    assert "“kip-thoi”: Ban hành kịp thời → 1 điểm" in page
    assert 'data-leaf="8.3.2"' in page and "2,50/4,00" in page
    assert 'value="05/KH-PC08"' in page
    assert '<label for="v-8.3.2">' in page and 'id="v-8.3.2"' in page
    assert 'name="na.8.3.2"' in page
    assert ("Hội đồng thẩm định chấm 0 điểm. Lý do: Không có tài liệu kiểm chứng (kế hoạch, "
            "thông báo kết luận) về buổi tọa đàm đã kê khai.") in page
    assert "Hội đồng thẩm định ghi nhận giá trị 77,8." in page


def test_preview_then_save_scores_like_set(client: Any, folder: Path) -> None:
    """Changing one fact of vd-pc08 moves its total and rank in the preview
    exactly as `--set` does; saving writes a file that `score` reads to the
    same figures, and keeps the appraisal and survey the form does not show."""
    page = client.get("/unit/pc08.toml").get_data(as_text=True)
    form = form_of(page)
    form["v.8.3.2"] = "100"
    answer = client.post("/preview/pc08.toml", data=form).get_json()
    expected = scored([str(folder)], "--set", "vd-pc08:8.3.2=100")["vd-pc08"]
    assert Decimal(answer["points"]) == expected["points"] and answer["rank"] == expected["rank"]
    assert answer["leaves"]["8.3.2"]["points"] == "4,00/4,00"
    assert "8.3.2: 2,50 → 4,00 điểm (+1,50)" in answer["panel"]
    assert "Giả định: nội dung đang nhập so với tệp đã lưu" in answer["panel"]
    saved = client.post("/unit/pc08.toml", data=form)
    assert saved.status_code == 303
    after = scored([str(folder)])["vd-pc08"]
    assert after["points"] == expected["points"] and after["rank"] == expected["rank"]
    data = tomllib.loads((folder / "pc08.toml").read_text(encoding="utf-8"))
    assert data["answers"]["8.3.2"]["value"] == 100
    assert data["appraisal"]["9.2"]["value"] == "77,8" and data["survey"]["3.2.2"] == 82
    assert (folder / "pc08.toml").read_text(encoding="utf-8").startswith("# DỮ LIỆU HƯ CẤU")


def test_evidence_note_and_not_applicable_are_saved(client: Any, folder: Path) -> None:
    """Evidence rows, a note and a not-applicable claim with its reason
    typed in the page land in the file as the assessment format says."""
    form = form_of(client.get("/unit/pc08.toml").get_data(as_text=True))
    form["ev.2.4.3.0.number"] = "12/KH-PC08"
    form["ev.2.4.3.0.date"] = "2024-03-01"
    form["ev.2.4.3.0.title"] = "Kế hoạch tuyên truyền"
    form["note.2.4.3"] = "Đã bổ sung"
    form["na.1.6.3"] = "1"
    form["nar.1.6.3"] = "Không được giao nhiệm vụ trọng tâm"
    assert client.post("/unit/pc08.toml", data=form).status_code == 303
    data = tomllib.loads((folder / "pc08.toml").read_text(encoding="utf-8"))
    entry = data["answers"]["2.4.3"]
    assert entry["evidence"][-1] == {"number": "12/KH-PC08",
                                     "date": dt.date(2024, 3, 1),
                                     "title": "Kế hoạch tuyên truyền"}
    assert entry["note"] == "Đã bổ sung"
    assert data["not_applicable"]["1.6.3"] == "Không được giao nhiệm vụ trọng tâm"
    assert scored([str(folder)])["vd-pc08"]["max"] == Decimal("98.5")


def test_a_file_changed_on_disk_is_not_replaced(client: Any, folder: Path) -> None:
    """If the file changed since the page was opened, saving writes nothing
    and says so, offering to reload."""
    form = form_of(client.get("/unit/pc08.toml").get_data(as_text=True))
    form["v.8.3.2"] = "100"
    changed = (folder / "pc08.toml").read_text(encoding="utf-8") + "\n# sửa tay\n"
    (folder / "pc08.toml").write_text(changed, encoding="utf-8")
    response = client.post("/unit/pc08.toml", data=form)
    assert response.status_code == 409
    assert "đã bị thay đổi trên đĩa" in response.get_data(as_text=True)
    assert (folder / "pc08.toml").read_text(encoding="utf-8") == changed


def test_a_value_the_rule_refuses_is_not_saved(client: Any, folder: Path) -> None:
    """A value the rule refuses is reported with its code and nothing is written."""
    before = (folder / "pc08.toml").read_bytes()
    form = form_of(client.get("/unit/pc08.toml").get_data(as_text=True))
    form["v.8.3.2"] = "150"
    response = client.post("/unit/pc08.toml", data=form)
    assert response.status_code == 422
    assert "8.3.2" in response.get_data(as_text=True)
    assert (folder / "pc08.toml").read_bytes() == before


def test_new_unit_from_template(client: Any, folder: Path) -> None:
    """A new unit is a template file in the folder; an existing one is never replaced."""
    csrf = csrf_of(client.get("/").get_data(as_text=True))
    form = {"csrf": csrf, "criteria": "ca-tinh-2024-bang1", "unit_id": "px05",
            "name": "Phòng PX05"}
    response = client.post("/new", data=form)
    assert response.status_code == 303 and response.headers["Location"] == "/unit/px05.toml"
    assert 'data-leaf="1.1.1"' in client.get("/unit/px05.toml").get_data(as_text=True)
    again = client.post("/new", data=form)
    assert again.status_code == 409 and "px05.toml" in again.get_data(as_text=True)
    bad = client.post("/new", data={**form, "unit_id": "../x"})
    assert bad.status_code == 400 and not (folder.parent / "x.toml").exists()


def test_downloads(client: Any) -> None:
    """The unit's file, its JSON, HTML and Word reports download from its page."""
    assert client.get("/download/file/pc08.toml").data.startswith(b"# D")
    doc = json.loads(client.get("/download/json/pc08.toml").data)
    assert doc["units"][0]["id"] == "vd-pc08"
    assert doc["stamp"]["inputs"][0]["path"].endswith("pc08.toml")
    assert b"<!DOCTYPE html>" in client.get("/download/html/pc08.toml").data
    assert client.get("/download/docx/pc08.toml").data[:2] == b"PK"


@pytest.mark.parametrize("url", ["/download/json/pc08.toml?stage=bogus",
                                 "/download/file/pc08.toml?stage=",
                                 "/unit/pc08.toml?stage=Appraised", "/?stage=bogus"])
def test_an_unknown_stage_is_refused_with_the_error_page(client: Any, url: str) -> None:
    """A link asking for a stage that does not exist (`?stage=bogus`) is
    refused with the readable error page (400) naming the stages there are,
    never answered silently with the self-assessment."""
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Không có vòng chấm này" in page and "stage=appraised" in page
    assert client.get(url.split("?")[0] + "?stage=appraised").status_code == 200


# -- safety ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/unit/../../etc/passwd", "/unit/%2e%2e/%2e%2e/etc/passwd",
                                  "/unit/..%2fdemo%2fpc08.toml", "/download/file/../secret.toml",
                                  "/unit//etc/passwd", "/download/file/%2fetc%2fpasswd"])
def test_no_path_outside_the_folder(client: Any, folder: Path, path: str) -> None:
    """A path that leaves the folder is refused with a readable page, and
    nothing outside is read."""
    (folder.parent / "secret.toml").write_text('secret = "x"\n', encoding="utf-8")
    response = client.get(path, follow_redirects=True)  # "//" is merged into "/" first
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "secret" not in text and "root:" not in text and "Lỗi 404" in text


def test_symlink_out_of_the_folder_is_refused(client: Any, folder: Path) -> None:
    """A link inside the folder pointing outside it is not followed."""
    (folder.parent / "outside.toml").write_text('x = 1\n', encoding="utf-8")
    (folder / "link.toml").symlink_to(folder.parent / "outside.toml")
    assert client.get("/download/file/link.toml").status_code == 404
    assert client.get("/unit/link.toml").status_code == 404


def test_cross_site_post_is_refused(client: Any, folder: Path) -> None:
    """A POST without this run's anti-forgery token, or from another
    origin even with it, writes nothing."""
    before = (folder / "pc08.toml").read_bytes()
    form = form_of(client.get("/unit/pc08.toml").get_data(as_text=True))
    form["v.8.3.2"] = "100"
    no_token = {k: v for k, v in form.items() if k != "csrf"}
    response = client.post("/unit/pc08.toml", data=no_token)
    assert response.status_code == 403 and "không đến từ trang" in response.get_data(as_text=True)
    response = client.post("/unit/pc08.toml", data=form,
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    response = client.post("/unit/pc08.toml", data=form,
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert client.post("/new", data={"criteria": "x", "unit_id": "y"}).status_code == 403
    assert (folder / "pc08.toml").read_bytes() == before


def test_other_host_names_are_refused_without_a_token(folder: Path) -> None:
    """Served to this machine only, a request naming another host (a DNS
    rebinding page) is refused; localhost and 127.0.0.1 are answered."""
    client = app_for(folder).test_client()
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 403
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 200


def test_network_mode_needs_the_token(folder: Path) -> None:
    """Served to the network, a request from another host without the
    token is refused; with it (in the address once, then the cookie) it is
    answered, and the token leaves the address bar."""
    client = app_for(folder, token="s3cret-token").test_client()
    other = {"REMOTE_ADDR": "192.0.2.7"}
    response = client.get("/", headers={"Host": "192.0.2.1:8765"}, environ_base=other)
    assert response.status_code == 403 and "mã truy cập" in response.get_data(as_text=True)
    assert client.get("/?token=wrong", environ_base=other).status_code == 403
    response = client.get("/?token=s3cret-token", environ_base=other)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert client.get("/", environ_base=other).status_code == 200  # the cookie


def test_serve_refuses_another_host_without_the_flag(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`serve --host 0.0.0.0` without --allow-network is a usage error
    explaining the flag; nothing is served."""
    assert main(["serve", str(folder), "--host", "0.0.0.0"]) == 2
    assert "--allow-network" in capsys.readouterr().err


def test_error_pages_are_readable(client: Any, folder: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """404, 405, 413 and an unexpected failure each give a page in the
    user's language, never a traceback."""
    from cchc_score.web import _views

    assert "Lỗi 404" in client.get("/nowhere").get_data(as_text=True)
    wrong = client.get("/preview/pc08.toml")
    assert wrong.status_code == 405 and "Lỗi 405" in wrong.get_data(as_text=True)
    big = client.post("/unit/pc08.toml", data={"x": "a" * (3 * 1024 * 1024)})
    assert big.status_code == 413 and "quá lớn" in big.get_data(as_text=True)

    def boom(*a: Any, **k: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(_views, "province", boom)
    response = client.get("/")
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and "Traceback" not in text
    assert "secret internals" not in text and "không có gì bị ghi" in text.replace("chưa có gì", "không có gì")


def test_security_headers(client: Any) -> None:
    """Pages forbid framing and foreign scripts, and never send their address to another site."""
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_english(folder: Path) -> None:
    """--lang en gives the pages in English."""
    page = app_for(folder, lang="en").test_client().get("/unit/pc08.toml")
    assert "Save to the file" in page.get_data(as_text=True)


def test_uploads_are_limited_in_type_and_size(client: Any, folder: Path) -> None:
    """An assessment file uploaded from the province page joins the folder
    (its name stripped of any folder part, never over an existing file);
    another type, a fake workbook or a file above the size limit is refused."""
    import io

    csrf = csrf_of(client.get("/").get_data(as_text=True))
    text = (folder / "pc08.toml").read_text(encoding="utf-8").replace("vd-pc08", "vd-pc09")

    def send(name: str, body: bytes) -> Any:
        return client.post("/upload", data={"csrf": csrf, "file": (io.BytesIO(body), name)},
                           content_type="multipart/form-data")

    response = send("../../pc09.toml", text.encode())
    assert response.status_code == 303 and response.headers["Location"] == "/unit/pc09.toml"
    assert (folder / "pc09.toml").is_file() and not (folder.parent / "pc09.toml").exists()
    assert 'data-unit="vd-pc09"' in client.get("/").get_data(as_text=True)
    assert send("pc09.toml", text.encode()).status_code == 409
    for name, body in (("x.py", b"print(1)"), ("fake.xlsx", b"not a zip"),
                       ("bad.toml", b"\xff\xfe nonsense ["), ("noext", b"a = 1")):
        refused = send(name, body)
        assert refused.status_code == 400, name
        assert "Chỉ nhận tệp kê khai" in refused.get_data(as_text=True)
    assert send("big.toml", b"#" * (3 * 1024 * 1024)).status_code == 413
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(("x", "fake", "bad",
                                                                         "big"))) == []


def test_the_command_line_does_not_import_flask() -> None:
    """Flask is imported by `serve` only: the other commands start without it."""
    import subprocess

    code = ("import sys; from cchc_score.cli import main; main(['criteria']); "
            "sys.exit(1 if 'flask' in sys.modules or 'werkzeug' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_serve_command_serves_the_folder(folder: Path) -> None:
    """`cchc-score serve FOLDER --port 0` prints its address and answers
    there with the province page; it stops on an interrupt."""
    import signal
    import subprocess
    import urllib.request

    # A job started in the background (`make test &`, nohup, some CI runners)
    # inherits an ignored SIGINT, and Python then never raises
    # KeyboardInterrupt: give the server the default disposition so the
    # interrupt below stops it on every machine.
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_score", "serve", str(folder), "--port", "0"],
        stderr=subprocess.PIPE, text=True, encoding="utf-8",
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "http://127.0.0.1:" in line, line
        url = line.split("tại ", 1)[1].split(" ")[0]
        with urllib.request.urlopen(url, timeout=60) as response:
            assert 'data-unit="vd-pc08"' in response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            # generous: a loaded two-core machine may take a while to stop
            code = process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()  # never leave a server behind
            process.wait()
            raise
    assert code == 0


def test_an_excel_form_is_edited_in_its_cells(client: Any, folder: Path) -> None:
    """A unit's Excel form is edited like a TOML file: the values typed in
    the page (an option, yes/no, a ratio, a share, a document with its
    date) are written into the form's cells, its formulas and drop-down
    lists stay, and `score` reads the saved form to the preview's total."""
    openpyxl = pytest.importorskip("openpyxl")
    form_path = folder / "x1.xlsx"
    assert main(["template", "ca-tinh-2024-bang2", "-o", str(form_path), "--unit", "vd-x1",
                 "--name", "Đơn vị X1"]) == 0
    page = client.get("/unit/x1.xlsx")
    assert page.status_code == 200
    form = form_of(page.get_data(as_text=True))
    form.update({"v.1.1.1": "kip-thoi", "v.1.1.2": "true", "v.1.2.1": "4/5", "v.1.1.4": "96,5",
                 "ev.1.1.1.0.number": "05/KH-X1", "ev.1.1.1.0.date": "2024-01-08",
                 "ev.1.1.1.0.title": "Kế hoạch CCHC năm 2024", "note.1.1.2": "Đủ nhiệm vụ"})
    answer = client.post("/preview/x1.xlsx", data=form).get_json()
    assert client.post("/unit/x1.xlsx", data=form).status_code == 303
    assert scored([str(form_path)])["vd-x1"]["points"] == Decimal(answer["points"])
    from cchc_score.office import read_form

    data = read_form(form_path).data
    assert data is not None
    answers = data["answers"]
    assert answers["1.2.1"]["value"] == {"num": 4, "den": 5}
    assert answers["1.1.1"]["evidence"][0] == {"number": "05/KH-X1",
                                               "date": dt.date(2024, 1, 8),
                                               "title": "Kế hoạch CCHC năm 2024"}
    assert answers["1.1.2"]["note"] == "Đủ nhiệm vụ"
    sheet = openpyxl.load_workbook(form_path).worksheets[0]
    assert any(str(c.value).startswith("=SUM(") for row in sheet.iter_rows() for c in row)
    assert sheet.data_validations.dataValidation


def test_a_file_changed_outside_the_page_shows_at_once(client: Any, folder: Path) -> None:
    """The page's figures follow the files: a unit's file edited by hand
    (or by the command line) while the page runs is scored on the next visit."""
    assert 'data-unit="vd-pc06"' in client.get("/").get_data(as_text=True)
    path = folder / "pc06.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "vd-pc06"', 'id = "vd-pc66"'),
                    encoding="utf-8")
    page = client.get("/").get_data(as_text=True)
    assert 'data-unit="vd-pc66"' in page and 'data-unit="vd-pc06"' not in page


def test_survey_csv_and_stage_like_the_command_line(folder: Path) -> None:
    """Served with the province's survey CSV at the appraised stage, the
    province page's totals are those of `score FOLDER --stage appraised
    --survey CSV`; a unit's page links both stages."""
    from cchc_score.cli import demo_dir

    survey = demo_dir().parent / "survey-2024.csv"
    client = app_for(folder, stage="appraised", survey=survey).test_client()
    page = client.get("/").get_data(as_text=True)
    expected = scored([str(folder)], "--stage", "appraised", "--survey", str(survey))
    for uid, unit in expected.items():
        row = page.split(f'data-unit="{uid}"')[1][:200]
        assert f'data-points="{unit["points"]}"' in row and f'data-rank="{unit["rank"]}"' in row
    unit_page = client.get("/unit/pc08.toml").get_data(as_text=True)
    assert 'href="/unit/pc08.toml?stage=self"' in unit_page


def test_province_page_title_is_plain_text_and_the_upload_form_appears_once(client: Any) -> None:
    """The browser tab reads the page's name, not markup; the upload form is
    in the page body once."""
    import re

    html = client.get("/").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and "<" not in title.group(1) and "&lt;" not in title.group(1)
    assert html.count('action="/upload"') == 1

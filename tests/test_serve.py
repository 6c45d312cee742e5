"""`essayconv serve` (issue 22): the HTTP interface and the page, in-process and in a real browser."""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette) is not installed")
import httpx  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from essayconv.serve import create_app, search_styles  # noqa: E402

SAMPLE = (Path(__file__).parent.parent / "samples" / "apa-web-copy.txt").read_text(encoding="utf-8")


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(max_bytes=200_000, workers=2)) as c:
        yield c


def test_the_page_and_its_own_assets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<form id="essay-form">' in page.text
    assert 'src="/static/app.js"' in page.text and "http" not in page.text.replace("http://", "")  # nothing remote
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/..%2Fserve.py").status_code == 404


def test_styles_aliases_first_then_csl_styles(client: TestClient) -> None:
    found = client.get("/styles", params={"q": "harvard"}).json()
    assert found[0]["id"] == "harvard" and found[0]["title"].endswith("(harvard-cite-them-right)")
    assert any(s["id"] == "harvard-cite-them-right" for s in found) and len(found) <= 60
    first = [s["id"] for s in search_styles("")]
    assert first[0] == "apa" and {"mla", "chicago-notes", "ieee"} <= set(first[:12])


def test_convert_pasted_text_to_an_mla_pdf(client: TestClient) -> None:
    r = client.post("/convert", data={"text": SAMPLE, "style": "mla", "to": "pdf", "author": "Ana Ruiz"})
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"] == 'attachment; filename="essay.pdf"'
    text = _pdf_text(r.content)
    assert "Ana Ruiz" in text and "(Walker and Stickgold)" in text and "Works Cited" in text


def test_convert_an_uploaded_file_keeps_its_name(client: TestClient) -> None:
    r = client.post(
        "/convert", files={"file": ("my essay.txt", SAMPLE.encode(), "text/plain")}, data={"style": "apa", "to": "docx"}
    )
    assert r.status_code == 200 and r.headers["content-disposition"] == 'attachment; filename="my essay.docx"'
    assert r.content[:2] == b"PK"


def test_inspect_gives_what_the_reader_found_and_the_findings(client: TestClient) -> None:
    found = client.post("/inspect", data={"text": SAMPLE, "style": "apa"}).json()
    assert found["title"] == "Sleep, Memory, and the College Student"
    assert len(found["references"]) == 4 and all(c["keys"] for c in found["citations"])
    assert isinstance(found["findings"], list) and "body_text" not in found


@pytest.mark.parametrize(
    ("form", "files", "message"),
    [
        ({"text": "", "style": "apa"}, None, "paste the essay or choose its file"),
        ({"text": SAMPLE, "style": "../styles/apa.csl"}, None, "give the style by its id or alias"),
        ({"text": SAMPLE, "style": "apa7"}, None, "did you mean"),
        ({"text": SAMPLE, "to": "exe"}, None, "unknown format 'exe'"),
        ({"style": "apa"}, {"file": ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")}, "a PNG image"),
        ({"style": "apa"}, {"file": ("big.txt", b"word " * 60_000, "text/plain")}, "larger than"),
    ],
)
def test_bad_input_is_one_line_and_the_server_goes_on(
    client: TestClient, form: dict, files: dict | None, message: str
) -> None:
    r = client.post("/convert", data=form, files=files)
    assert r.status_code == 400 and message in r.json()["error"] and "\n" not in r.json()["error"]
    assert client.get("/styles", params={"q": "mla"}).status_code == 200  # still serving


def test_a_hostile_file_name_opens_nothing(client: TestClient) -> None:
    """The upload's name only gives the format and the download's name: a FIFO's path, a path out of the
    folder, are names, never opened."""
    for name in ("/dev/stdin", "../../etc/passwd", "C:\\fifo"):
        r = client.post("/convert", files={"file": (name, SAMPLE.encode(), "text/plain")}, data={"to": "md"})
        assert r.status_code == 200, r.text
        assert r.headers["content-disposition"].endswith(('stdin.md"', 'passwd.md"', 'fifo.md"'))


# --------------------------------------------------------------------------------------------
# A real server
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(workers=2), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url + "/styles?q=apa", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


def test_twenty_concurrent_conversions_all_succeed(server: str) -> None:
    def one(n: int) -> tuple[int, bytes]:
        r = httpx.post(
            server + "/convert",
            data={"text": SAMPLE, "style": ["apa", "mla", "ieee", "chicago"][n % 4], "to": "pdf"},
            timeout=300,
        )
        return r.status_code, r.content

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    assert [code for code, _ in results] == [200] * 20
    assert all(body.startswith(b"%PDF") for _, body in results)


def _browser() -> object | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@pytest.mark.skipif(
    _browser() is None, reason="no chromium and chromedriver installed (apt install chromium chromium-driver)"
)
def test_in_a_browser_paste_pick_mla_and_download_the_pdf(server: str, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    chromium, driver_path = _browser()  # type: ignore[misc]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(tmp_path), "download.prompt_for_download": False}
    )
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        browser.get(server + "/")
        area = browser.find_element(By.ID, "text")
        browser.execute_script("arguments[0].value = arguments[1];", area, SAMPLE)  # a paste
        style = browser.find_element(By.ID, "style")
        style.clear()
        style.send_keys("mla")
        Select(browser.find_element(By.ID, "to")).select_by_value("pdf")
        browser.find_element(By.ID, "convert").click()
        for _ in range(200):
            done = [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]
            if done:
                break
            time.sleep(0.1)
        assert done, browser.find_element(By.ID, "message").text
        assert "(Walker and Stickgold)" in _pdf_text(done[0].read_bytes())
        assert browser.find_element(By.ID, "message").text.startswith("Done: essay.pdf")
    finally:
        browser.quit()

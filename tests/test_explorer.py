"""The evidence explorer: every table browsable, each row on a stable page with its
citations and quotes (and, with the texts, each quote in its paragraph), licence and
citation on every page; opened in a real headless browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
from conftest import sources_required

import turkey_russia_data as trd
from turkey_russia_data import cli
from turkey_russia_data.explore import serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Where the browser test leaves its screenshot, besides the test's own folder.
SCREENSHOT_DIR = os.environ.get("TRD_SCREENSHOT_DIR")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("explorer") / "site"
    assert cli.main(["export", "--format", "site", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def site_with_texts(tmp_path_factory: pytest.TempPathFactory, sources_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("explorer-texts") / "site"
    trd.export(out, "site", sources=sources_dir)
    return out


def _quotes(row_id: str, table: str = "events") -> list[str]:
    return trd.citations_for(table, row_id)["quote"].tolist()


def test_every_table_and_keyed_row_has_a_page(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in trd.tables():
        assert f'href="{name}/index.html"' in index
        page = (site / name / "index.html").read_text(encoding="utf-8")
        assert page.count("<tr ") + page.count("<tr>") - 1 == len(trd.load(name))
    events = trd.load("events")
    assert {p.stem for p in (site / "events").glob("EV*.html")} == set(events.event_id)


def test_row_page_shows_its_citations_licence_and_how_to_cite(site: Path) -> None:
    page = (site / "events" / "EV0002.html").read_text(encoding="utf-8")
    title = trd.load("events").set_index("event_id").loc["EV0002", "title"]
    assert f"<title>events EV0002: {title}</title>" in page
    import html

    for quote in _quotes("EV0002"):
        assert html.escape(quote) in page
    for path in (site / "index.html", site / "citations" / "index.html", site / "sources" / "bardakci-feasible.html"):
        text = path.read_text(encoding="utf-8")
        assert "Creative Commons Attribution 4.0" in text and "How to cite:" in text and trd.__version__ in text
    assert 'class="paragraph"' not in page  # no texts, no paragraphs


def test_table_pages_offer_the_facets(site: Path) -> None:
    events = (site / "events" / "index.html").read_text(encoding="utf-8")
    for control in ('name="category"', 'name="actor_id"', 'name="date_from"', 'name="date_to"'):
        assert control in events
    positions = (site / "member_state_positions" / "index.html").read_text(encoding="utf-8")
    for control in ('name="actor"', 'name="topic"', 'name="stance"', 'name="as_of_from"'):
        assert control in positions


def test_with_the_texts_each_quote_is_marked_in_its_paragraph(site_with_texts: Path) -> None:
    page = (site_with_texts / "events" / "EV0002.html").read_text(encoding="utf-8")
    assert page.count('class="paragraph"') == len(_quotes("EV0002"))
    assert page.count("<mark>") == len(_quotes("EV0002"))
    assert "for local use" in (site_with_texts / "index.html").read_text(encoding="utf-8")


def test_explore_serves_the_site(site: Path) -> None:
    urls: list[str] = []
    ready, stop = threading.Event(), threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=serve, args=(site, 0), kwargs={"ready": on_ready, "stop": stop})
    thread.start()
    try:
        assert ready.wait(10)
        with urllib.request.urlopen(urls[0] + "events/EV0002.html", timeout=10) as response:
            assert response.status == 200 and b"EV0002" in response.read()
    finally:
        stop.set()
        thread.join(10)


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_headless_browser_opens_ev0002(site: Path, tmp_path: Path) -> None:
    if CHROMIUM is None:
        if sources_required():
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    url = (site / "events" / "EV0002.html").as_uri()
    dom = _chromium("--dump-dom", url, profile=tmp_path / "profile").stdout
    title = trd.load("events").set_index("event_id").loc["EV0002", "title"]
    assert f"<title>events EV0002: {title}</title>" in dom
    quotes = re.findall(r'<blockquote class="quote">(.*?)</blockquote>', dom)
    assert len(quotes) >= 2 and len(quotes) == len(_quotes("EV0002"))
    # A facet given in the URL filters the table in the page (the script ran).
    table_url = (site / "events" / "index.html").as_uri() + "?category=institutional"
    dom = _chromium("--dump-dom", table_url, profile=tmp_path / "profile").stdout
    shown = int(re.search(r'<span id="count">(\d+)</span>', dom).group(1))  # type: ignore[union-attr]
    assert shown == int((trd.load("events").category == "institutional").sum())
    shot = tmp_path / "explorer-EV0002.png"
    _chromium("--window-size=1200,900", f"--screenshot={shot}", url, profile=tmp_path / "profile")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    if SCREENSHOT_DIR:
        shutil.copy(shot, Path(SCREENSHOT_DIR) / shot.name)


def test_explore_on_a_busy_port_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli.main(["explore", "--port", str(port), "--no-browser"]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith("wrote site export")
    # the package named on stderr, then the one error line
    assert captured.err.count("error:") == 1 and f"cannot serve on port {port}" in captured.err.splitlines()[-1]

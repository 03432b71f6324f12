"""The built seed site as a reader sees it, in headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import project, require_chromium, run_build

pytestmark = pytest.mark.browser
ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-gpu", "--disable-sync"]
BASE = "/briefing/"  # the site_url path: the site is served the way GitHub Pages serves a project


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    exe = require_chromium()
    root = tmp_path_factory.mktemp("www")
    result = run_build("--out", str(root / "briefing"), config=project(tmp_path_factory.mktemp("project")))
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield exe, f"http://127.0.0.1:{server.server_address[1]}{BASE}", root
    server.shutdown()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=served[0], args=ARGS)
        yield b
        b.close()


def visit(browser, url: str, shot: Path | None = None):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(r.url.split("/")[2] if "://" in r.url else r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if shot:
        page.screenshot(path=str(shot))
    return page, hosts


@pytest.mark.parametrize("path, heading", [
    ("", "Россия — Азербайджан: брифинг"),
    ("dossiers/karabakh/", "Карабахское урегулирование"),
    ("documents/2022-06-29-beseda-s-aliyevym/", "Беседа с Президентом Азербайджана Ильхамом Алиевым"),
    ("keywords/", "Ключевые слова"),
])
def test_pages_render_in_russian_without_third_party_requests(browser, served, tmp_path, path, heading):
    shot = tmp_path / "page.png"
    page, hosts = visit(browser, served[1] + path, shot)
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == heading
    assert page.locator("html").get_attribute("lang") == "ru"
    assert shot.stat().st_size > 20_000  # a real picture, not a blank page
    assert set(hosts) == {served[1].split("/")[2]}, f"requests left the site: {sorted(set(hosts))}"
    page.close()


def test_document_page_links_to_its_dossier_and_back(browser, served):
    page, _ = visit(browser, served[1] + "documents/2022-06-29-beseda-s-aliyevym/")
    page.get_by_role("link", name="Карабахское урегулирование").last.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/dossiers/karabakh/")
    page.get_by_role("link", name="Беседа с Президентом Азербайджана Ильхамом Алиевым").last.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/documents/2022-06-29-beseda-s-aliyevym/")
    page.close()


def test_russian_search_finds_inflected_forms(browser, served):
    page, _ = visit(browser, served[1])
    box = page.locator("input.md-search__input")
    box.click()
    # Playwright inserts Cyrillic without key events; Material searches on keyup, so press one.
    box.press_sequentially("транспортного коридора", delay=30)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = " ".join(page.locator(".md-search-result__item").all_inner_texts())
    assert "Север" in results and "коридор" in results
    page.close()


def test_search_index_is_russian(served):
    import json

    index = json.loads((served[2] / "briefing" / "search" / "search_index.json").read_text(encoding="utf-8"))
    # lunr.ru brings its own stemmer and trimmer; lunr's English ones would strip Cyrillic.
    assert index["config"]["lang"] == ["ru"] and "stemmer" not in index["config"]["pipeline"]
    assert any("Карабах" in d["text"] for d in index["docs"])

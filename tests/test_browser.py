"""The built seed site as a reader sees it, in headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.site.local import served as serving
from conftest import CORPUS, ROOT, project, require_chromium, require_eval_data, run_build

pytestmark = pytest.mark.browser
ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-gpu", "--disable-sync"]
BASE = "/briefing/"  # the site_url path: the site is served the way GitHub Pages serves a project


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    exe = require_chromium()
    root = tmp_path_factory.mktemp("www")
    result = run_build("--out", str(root / "briefing"), config=project(tmp_path_factory.mktemp("project")))
    assert result.returncode == 0, result.stderr
    with serving(root, home=BASE) as url:  # as GitHub Pages serves it: `/` leads to BASE, 404.html for a missing page
        yield exe, url + BASE.lstrip("/"), root


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


@pytest.mark.parametrize("missing", ["no-such-page", "documents/renamed-document/", "dossiers/a/b/c/"])
def test_the_404_page_has_the_sites_look_at_any_depth(browser, served, missing):
    """GitHub Pages answers any missing address with 404.html: its styles and scripts load
    from the site's path, whatever the depth, and its link leads home."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.request.resource_type != "document" else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    response = page.goto(served[1] + missing)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.locator("h1").first.inner_text().strip() == "Страница не найдена"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # Material's CSS
    assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').includes('/assets/stylesheets/main.') && s.cssRules.length > 100)")
    assert failed == []
    page.get_by_role("link", name="главной страницы").click()
    page.wait_for_load_state("networkidle")
    assert page.url == served[1]
    page.close()


def test_the_servers_root_leads_to_the_site(browser, served):
    page, _ = visit(browser, served[1].removesuffix(BASE.lstrip("/")))
    assert page.url == served[1]
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == "Россия — Азербайджан: брифинг"
    page.close()


def search(page, query: str) -> list[dict]:
    """Type `query` into the header search box; the results shown: title, link, marked words, excerpt."""
    box = page.locator("[data-briefing-search] .md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function("q => document.querySelector('[data-briefing-search]').dataset.shown === q",
                           arg=query, timeout=15_000)
    return page.locator(".md-search-result__link").evaluate_all("""links => links.map(a => ({
        href: a.getAttribute("href"), title: a.querySelector("h1").textContent,
        excerpt: a.querySelector("p").textContent, marks: [...a.querySelectorAll("mark")].map(m => m.textContent)}))""")


@pytest.fixture(scope="module")
def search_page(browser, served):
    page, hosts = visit(browser, served[1] + "dossiers/karabakh/")
    yield page, hosts
    page.close()


# query -> (document that holds another form of the word, the form as the text writes it)
SEARCHES = {
    "коридору": ("2024-03-05-premery-v-baku", "коридора"),
    "переговорам": ("2021-05-20-premery-rf-i-azerbaydzhana-v-moskve", "переговор"),
    "соглашению": ("2022-07-20-lavrov-i-bayramov", "соглашение"),
    "товарообороту": ("2024-08-18-putin-i-aliev-v-baku", "товарооборот"),
    "Алиеву": ("2024-08-18-putin-i-aliev-v-baku", "Алиев"),
    "пятерки": ("2022-06-29-beseda-s-aliyevym", "пятёрки"),  # ё in the text, е in the query
    "Крокус": ("2024-08-18-putin-i-aliev-v-baku", "Крокус"),  # right after a quote mark: «"Крокус сити холле"»
    # the other way round: the query has the form found elsewhere, the document another one
    "коридора": ("2024-08-18-putin-i-aliev-v-baku", "коридор"),
    "Алиева": ("2022-06-29-beseda-s-aliyevym", "Алиевым"),
    "переговорах": ("2022-06-29-beseda-s-aliyevym", "переговоров"),
}


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_other_russian_word_forms(search_page, query):
    doc, form = SEARCHES[query]
    results = search(search_page[0], query)
    hit = [r for r in results if r["href"] == f"../../documents/{doc}/"]
    assert hit, f"{query!r}: {doc} not among {[r['href'] for r in results]}"
    assert any(form.lower() in m.lower() for m in hit[0]["marks"]), hit[0]
    assert form.lower() in hit[0]["excerpt"].lower()


def test_search_results_link_relative_and_stay_on_the_site(browser, served):
    page, hosts = visit(browser, served[1] + "documents/2022-06-29-beseda-s-aliyevym/")
    results = search(page, "Карабах")
    assert results and all(r["href"].startswith("../../documents/") for r in results)
    assert page.locator(".md-search-result__meta").inner_text().startswith("Найден")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == served[1] + results[0]["href"].removeprefix("../../")
    assert any("/search/" in r for r in page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")) is False
    assert set(hosts) == {served[1].split("/")[2]}, f"requests left the site: {sorted(set(hosts))}"
    page.close()


def test_search_says_when_nothing_is_found(search_page):
    assert search(search_page[0], "жираф") == []
    assert search_page[0].locator(".md-search-result__meta").inner_text() == "Ничего не найдено"


def test_only_document_articles_are_indexed(search_page):
    results = search(search_page[0], "досье")  # the word is on every page, but only in nav, lists and dossier reasons
    assert all(r["href"].startswith("../../documents/") for r in results)
    assert not any("общие досье" in r["excerpt"] or "термины:" in r["excerpt"] for r in results)


def test_a_search_downloads_little(served):
    # Its own process: Playwright's sync API cannot nest inside this module's browser.
    result = subprocess.run([sys.executable, "-m", "briefing.bench.browser", str(served[2] / "briefing"), "коридору"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    query, spent = result.stdout.split("\t")
    assert query == "коридору" and 10_000 < int(spent) < 300_000


def _stems_in_the_browser(browser, served, vocabulary: list[str]) -> list[str]:
    page, _ = visit(browser, served[1])
    page.add_script_tag(url=served[1] + "assets/stemmer.js")  # the site's own file: its policy runs no inline script
    try:
        return page.evaluate("words => { const s = new RussianStemmer(); return words.map(w => s.stemWord(w)); }", vocabulary)
    finally:
        page.close()


def test_the_browser_stems_every_seed_word_as_the_index_does(browser, served):
    from briefing.site.search import stem, words

    vocabulary = sorted({w for path in CORPUS.iterdir() for w in words(path.read_text(encoding="utf-8"))})
    assert len(vocabulary) > 1000
    assert _stems_in_the_browser(browser, served, vocabulary) == [stem(w) for w in vocabulary]


def test_the_browser_stems_real_news_as_the_index_does(browser, served):
    from briefing.bench.data import stories
    from briefing.site.search import stem, words

    vocabulary = sorted({w for s in stories(require_eval_data(), "dev", 300) for w in words(s.title + "\n" + s.content)})
    assert len(vocabulary) > 20_000
    got = _stems_in_the_browser(browser, served, vocabulary)
    wrong = [(w, g, stem(w)) for w, g in zip(vocabulary, got) if g != stem(w)]
    assert not wrong, wrong[:20]

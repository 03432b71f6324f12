"""Every kind of page as a reader meets it, in headless Chromium: axe-core finds no serious or
critical violation (light and dark scheme, and with search results open), lists fit a phone,
the main sections are in the navigation, and no page asks for a file the site does not have."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from briefing.site.local import served as serving
from conftest import ROOT, project, require_axe, require_chromium
from test_browser import ARGS, search

pytestmark = pytest.mark.browser
BASE = "briefing/"  # served under the site_url path, as GitHub Pages serves a project site

# One page of each kind. The documents list goes by month past a hundred documents: the build
# below lowers that to 3, so the seed site has month pages (and documents/ lists the months).
PAGES = {
    "home": "",
    "documents list": "documents/",
    "archive month": "documents/archive/2024-08/",
    "dossiers": "dossiers/",
    "dossier": "dossiers/karabakh/",
    "document": "documents/2022-06-29-beseda-s-aliyevym/",
    "entities": "entities/",
    "entity": "entities/ilkham-aliyev/",
    "entity type": "entities/by-type/people/",
    "keywords": "keywords/",
    "keyword letter": "keywords/a/",
    "new": "new/",
    "404": "404.html",
}
LISTS = ("archive month", "new")  # the pages with a list of documents (a table on a desktop)
SECTIONS = ["Что нового", "Досье", "Документы", "Люди, организации, места", "Ключевые слова"]
BUILD = """import sys
sys.path.insert(0, sys.argv[1])
import briefing.stages.render as render
render.LIST_ALL_UP_TO = 3
import build
sys.exit(build.main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    exe = require_chromium()
    axe = require_axe()
    root = tmp_path_factory.mktemp("www")
    config = project(tmp_path_factory.mktemp("project"))
    result = subprocess.run([sys.executable, "-c", BUILD, str(ROOT), "--config", str(config), "--out", str(root / BASE)],
                            cwd=config.parent, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (root / BASE / PAGES["archive month"] / "index.html").is_file()
    # Beside the site, not in it, on the same origin: the pages' Content-Security-Policy lets
    # only the site's own script files run, and this one is added by URL like them.
    shutil.copy(axe, root / "axe.min.js")
    with serving(root) as url:
        yield exe, url


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=site[0], args=ARGS)
        yield b
        b.close()


def open_page(context, url: str, until: str = "load"):
    page = context.new_page()
    page.goto(url, wait_until=until)
    return page


def serious(page, origin: str) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line per rule."""
    page.add_script_tag(url=origin + "axe.min.js")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}, axe {result['testEngine']['version']}): {len(v['nodes'])} × "
            f"{v['nodes'][0]['target']} {v['nodes'][0]['failureSummary'].splitlines()[-1].strip()}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def toggle_scheme(page, body: str) -> None:
    """Material's palette toggle in the header, clicked as a reader does; the page is then in `body`."""
    page.locator(".md-header [data-md-component=palette] label:visible").click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=body, timeout=5_000)


@pytest.fixture(scope="module")
def sweep(browser, site) -> dict[str, dict]:
    """Each kind of page once, on a desktop: axe's findings in the light scheme and, after the
    palette toggle, the dark one (and with search results open on the dossier page); what the
    page asked for that went wrong; the sections its left navigation shows. One visit a page:
    the machine is small."""
    origin = site[1]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    found = {}
    for kind, path in PAGES.items():
        page = context.new_page()
        seen: list[str] = []
        page.on("console", lambda m: seen.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("requestfailed", lambda r: seen.append(f"failed: {r.url}"))
        page.on("response", lambda r: seen.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
        page.on("request", lambda r: seen.append(f"sitemap: {r.url}") if "sitemap" in r.url
                else seen.append(f"off the site: {r.url}") if not r.url.startswith(origin) else None)
        # networkidle: Material's bundle asks for files after the load event (the sitemap was one)
        page.goto(origin + BASE + path, wait_until="networkidle")
        top = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
        found[kind] = {
            "nav": [link.inner_text().strip() for link in top.all() if link.is_visible()],
            "feeds": page.locator("link[type='application/atom+xml'][rel~=alternate]").count(),
            "requests": seen,
            "light": (page.evaluate("document.body.dataset.mdColorScheme"), serious(page, origin)),
        }
        if kind == "dossier":  # the header search, its results open over the page
            assert search(page, "Карабах")
            found["search results"] = {"light": ("default", serious(page, origin))}
            page.keyboard.press("Escape")  # the open search box covers the palette toggle
        toggle_scheme(page, "slate")
        found[kind]["dark"] = ("slate", serious(page, origin))
        if kind == "dossier":
            assert search(page, "Карабах")
            found["search results"]["dark"] = ("slate", serious(page, origin))
            page.keyboard.press("Escape")
        toggle_scheme(page, "default")  # the choice is stored: the next page opens light again
        page.close()
    context.close()
    return found


@pytest.mark.parametrize("scheme, body", [("light", "default"), ("dark", "slate")])
def test_no_serious_accessibility_violation(sweep, scheme, body):
    assert {k: v[scheme][0] for k, v in sweep.items()} == dict.fromkeys([*PAGES, "search results"], body)
    found = {k: v[scheme][1] for k, v in sweep.items() if v[scheme][1]}
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_main_sections_are_in_the_navigation_of_every_page(sweep, browser, site):
    missing = {kind: v["nav"] for kind, v in sweep.items() if "nav" in v and not set(SECTIONS) <= set(v["nav"])}
    assert not missing, f"sections missing from the left navigation: {missing}"
    # On a phone the same navigation is behind the menu button.
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = open_page(phone, site[1] + BASE)
    page.locator(".md-header label[for=__drawer]").click()
    for section in SECTIONS:
        link = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link", has_text=section)
        link.first.wait_for(state="visible", timeout=5_000)
    phone.close()


def test_no_page_requests_a_missing_file_or_the_sitemap(sweep):
    assert not {k: v["requests"] for k, v in sweep.items() if v.get("requests")}
    # The feeds are still announced to feed readers (rel holds "alternate", type Atom).
    assert {k: v["feeds"] for k, v in sweep.items() if "feeds" in v} == {k: 2 if k == "dossier" else 1 for k in PAGES}


def test_every_page_fits_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
    too_wide = {}
    for kind, path in PAGES.items():
        page = open_page(context, site[1] + BASE + path)
        width, page_width, tables = page.evaluate("""[innerWidth, document.documentElement.scrollWidth,
            [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width)]""")
        if page_width > width or any(w > width for w in tables):
            too_wide[kind] = (page_width, tables)
        if kind in LISTS:  # cards: a row is a block, its cells read as lines with their labels
            rows = page.locator(".briefing-list tbody tr")
            assert rows.count() > 0 and rows.first.evaluate("r => getComputedStyle(r).display") == "block", kind
            source = rows.first.locator("td").nth(3 if kind == "new" else 2)
            assert source.evaluate("td => getComputedStyle(td, '::before').content").strip('"').strip(" ·") == "Источник:"
            assert not serious(page, site[1]), kind
        page.close()
    context.close()
    assert not too_wide, f"wider than the phone's 390 px (page, tables): {too_wide}"


def test_lists_stay_tables_on_a_desktop(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_page(context, site[1] + BASE + PAGES["new"])
    assert page.locator(".briefing-list tbody tr").first.evaluate("r => getComputedStyle(r).display") == "table-row"
    assert page.locator(".briefing-list thead").is_visible()
    context.close()

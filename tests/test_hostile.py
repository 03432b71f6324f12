"""Documents written to break out of every context they reach (tests/fixtures/hostile/, beside
the seeds): the built site is loaded page by page in headless Chromium, and no markup of
theirs becomes an element, no script of theirs runs, nothing is blocked by the pages'
Content-Security-Policy (a blocked attempt is an escaping bug the policy happened to catch).

Which escaping applies where, and who does it: README.md, "Errors" (markup in documents).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing.site.local import served as serving
from conftest import CORPUS, FIXTURES, project, require_chromium, run_build

HOSTILE = FIXTURES / "hostile"
# A file name is a stranger's text too: made here, as some systems cannot check it out.
HOSTILE_NAME = '"><svg onload=alert(90)>.txt'
HOSTILE_NAME_TEXT = ("Заголовок <img src=x onerror=alert(91)> о торговле\n\n"
                     "Товарооборот России и Азербайджана вырос, сообщил министр. Экспорт и импорт растут.\n")

# What every page is checked for once loaded (and after every element got the events an
# injected handler would wait for): elements and attributes that only a document could have put there.
INJECTED = """() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'error', 'load']) {
      if (el.tagName !== 'A' && el.tagName !== 'INPUT' && el.tagName !== 'LABEL' && el.tagName !== 'BUTTON') el.dispatchEvent(new Event(type));
    }
  }
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
      const value = (el.getAttribute(attr) || '').trim().toLowerCase();
      if (/^(javascript|vbscript|data):/.test(value) && !(el.tagName === 'IMG' && value.startsWith('data:image/'))) {
        found.push(`${el.tagName} ${attr}=${value.slice(0, 40)}`);
      }
    }
  }
  for (const el of document.querySelectorAll('script:not([src])')) {
    if (!(el.id === '__config' && el.type === 'application/json')) found.push('inline script: ' + el.textContent.slice(0, 60));
  }
  for (const el of document.querySelectorAll('article iframe, article img, article svg:not(.briefing-chart), article style, '
                                           + 'article textarea, article object, article embed, article form, article script')) {
    found.push('in the text: ' + el.outerHTML.slice(0, 80));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    config = project(folder)
    content = folder / "content"
    shutil.copytree(CORPUS, content)
    for path in HOSTILE.iterdir():
        shutil.copy(path, content / path.name)
    (content / HOSTILE_NAME).write_text(HOSTILE_NAME_TEXT, encoding="utf-8")
    root = folder / "www"
    result = run_build("--content", str(content), "--out", str(root / "briefing"), config=config)
    assert result.returncode == 0, result.stderr
    return root, result


def test_hostile_documents_build_with_a_warning_per_bad_address(hostile_site):
    _, result = hostile_site
    lines = result.stderr.splitlines()
    for name, shown in [
        ("2024-09-01-title-close.md", "front matter: url: not a usable address (scheme javascript:"),
        ("2024-09-03-headings.md", "front matter: url: not a usable address (contains '\"')"),
        ("2024-09-05-bad-url-frontmatter.md", "front matter: url: not a usable address (contains '[')"),
        ("2024-09-02-first-line.txt", "last line: not a usable address (contains ']')"),
    ]:
        assert any(line.startswith(f"warning: {name}: {shown}") for line in lines), (name, lines)
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1].endswith(f"{len(CORPUS_FILES) + len(list(HOSTILE.iterdir())) + 1} documents, 4 dossiers, 4 warnings")


CORPUS_FILES = sorted(CORPUS.iterdir())


def test_feeds_json_and_sitemap_parse(hostile_site):
    site = hostile_site[0] / "briefing"
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) == 5
    for feed in feeds:
        ET.parse(feed)  # raises on anything that is not well-formed XML
    ET.parse(site / "sitemap.xml")
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    titles = {d["title"] for d in data["documents"]}
    assert "</title><script>alert(1)</script> Переговоры в Баку" in titles  # data stays as written
    urls = {d["title"]: d.get("url") or "" for d in data["documents"]}
    assert not any(u and not u.startswith(("http://", "https://")) for u in urls.values())
    assert not any("<" in u or '"' in u or "]" in u for u in urls.values())


def test_markup_in_documents_is_text_on_every_page(hostile_site):
    from playwright.sync_api import sync_playwright

    from test_browser import ARGS, search

    exe = require_chromium()
    root, _ = hostile_site
    pages = sorted((root / "briefing").rglob("*.html"))
    assert len(pages) > 60
    problems: list[str] = []
    with serving(root) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        page = browser.new_page()
        page.add_init_script("""window.__violations = [];
            document.addEventListener('securitypolicyviolation',
              (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));""")
        page.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
        for html in pages:
            address = url + html.relative_to(root).as_posix()
            page.goto(address)
            page.wait_for_load_state("load")
            for found in page.evaluate(INJECTED):
                problems.append(f"{html.relative_to(root)}: {found}")
            for violation in page.evaluate("window.__violations"):
                problems.append(f"{html.relative_to(root)}: CSP blocked {violation}")
            csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
            if csp.count() != 1 or "script-src 'self';" not in (csp.get_attribute("content") or ""):
                problems.append(f"{html.relative_to(root)}: no Content-Security-Policy")
        assert not problems, "\n".join(problems[:40])
        # The title that closed <title> in the issue: shown as written, in the tab and the heading.
        page.goto(url + "briefing/documents/2024-09-01-title-close/")
        assert page.title().startswith("</title><script>alert(1)</script> Переговоры в Баку - ")
        assert page.locator("h1").first.inner_text().startswith("</title><script>alert(1)</script> Переговоры в Баку")
        text = page.locator("article").inner_text()
        assert '"><img src=x onerror=alert(2)> Агентство </textarea><script>alert(3)</script>' in text  # the source, as text
        page.goto(url + "briefing/documents/2024-09-02-first-line/")
        text = page.locator("article").inner_text()
        assert "[нажми](javascript:alert(7))" in text and "{{ config }}" in text
        assert page.locator("article a[href*='alert(']").count() == 0
        # Search results render titles and excerpts as text too.
        page.goto(url + "briefing/")
        for query in ("alert", "script", "Переговоры"):
            results = search(page, query)
            assert results, query
        problems += [f"search: {found}" for found in page.evaluate(INJECTED)]
        problems += [f"search: CSP blocked {v}" for v in page.evaluate("window.__violations")]
        browser.close()
    assert not problems, "\n".join(problems[:40])

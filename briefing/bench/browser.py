"""A site in headless Chromium, for the benchmark and the browser tests: its home page open,
and what a reader's browser downloads to answer a query (Playwright, a dev requirement).

    python -m briefing.bench.browser SITE QUERY...
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..site.local import served

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-gpu", "--disable-sync"]


@contextmanager
def home_page(site: Path, chromium: str | None = None) -> Iterator[tuple[object, str]]:
    """`site` served locally and its home page open in headless Chromium: (page, site URL)."""
    from playwright.sync_api import sync_playwright

    with served(site) as url, sync_playwright() as p:
        exe = chromium or os.environ.get("BRIEFING_CHROMIUM") or "/usr/bin/chromium"
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            page.wait_for_load_state("networkidle")
            yield page, url
        finally:
            browser.close()


def query_transfer_bytes(site: Path, query: str, chromium: str | None = None) -> int:
    """Bytes a reader's browser downloads to search `query` on the home page of `site`:
    every response after the page has loaded (the stemmer, the index's meta, chunks, fragments)."""
    with home_page(site, chromium) as (page, _):
        started: list[object] = []
        sizes: list[int] = []
        page.on("request", lambda request: started.append(request))
        page.on("requestfinished", lambda request: sizes.append(_body_size(request)))
        page.on("requestfailed", lambda request: sizes.append(0))
        box = page.locator("[data-briefing-search] .md-search__input")
        box.click()
        box.fill(query)
        page.wait_for_function("q => document.querySelector('[data-briefing-search]').dataset.shown === q",
                               arg=query.strip(), timeout=60_000)
        # The results are shown once their files arrived; the events saying so may come later.
        for _ in range(100):
            page.wait_for_timeout(100)
            if len(sizes) == len(started):
                break
        return sum(sizes)


def _body_size(request: object) -> int:
    sizes = request.sizes()  # type: ignore[attr-defined]
    return int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


def main(argv: list[str]) -> int:
    """`python -m briefing.bench.browser SITE QUERY...`: the bytes each query downloads."""
    if len(argv) < 2:
        print("usage: python -m briefing.bench.browser SITE QUERY...", file=sys.stderr)
        return 2
    for query in argv[1:]:
        print(f"{query}\t{query_transfer_bytes(Path(argv[0]), query)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

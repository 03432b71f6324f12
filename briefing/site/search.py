"""Pagefind over the built site: a Russian-stemmed index in site/pagefind/, and what a query costs.

Pagefind reads each page's `<html lang>` (ru) to choose its Snowball stemmer and indexes
only `data-pagefind-body` (templates/theme/main.html), minus `data-pagefind-ignore` and
the heading permalinks. Its output depends only on the pages: the same site, the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..cache import link_or_copy
from ..errors import BriefingError
from .local import served

EXCLUDE = ".headerlink"  # the ¶ after each heading
# The only pages with a data-pagefind-body (templates/theme/main.html): Pagefind then reads
# no other page. The same index, in half the time and four fifths of the memory (N = 1000:
# 6.5 s and 453 MB instead of 12.5 s and 579 MB; Pagefind is the build's largest process).
GLOB = "documents/*/index.html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-gpu", "--disable-sync"]


def pagefind_command(site: Path) -> list[str]:
    """The Pagefind binary shipped in the `pagefind-bin` wheel, run on `site`."""
    try:
        from pagefind_bin import get_executable
    except ImportError as err:
        raise BriefingError("Pagefind is not installed: pip install -r requirements.txt") from err
    return [str(get_executable()), "--site", str(site), "--glob", GLOB, "--exclude-selectors", EXCLUDE, "--quiet"]


def index_site(site: Path, cache_dir: Path | None = None, pages_digest: str = "") -> bool:
    """Write site/pagefind/: the search index and pagefind.js, which the theme's search box loads.

    Pagefind has no incremental mode and costs about 9 ms a page. Its output is a pure
    function of the pages, so with `cache_dir` and the digest of every page's content the
    index of an unchanged site is taken from the cache. Returns whether Pagefind ran."""
    if not (site / "index.html").is_file():
        raise BriefingError(f"Pagefind: {site} is not a built site (no index.html)")
    if cache_dir and pages_digest:
        key = hashlib.sha256(f"{pages_digest}|{EXCLUDE}|{GLOB}|{_version()}".encode()).hexdigest()
        stored = cache_dir / key
        if (stored / "pagefind.js").is_file():
            shutil.copytree(stored, site / "pagefind", copy_function=link_or_copy)
            return False
        _run_pagefind(site)
        shutil.rmtree(cache_dir, ignore_errors=True)
        shutil.copytree(site / "pagefind", stored, copy_function=link_or_copy)
        return True
    _run_pagefind(site)
    return True


def _version() -> str:
    from importlib.metadata import version

    return version("pagefind-bin")


def _run_pagefind(site: Path) -> None:
    try:
        result = subprocess.run(pagefind_command(site), capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise BriefingError(f"Pagefind could not index {site}: {err}") from err
    detail = (result.stderr or result.stdout).strip().splitlines()
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise BriefingError(f"Pagefind failed on {site}: " + " | ".join(detail[-8:] or [f"exit status {result.returncode}"]))


def query_transfer_bytes(site: Path, query: str, chromium: str | None = None) -> int:
    """Bytes a reader's browser downloads to search `query` on the home page of `site`:
    every response after the page has loaded (pagefind.js, wasm, index chunks, fragments)."""
    from playwright.sync_api import sync_playwright

    with served(site) as url, sync_playwright() as p:
        exe = chromium or os.environ.get("BRIEFING_CHROMIUM") or "/usr/bin/chromium"
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            page.on("requestfinished", lambda request: sizes.append(_body_size(request)))
            box = page.locator("[data-briefing-search] .md-search__input")
            box.click()
            box.fill(query)
            page.wait_for_function("q => document.querySelector('[data-briefing-search]').dataset.shown === q",
                                   arg=query.strip(), timeout=60_000)
            page.wait_for_load_state("networkidle")
            return sum(sizes)
        finally:
            browser.close()


def _body_size(request: object) -> int:
    sizes = request.sizes()  # type: ignore[attr-defined]
    return int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


def main(argv: list[str]) -> int:
    """`python -m briefing.site.search SITE QUERY...`: the bytes each query downloads."""
    if len(argv) < 2:
        print("usage: python -m briefing.site.search SITE QUERY...", file=sys.stderr)
        return 2
    for query in argv[1:]:
        print(f"{query}\t{query_transfer_bytes(Path(argv[0]), query)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

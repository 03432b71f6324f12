"""The site's search index beside Pagefind, on the same documents of one built site.

    python -m briefing.bench.searchindex ours SITE CACHE     index SITE's documents into a scratch folder
    python -m briefing.bench.searchindex pagefind SITE       run Pagefind 1.5.2 on SITE's document pages
    python -m briefing.bench.searchindex compare SITE QUERY...   what each finds, in headless Chromium
    python -m briefing.bench.searchindex precision SITE QUERY... how many of our results hold a form of the query

`ours` reads the documents back from SITE's own index (search/d/: link, title, text) and
writes a new index beside it with briefing.site.search, with CACHE as its cache (empty: every
document's terms are made; filled by an earlier run: read back, as on a rebuild). `pagefind`
indexes the article of every document page (Pagefind stems Russian from <html lang="ru">):
the title and text, as ours, and also the summary, keywords and lists of the page, which the
pages no longer mark for Pagefind to skip. So Pagefind reads somewhat more text than ours,
and `compare` can find more with it. The scale benchmark runs both as separate
processes and reports wall time and peak RSS; Pagefind comes from requirements-dev.txt.
`compare` indexes a copy of SITE with Pagefind too and asks both the same queries in the
browser: how many documents each finds, how many both find, how many of the first ten
they share, and how many of Pagefind's hold every stem of the query in their title or text
(the rest matched the page's other parts). `precision` asks our search box one-word queries
and counts the results whose title or text holds a form of the query word (pymorphy3's
forms of it, see forms()).
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import BriefingError
from ..site.search import Searchable, index_documents, stem, words

GLOB = "documents/*/index.html"
ROOT = "article"  # Material's content column: the page's own text, not its navigation


def documents_of(site: Path) -> list[Searchable]:
    """The documents a built site's index holds."""
    docs = []
    for path in sorted((site / "search" / "d").glob("*.gz"), key=lambda p: int(p.stem)):
        page = json.loads(gzip.decompress(path.read_bytes()))
        docs.append(Searchable.of_text(page["u"], page["t"], page["x"], page.get("d", ""), page.get("s", "")))
    return docs


def pagefind_command(site: Path) -> list[str]:
    try:
        from pagefind_bin import get_executable
    except ImportError as err:
        raise BriefingError("Pagefind is not installed: pip install -r requirements-dev.txt") from err
    return [str(get_executable()), "--site", str(site), "--glob", GLOB, "--root-selector", ROOT,
            "--exclude-selectors", ".headerlink", "--quiet"]


def pagefind(site: Path) -> None:
    """Pagefind's index of `site` in site/pagefind/."""
    result = subprocess.run(pagefind_command(site), capture_output=True, text=True, timeout=3600)
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BriefingError(f"Pagefind failed on {site}: " + " | ".join(detail[-8:] or [f"exit status {result.returncode}"]))


def compare(site: Path, queries: list[str]) -> list[str]:
    """A Markdown table: per query, what our search box and Pagefind's API find on the same site."""
    from .browser import home_page

    rows = ["| query | ours | Pagefind | both | first ten shared | Pagefind's with every query stem in the title or text |",
            "|---|---|---|---|---|---|"]
    docs = {d.url: d for d in documents_of(site)}
    stems_of: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "site"
        shutil.copytree(site, copy)
        pagefind(copy)
        with home_page(copy) as (page, url):
            for query in (q.strip() for q in queries):
                if not words(query):
                    continue
                ours = page.evaluate(OURS, query)
                theirs = page.evaluate(PAGEFIND, [url + "pagefind/pagefind.js", query])
                both = len(set(ours["all"]) & set(theirs["all"]))
                top = len(set(ours["all"][:10]) & set(theirs["all"][:10]))
                wanted = {stem(w) for w in words(query)}
                for link in theirs["all"]:
                    if link not in stems_of:
                        stems_of[link] = {stem(w) for w in words(docs[link].title + "\n" + docs[link].text)}
                inside = sum(wanted <= stems_of[link] for link in theirs["all"])
                rows.append(f"| {query} | {len(ours['all'])} | {len(theirs['all'])} | {both} | {top} | {inside} |")
    return rows


def forms(word: str) -> frozenset[str]:
    """The forms of a query word as words() writes them: pymorphy3's forms of each of its
    analyses whose normal form it is (a nominative asked: «Лавров» the surname, not the
    genitive plural of «лавр»), or of every analysis when none is (an inflected form asked)."""
    from ..nlp.russian import fold, parse

    folded = fold(word)
    analyses = parse(folded)
    own = [a for a in analyses if fold(a.normal_form) == folded] or list(analyses)
    return frozenset({folded} | {fold(f.word) for a in own for f in a.lexeme})


def holding(docs: dict[str, Searchable], links: list[str], query: str) -> list[bool]:
    """For each result link, whether its document's title or text holds a form of `query` (one word)."""
    wanted = forms(query)
    return [not wanted.isdisjoint(words(docs[link].title + "\n" + docs[link].text)) for link in links]


def precision(site: Path, queries: list[str]) -> list[str]:
    """A Markdown table: per one-word query, our results and how many hold a form of the word."""
    from .browser import home_page

    rows = ["| query | results | holding a form of the word | first result | first without a form |", "|---|---|---|---|---|"]
    docs = {d.url: d for d in documents_of(site)}
    with home_page(site) as (page, _):
        for query in (q.strip() for q in queries):
            links = page.evaluate(OURS, query)["all"]
            held = holding(docs, links, query)
            first = docs[links[0]].title[:50] if links else "—"
            miss = next((docs[link].title[:50] for link, ok in zip(links, held) if not ok), "—")
            rows.append(f"| {query} | {len(links)} | {sum(held)} | {first} | {miss} |")
    return rows


# Every result of our search box, in order (the list grows by "Показать ещё" clicks).
OURS = """async (query) => {
  const box = document.querySelector("[data-briefing-search]");
  const input = box.querySelector(".md-search__input");
  input.value = query;
  input.dispatchEvent(new Event("input"));
  while (box.dataset.shown !== query) await new Promise((r) => setTimeout(r, 50));
  for (let more; (more = box.querySelector(".briefing-search-more button")); ) {
    const n = box.querySelectorAll(".md-search-result__link").length;
    more.click();
    while (box.querySelectorAll(".md-search-result__link").length === n) await new Promise((r) => setTimeout(r, 20));
  }
  const all = [...box.querySelectorAll(".md-search-result__link")].map((a) => new URL(a.href).pathname.replace(/^\\//, ""));
  box.dataset.shown = "";
  return { all };
}"""

PAGEFIND = """async ([module, query]) => {
  const pf = await import(module);
  await pf.init();
  const found = await pf.search(query);
  const all = await Promise.all(found.results.map((r) => r.data().then((d) => d.url.replace(/^\\//, ""))));
  return { all };
}"""


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "precision":
        print("\n".join(precision(Path(argv[1]), argv[2:])))
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        print("\n".join(compare(Path(argv[1]), argv[2:])))
        return 0
    if len(argv) == 3 and argv[0] == "ours":
        docs = documents_of(Path(argv[1]))
        with tempfile.TemporaryDirectory() as scratch:
            stats = index_documents(Path(scratch), docs, Path(argv[2]))
        print(f"{stats.documents} documents, {stats.terms} terms, {stats.chunks} chunks, {stats.new} new")
        return 0
    if len(argv) == 2 and argv[0] == "pagefind":
        pagefind(Path(argv[1]))
        shutil.rmtree(Path(argv[1]) / "pagefind")
        return 0
    print("\n".join(__doc__.strip().splitlines()[2:6]), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The site's search index beside Pagefind, on the same documents of one built site.

    python -m briefing.bench.searchindex ours SITE CACHE     index SITE's documents into a scratch folder
    python -m briefing.bench.searchindex pagefind SITE       run Pagefind 1.5.2 on SITE's document pages

`ours` reads the documents back from SITE's own index (search/d/: link, title, text) and
writes a new index beside it with briefing.site.search, with CACHE as its cache (empty: every
document's terms are made; filled by an earlier run: read back, as on a rebuild). `pagefind`
indexes the article of every document page, as the site did before it had its own index
(Pagefind stems Russian from <html lang="ru">). The scale benchmark runs both as separate
processes and reports wall time and peak RSS; Pagefind comes from requirements-dev.txt.
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
from ..site.search import Searchable, index_documents

GLOB = "documents/*/index.html"
ROOT = "article"  # Material's content column: the page's own text, not its navigation


def documents_of(site: Path) -> list[Searchable]:
    """The documents a built site's index holds."""
    docs = []
    for path in sorted((site / "search" / "d").glob("*.gz"), key=lambda p: int(p.stem)):
        page = json.loads(gzip.decompress(path.read_bytes()))
        docs.append(Searchable(page["u"], page["t"], page["x"]))
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


def main(argv: list[str]) -> int:
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
    print("\n".join(__doc__.strip().splitlines()[2:4]), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

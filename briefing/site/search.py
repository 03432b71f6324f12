"""The site's search index (site/search/), written from the documents themselves (what a
query costs a reader is measured by briefing/bench/browser.py).

A word's term is its Snowball Russian stem, but Snowball cuts names and short words too far
(«Алиев» → «ал», like «Аль»; «Медведев» → «медвед», like «медведь»; «Лавров» → «лавр», while
«Лаврова» → «лавров»), so (stem()):
- a word whose last two letters Snowball cut as -ов/-ев (a surname in the nominative, or a
  genitive plural) is its own term: «медведев», «лавров», «переговоров»; it is counted
  under Snowball's stem as well when that stem is MIN_STEM letters or more, so «переговорах»
  («переговор») still finds «переговоров» («Медведев» is found by «медведь» too: the cost);
- otherwise a Snowball stem shorter than MIN_STEM letters gives way to the word less one
  case or number ending (light(): «алиев», «газ», «нефт», «грузи»);
- otherwise Snowball's stem.
A posting also says whether the document holds the word that is the term itself («Алиев»
for «алиев»), so a query asking for that very form ranks those documents first. A reader's
browser (templates/theme/assets/search.js) gives a query's words the same terms, with the
same Snowball stemmer (here PyStemmer's C, there Snowball's generated JavaScript,
templates/theme/assets/stemmer.js) and the same rule (test_browser checks they agree on every
word of 300 news articles), and fetches only what the query needs, every file gzipped:

- `search/meta.json.gz`: the number of documents, each one's length in words, the first
  term of every index chunk, and a stamp of the whole index (the others are fetched with
  it, so a reader's cache never mixes two builds' files);
- `search/t/<n>.gz`: index chunk n, terms in order, each with the documents that hold it and
  how often (`term<TAB>id,n,id,n...`, ids as gaps from the previous one, n = 2 × count, + 1
  when the document holds the term's own word);
- `search/d/<id>.gz`: a document's link, title and text, for the result and its excerpt, and
  its date and source when it has them.

A document's terms and its fragment are a pure function of its link, title and text, kept
between builds in the cache (`.briefing/search/`); a build reads them and writes the chunks
again, so adding one document costs its own terms and one pass over everyone's, and the
index is byte-identical to a clean build's. Pagefind, which it replaces, has no incremental
mode and holds about 0.5 MB a page in memory (bench: `python -m briefing.bench scale`).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
import shutil
import sys
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..cache import link_or_copy, prune, write_atomic
from ..errors import BriefingError
from ..records import Analysis, Block, join_blocks

VERSION = 2  # of the index format and of what a document's terms are: part of every cache key
FOLDER = "search"
TITLE_WEIGHT = 3  # a word of the title counts as this many words of the text
CHUNK_CHARS = 48_000  # an index chunk's terms and postings, in characters (about 15 KB gzipped)

# What search.js does to a query: stress marks and soft hyphens out, lower case, ё as е,
# then runs of letters and digits ([\p{L}\p{N}]+ in JavaScript).
_MARKS = ("\u0301", "\u0300", "\u00ad")
_WORD = re.compile(r"[^\W_]+")

# Terms (search.js has the same rule and lists). A Snowball stem shorter than MIN_STEM is not
# trusted: the term is then the word less one case or number ending of LIGHT_ENDINGS (the
# longest that ends it: they are longest first), kept whole when fewer than LIGHT_KEEP
# letters would be left. Not among them: -ов/-ев/-ин/-ам, which end names in the nominative
# (Лавров, Алиев, Путин, Ильхам), and the и of -ия/-ии/-ию, so «Грузия» («грузи») is not «груз».
MIN_STEM = 5
LIGHT_KEEP = 3
LIGHT_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими",
                 "ой", "ей", "ом", "ем", "ах", "ях", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий",
                 "ых", "их", "ым", "им", "ью", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й")
WHOLE_ENDS = ("ов", "ев")  # Snowball cuts them from a surname's nominative as from a genitive plural


@dataclass(frozen=True, slots=True)
class Searchable:
    """What the index knows of a document: its page (from the site root), title and text,
    and the date and source a result shows (as the document page writes them, or "").
    The text is kept as the document's blocks and joined when read: a build holds every
    document's blocks anyway, and the index reads each text once (about 70 MB at N = 5000)."""

    url: str
    title: str
    blocks: tuple[Block, ...]
    date: str = ""
    source: str = ""

    @property
    def text(self) -> str:
        return join_blocks(self.blocks)

    @classmethod
    def of_text(cls, url: str, title: str, text: str, date: str = "", source: str = "") -> Searchable:
        return cls(url, title, (Block("paragraph", text),), date, source)


@dataclass(frozen=True)
class IndexStats:
    documents: int
    terms: int
    chunks: int
    new: int  # documents whose terms were not in the cache


def searchable(analyses: list[Analysis]) -> list[Searchable]:
    """What the index holds of each document: the page render() writes for it (documents/<id>.md)."""
    return [Searchable(f"documents/{a.document.id}/", a.document.title, a.document.blocks,
                       a.document.date.human() if a.document.date else "", _source(a.document.source, a.document.url))
            for a in analyses]


def _source(source: str, url: str) -> str:
    """The source's name; without one, the host of the document's address (or "")."""
    if source or not url:
        return source
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def words(text: str) -> list[str]:
    """The words of `text` as the index and the browser see them."""
    for mark in _MARKS:  # str.replace: str.translate with a table is ten times slower
        if mark in text:
            text = text.replace(mark, "")
    return _WORD.findall(text.lower().replace("ё", "е"))


_stemmer = None
_stems: dict[str, str] = {}


def light(word: str) -> str:
    """The word less its case or number ending (the longest of LIGHT_ENDINGS), or whole."""
    for ending in LIGHT_ENDINGS:  # longest first
        if word.endswith(ending):
            return word[: -len(ending)] if len(word) - len(ending) >= LIGHT_KEEP else word
    return word


def snowball(word: str) -> str:
    global _stemmer
    if _stemmer is None:
        import Stemmer

        _stemmer = Stemmer.Stemmer("russian")
    return _stemmer.stemWord(word)


def stem(word: str) -> str:
    """A word's term (from words()), as the module's docstring says; words in other scripts
    pass unchanged."""
    found = _stems.get(word)
    if found is None:
        cut = snowball(word)
        if word.endswith(WHOLE_ENDS) and cut == word[:-2]:
            found = word
        elif len(cut) < MIN_STEM:
            found = light(word)
        else:
            found = cut
        found = _stems[word] = sys.intern(found)
    return found


def also(word: str) -> str | None:
    """The other term a word of a document counts under: Snowball's stem of a word that is
    its own term for its -ов/-ев, when that stem has MIN_STEM letters or more."""
    if not word.endswith(WHOLE_ENDS) or stem(word) != word or len(word) - 2 < MIN_STEM:
        return None
    cut = word[:-2]
    return cut if snowball(word) == cut else None


def terms(title_text: str, text: str) -> tuple[int, Counter[str], set[str]]:
    """A document's length in words, how often each term occurs (title words weigh more),
    and the terms it holds as words (the document holds «алиев» itself, not only «алиеву»)."""
    body, title = words(text), words(title_text)
    counted: Counter[str] = Counter(body)
    for word in title:
        counted[word] += TITLE_WEIGHT
    counts: Counter[str] = Counter()
    whole: set[str] = set()
    for word, n in counted.items():  # each distinct word stemmed once
        term = stem(word)
        counts[term] += n
        if term == word:
            whole.add(term)
        other = also(word)
        if other is not None:
            counts[other] += n
    return len(body) + TITLE_WEIGHT * len(title), counts, whole


@functools.cache
def _tools() -> str:
    """What else a document's terms and fragment depend on: the stemmer's and zlib's versions."""
    from importlib.metadata import version

    return f"{VERSION} PyStemmer {version('PyStemmer')} zlib {zlib.ZLIB_RUNTIME_VERSION}"


def _key(doc: Searchable, text: str) -> str:
    return hashlib.sha256(f"{_tools()}\0{doc.url}\0{doc.title}\0{doc.date}\0{doc.source}\0{text}".encode()).hexdigest()


def _gzip_json(value: object, level: int = 6) -> bytes:
    return _gzip(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), level)


def _gzip(data: bytes, level: int = 6) -> bytes:
    """gzip without a time stamp: the same input, the same bytes. Level 9 is kept for the
    fragments (made once a document, read by every query that shows it); on the chunks,
    made on every build, it costs 7x the time of level 6 for 2 % less (N = 1000)."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def _order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units: the chunks are in that order."""
    return term.encode("utf-16-be")


def _stored(doc: Searchable, cache_dir: Path) -> tuple[int, list[str], list[int], Path, bool]:
    """The document's length, terms and their posting numbers (see _line()), and its
    fragment's file: from the cache, or
    made now and stored (the terms file last: it marks the entry whole)."""
    text = doc.text
    key = _key(doc, text)
    terms_file, fragment = cache_dir / f"{key}.terms", cache_dir / f"{key}.gz"
    try:
        length, names, counts = terms_file.read_text(encoding="utf-8").split("\n")
        if fragment.is_file():
            return int(length), names.split(" ") if names else [], [int(c) for c in counts.split()], fragment, False
    except (OSError, ValueError):
        pass
    size, counted, whole = terms(doc.title, text)
    names = sorted(counted)
    page = {"u": doc.url, "t": doc.title, "x": text}
    if doc.date:
        page["d"] = doc.date
    if doc.source:
        page["s"] = doc.source
    write_atomic(fragment, _gzip_json(page, 9))
    values = [2 * counted[n] + (n in whole) for n in names]  # as the postings write them
    write_atomic(terms_file, f"{size}\n{' '.join(names)}\n{' '.join(map(str, values))}".encode())
    return size, names, values, fragment, True


def index_documents(site: Path, docs: list[Searchable], cache_dir: Path) -> IndexStats:
    """Write site/search/ for `docs` (ids in the order of their links)."""
    if any(" " in d.url or "\n" in d.url for d in docs):
        raise BriefingError("search: a document link holds a space or a line break")
    docs = sorted(docs, key=lambda d: d.url)
    out = site / FOLDER
    (out / "d").mkdir(parents=True, exist_ok=True)
    (out / "t").mkdir(parents=True, exist_ok=True)
    postings: dict[str, array] = {}
    lengths: list[int] = []
    used: set[str] = set()
    stamp = hashlib.sha256()
    new = 0
    for i, doc in enumerate(docs):
        size, names, counts, fragment, made = _stored(doc, cache_dir)
        stamp.update(fragment.name.encode())
        new += made
        used.update((fragment.name, fragment.with_suffix(".terms").name))
        link_or_copy(fragment, out / "d" / f"{i}.gz")
        lengths.append(size)
        for name, count in zip(names, counts):
            found = postings.get(name)
            if found is None:
                found = postings[name] = array("I")
            found.append(i)
            found.append(count)
    prune(cache_dir, used)
    for old in cache_dir.iterdir() if cache_dir.is_dir() else ():  # folders: what Pagefind's stored indexes left
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    firsts: list[str] = []
    chunk: list[str] = []
    size = 0
    for name in sorted(postings, key=_order):
        line = _line(name, postings[name])
        if chunk and size + len(line) > CHUNK_CHARS:
            stamp.update(_write_chunk(out, len(firsts) - 1, chunk))
            chunk, size = [], 0
        if not chunk:
            firsts.append(name)
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        stamp.update(_write_chunk(out, len(firsts) - 1, chunk))
    # The browser asks for chunks and fragments with ?v=<stamp>: a reader's cache never mixes
    # files of two builds (ids are positions: one document added renumbers the rest).
    meta = {"version": VERSION, "stamp": stamp.hexdigest()[:16], "documents": len(docs), "lengths": lengths, "chunks": firsts}
    (out / "meta.json.gz").write_bytes(_gzip_json(meta))
    return IndexStats(len(docs), len(postings), len(firsts), new)


def _line(term: str, posting: array) -> str:
    """`term<TAB>gap,n,gap,n...`: ids as gaps from the one before (the first from 0), n as
    _stored() gives it (2 × count, + 1 when the document holds the term's own word)."""
    out, last = [], 0
    for j in range(0, len(posting), 2):
        out.append(f"{posting[j] - last},{posting[j + 1]}")
        last = posting[j]
    return term + "\t" + ",".join(out)


def _write_chunk(out: Path, n: int, lines: list[str]) -> bytes:
    data = _gzip("\n".join(lines).encode())
    (out / "t" / f"{n}.gz").write_bytes(data)
    return data

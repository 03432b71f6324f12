"""The pages there are many of (one per document, one per entity, one per month of the
archive, one per keyword letter), each a pure function of a small view that holds
everything its template may read, and kept between builds under a hash of that view.

Such a page is not given the briefing's lists (every document, every
keyword): it gets its own record and, for whatever it links to, a reference that holds only
what a link shows (`Linked`, `EntityRef`, `DossierRef`, `Anchor`). A template that reaches
for anything else fails (StrictUndefined), so the hash of the view covers the page: when
it is unchanged the stored Markdown is the page, without running Jinja (about 2 ms a page).
Adding a document then re-renders only the pages whose views changed.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..cache import prune, write_atomic
from ..records import Keyword, PartialDate, Sentence

PACKAGE = Path(__file__).resolve().parents[1]  # briefing/
TEMPLATES = PACKAGE.parent / "templates"
# Bump when what a view means changes without its fields changing.
PAGES_VERSION = 1


@dataclass(frozen=True)
class LinkedDocument:
    id: str
    title: str
    date: PartialDate | None
    source: str
    url: str


@dataclass(frozen=True)
class Linked:
    """A document as another page links to it (shaped like an Analysis: `.document`)."""

    document: LinkedDocument


@dataclass(frozen=True)
class ArchiveView:
    """A page of the documents list (briefing.stages.render.ArchivePage), or a link to one (no documents)."""

    name: str
    title: str
    documents: tuple[Linked, ...]


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    type: str

    @classmethod
    def of(cls, entity: Any) -> EntityRef:
        """A link to a briefing.records.Entity."""
        return cls(entity.id, entity.name, entity.type)


@dataclass(frozen=True)
class DossierRef:
    id: str
    title: str


@dataclass(frozen=True)
class Anchor:
    """Where a keyword's index entry is: keywords/<page>.md#<anchor>."""

    page: str
    anchor: str


@dataclass(frozen=True)
class DocumentAnalysis:
    """What a document page shows of its analysis."""

    summary: tuple[Sentence, ...]
    keywords: tuple[Keyword, ...]


@dataclass(frozen=True)
class EntityView:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class ActorView:
    """What an entity's page lists (briefing.stages.actors.Actor, with references for links)."""

    entity: EntityView
    kind: str
    documents: int
    shown: tuple  # briefing.stages.actors.Shown
    hidden: int
    dossiers: tuple[tuple[DossierRef, int], ...]
    together: tuple[tuple[EntityRef, int], ...]


def _fingerprint(value: Any) -> bytes:
    """The value's pickle without the memo: equal values give equal bytes, however their
    strings happen to be shared."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: no back-references that depend on object identity
    pickler.dump(value)
    return buffer.getvalue()


def _code_digest() -> str:
    """The code templates call (filters and helpers in stages/render.py, dates' human() in
    records.py, the entity types' labels in stages/actors.py), as this process imported it: read
    once, so a file edited while `serve` runs cannot stand for code the process does not run."""
    h = hashlib.sha256(f"{PAGES_VERSION}|{jinja2.__version__}|{sys.version}|".encode())
    for name in ("stages/render.py", "records.py", "stages/actors.py", "site/pages.py"):
        h.update(name.encode() + b"\0" + (PACKAGE / name).read_bytes())
    return h.hexdigest()


_CODE = _code_digest()


def template_sources(templates: Path) -> dict[str, str]:
    """The templates' texts, read once per render: what is hashed is what is rendered."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(templates.glob("*.j2"))}


def code_hash(sources: dict[str, str]) -> str:
    """What every page depends on besides its view: the templates' texts and the code."""
    h = hashlib.sha256(_CODE.encode())
    for name, text in sorted(sources.items()):
        h.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
    return h.hexdigest()


class PageStore:
    """Markdown of the N-sized pages, by the hash of (code, template, path, view)."""

    def __init__(self, folder: Path | None, code: str) -> None:
        self.folder = folder
        self.code = code
        self.used: set[str] = set()

    def key(self, template: str, path: str, view: dict[str, Any]) -> str:
        h = hashlib.sha256(f"{self.code}\0{template}\0{path}\0".encode())
        h.update(_fingerprint(sorted(view.items())))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.md"

    def get(self, key: str) -> str | None:
        if self.folder is None:
            return None
        self.used.add(f"{key}.md")
        try:
            return self.stored(key)
        except (OSError, UnicodeDecodeError):
            return None

    def stored(self, key: str) -> str:
        """What put() stored under `key` (maybe in another process): it must be there."""
        return self._path(key).read_text(encoding="utf-8")

    def put(self, key: str, markdown: str) -> None:
        if self.folder is not None:
            write_atomic(self._path(key), markdown.encode("utf-8"))

    def prune(self) -> None:
        if self.folder is not None:
            prune(self.folder, self.used)

"""Records passed between pipeline stages: frozen, comparable, readable reprs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose year may be unknown ("20 мая"); never invented."""

    year: int | None
    month: int
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 where complete; "--MM-DD" (ISO's own form) without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        month = MONTHS_GENITIVE[self.month - 1]
        parts = [str(self.day)] if self.day else []
        parts.append(month)
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        """Dates without a year sort before every dated one (oldest first)."""
        return (self.year or 0, self.month, self.day or 0)


BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True)
class Block:
    """One block of cleaned text: a heading, a paragraph or a list item."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Document:
    """A document as loaded (body raw) and then cleaned (title, blocks)."""

    id: str
    path: str
    format: Literal["txt", "md"]
    body: str
    title: str = ""
    date: PartialDate | None = None
    date_origin: Literal["front matter", "text", ""] = ""
    source: str = ""
    url: str = ""
    themes: tuple[str, ...] | None = None
    blocks: tuple[Block, ...] = ()

    @property
    def text(self) -> str:
        """The cleaned text: blocks joined by blank lines (list items by newlines)."""
        return join_blocks(self.blocks)


def join_blocks(blocks: tuple[Block, ...]) -> str:
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            same_list = block.kind == "item" and blocks[i - 1].kind == "item"
            out.append("\n" if same_list else "\n\n")
        out.append(block.text)
    return "".join(out)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text; `start`/`end` are offsets into Document.text."""

    index: int
    start: int
    end: int
    text: str
    block: int


@dataclass(frozen=True)
class Keyword:
    """A keyword in readable normal form; `key` is its lemma sequence (identity)."""

    text: str
    key: tuple[str, ...]
    score: float  # relevance in (0, 1]: higher is more relevant


@dataclass(frozen=True)
class Analysis:
    """Everything the per-document analysis derives from (text, settings)."""

    document: Document
    sentences: tuple[Sentence, ...]
    lemmas: tuple[str, ...]  # word lemmas in order, "" between sentences
    keywords: tuple[Keyword, ...]
    summary: tuple[Sentence, ...]


Basis = Literal["key sentences", "paragraph", "front matter"]


@dataclass(frozen=True)
class Membership:
    """Why a document belongs to a dossier, and where the document speaks of it."""

    document: str
    dossier: str
    score: float  # share of the document's sentences that hold a dossier term
    matched: tuple[tuple[str, int], ...]  # (term, occurrences), most frequent first
    by_front_matter: bool = False
    basis: Basis = "key sentences"
    paragraph: int | None = None  # for basis "paragraph": which one, from 1
    evidence: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (sentence index, its dossier terms)

    def reason(self) -> str:
        if self.by_front_matter:
            return "указано в метаданных документа (themes)"
        terms = ", ".join(f"«{t}» ×{n}" if n > 1 else f"«{t}»" for t, n in self.matched[:6])
        share = f"термины темы в {round(self.score * 100)} % предложений"
        if self.basis == "paragraph":
            return f"теме посвящён абзац {self.paragraph}; {share}: {terms}"
        return f"тема в ключевых предложениях документа; {share}: {terms}"


@dataclass(frozen=True)
class Dossier:
    """A thematic dossier and its members, newest first."""

    id: str
    title: str
    description: str
    members: tuple[Membership, ...] = field(default=())

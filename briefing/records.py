"""Records passed between pipeline stages: frozen, comparable, readable reprs; and the
Russian a reader sees them in (month names, a count's noun: `plural`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)


def plural_form(n: float, one: str, few: str, many: str) -> str:
    """The form of a word that agrees with the number n, the one rule for every count the
    site shows (templates get it as `plural_form`; theme/assets/search.js has its twin):
    `one` after 1, 21, 101 («документ»), `few` after 2–4, 22–24 («документа»), `many` after
    0, 5–20, 25–30, 111–114 («документов»); a fraction takes `few` («2,5 документа»).
    The forms are whatever the context governs: («в») 1 документе, 5 документах;
    «Последний» 21 документ, «Последние» 22."""
    if n != int(n):
        return few
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def plural(n: int, one: str, few: str, many: str) -> str:
    """The number and the word agreeing with it: 1 документ, 22 документа, 25 документов."""
    return f"{n} {plural_form(n, one, few, many)}"


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


@dataclass(frozen=True)
class When:
    """What a text says about a date, no more: any of year, month, day may be unknown.

    A range ("2020–2022 гг.", "10–12 ноября") has an `end`; a decade ("1990-е") is the
    range 1990–1999 with `decade` set. Nothing is ever filled in that the text did not write.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    end: When | None = None
    decade: bool = False

    def _iso_point(self) -> str:
        if self.year is None:
            if self.month is None:
                return ""
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def iso(self) -> str:
        """ISO 8601 at the precision written: "2023", "2020-11", "2020-11-10", "--11-10" (no
        year), "--11" (a month alone); a range or a decade as an interval, "2020/2022"."""
        if self.end is None:
            return self._iso_point()
        return f"{self._iso_point()}/{self.end._iso_point()}"

    def _human_point(self, with_year: bool = True) -> str:
        if self.month is None:
            return f"{self.year} г." if self.year is not None else ""
        if self.day is None:
            name = MONTHS_NOMINATIVE[self.month - 1]
            return f"{name} {self.year} г." if self.year is not None and with_year else name
        text = f"{self.day} {MONTHS_GENITIVE[self.month - 1]}"
        return f"{text} {self.year} г." if self.year is not None and with_year else text

    def human(self) -> str:
        """Russian: «10 ноября 2020 г.», «ноябрь 2020 г.», «2023 г.», «2020–2022 гг.»,
        «10–12 ноября 2020 г.», «1990-е гг.»."""
        end = self.end
        if end is None:
            return self._human_point()
        if self.decade and self.year is not None:
            return f"{self.year}-е гг."
        if self.month is None and end.month is None and self.year is not None and end.year is not None:
            return f"{self.year}–{end.year} гг."
        if (self.day and end.day and self.month == end.month and self.year == end.year):
            return f"{self.day}–{end._human_point()}"
        same_year = self.year is not None and self.year == end.year and self.month is not None
        return f"{self._human_point(with_year=not same_year)} – {end._human_point()}"

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        """Oldest first by start, then by end; without a year before every dated one (as PartialDate)."""
        end = self.end or self
        return (self.year or 0, self.month or 0, self.day or 0, end.year or 0, end.month or 0, end.day or 0)


@dataclass(frozen=True)
class DateMention:
    """A date written in a text: `text` is text[start:end] of the text it was found in."""

    start: int
    end: int
    text: str
    when: When


_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """What span of time a figure is for: a year, a range of years, or months of one year
    («первое полугодие 2024», «I квартал 2021», «январь–сентябрь 2017»). `year` is None when
    the text gives none it can be read from (never invented); `first`/`last` are months."""

    year: int | None
    first: int = 1
    last: int = 12
    end_year: int | None = None  # a range of years: 2020–2022

    @property
    def whole_years(self) -> bool:
        return self.first == 1 and self.last == 12

    def _part(self, short: bool) -> str:
        first, last = self.first, self.last
        if self.whole_years:
            return ""
        if last - first == 2 and first % 3 == 1:
            return f"{_QUARTERS[first // 3]} {'кв.' if short else 'квартал'}"
        if (first, last) in ((1, 6), (7, 12)):
            return ("I пол." if first == 1 else "II пол.") if short else ("первое полугодие" if first == 1 else "второе полугодие")
        if first == last:
            return MONTHS_NOMINATIVE[first - 1]
        names = [MONTHS_NOMINATIVE[m - 1] for m in (first, last)]
        return "–".join(n[:3] for n in names) if short else "–".join(names)

    def _label(self, short: bool) -> str:
        if self.end_year is not None:
            return f"{self.year}–{self.end_year}"
        part = self._part(short)
        year = str(self.year) if self.year is not None else ""
        return " ".join(x for x in (part, year) if x)

    def human(self) -> str:
        """«2023», «2020–2022», «первое полугодие 2024», «I квартал 2021», «январь–сентябрь 2017», «июль 2024»."""
        return self._label(short=False)

    def short(self) -> str:
        """For a chart's bar: «2023», «I пол. 2024», «I кв. 2021», «янв–сен 2017»."""
        return self._label(short=True)

    def iso(self) -> str:
        """"2023", "2020/2022", "2024-01/2024-06", "2024-07"; "" without a year."""
        if self.year is None:
            return ""
        if self.end_year is not None:
            return f"{self.year}/{self.end_year}"
        if self.whole_years:
            return str(self.year)
        if self.first == self.last:
            return f"{self.year}-{self.first:02d}"
        return f"{self.year}-{self.first:02d}/{self.year}-{self.last:02d}"

    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.year or 0, self.first, self.end_year or self.year or 0, self.last)


@dataclass(frozen=True)
class Figure:
    """A number a text states, with its unit and what it measures.

    `text` is text[start:end], qualifier included («около 300 тыс.»). `value` is the number
    times its scale (4.1e9 for «4,1 млрд»); a range («5–7 %») has its upper bound in `high`.
    `unit`: "USD", "RUB", "EUR", … for money, "%", "т", "км", … for measures, "×" for «в N
    раз», else the lemma of the counted noun ("турист"), "" if none. `measure`: lemma of what
    the number measures ("товарооборот"), "" when unknown; `change`: lemma of the word of
    change the number is the amount of ("рост", "вырасти"), "" if none.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str = ""
    scale_text: str = ""
    qualifier: str = ""
    measure: str = ""
    change: str = ""
    high: float | None = None

    @property
    def approx(self) -> bool:
        """«около», «более», «до», …: the number is a bound or an estimate, not exact."""
        return bool(self.qualifier)


BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True, slots=True)  # slots: every document holds many (memory at scale)
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
    date_origin: Literal["front matter", "header", "dateline", "url", ""] = ""
    source: str = ""
    url: str = ""
    themes: tuple[str, ...] | None = None
    blocks: tuple[Block, ...] = ()
    # Provenance (see briefing/nlp/provenance.py): where the source name came from, the
    # dateline's place, and when the file entered the repository (ISO 8601 with offset).
    source_origin: Literal["front matter", "dateline", "text", "url", ""] = ""
    place: str = ""
    added: str = ""
    added_origin: Literal["git", "file", ""] = ""

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


@dataclass(frozen=True, slots=True)  # slots: every document holds many (memory at scale)
class Sentence:
    """A sentence of the cleaned text; `start`/`end` are offsets into Document.text."""

    index: int
    start: int
    end: int
    text: str
    block: int


@dataclass(frozen=True, slots=True)  # slots: every document holds many (memory at scale)
class Keyword:
    """A keyword in readable normal form; `key` is its lemma sequence (identity)."""

    text: str
    key: tuple[str, ...]
    score: float  # relevance in (0, 1]: higher is more relevant


EntityType = Literal["PER", "ORG", "LOC"]


@dataclass(frozen=True, slots=True)  # slots: every document holds many (memory at scale)
class Mention:
    """A person, organisation or place named in a document (briefing/nlp/entities/).

    `start`/`end` are offsets into Document.text and `text` is text[start:end], verbatim
    («Ильхамом Алиевым»); `normal` is its normal form («Ильхам Алиев», «Российская
    Федерация», «МИД России»); `sentence` is the index of the sentence it is in."""

    sentence: int
    start: int
    end: int
    text: str
    type: EntityType
    normal: str


@dataclass(frozen=True)
class Entity:
    """One person, organisation or place across the briefing: its mentions merged.

    `id` is a slug of `name`, unique in the briefing; `aliases` are the other normal
    forms that were merged into it, most frequent first; `mentions` pairs each mention
    with the id of the document it is in."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[tuple[str, Mention], ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """Ids of the documents that mention it, in the order mentions were given."""
        return tuple(dict.fromkeys(doc for doc, _ in self.mentions))


@dataclass(frozen=True)
class Analysis:
    """Everything the per-document analysis derives from (text, settings)."""

    document: Document
    sentences: tuple[Sentence, ...]
    lemmas: tuple[str, ...]  # word lemmas in order, "" between sentences
    keywords: tuple[Keyword, ...]
    summary: tuple[Sentence, ...]
    entities: tuple[Mention, ...] = ()  # people, organisations, places, in text order


Basis = Literal["key sentences", "title and key sentences", "short document", "paragraph", "front matter"]


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
        share = f"термины темы в {round(self.score * 100)} % предложений" if self.score else "термины темы только в заголовке"
        if self.basis == "paragraph":
            return f"теме посвящён абзац {self.paragraph}; {share}: {terms}"
        if self.basis == "short document":
            return f"короткий документ целиком о теме; {share}: {terms}"
        if self.basis == "title and key sentences":
            return f"тема в заголовке и ключевых предложениях документа; {share}: {terms}"
        return f"тема в ключевых предложениях документа; {share}: {terms}"


@dataclass(frozen=True)
class Dossier:
    """A thematic dossier and its members, newest first."""

    id: str
    title: str
    description: str
    members: tuple[Membership, ...] = field(default=())

"""Where a document comes from, as far as it says: source, place, date.

The source is taken, best first, from the front matter (`source:`), the url (its
publisher: briefing/nlp/publishers.py), a dateline in the document's header («МОСКВА, 20
мая — РИА Новости.»), or the text's own attribution: «Об этом сообщает(ся) …» in its first
paragraph, or a closing credit line («Источник: ТАСС», «По материалам Reuters»). What the
body quotes («по данным Турции», «…, сообщает The Guardian») is a claim, never the
document's source. `source_origin` says which.

The date is the publication date or nothing: the front matter's, else a date line or a
dateline in the header (before the running text), else a date in the url's path; a date
in the body is an event the text mentions. A found date before 1990 or after the day the
file entered the repository is a warning, not a date; a day without a year gets the year
of the entry date only when it falls within YEAR_FROM_ENTRY_DAYS before it. A dateline also
gives the place; the clean stage takes it out of the text (rule drop_datelines), so
sentences and summaries never quote it.

Attributions are found by lemma (pymorphy3, through briefing/nlp/russian.py): a verb of
reporting (сообщать, передавать, писать, говориться…) or «по данным / по информации»,
then the source phrase in its normal form («на сайте кабмина РФ» → «Кабмин РФ»). A phrase
must name something (a capitalised word, an abbreviation, a Latin name) and not a person
(«сообщил Дмитрий Песков» is a statement, not a source).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Mapping

from .dates import find_date, header_end, url_date
from .phrases import normal_form
from .publishers import host, publisher
from ..records import Block, Document, PartialDate
from .russian import adapt_tokens, is_content, lemma, parse

_MONTH = r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)[а-яё]{0,6}\.?"
_DAY_MONTH = rf"\d{{1,2}} {_MONTH}(?: \d{{4}}(?: (?:года|г\.))?)?"
_CAPS_PLACE = r"[А-ЯЁ][А-ЯЁ]+(?:[- ][А-ЯЁ]+){0,3}"  # БАКУ, НЬЮ-ЙОРК, РОСТОВ-НА-ДОНУ, НИЖНИЙ НОВГОРОД
_TITLE_PLACE = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*){0,3}(?: [А-ЯЁ][а-яё]+)?"  # Баку, Нью-Йорк, Ростов-на-Дону
_DASH = r"[ \t]*[—–-][ \t]*"
_AGENCY = r"[A-ZА-ЯЁ][\w\-]*(?:\.[a-z]{2,4})?(?: [A-ZА-ЯЁ][\w\-]*){0,2}"  # Sputnik, РИА Новости, Интерфакс-Азербайджан

# The forms news agencies use, tried in this order at the start of a line:
DATELINES = (
    # «БАКУ, 18 авг — Sputnik.», «МОСКВА, 20 мая — РИА Новости.», «… — РИА Новости, Мария Иванова.»
    re.compile(rf"^(?P<place>{_CAPS_PLACE}), (?P<date>{_DAY_MONTH}),?{_DASH}(?P<agency>{_AGENCY})"
               r"(?:, [А-ЯЁ][а-яё\-]+(?: [А-ЯЁ][а-яё\-]+){0,2})?\.\s+", re.MULTILINE),
    # «МОСКВА, 20 мая. /ТАСС/.», «МОСКВА, 20 мая. /Корр. ТАСС Иван Петров/.»
    re.compile(rf"^(?P<place>{_CAPS_PLACE}), (?P<date>{_DAY_MONTH})\.?[ \t]*/(?P<slashed>[^/\n]{{2,60}})/\.?\s+", re.MULTILINE),
    # «Баку. 5 марта. ИНТЕРФАКС - », «Москва. 20 мая. INTERFAX.RU - »
    re.compile(rf"^(?P<place>{_TITLE_PLACE})\. (?P<date>{_DAY_MONTH})\.? (?P<agency>[A-ZА-ЯЁ][A-ZА-ЯЁ.\-]+){_DASH}(?=\S)", re.MULTILINE),
    # «БАКУ, 14 ноября 2024 — » and the text goes on (on this line or the next)
    re.compile(rf"^(?P<place>{_CAPS_PLACE}), (?P<date>{_DAY_MONTH}){_DASH}\n?(?=\S)", re.MULTILINE),
)


@dataclass(frozen=True)
class Dateline:
    place: str
    date: PartialDate | None
    agency: str


def _place(raw: str) -> str:
    """«РОСТОВ-НА-ДОНУ» -> «Ростов-на-Дону»: capitals as in running text."""
    if not raw.isupper():
        return raw
    parts = re.split(r"([- ])", raw.lower())
    return "".join(
        part if part in ("-", " ") or (i and not is_content(part)) else part[:1].upper() + part[1:]
        for i, part in enumerate(parts)
    )


def _agency(m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("slashed"):
        inside = re.sub(r"^(?:спец\.\s*)?корр\.\s*", "", groups["slashed"].strip(), flags=re.IGNORECASE)
        name = re.match(r"[A-ZА-ЯЁ][\w\-]*", inside)
        return name.group() if name else ""
    return (groups.get("agency") or "").rstrip(".")


def find_dateline(text: str) -> Dateline | None:
    """The dateline of the document's header: at the start of one of its first two lines of
    running text (a lead may come first; a dateline further down opens a quoted wire item)."""
    end = header_end(text, prose_lines=2)
    found = [m for pattern in DATELINES for m in [pattern.search(text)] if m and m.start() <= end]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return Dateline(_place(m["place"]), find_date(m["date"]), _agency(m))


def drop_datelines(text: str) -> str:
    """'БАКУ, 18 авг — Sputnik. ' at a paragraph start: place, date and agency, not content
    (find_dateline reads them first: they become the document's place, date and source)."""
    for pattern in DATELINES:
        text = pattern.sub("", text)
    return text


# Lemmas, not inflected forms: pymorphy3 gives «сообщается» -> сообщаться, «передаёт» -> передавать.
REPORTING = frozenset({
    "сообщать", "сообщить", "сообщаться", "передавать", "передать", "информировать", "проинформировать",
    "писать", "написать", "говориться", "указываться", "утверждаться",
})
ACCORDING = frozenset({"данные", "информация", "сообщение"})  # «по данным Reuters»
# Only words that open as one of these lemmas are lemmatised (their forms keep the first two
# letters: «пишет», «сообщили»): pymorphy3 costs about a millisecond for a word not seen yet.
_OPENINGS = tuple(sorted({w[:2] for w in REPORTING}))
# Where or in what it was said: «на сайте …», «в Telegram-канале …», «в материалах …»,
# «(новый) доклад …»; skipped before the source («доклад Минфина» -> Минфин).
CHANNELS = frozenset({
    "сайт", "страница", "канал", "телеграм", "аккаунт", "микроблог", "соцсеть", "сеть", "эфир",
    "twitter", "telegram", "facebook", "instagram", "youtube", "вконтакте", "твиттер",
    "сообщение", "материал", "заявление", "публикация", "релиз", "бюллетень", "доклад", "отчет",
    "исследование", "статья", "письмо", "документ",
})
# The kind of thing a name names: «агентство Reuters», «телеканал CNN», «компания TNS» -> the name.
KINDS = frozenset({
    "агентство", "информагентство", "издание", "газета", "журнал", "телеканал", "радиостанция", "портал",
    "компания", "корпорация", "группировка", "организация",
})
GENERIC = frozenset({"сми", "источник", "эксперт", "аналитик", "пресса", "журналист"})  # no one in particular
_PERSON = {"Name", "Surn", "Patr"}
_ADJ = {"ADJF", "PRTF"}
_STOP_POS = {"PREP", "CONJ", "PRCL", "VERB", "INFN", "GRND", "PRTS", "ADVB", "NPRO", "PRED", "INTJ", "NUMR", "COMP"}
_QUOTES = "«»\"“”„"
ATTRIBUTION_PARAGRAPHS = 3  # an attribution further into the text is a quotation, not the source


def _cyrillic(word: str) -> bool:
    return any("а" <= c <= "я" or c == "ё" for c in word.lower())


def _as_written(word: str) -> bool:
    """Latin names and abbreviations («Reuters», «МИД», «РФ») do not inflect."""
    return not _cyrillic(word) or (len(word) > 1 and word.replace("-", "").isupper())


def _lemma_last(word: str) -> str:
    """The lemma of a word, or of its last part when hyphenated («Telegram-канале» -> канал)."""
    return lemma(word.rsplit("-", 1)[-1]) if "-" in word else lemma(word)


def _word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _proper(word: str) -> bool:
    """A word that names: a Latin word, an abbreviation, a capitalised word (mid-sentence)."""
    return not _cyrillic(word) or word[:1].isupper()


def _stops(word: str) -> bool:
    """Where a source phrase ends: a number, or a word that is no part of a name."""
    if word.isdigit():
        return True
    if _as_written(word):
        return False
    return parse(word.lower())[0].tag.POS in _STOP_POS


def _someone(words: list[str], present: bool) -> bool:
    """A person, not a source: a known first name or surname («Дмитрий Песков»), a
    person's role as the head («глава Минфина», «бывший инженер-программист Twitter»), or
    one unknown capitalised word unless it reports in the present («сообщил Маск», «в
    заявлении Лансинга»; but «сообщает Укринформ»)."""
    for w in words:
        if w[:1].isupper() and not _as_written(w):
            if any(_PERSON & set(p.tag.grammemes) and p.is_known for p in parse(w.lower())):
                return True
    head = next((w for w in words if _as_written(w) or parse(w.lower())[0].tag.POS not in _ADJ), None)
    if head is None or _as_written(head):
        return False
    nouns = [p for p in parse(head.lower().rsplit("-", 1)[-1]) if p.tag.POS == "NOUN"]
    if nouns and "anim" in nouns[0].tag.grammemes and nouns[0].is_known:
        return True
    unknown = not any(p.is_known for p in parse(head.lower()))
    return len(words) == 1 and unknown and head[:1].isupper() and not present


def _normal(words: list[str]) -> str | None:
    """The phrase in the nominative («кабмина РФ» -> «Кабмин РФ»), capitals as written."""
    if all(_as_written(w) for w in words):
        normal = " ".join(words)
    else:
        normal = normal_form(" ".join(words))
        if normal is None:
            return None
    out = []
    for new, old in zip(normal.split(), words):
        if _as_written(old):
            out.append(old)
        elif old[:1].isupper():
            out.append(new[:1].upper() + new[1:])
        else:
            out.append(new)
    name = " ".join(out)
    return name[:1].upper() + name[1:]


def _without_kind(words: list[str]) -> list[str]:
    """«американский телеканал CNN» -> «CNN»: lower-case words up to a kind, then a name."""
    for i, w in enumerate(words[:-1]):
        if not w[:1].islower():
            break
        if _lemma_last(w) in KINDS and _proper(words[i + 1]):
            return words[i + 1 :]
    return words


def _head(words: list[str]) -> str:
    """The first word that is not an adjective before its noun."""
    return next((w for w in words if _as_written(w) or parse(w.lower())[0].tag.POS not in _ADJ), words[0])


def _name(words: list[str], present: bool, cases: frozenset[str]) -> str:
    """A source name made of `words`, or "": it must name, not be a person or anyone at all,
    and its head must stand in one of `cases` where the sentence puts the source («сообщает
    МИД» nominative; «на сайте кабмина» genitive; «сообщил Чемпионату» is no source)."""
    words = _without_kind(words)
    if not any(_proper(w) for w in words) or _someone(words, present):
        return ""
    if _as_written(words[0]) and any(_cyrillic(w) and w[:1].islower() for w in words[1:]):
        return ""  # «сообщил RT источник»: the one told, then who told it
    head = _head(words)
    if lemma(head) in GENERIC or len("".join(words)) < 2:
        return ""
    if not _as_written(head) and not any(
        p.tag.POS == "NOUN" and (p.tag.case in cases or "Fixd" in p.tag.grammemes) for p in parse(head.lower())
    ):
        return ""
    return _normal(words) or ""


_NOMINATIVE = frozenset({"nomn"})
_GENITIVE = frozenset({"gent", "gen2"})
_LOCATIVE = frozenset({"loct", "loc2"})


def _source_at(tokens: list[str], j: int, present: bool, cases: frozenset[str] = _NOMINATIVE) -> str:
    """The source phrase that starts at token j (after the verb), or ""."""
    n = len(tokens)
    if j < n and tokens[j].lower() in ("на", "в", "во"):
        skip_to, cases = j + 1, _LOCATIVE  # «сообщили в МИД России»: the place is the source
        for k in range(j + 1, min(n, j + 5)):
            if _lemma_last(tokens[k]) in CHANNELS:
                skip_to, cases, present = k + 1, _GENITIVE, False
                break
            if not (_word(tokens[k]) and (tokens[k][:1].islower() or parse(tokens[k].lower())[0].tag.POS in _ADJ)):
                break
        j = skip_to
    run: list[str] = []
    while j < n and len(run) < 8:
        token = tokens[j]
        if token in _QUOTES:
            run.append(token)
        elif not _word(token) or _stops(token):
            break
        else:
            run.append(token)
        j += 1
    lead = 0  # «новый доклад Минфина»: what was published, then whose
    while lead < len(run) - 1 and run[lead][:1].islower() and parse(run[lead].lower())[0].tag.POS in _ADJ:
        lead += 1
    if lead < len(run) - 1 and _lemma_last(run[lead]) in CHANNELS:
        run, cases, present = run[lead + 1 :], _GENITIVE, False
    quoted = re.search(r"[«\"“„]\s*(.+?)\s*[»\"”“]", " ".join(run))
    if quoted and run and run[0] not in _QUOTES and _lemma_last(run[0]) in KINDS:  # газета «Известия»: as written
        name = quoted.group(1).replace(" - ", "-")
        return name if _proper(name) and not _someone(name.split(), True) else ""
    words = [w for w in run if w not in _QUOTES]
    for size in range(len(words), 0, -1):  # the longest noun phrase that names a source
        name = _name(words[:size], present, cases)
        if name:
            return name
    return ""


def find_attribution(blocks: tuple[Block, ...]) -> str:
    """The source the text names in its first paragraphs: «…, сообщает МИД РФ.» -> «МИД РФ».
    A reader of phrases: own_attribution() says which of them are the document's own."""
    paragraphs = [b.text for b in blocks if b.kind != "heading"][:ATTRIBUTION_PARAGRAPHS]
    return next((source for text in paragraphs if (source := _attribution_in(text))), "")


def _attribution_in(text: str) -> str:
    tokens = [t.text for t in adapt_tokens(text)]
    for i, token in enumerate(tokens):
        if not _word(token):
            continue
        if token.lower().startswith(_OPENINGS) and lemma(token) in REPORTING:
            verb = parse(token.lower())[0].tag
            start, present = i + 1, verb.tense != "past"
        elif token.lower() == "по" and i + 1 < len(tokens) and lemma(tokens[i + 1]) in ACCORDING:
            start, present = i + 2, False
        else:
            continue
        source = _source_at(tokens, start, present, _GENITIVE if token.lower() == "по" else _NOMINATIVE)
        if source:
            return source
    return ""


# A closing credit line: «Источник: ТАСС», «По материалам Reuters», «(ТАСС)», «/РИА Новости/».
_CREDIT = re.compile(
    r"^\s*(?:(?:Источник(?:и)?|По материалам|По информации|Материал подготовлен по данным)\s*:?\s*(?P<named>[^\n]{2,60}?)"
    r"|[(/]\s*(?P<wrapped>[A-ZА-ЯЁ][\w .\-]{1,40}?)\s*[)/])\s*\.?\s*$"
)
_CREDIT_WORDS = 8  # a credit line is short


def own_attribution(last_line: str) -> str:
    """The source a document names as its own: a closing credit line (`last_line`: the
    text's last line, read before it is dropped as a heading). «…, сообщает Reuters» and
    even «Об этом сообщает РИА Новости» in the story are what it relays, not its signature
    (the hand-labelled sample, bench/SOURCE_LABELS.md, has news rewritten from an agency that
    say so and are not the agency's)."""
    last = last_line.strip()
    m = _CREDIT.match(last) if len(last.split()) <= _CREDIT_WORDS else None
    if not m:
        return ""
    raw = (m["named"] or m["wrapped"] or "").strip(" .«»\"")
    words = raw.split()
    if not words or not _proper(raw) or _someone(words, True) or lemma(words[0]) in GENERIC:
        return ""
    # «По информации Интерфакса»: the name in the nominative; «Источник: ТАСС» as written.
    name = (_normal(words) or raw) if m["named"] and last.lower().startswith("по ") else raw
    return name[:1].upper() + name[1:]


def url_host(url: str) -> str:
    """«http://www.kremlin.ru/events/…» -> «kremlin.ru»."""
    return host(url)


@dataclass(frozen=True)
class Found:
    """What the text itself says of its origin (the clean stage stores it with the text)."""

    dateline: Dateline | None = None
    attribution: str = ""  # own_attribution(): the document's own, never a quoted claim
    header_date: PartialDate | None = None  # a date line before the running text

    def to_json(self) -> dict:
        d = self.dateline
        return {
            "dateline": None if d is None else {"place": d.place, "agency": d.agency, "date": _date_json(d.date)},
            "attribution": self.attribution,
            "header_date": _date_json(self.header_date),
        }

    @staticmethod
    def from_json(data: dict) -> Found:
        d = data.get("dateline")
        dateline = None if d is None else Dateline(d["place"], _date_of(d["date"]), d["agency"])
        return Found(dateline, data.get("attribution", ""), _date_of(data.get("header_date")))


def _date_json(date: PartialDate | None) -> list | None:
    return None if date is None else [date.year, date.month, date.day]


def _date_of(value: list | None) -> PartialDate | None:
    return None if value is None else PartialDate(*value)


EARLIEST_YEAR = 1990  # an earlier date found in a header or a url is history, not publication
YEAR_FROM_ENTRY_DAYS = 60  # «20 мая» in a dateline: the entry date's year, if it is this recent
_SLACK = dt.timedelta(days=1)  # time zones: a document dated the day after it entered is fine


def entry_day(added: str) -> dt.date | None:
    """The day a document entered the repository (briefing/history.py), if known."""
    try:
        return dt.datetime.fromisoformat(added.replace("Z", "+00:00")).date() if added else None
    except ValueError:
        return None


def with_entry_year(date: PartialDate, entered: dt.date | None) -> PartialDate:
    """A day without a year, given the year that puts it within YEAR_FROM_ENTRY_DAYS before
    the entry day (at most one does); otherwise left without one."""
    if date.year is not None or date.day is None or entered is None:
        return date
    for year in (entered.year, entered.year - 1):
        try:
            day = dt.date(year, date.month, date.day)
        except ValueError:
            continue
        if dt.timedelta(0) <= entered - day <= dt.timedelta(days=YEAR_FROM_ENTRY_DAYS):
            return PartialDate(year, date.month, date.day)
    return date


def _after(date: PartialDate, entered: dt.date | None) -> bool:
    if entered is None or date.year is None:
        return False
    first = dt.date(date.year, date.month, date.day or 1)
    return first > entered + _SLACK


def publication_date(doc: Document, found: Found, problems: list[str]) -> tuple[PartialDate | None, str]:
    """The document's own date and where it came from (module docstring); what was found and
    refused is said in `problems`."""
    entered = entry_day(doc.added)
    if doc.date is not None and doc.date_origin == "front matter":
        if not _after(doc.date, entered):
            return doc.date, "front matter"
        problems.append(f"front matter: date {doc.date.human()} is after the day the file entered the repository "
                        f"({entered.isoformat()}): not used")
    d = found.dateline
    candidates = [(found.header_date, "header"), (d.date if d else None, "dateline"), (url_date(doc.url), "url")]
    kept: list[tuple[PartialDate, str]] = []
    for date, origin in candidates:
        if date is None:
            continue
        date = with_entry_year(date, entered)
        where = {"header": "date line", "dateline": "dateline", "url": "url"}[origin]
        if date.year is not None and date.year < EARLIEST_YEAR:
            problems.append(f"{where} date {date.human()} is before {EARLIEST_YEAR}: not taken as the publication date")
        elif _after(date, entered):
            problems.append(f"{where} date {date.human()} is after the day the file entered the repository "
                            f"({entered.isoformat()}): not taken as the publication date")
        else:
            kept.append((date, origin))
    # A full date wins over a day without a year; else the first found.
    return next(((date, origin) for date, origin in kept if date.year is not None), kept[0] if kept else (None, ""))


def apply(doc: Document, found: Found, sources: Mapping[str, str] | None = None) -> tuple[Document, tuple[str, ...]]:
    """Source, place and date by precedence (module docstring), and what was refused on the
    way (warnings). `sources`: the user's table of publishers by host (site_config.yaml)."""
    problems: list[str] = []
    date, date_origin = publication_date(doc, found, problems)
    d = found.dateline
    if doc.source and doc.source_origin in ("", "front matter"):  # given, not found by an earlier apply
        source, origin = doc.source, "front matter"
    elif doc.url:
        source, origin = publisher(doc.url, sources), "url"
    elif d and d.agency:
        source, origin = d.agency, "dateline"
    elif found.attribution:
        source, origin = found.attribution, "text"
    else:
        source, origin = "", ""
    return replace(doc, date=date, date_origin=date_origin, source=source, source_origin=origin,  # type: ignore[arg-type]
                   place=d.place if d else ""), tuple(problems)

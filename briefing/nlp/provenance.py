"""Where a document comes from, as far as it says: source, place, date.

A source name is taken, best first, from the front matter (`source:`), a dateline
(«МОСКВА, 20 мая — РИА Новости.»), the text's own attribution («сообщает МИД РФ»,
«сообщается на сайте кабмина РФ», «по данным Reuters») or the host of the document's URL
(kremlin.ru); `source_origin` says which. A dateline also gives the place and, unless the
front matter gives one, the date (`date_origin` "dateline"); the clean stage takes it out
of the text (rule drop_datelines), so sentences and summaries never quote it.

Attributions are found by lemma (pymorphy3, through briefing/nlp/russian.py): a verb of
reporting (сообщать, передавать, писать, говориться…) or «по данным / по информации»,
then the source phrase in its normal form («на сайте кабмина РФ» → «Кабмин РФ»). A phrase
must name something (a capitalised word, an abbreviation, a Latin name) and not a person
(«сообщил Дмитрий Песков» is a statement, not a source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from .dates import find_date
from .phrases import normal_form
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
    """The first dateline at the start of a line of `text`, if any."""
    found = [m for pattern in DATELINES for m in [pattern.search(text)] if m]
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
    """The source the text names in its first paragraphs: «…, сообщает МИД РФ.» -> «МИД РФ»."""
    paragraphs = [b.text for b in blocks if b.kind != "heading"][:ATTRIBUTION_PARAGRAPHS]
    for text in paragraphs:
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


def url_host(url: str) -> str:
    """«http://www.kremlin.ru/events/…» -> «kremlin.ru»."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class Found:
    """What the text itself says of its origin (the clean stage stores it with the text)."""

    dateline: Dateline | None = None
    attribution: str = ""

    def to_json(self) -> dict:
        d = self.dateline
        return {
            "dateline": None if d is None else {
                "place": d.place, "agency": d.agency,
                "date": None if d.date is None else [d.date.year, d.date.month, d.date.day],
            },
            "attribution": self.attribution,
        }

    @staticmethod
    def from_json(data: dict) -> Found:
        d = data.get("dateline")
        dateline = None if d is None else Dateline(d["place"], None if d["date"] is None else PartialDate(*d["date"]), d["agency"])
        return Found(dateline, data.get("attribution", ""))


def apply(doc: Document, found: Found) -> Document:
    """Source, place and date by precedence: front matter, dateline, text, URL host."""
    date, date_origin = doc.date, doc.date_origin
    d = found.dateline
    if d and d.date and date_origin != "front matter":
        agrees = date is not None and date.year is not None and d.date.year is None and (date.month, date.day) == (d.date.month, d.date.day)
        if not agrees:  # a text date that is the same day with its year is the more precise
            date, date_origin = d.date, "dateline"
    if doc.source and doc.source_origin in ("", "front matter"):  # given, not found by an earlier apply
        source, origin = doc.source, "front matter"
    elif d and d.agency:
        source, origin = d.agency, "dateline"
    elif found.attribution:
        source, origin = found.attribution, "text"
    elif url_host(doc.url):
        source, origin = url_host(doc.url), "url"
    else:
        source, origin = "", ""
    return replace(doc, date=date, date_origin=date_origin, source=source, source_origin=origin,  # type: ignore[arg-type]
                   place=d.place if d else "")

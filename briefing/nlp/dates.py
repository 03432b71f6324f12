"""Dates as news text writes them: "2022-06-29 22:30:00", "18.08.2024", "18 авг", "20 мая".

A date without a year stays partial (PartialDate.year is None): never invented.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import PartialDate

# Month names and the abbreviations news sites use, by their first letters.
_MONTH_STEMS = (
    ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("мая", 5), ("май", 5),
    ("июн", 6), ("июл", 7), ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
)
_FULL_NAMES = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
    "сентября", "октября", "ноября", "декабря",
}

_PATTERNS = (
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?!\d)")),
    ("dotted", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")),
    # Only words that open like a month are candidates (the rest is checked by _month):
    # a text has thousands of «число слово» pairs and few dates.
    ("words", re.compile(r"(?<!\d)(\d{1,2})\s+((?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)[а-яё]{0,5})\.?(?:\s+(\d{4})(?!\d))?", re.IGNORECASE)),
)


def _month(word: str) -> int | None:
    word = word.lower()
    if len(word) > 4 and word not in _FULL_NAMES and word not in ("сент", "июнь", "июль"):
        return None
    for stem, month in _MONTH_STEMS:
        if word.startswith(stem):
            return month
    return None


def _valid(year: int | None, month: int, day: int) -> PartialDate | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 февраля stays valid
    except ValueError:
        return None
    if year is not None and not 1900 <= year <= 2100:
        return None
    return PartialDate(year, month, day)


def _from_match(kind: str, m: re.Match[str]) -> PartialDate | None:
    if kind == "iso":
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if kind == "dotted":
        return _valid(int(m[3]), int(m[2]), int(m[1]))
    month = _month(m[2])
    if month is None:
        return None
    return _valid(int(m[3]) if m[3] else None, month, int(m[1]))


# Where a date of any form may start: one pass over the text finds the candidates, which
# the full patterns then check in place (their look-behinds see the text before). Three
# passes of the full patterns took 1.2 ms for an average news text, on every build.
_CANDIDATE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)",
    re.IGNORECASE,
)


def find_date(text: str) -> PartialDate | None:
    """The first date written in the text, in any of the supported forms."""
    pos = 0
    while (candidate := _CANDIDATE.search(text, pos)) is not None:
        start = candidate.start()
        for kind, pattern in _PATTERNS:
            m = pattern.match(text, start)
            date = _from_match(kind, m) if m else None
            if date is not None:
                return date
        pos = start + 1
    return None


def parse_date(value: object) -> PartialDate | None:
    """A front-matter date: a YAML date, or a string in a supported form, whole."""
    if isinstance(value, dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        for kind, pattern in _PATTERNS:
            m = pattern.fullmatch(text)
            if m:
                return _from_match(kind, m)
    return None


# --- A document's own date: its header and its address, never its body -------------------

_TIME_AFTER = re.compile(r"(?:,|\s)\s*(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:мск|MSK|UTC|GMT)\b)?\s*$", re.IGNORECASE)
_YEAR_WORD = re.compile(r"\s+(?:года|г\.?)\s*$")
_WEEKDAY = re.compile(r"^(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье),?\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?:[»\"”)]*)\s")
HEADER_LINES = 8  # a header longer than this is not a header: no date line is taken from it


def is_prose(line: str) -> bool:
    """A line of running text (where a document's header ends): several words and a
    sentence's end, or long."""
    words = line.split()
    return len(line) >= 200 or (len(words) >= 8 and _SENTENCE_END.search(line + " ") is not None)


def header_end(text: str, prose_lines: int = 1) -> int:
    """Where the header ends: the lines before the first line of running text (title,
    kicker, a date line, a place), and the first `prose_lines` lines of running text (a
    dateline opens the first, or the second after a lead)."""
    pos, seen = 0, 0
    for n, line in enumerate(text.split("\n")):
        end = pos + len(line)
        seen += is_prose(line.strip())
        if seen >= prose_lines or n >= HEADER_LINES + prose_lines - 1:
            return end
        pos = end + 1
    return len(text)


def date_line(line: str) -> PartialDate | None:
    """A line that is a date and nothing else: «2022-06-29 22:30:00», «18.08.2024, 14:30»,
    «Вторник, 20 мая 2017 года», «18 августа 2024 в 09:55»."""
    text = _WEEKDAY.sub("", line.strip())
    text = _YEAR_WORD.sub("", _TIME_AFTER.sub("", text)).strip(" ,")
    return parse_date(text) if text else None


def header_date(text: str) -> PartialDate | None:
    """The first date line among the lines before the first line of running text."""
    lines = text[: header_end(text)].split("\n")
    for line in lines[:-1] if len(lines) > 1 else []:  # the last is running text, or the cut
        date = date_line(line)
        if date is not None:
            return date
    return None


_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?=[/_.-])"),  # /2018-03-22/
    re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?=/)"),  # /2017/05/12/
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),  # /20170512/
)


def url_date(url: str) -> PartialDate | None:
    """The publication date a news address carries in its path: /2018-03-22/, /2017/05/12/."""
    for pattern in _URL_DATES:
        m = pattern.search(url)
        if m:
            date = _valid(int(m[1]), int(m[2]), int(m[3]))
            if date is not None:
                return date
    return None

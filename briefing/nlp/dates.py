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

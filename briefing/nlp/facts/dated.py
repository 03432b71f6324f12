"""Dates: what the text writes, never more (the table in briefing/nlp/facts/__init__.py)."""

from __future__ import annotations

import datetime as dt

from ...records import DateMention, When
from .words import (YEARS, _DASHES, _DAY, _DAY_ORDINAL, _DAY_RANGE, _DECADE, _DOTTED, _ISO, _SEASONS,
                    _YEAR_ORDINAL, _YEAR_RANGE, _Tokens, _is_year_word, _lemma, _month_abbreviation,
                    _month_word)


def _date(year: int | None, month: int | None, day: int | None) -> When | None:
    if year is not None and year not in YEARS:
        return None
    if month is not None and day is not None:
        try:
            dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 февраля stays valid
        except ValueError:
            return None
    return When(year, month, day)


def _year(t: _Tokens, i: int) -> int | None:
    w = t.word(i)
    if len(w) == 4 and w.isdigit() and int(w) in YEARS:
        return int(w)
    return None


def _cue(t: _Tokens, i: int) -> int | None:
    """Index past a year cue at token i («году», «г.», «гг.»), or None."""
    if t.joined(i) and _is_year_word(t.word(i)):
        return t.after_dot(i) if t.low(i) in ("г", "гг") else i + 1
    return None


def _month_at(t: _Tokens, i: int, after_day: bool) -> tuple[int, int] | None:
    """(month, index past it) for a month name at token i."""
    w = t.word(i)
    if not w.isalpha() or not t.joined(i):
        return None
    month = _month_word(w)
    if month is not None and (after_day or w[0].islower()):
        return month, i + 1
    if after_day:
        month = _month_abbreviation(w)
        if month is not None:
            return month, t.after_dot(i)
    return None


def _day_month(t: _Tokens, i: int) -> tuple[int, int, int, int | None, int | None] | None:
    """«10 ноября [2020 [года]]» at i: (day, month, index past, year, index of the year)."""
    w = t.word(i)
    if m := _DAY_ORDINAL.fullmatch(w):  # «15-го декабря»
        w = m[1]
    if not _DAY.fullmatch(w):
        return None
    found = _month_at(t, i + 1, after_day=True)
    if found is None:
        return None
    month, j = found
    year = _year(t, j) if t.joined(j) else None
    if year is None and t.joined(j) and (m := _YEAR_ORDINAL.fullmatch(t.word(j))) and int(m[1]) in YEARS:
        year = int(m[1])  # «на 1 ноября 2017-го»
    if year is None:
        return int(w), month, j, None, None
    return int(w), month, _cue(t, j + 1) or j + 1, year, j


def _glued(t: _Tokens, i: int) -> bool:
    """A number glued to what makes it something else: «G20», «24/7», «10:00», «№ 5»."""
    prev, nxt = t.word(i - 1), t.word(i + 1)
    if t.touching(i) and (prev[-1:].isalnum() or prev in ("/", ":", "+", ".", ",", "-", "№", "#")):
        return True
    if t.touching(i + 1) and (nxt in (":", "/", "+") or (nxt[:1].isalnum() and not nxt[:1].isdigit())):
        return True
    return prev == "№"


def _date_at(t: _Tokens, i: int) -> list[tuple[int, int, When]]:
    """The dates whose expression starts at token i: [(first token, past last, When)]."""
    w = t.word(i)
    if not w[:1].isdigit() and not w[:1].isalpha():
        return []
    if m := _ISO.fullmatch(w):
        when = _date(int(m[1]), int(m[2]), int(m[3]))
        return [(i, i + 1, when)] if when else []
    if m := _DOTTED.fullmatch(w):
        when = _date(int(m[3]), int(m[2]), int(m[1]))
        return [(i, i + 1, when)] if when else []
    if w[:1].isdigit() and _glued(t, i) and not (t.touching(i + 1) and t.word(i + 1) in _DASHES):
        return []

    # day ranges: «10–12 ноября», «с 10 по 12 ноября»
    m = _DAY_RANGE.fullmatch(w)
    found = _month_at(t, i + 1, after_day=True) if m else None
    if m and found:
        month, j = found
        year = _year(t, j) if t.joined(j) else None
        end = _cue(t, j + 1) or j + 1 if year else j
        a, b = _date(year, month, int(m[1])), _date(year, month, int(m[2]))
        if a and b and int(m[1]) < int(m[2]):
            return [(i, end, When(a.year, a.month, a.day, end=b))]
    if _DAY.fullmatch(w) and t.low(i - 1) in ("с", "со") and t.low(i + 1) == "по":
        second = _day_month(t, i + 2)
        if second and int(w) < second[0]:
            day2, month, end, year, _ = second
            a, b = _date(year, month, int(w)), _date(year, month, day2)
            if a and b:
                return [(i, end, When(a.year, a.month, a.day, end=b))]

    # «10 ноября [2020 года]», «31 октября — 1 ноября 2017 года»
    first = _day_month(t, i)
    if first:
        day, month, j, year, _ = first
        if year is None and t.word(j) in _DASHES and t.joined(j):
            second = _day_month(t, j + 1)
            if second and second[1] >= month:
                day2, month2, end, year2, _ = second
                a, b = _date(year2, month, day), _date(year2, month2, day2)
                if a and b and (month, day) < (month2, day2):
                    return [(i, end, When(a.year, a.month, a.day, end=b))]
        when = _date(year, month, day)
        return [(i, j, when)] if when else []

    # «в ноябре 2020 года», «ноябрь 2020», «в мае»
    if w.isalpha():
        found = _month_at(t, i, after_day=False) if not t.word(i - 1).isdigit() else None
        if found:
            month, j = found
            year = _year(t, j) if t.joined(j) else None
            if year is None and (m := _YEAR_ORDINAL.fullmatch(t.word(j))) and int(m[1]) in YEARS:
                year = int(m[1])  # «в октябре 2017-го»
            if year is not None:
                return [(i, _cue(t, j + 1) or j + 1, When(year, month))]
            return [(i, j, When(None, month))]
        return []

    # decades and ordinal years: «1990-х [годов]», «2016-го [года]»
    if m := _DECADE.fullmatch(w):
        start = int(m[1])
        if start in YEARS:
            end = _cue(t, i + 1) or i + 1
            return [(i, end, When(start, end=When(start + 9), decade=True))]
        return []
    if m := _YEAR_ORDINAL.fullmatch(w):
        year = int(m[1])
        cue = _cue(t, i + 1)
        nxt = t.word(i + 1)
        if year in YEARS and (cue or not nxt or not t.joined(i + 1) or not any(c.isalnum() for c in nxt)):
            return [(i, cue or i + 1, When(year))]
        return []

    # ranges of years: «2020–2022 гг.», «2020 — 2022 годы», «с 2019 [года] по 2021 год»
    if m := _YEAR_RANGE.fullmatch(w):
        y1, y2 = int(m[1]), int(m[2])
        cue = _cue(t, i + 1)
        if cue and y1 in YEARS and y2 in YEARS and y1 < y2:
            return [(i, cue, When(y1, end=When(y2)))]
        return []
    year = _year(t, i)
    if year is None:
        return []
    cue = _cue(t, i + 1)
    if t.word(i + 1) in _DASHES and t.joined(i + 1):
        y2 = _year(t, i + 2) if t.joined(i + 2) else None
        cue2 = _cue(t, i + 3)
        if y2 and cue2 and year < y2:
            return [(i, cue2, When(year, end=When(y2)))]
    if t.low(i - 1) in ("с", "со"):
        j = cue or i + 1
        if t.low(j) in ("по", "до") and (y2 := _year(t, j + 1)):
            cue2 = _cue(t, j + 2)
            if (cue or cue2) and year < y2:
                return [(i, cue2 or j + 2, When(year, end=When(y2)))]
    if cue:
        return [(i, cue, When(year))]
    # «в 2019 и 2020 годах», «2019, 2020 и 2021 гг.»: one mention per year
    chain, j = [(i, year)], i + 1
    while t.word(j) in (",", "и") and t.joined(j) and (y := _year(t, j + 1)) and t.joined(j + 1):
        chain.append((j + 1, y))
        j += 2
    cue = _cue(t, j) if len(chain) > 1 else None
    if cue:
        return [(k, cue if k == chain[-1][0] else k + 1, When(y)) for k, y in chain]
    if _lemma(t.word(i - 1)) in _SEASONS and t.joined(i) and t.word(i - 1).isalpha():
        return [(i, i + 1, When(year))]  # «осенью 2016»: the season itself is not kept
    return []


def _date_spans(t: _Tokens) -> list[tuple[int, int, When]]:
    out: list[tuple[int, int, When]] = []
    i = 0
    while i < len(t):
        found = _date_at(t, i)
        if found:
            out.extend(found)
            i = max(end for _, end, _ in found)
        else:
            i += 1
    return out


def dated_mentions(text: str) -> list[DateMention]:
    """Every date the text writes, in text order, as precise as it is written (see module doc)."""
    t = _Tokens(text)
    out = []
    for a, b, when in _date_spans(t):
        start, end = t.toks[a].start, t.toks[b - 1].end
        out.append(DateMention(start, end, text[start:end], when))
    return out

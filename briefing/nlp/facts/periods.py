"""Periods: what span of time a figure is for («в 2023 году», «за первое полугодие этого года»,
«в I квартале 2021 года», «с января по март»), and which of a sentence's periods is a figure's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records import Figure, Period
from .dated import _cue, _date_spans, _year
from ..russian import fold, parse
from .words import _Tokens, _is_year_word, _lemma, _month_word

_ORDINALS = {"первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL_DIGITS = re.compile(r"([1-4])-(?:й|м|го|му|ом|е)")
_COUNTS = {"два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
           "десять": 10, "одиннадцать": 11}
# «этого года» is the year the document is dated; an undated document gives no year.
_RELATIVE = {"этот": 0, "текущий": 0, "сей": 0, "нынешний": 0, "прошлый": -1, "минувший": -1, "прошедший": -1,
             "позапрошлый": -2, "следующий": 1, "будущий": 1}
# «с 2009 года», «после 2014 года»: since, not for; «по сравнению с 2015 годом», «против 2022
# года», «чем в 2016 году»: the base of a comparison, not the figure's period.
_SINCE = {"с", "со", "после", "начиная", "от"}
_COMPARED = {"сравнение", "против", "чем", "аналогичный", "относительно"}
# «в начале этого года»: a moment, not a period, but it gives its year to what follows it.
_MOMENT = {"начало", "конец", "середина", "канун"}


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    text: str
    period: Period


def _relative_year(t: _Tokens, i: int, year: int | None) -> tuple[int | None, int] | None:
    """(year, index past) for «этого года», «в прошлом году», «текущего года» at token i."""
    if not (t.joined(i) and t.joined(i + 1) and t.word(i).isalpha()) or not _is_year_word(t.word(i + 1)) \
            or t.low(i + 1) in ("г", "гг"):
        return None
    # by any analysis: pymorphy3's best for «этого», «прошлого» is the noun «это», «прошлое»
    shift = next((_RELATIVE[n] for p in parse(t.low(i)) if (n := fold(p.normal_form)) in _RELATIVE), None)
    if shift is None:
        return None
    return (year + shift if year is not None else None), i + 2


def _year_after(t: _Tokens, j: int, year: int | None) -> tuple[int | None, int, bool]:
    """(year, index past, whether one was written) for «2024 года», «2024», «сего года» at j."""
    if t.joined(j) and (y := _year(t, j)):
        return y, _cue(t, j + 1) or j + 1, True
    if found := _relative_year(t, j, year):
        return found[0], found[1], True
    return None, j, False


def _months_at(t: _Tokens, i: int) -> tuple[int, int, int] | None:
    """(first month, last month, index past) of a part of a year at token i: «первое полугодие»,
    «I квартале», «1-й квартал», «первой половине», «январе-июне», «январь — июнь», «января по март»."""
    w, low = t.word(i), t.low(i)
    n = _ORDINALS.get(low if low in ("i", "ii", "iii", "iv") and w.isupper() else _lemma(w) if w.isalpha() else "")
    if n is None and (m := _ORDINAL_DIGITS.fullmatch(low)):
        n = int(m[1])
    if n is not None and t.joined(i + 1):
        noun = _lemma(t.word(i + 1))
        if noun == "квартал":
            return 3 * n - 2, 3 * n, i + 2
        if noun in ("полугодие", "половина") and n <= 2:
            return (1, 6, i + 2) if n == 1 else (7, 12, i + 2)
    if "-" in w or "–" in w or "—" in w:  # «январе-июне», «январь–июнь»
        parts = re.split(r"[-–—]", w)
        months = [_month_word(p) for p in parts] if len(parts) == 2 and all(parts) else []
        if len(months) == 2 and None not in months and months[0] < months[1]:
            return months[0], months[1], i + 1
        return None
    first = _month_word(w) if w.isalpha() and w[:1].islower() else None
    if first is None:
        return None
    if t.word(i + 1) in ("-", "–", "—") or (t.low(i + 1) == "по" and t.low(i - 1) in ("с", "со")):
        last = _month_word(t.word(i + 2)) if t.word(i + 2).isalpha() else None
        if last is not None and first < last and t.joined(i + 2):
            return first, last, i + 3
    return None


def _count_months(t: _Tokens, i: int) -> tuple[int, int, int] | None:
    """«девять месяцев», «9 месяцев»: the first n months of a year (only with a year after)."""
    low = t.low(i)
    n = _COUNTS.get(_lemma(t.word(i))) if low.isalpha() else int(low) if low.isdigit() and len(low) <= 2 else None
    if n is not None and 2 <= n <= 11 and t.joined(i + 1) and _lemma(t.word(i + 1)) == "месяц":
        return 1, n, i + 2
    return None


def _excluded(t: _Tokens, i: int) -> bool:
    """A year after «с», «после» (since), or in a comparison («по сравнению с 2015 годом»)."""
    if t.low(i - 1) in _SINCE:
        return True
    return any(_lemma(t.word(k)) in _COMPARED for k in range(max(0, i - 4), i) if t.word(k).isalpha())


def _spans(t: _Tokens, year: int | None) -> list[tuple[int, int, Period]]:
    out: list[tuple[int, int, Period]] = []
    seen: set[int] = set()  # tokens read as a part of a year or a relative year
    anchors: list[tuple[int, int | None]] = []  # (index past, year) of a year phrase that is no period itself
    i = 0
    while i < len(t):
        part = _months_at(t, i) or _count_months(t, i)
        if part:
            first, last, j = part
            y, past, written = _year_after(t, j, year)
            if not written and _count_months(t, i):
                i += 1
                continue  # «за три месяца»: a duration
            if not written:
                y = next((a for end, a in reversed(anchors) if end == i or (end == i - 1 and t.word(i - 1) == ",")
                          or (end == i - 2 and t.word(end) == "," and t.low(i - 1) in ("с", "со"))), None)
            ranged = t.low(i - 1) in ("с", "со") and t.low(i + 1) == "по"  # «с января по март»: not since
            if ranged or not _excluded(t, i):
                out.append((i, past, Period(y, first, last)))
            seen.update(range(i, past))
            i = past
            continue
        if rel := _relative_year(t, i, year):
            y, past = rel
            if t.word(i - 1).isalpha() and _lemma(t.word(i - 1)) in _MOMENT:
                anchors.append((past, y))
            elif y is not None and not _excluded(t, i):
                out.append((i, past, Period(y)))
            seen.update(range(i, past))
            i = past
            continue
        i += 1
    for a, b, when in _date_spans(t):
        if a in seen or when.year is None or when.decade or when.day is not None or _excluded(t, a):
            continue
        if t.word(a - 1).isalpha() and _lemma(t.word(a - 1)) in _MOMENT:
            continue  # «в начале 2024 года»
        if when.end is not None:
            if when.month is None and when.end.month is None and when.end.year is not None:
                out.append((a, b, Period(when.year, end_year=when.end.year)))
        elif when.month is not None:
            out.append((a, b, Period(when.year, when.month, when.month)))
        else:
            out.append((a, b, Period(when.year)))
    return sorted(out, key=lambda x: x[0])


def periods(text: str, year: int | None = None) -> list[PeriodMention]:
    """Every period the text writes, in text order; `year` is the document's, for «этого года»."""
    t = _Tokens(text)
    out = []
    for a, b, period in _spans(t, year):
        start, end = t.toks[a].start, t.toks[b - 1].end
        out.append(PeriodMention(start, end, text[start:end], period))
    return out


def figure_periods(text: str, found: list[Figure], year: int | None = None) -> list[Period | None]:
    """The period each figure of `text` is for: the last period written between the figure
    before it and itself, else the first after it before the next figure, else the period of
    the figure before it when no more than three words part them («В 2023 году экспорт
    составил 3 млрд, импорт — 1 млрд»); a period written before a figure and a clause away
    («Проект стартовал в 2013 году, …, запасы оцениваются в 70 млн тонн») is not its own."""
    mentions = periods(text, year)
    out: list[Period | None] = []
    for k, f in enumerate(found):
        after_previous = found[k - 1].end if k else 0
        # «4 млрд долларов в 2023 году, а экспорт — 3 млрд»: a period right after a figure
        # (three words at most between), a comma closing it, is that figure's, not the next one's
        mentions_here = [m for m in mentions if not (k and _postposed(text, found[k - 1], m, f))]
        before_next = found[k + 1].start if k + 1 < len(found) else len(text)
        between = [m for m in mentions_here if after_previous <= m.start and m.end <= f.start and not _clause_away(text, m, f)]
        after = [m for m in mentions if f.end <= m.start and m.end <= before_next]
        chosen = between[-1] if between else after[0] if after else None
        if chosen is None and k and len(text[found[k - 1].end:f.start].split()) <= 3:
            out.append(out[-1])  # «экспорт составил 3 млрд, импорт — 1 млрд», «вырос на 7 % — до 2 млрд»
        else:
            out.append(chosen.period if chosen else None)
    return out


def _postposed(text: str, before: Figure, m: PeriodMention, f: Figure) -> bool:
    """Is `m` written right after the figure `before` («3,2 % ВВП в 2017 году, 2,2 % …»)?"""
    gap = text[before.end:m.start]
    after = text[m.end:f.start]
    return before.end <= m.start and m.end <= f.start and "," not in gap and len(gap.split()) <= 3 \
        and ("," in after or after.split()[:1] == ["и"])


def _finite(words: str) -> bool:
    return any(parse(fold(w))[0].tag.POS == "VERB" for w in re.findall(r"[а-яёА-ЯЁ]+", words))


def _clause_away(text: str, m: PeriodMention, f: Figure) -> bool:
    """«Проект стартовал в 2013 году, месторождение находится …, запасы оцениваются в 70 млн
    тонн»: the period is the object of a verb before it, and a comma later another finite
    verb opens the figure's clause. («В 2023 году, по данным Росстата, товарооборот составил …»
    and «выразили удовлетворение достигнутым в 2023 году уровнем, превысившим 4,3 млрд» keep it.)"""
    clause_start = max(text.rfind(",", 0, m.start), text.rfind(".", 0, m.start)) + 1
    after = text[m.end:f.start]
    return "," in after and _finite(text[clause_start:m.start]) and _finite(after[after.index(","):])

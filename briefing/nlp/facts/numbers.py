"""Finding numbers: a number with its scale, unit or counted noun and qualifier, as a Figure."""

from __future__ import annotations

import re
from decimal import Decimal

from ...records import Figure
from ..russian import fold, parse
from .dated import _date_spans, _glued
from .measures import _carried, _measure
from .words import (YEARS, _CURRENCIES, _CURRENCY_ADJECTIVES, _GROUP_SPACES, _NOT_COUNTED, _NOT_MEASURES, _NUMBER,
                    _NUMBER_RANGE, _QUALIFIERS, _SCALES, _SIGNS, _SQUARE, _THOUSANDS, _UNITS, _Tokens, _adjective,
                    _lemma, _noun, _pos)


def _agrees(number: str, scaled: bool, analysis) -> bool:
    """Can a noun in this analysis be counted by this number («2 тонны», «5 тонн», «1 тонна»)?"""
    tag = analysis.tag
    if tag.POS != "NOUN":
        return False
    plural = "plur" in tag or "Pltm" in tag
    if scaled:
        return "gent" in tag and plural
    if not number.isdigit():
        return "gent" in tag
    n = int(number)
    if 11 <= n % 100 <= 14:
        return plural
    if n % 10 == 1:
        return not plural
    if 2 <= n % 10 <= 4:
        return ("gent" in tag and not plural) or (plural and "gent" not in tag and "nomn" not in tag)
    return plural


def _counted(t: _Tokens, k: int, number: str, scaled: bool) -> tuple[str, int] | None:
    """(lemma, index past it) of the noun the number counts, adjectives skipped («18
    конституционных поправок»); an adjective used as a noun counts when no noun follows
    it («500-600 военных Азербайджана»: pymorphy3 offers «военный» as a noun too)."""
    j = k
    while j < k + 2 and t.joined(j) and _adjective(t.word(j)):
        j += 1
    found = _counted_noun(t, j, number, scaled, best_only=True)
    if found is None and j > k:
        found = _counted_noun(t, k, number, scaled, best_only=False)
    return found


def _counted_noun(t: _Tokens, j: int, number: str, scaled: bool, best_only: bool) -> tuple[str, int] | None:
    w = t.word(j)
    if not (t.joined(j) and w.replace("-", "").isalpha() and w[0].islower() and len(w) > 1):
        return None
    if best_only and _pos(w) != "NOUN":
        return None
    for p in parse(fold(w)):
        if p.tag.POS == "NOUN" and _agrees(number, scaled, p) and not (_NOT_MEASURES | {"Abbr"}) & set(p.tag.grammemes):
            return fold(p.normal_form), j + 1
    return None


def _unit(t: _Tokens, k: int, number: str, scaled: bool, after_v: bool) -> tuple[str, int, bool]:
    """(unit, index past it, whether it is a real unit rather than a counted noun) at token k."""
    w, low = t.word(k), t.low(k)
    if not t.joined(k) or not w:
        return "", k, False
    if w == "%":
        return "%", k + 1, True
    if w in _SIGNS:
        return _SIGNS[w], k + 1, True
    if low in ("°", "ºc", "°c", "°с", "ºс"):
        return "°", k + 1, True
    if low == "п" and t.word(k + 1) == "." and t.low(k + 2) == "п":  # «п.п.»
        return "п.п.", t.after_dot(k + 2), True
    if not w.isalpha():
        return "", k, False
    lemma = low if low in _CURRENCIES or low in _UNITS or low in _SQUARE else _lemma(w)
    if lemma in _SQUARE:  # «кв. м», «квадратных километров», «куб. м»
        j = t.after_dot(k)
        inner = t.low(j) if t.low(j) in _UNITS else _lemma(t.word(j))
        if t.joined(j) and _UNITS.get(inner) in ("м", "км"):
            return _UNITS[inner] + _SQUARE[lemma], j + 1, True
        return "", k, False
    if lemma == "процентный" and _lemma(t.word(k + 1)) == "пункт":
        return "п.п.", k + 2, True
    if _adjective(w) and t.joined(k + 1) and (noun := _lemma(t.word(k + 1))) in {*_CURRENCIES, "крона"}:
        return _CURRENCY_ADJECTIVES.get(lemma, noun), k + 2, True  # «канадских долларов»: CAD
    if lemma in _CURRENCIES:
        j = t.after_dot(k) if low == lemma else k + 1
        if fold(t.word(j)) == "сша" and t.joined(j):
            j += 1
        return _CURRENCIES[lemma], j, True
    if lemma in _UNITS:
        return _UNITS[lemma], k + 1, True  # «м», «км», «т» are symbols: a dot after them ends the sentence
    comparative = any(p.tag.POS == "COMP" for p in parse(t.low(k + 1))[:3]) if t.joined(k + 1) else False
    if lemma == "раз" and (after_v or comparative):
        return "×", k + 1, True  # «в 2,5 раза», «до 100 раз выше»
    counted = _counted(t, k, number, scaled)
    if counted:
        return counted[0], counted[1], False
    return "", k, False


def _scale(t: _Tokens, k: int) -> tuple[float, str, int]:
    w = t.word(k)
    if t.joined(k) and w.isalpha():
        low = fold(w)
        lemma = low if low in _SCALES else _lemma(w)
        if lemma in _SCALES:
            return _SCALES[lemma], w, t.after_dot(k)
    return 1.0, "", k


def _qualifier(t: _Tokens, s: int) -> tuple[str, int]:
    """The qualifier before token s («около», «не менее», «более чем») and its first token."""
    one, two = t.low(s - 1), t.low(s - 2)
    if not t.joined(s):
        return "", s
    if one == "чем" and two in ("более", "менее", "больше", "меньше") and t.joined(s - 1):
        return f"{t.word(s - 2)} {t.word(s - 1)}", s - 2
    if one in ("минимум",) and two == "как" and t.joined(s - 1):
        return f"{t.word(s - 2)} {t.word(s - 1)}", s - 2
    if one in _QUALIFIERS:
        if two == "не" and one in ("более", "менее", "больше", "меньше") and t.joined(s - 1):
            return f"{t.word(s - 2)} {t.word(s - 1)}", s - 2
        return t.word(s - 1), s - 1
    return "", s


def _number(t: _Tokens, i: int) -> tuple[str, str | None, int] | None:
    """(number, upper bound of a range, index past) at token i: thousands groups joined."""
    w = t.word(i)
    m = _NUMBER_RANGE.fullmatch(w)
    if m:
        return m[1], m[2], i + 1
    if not _NUMBER.fullmatch(w):
        return None
    j = i + 1
    if re.fullmatch(r"\d{1,3}", w):
        while _THOUSANDS.fullmatch(t.word(j)) and t.gap(j) in _GROUP_SPACES:
            w += t.word(j)
            j += 1
            if "," in w:
                break
    return w, None, j


def _value(number: str, scale: float) -> float:
    """The number times its scale, exactly as written: 4,1 × 10^9 is 4100000000.0."""
    return float(Decimal(number.replace(",", ".")) * Decimal(int(scale)))


def figures(text: str) -> list[Figure]:
    """Every figure the text states, in text order (see the module doc for what counts)."""
    t = _Tokens(text)
    covered = {k for a, b, _ in _date_spans(t) for k in range(a, b)}
    out: list[Figure] = []
    i = limit = 0
    while i < len(t):
        found = None if i in covered else _figure_at(t, i, covered, limit)
        if found:
            figure, i = found
            out.append(figure)
            limit = i
        else:
            i += 1
    return _carried(text, out)


def _figure_at(t: _Tokens, i: int, covered: set[int], limit: int) -> tuple[Figure, int] | None:
    parsed = _number(t, i)
    if parsed is None or _glued(t, i) and t.word(i - 1) not in _SIGNS:
        return None
    number, high, j = parsed
    if any(k in covered for k in range(i, j)) or t.touching(j) and t.word(j) in (":", "/", "+"):
        return None
    if t.word(i - 1) == "(" and t.word(j) == ")" and t.touching(i) and t.touching(j):
        return None  # «(41)»: a paragraph number
    if t.word(j) in (".", ")") and t.touching(j) and (i == 0 or not t.joined(i)):
        return None  # «1.», «2)» opening a line: a list number
    scale, scale_text, k = _scale(t, j)
    value = _value(number, scale)
    high_value = _value(high, scale) if high else None
    while scale_text and _NUMBER.fullmatch(t.word(k)) and t.joined(k):  # «4 трлн 192 млрд»
        smaller, smaller_text, k2 = _scale(t, k + 1)
        if not smaller_text or smaller >= scale:
            break
        value += _value(t.word(k), smaller)
        scale, k = smaller, k2
    s = i
    sign = ""
    if t.word(i - 1) in _SIGNS and t.joined(i):
        sign, s = _SIGNS[t.word(i - 1)], i - 1
    qualifier, q = _qualifier(t, s)
    before = t.low(q - 1)
    unit, past, real = _unit(t, k, number, bool(scale_text), after_v=before == "в")
    if unit in _NOT_COUNTED:
        return None  # a duration or an age: see the module doc
    if sign:
        if not real:
            past = k  # «$4 млрд инвестиций»: the noun after the sign's number is what it measures
        unit, real = sign, True
    if real and t.word(past) == "/" and t.touching(past) and t.touching(past + 1) and t.word(past + 1).isalpha():
        unit, past = f"{unit}/{t.word(past + 1)}", past + 2  # «200 м/с», «65 км/ч»
    if not unit and not scale_text:
        return None
    if t.touching(past) and t.word(past) in ("-", "–") and t.touching(past + 1) and t.word(past + 1).isalpha():
        return None  # «3%-ный барьер»: an adjective, not an amount
    if t.touching(past) and t.word(past) == ";" or t.word(q - 1) == '"' == t.word(past) and t.touching(q) \
            or t.word(q - 1) == ":" and re.fullmatch(r"\W?[A-Za-z-]+", t.word(q - 2)):
        return None  # «padding-bottom: 56.25%;», «width: "100%"», «height: 100%»: style sheets and code
    if not scale_text and not real and not qualifier and _noun(t.word(i - 1)) is not None and t.joined(i):
        return None  # «статья 5», «резолюция 2231», «пункт 3 статьи»: a label
    if not scale_text and not real and _lemma(t.word(i - 1)) in ("статья", "пункт", "часть", "глава"):
        return None
    if not real and number.isdigit() and int(number) in YEARS and len(number) == 4 \
            and t.low(q - 1) in ("в", "с", "к", "после"):
        return None  # «В 2013 стороны договаривались»: a year without its cue, not 2013 sides
    amount = before == "на" or unit == "×"
    measure, change = _measure(t, q, past, unit, real, amount, covered, limit)
    start, end = t.toks[q].start, t.toks[past - 1].end
    return Figure(
        start=start, end=end, text=t.text[start:end], value=value, unit=unit,
        scale_text=scale_text, qualifier=qualifier, measure=measure, change=change,
        high=high_value,
    ), past

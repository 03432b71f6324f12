"""Dated events and figures in Russian news text: the extraction layer under a dossier's
timeline and key figures. Both are pure functions of a text (a sentence, or more).

Tokens are razdel's (briefing.russian.adapt_tokens). Month names, «год», scale words
(«тыс.», «миллиардов»), units and measured nouns are recognised by their pymorphy3 lemma;
regular expressions only read the shapes of digits ("4,1", "2020–2022", "18.08.2024",
"1990-х"). Words of a multi-word expression must stand on one line.

Dates (dated_mentions) — what the text writes, never more:
  «2022-06-29», «18.08.2024»                    full dates
  «10 ноября 2020 года», «10 ноября»            day + month (+ year when written)
  «10–12 ноября», «с 10 по 12 ноября», «31 октября — 1 ноября 2017 года»   day ranges; the
                                                end's year is given to the start only when
                                                the start's month is not later than the end's
  «в ноябре 2020 года», «ноябрь 2020», «в мае»  month (+ year); a bare month must be lower case
  «в 2023 году», «2023 г.», «2016-го»           year: a 4-digit number 1800–2100 with a year
                                                cue after it («год» in any case but «лет»,
                                                «г.», «гг.»), a month before it, or a season
                                                before it («осенью 2016»); «2016-го»/«2016-м»
                                                need a cue or nothing but punctuation after
  «в 2020-2022 годах», «2020 — 2022 гг.», «с 2019 по 2021 год»   a range of years (cue needed)
  «в 2019 и 2020 годах»                         one mention per year
  «в 1990-х», «1990-е годы»                     a decade: When(1990, end=When(1999), decade=True);
                                                «90-х» is skipped (the century is not written)
Anything else is not a date: «2023 человека», «в 2000 километрах», «10:00», «24/7».

Figures (figures) — a number with what tells its size:
  number     digits with a decimal comma or point; groups of three after a single space,
             no-break or thin space are thousands («1 500», «11 557»); «5–7» is a range
             (Figure.high)
  scale      «тыс.», «млн», «млрд», «трлн» and the words they abbreviate: value × 10^3…10^12;
             «4 трлн 192 млрд» is one figure
  unit       a currency sign before the number («$4 млрд», «€50 млн») or a unit after it
             («долларов (США)», «долл.», «руб.», «евро», «%», «процента», «тонн», «км», «кв. м»,
             «м/с», …) normalised to a code ("USD", "RUB", "EUR", "%", "т", "км", "м²");
             «канадских долларов» is "CAD", an adjective not in the table leaves the lemma
             ("доллар"); «в N раз» and «N раз выше» give "×"; otherwise the counted noun after
             the number, as its lemma ("турист"), when its number and case agree with the
             number (adjectives between are skipped)
  qualifier  «около», «более», «свыше», «почти», «порядка», «до», «от», «не менее», … before
             the number; kept in the span and in Figure.qualifier (Figure.approx)
  The span keeps an abbreviation's dot («руб.», «тыс.», also at the end of a sentence, where
  Russian writes one dot for both) but not the dot after a symbol («м», «км», «т»).
Not figures: numbers that belong to a date; numbers with neither scale nor unit nor counted
noun (so list numbers, scores, bare counts); a number right after a noun without a scale or a
real unit («статья 5», «пункт 3 статьи», «резолюция 2231»); numbers glued to letters, «/»,
«:», «+» or «№» («G20», «24/7», «10:00», «5+20»); ordinals («2-й»: not digits alone); roman
numerals; a year-like number after «в», «с», «к», «после» with only a counted noun («В 2013
стороны договорились»); style sheets and code («height: 100%»); durations and ages («14 лет»,
«3 месяца», «в возрасте 45 лет») and «13 числа», «7 утра»: a number whose counted noun is a
unit of time is dropped — the timeline, not the key figures, is where time goes.

What a figure measures (Figure.measure, .change), first that applies:
  1. after a real unit, a genitive noun right after it: «70% граждан» → "гражданин",
     «2 млн тонн нефти» → "нефть", «$4 млрд инвестиций» → "инвестиция";
  2. a noun to the left in the same clause, not before the previous figure:
     - if no verb stands between it and the number: the nearest noun, unless it is in the
       dative («принесли президенту») or in a prepositional phrase («в размере», «на сумму»,
       «между странами»), which are passed over;
     - else the subject of the nearest verb: a nominative noun that agrees with it in number
       (and gender in the past) — «Товарооборот между странами составил 4,1 млрд» →
       "товарооборот"; for a participle, the noun it agrees with in case («уровнем торговли,
       превысившим 4,3 млрд»);
     - «Длина корпуса — 127,9 м»: across a dash, only the noun right before it;
     past a comma only a subject counts; quoted names are skipped; names, places and
     organisations are never a measure;
  3. the counted noun itself («600 тыс. туристов» → "турист"), unless 2 found a noun of
     amount with its genitive («число туристов достигло 600 тыс. человек» → "турист").
  The noun found in 2 is followed up its genitive chain («темпы роста ВВП»): a noun of change
  («рост», «снижение», …) in the chain becomes Figure.change and the noun after it the measure
  («рост товарооборота на 7,1 %» → "товарооборот", "рост"); a generic noun of amount heading
  the chain gives way to its dependent («объём торговли» → "торговля"). A number after «на» or
  «в … раз» is an amount of change: a verb of change before it («вырос на 7 %») becomes
  Figure.change ("вырасти").

Checked by hand on Russia Today and Nezavisimaya Gazeta news (../shared/eval-data, never
copied here), random samples of 60: dates 180 of 180 right in three samples (as written; some
are less precise than the text, e.g. «с ноября по декабрь 2016 года» gives «ноябрь» without
its year); figures 57–59 of 60 right in value, unit and span (misses: markup, «м/с» before it
was read, a rubric title «5 книг недели»); the measure is wrong in about 1 in 10 and empty in
about 1 in 4.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from .records import MONTHS_GENITIVE, DateMention, Figure, When
from .russian import Span, adapt_tokens, fold, parse

YEARS = range(1800, 2101)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NUMBER_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)[-–—](\d+(?:[.,]\d+)?)")
_THOUSANDS = re.compile(r"\d{3}(?:,\d+)?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DAY = re.compile(r"\d{1,2}")
_DAY_ORDINAL = re.compile(r"(\d{1,2})-(?:го|е)")
_DAY_RANGE = re.compile(r"(\d{1,2})[-–—](\d{1,2})")
_YEAR_RANGE = re.compile(r"(\d{4})[-–—](\d{4})")
_YEAR_ORDINAL = re.compile(r"(\d{4})-(?:го|м|й|ом)")
_DECADE = re.compile(r"(\d{3}0)-(?:х|е|ых|ые)")

_DASHES = {"-", "–", "—"}
_GROUP_SPACES = {" ", "\u00a0", "\u2009", "\u202f"}
_BOUNDARIES = {".", "!", "?", ";", ":", "(", ")", "[", "]", "«", "»", '"', "“", "”", "„", "…"} | _DASHES

# Normalisation tables: keys are lemmas (pymorphy3's normal form; an abbreviation is its own).
_SCALES = {
    "тысяча": 1e3, "тыс": 1e3, "миллион": 1e6, "млн": 1e6,
    "миллиард": 1e9, "млрд": 1e9, "триллион": 1e12, "трлн": 1e12,
}
_CURRENCIES = {
    "доллар": "USD", "долл": "USD", "usd": "USD", "рубль": "RUB", "руб": "RUB", "rub": "RUB",
    "евро": "EUR", "eur": "EUR", "юань": "CNY", "грн": "UAH", "фунт": "GBP", "гривна": "UAH", "тенге": "KZT",
    "иена": "JPY", "йена": "JPY", "франк": "CHF", "лира": "TRY", "манат": "AZN", "сум": "UZS",
    "драм": "AMD", "лари": "GEL", "сом": "KGS", "рупия": "INR", "вона": "KRW", "злотый": "PLN",
}
_CURRENCY_ADJECTIVES = {  # «канадских долларов», «белорусских рублей»
    "американский": "USD", "канадский": "CAD", "австралийский": "AUD", "гонконгский": "HKD",
    "сингапурский": "SGD", "новозеландский": "NZD", "белорусский": "BYN", "швейцарский": "CHF",
    "турецкий": "TRY", "российский": "RUB", "шведский": "SEK", "норвежский": "NOK",
    "датский": "DKK", "чешский": "CZK",
}
_SIGNS = {"$": "USD", "€": "EUR", "₽": "RUB", "£": "GBP"}
_UNITS = {
    "процент": "%", "тонна": "т", "т": "т", "километр": "км", "км": "км", "метр": "м", "м": "м",
    "сантиметр": "см", "см": "см", "миллиметр": "мм", "мм": "мм", "килограмм": "кг", "кг": "кг",
    "грамм": "г", "гр": "г", "гектар": "га", "га": "га", "баррель": "барр.", "кубометр": "м³", "литр": "л",
    "градус": "°", "мегаватт": "МВт", "мвт": "МВт", "гигаватт": "ГВт", "гвт": "ГВт",
    "киловатт": "кВт", "квт": "кВт", "миля": "миля", "узел": "уз.",
}
_SQUARE = {"кв": "²", "квадратный": "²", "куб": "³", "кубический": "³"}
_TIME = {"год", "месяц", "неделя", "день", "сутки", "час", "минута", "секунда", "век", "десятилетие"}
# After a number these are a date or a time of day, not things counted: «с 13 числа», «с 7 утра».
_NOT_COUNTED = _TIME | {"число", "утро", "вечер", "ночь"}
_SEASONS = {"весна", "лето", "осень", "зима"}
_CHANGE_NOUNS = {
    "рост", "прирост", "снижение", "увеличение", "сокращение", "падение", "повышение",
    "понижение", "уменьшение", "подорожание", "удешевление", "спад",
}
_CHANGE_VERBS = {
    "вырасти", "расти", "увеличиться", "увеличиваться", "увеличить", "увеличивать",
    "сократиться", "сокращаться", "сократить", "сокращать", "снизиться", "снижаться",
    "снизить", "снижать", "упасть", "падать", "повыситься", "повышаться", "повысить",
    "повышать", "понизиться", "понизить", "уменьшиться", "уменьшаться", "уменьшить",
    "подорожать", "дорожать", "подешеветь", "дешеветь", "нарастить", "прибавить", "потерять",
    "обвалиться", "подскочить", "опуститься", "подняться",
}
_AMOUNT_NOUNS = {"объём", "объем", "число", "количество", "уровень", "показатель", "размер", "сумма"}
_QUALIFIERS = {
    "около", "более", "свыше", "почти", "порядка", "до", "менее", "примерно", "приблизительно",
    "больше", "меньше", "от", "максимум", "минимум", "практически",
}
_NOT_MEASURES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Init"}


# ---------------------------------------------------------------- words, by lemma

@lru_cache(maxsize=1)
def _month_lemmas() -> dict[str, int]:
    """«январь» … «декабрь» → 1 … 12: the lemmas of the genitive names dates are written with."""
    return {fold(parse(name)[0].normal_form): i + 1 for i, name in enumerate(MONTHS_GENITIVE)}


@lru_cache(maxsize=20_000)
def _month_word(word: str) -> int | None:
    """The month a word names in any case («ноябре», «мая»), by pymorphy3's lemma."""
    months = _month_lemmas()
    for p in parse(fold(word)):
        if p.tag.POS == "NOUN" and fold(p.normal_form) in months:
            return months[fold(p.normal_form)]
    return None


def _month_abbreviation(word: str) -> int | None:
    """«авг», «сент», «дек»: three or four letters that open exactly one month's lemma."""
    w = fold(word)
    if not 3 <= len(w) <= 4 or not w.isalpha():
        return None
    hits = [m for name, m in _month_lemmas().items() if name.startswith(w)]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    return fold(parse(fold(word))[0].normal_form)


@lru_cache(maxsize=50_000)
def _is_year_word(word: str) -> bool:
    """«год» in any case and number, «г», «гг»; not «лет» (2000 лет is a duration)."""
    w = fold(word)
    if w in ("г", "гг"):
        return True
    if w.startswith("лет"):
        return False
    return any(p.tag.POS == "NOUN" and p.normal_form == "год" for p in parse(w))


def _pos(word: str) -> str | None:
    return parse(fold(word))[0].tag.POS


def _is_verb(word: str) -> bool:
    return _pos(word) in ("VERB", "INFN", "PRTS", "GRND", "PRTF")


def _noun(word: str):
    """The best noun analysis of a word that can name what is measured, or None."""
    if len(word) < 2 or not any(c.isalpha() for c in word):
        return None
    best = parse(fold(word))[0]
    if best.tag.POS != "NOUN" or _NOT_MEASURES & set(best.tag.grammemes):
        return None
    if word[:1].isupper() and word[1:2].islower() and "Abbr" in best.tag:
        return None  # «Ст.», «Гл.»: a capitalised abbreviation opens a label, not a measure
    return best


def _adjective(word: str) -> bool:
    return word.isalpha() and word[:1].islower() and _pos(word) in ("ADJF", "PRTF")


# ---------------------------------------------------------------- tokens

class _Tokens:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[Span] = adapt_tokens(text)

    def __len__(self) -> int:
        return len(self.toks)

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def low(self, i: int) -> str:
        return fold(self.word(i))

    def joined(self, i: int) -> bool:
        """Token i follows token i-1 on the same line."""
        if not 0 < i < len(self.toks):
            return False
        gap = self.text[self.toks[i - 1].end:self.toks[i].start]
        return "\n" not in gap and "\u2028" not in gap and "\u2029" not in gap

    def touching(self, i: int) -> bool:
        """Token i follows token i-1 with nothing between."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def gap(self, i: int) -> str:
        return self.text[self.toks[i - 1].end:self.toks[i].start] if 0 < i < len(self.toks) else ""

    def after_dot(self, i: int) -> int:
        """Index past token i, and past a "." glued to it (abbreviations: «г.», «млрд.», «руб.»)."""
        return i + 2 if self.word(i + 1) == "." and self.touching(i + 1) else i + 1


# ---------------------------------------------------------------- dates

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


# ---------------------------------------------------------------- figures

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


def _genitive_after(t: _Tokens, j: int, covered: set[int]) -> str:
    """The lemma of a genitive noun at j (one adjective may come first): «нефти», «мирового рынка»."""
    if j in covered:
        return ""
    if t.joined(j) and _adjective(t.word(j)) and "gent" in parse(t.low(j))[0].tag:
        j += 1
    w = t.word(j)
    if not t.joined(j) or j in covered:
        return ""
    noun = _noun(w)
    if noun is None or fold(noun.normal_form) in _TIME or _month_word(w):
        return ""
    if any(p.tag.POS == "NOUN" and "gent" in p.tag for p in parse(fold(w))[:3]):
        return fold(noun.normal_form)
    return ""


def _subject_of(noun, verb) -> bool:
    """Can this noun analysis be the subject of this verb analysis (nominative; number and,
    in the past singular, gender agree)? For a participle («уровнем, превысившим»): the noun
    it agrees with in case, number and gender."""
    tag, vtag = noun.tag, verb.tag
    if vtag.POS == "PRTF":
        if vtag.case is None or str(vtag.case) not in tag:
            return False
    elif "nomn" not in tag:
        return False
    number = "plur" if "plur" in tag or "Pltm" in tag else "sing"
    if vtag.number and vtag.number != number:
        return False
    if vtag.gender is None or number != "sing" or tag.gender is None or "Ms-f" in tag:
        return True
    return str(tag.gender) == str(vtag.gender)


def _genitive(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and "gent" in p.tag for p in parse(fold(word))[:3])


def _usable_noun(w: str):
    """A common noun that can say what a figure measures: not a name, a unit, a month, «год»."""
    noun = _noun(w)
    if noun is None:
        return None
    lemma = fold(noun.normal_form)
    if lemma in _TIME or _month_word(w) or lemma in _SCALES or lemma in _UNITS or lemma in _CURRENCIES:
        return None
    return noun


def _chain(t: _Tokens, i: int, covered: set[int]) -> list[int]:
    """The genitive chain that ends with the noun at i, head first: «темпы роста ВВП» →
    the indices of темпы, роста, ВВП; adjectives between are skipped."""
    chain = [i]
    while _genitive(t.word(chain[0])) and len(chain) < 5:
        j = chain[0] - 1
        while j > chain[0] - 3 and t.joined(j + 1) and _adjective(t.word(j)):
            j -= 1
        if j < 0 or j in covered or not t.joined(j + 1) or _usable_noun(t.word(j)) is None:
            break
        chain.insert(0, j)
    return chain


def _after_preposition(t: _Tokens, i: int) -> bool:
    """Is the noun phrase that starts at token i governed by a preposition («в размере»)?"""
    j = i - 1
    while j > i - 3 and t.joined(j + 1) and _adjective(t.word(j)):
        j -= 1
    return t.joined(j + 1) and _pos(t.word(j)) == "PREP"


def _left(t: _Tokens, s: int, covered: set[int], limit: int) -> tuple[list[str], int, str]:
    """(genitive chain of the measured noun, index of its last word, change verb lemma), found
    left of token s in its clause and not before token `limit` (the end of the previous figure)."""
    verb = None
    change = ""
    comma_seen = dash_seen = False
    words = 0
    i = s - 1
    while i >= limit and words < 12:
        w = t.word(i)
        if w == "»":  # a quoted name is skipped whole
            k = i - 1
            while k >= limit and t.word(k) not in ("«", "»"):
                k -= 1
            if t.word(k) != "«":
                break
            i = k - 1
            continue
        if w in _DASHES and not t.touching(i) and verb is None and not dash_seen:
            dash_seen = True  # «Длина корпуса — 127,9 м»: only the noun right before the dash
            i -= 1
            continue
        if w in _BOUNDARIES or (w[:1].isdigit() and i not in covered):
            break
        if w == ",":
            if dash_seen:
                break
            comma_seen = True
        elif i not in covered and any(c.isalpha() for c in w):
            words += 1
            noun = _usable_noun(w)
            if dash_seen and noun is None:
                break
            if _is_verb(w):
                if verb is None:
                    verb = parse(fold(w))[0]
                if _lemma(w) in _CHANGE_VERBS and not change:
                    change = _lemma(w)
            elif noun is not None:
                subject = verb is not None and any(
                    p.tag.POS == "NOUN" and _subject_of(p, verb) for p in parse(fold(w))[:4])
                if subject:
                    return [_lemma(t.word(k)) for k in _chain(t, i, covered)], i, change
                if verb is None and not comma_seen and "datv" not in noun.tag:  # not «президенту»
                    chain = _chain(t, i, covered)
                    if not _after_preposition(t, chain[0]) or dash_seen:
                        return [_lemma(t.word(k)) for k in chain], i, change
                    # «в размере», «на сумму», «в пределах», «между странами»: look further left
                    words += chain[-1] - chain[0]
                    i = chain[0]
        i -= 1
    return [], -1, change


def _measure(t: _Tokens, s: int, past: int, unit: str, real_unit: bool, amount: bool,
             covered: set[int], limit: int) -> tuple[str, str]:
    """(measure, change) for the figure whose tokens are s … past-1 (see module doc)."""
    after = _genitive_after(t, past, covered) if real_unit and unit != "×" else ""
    chain, at, verb = _left(t, s, covered, limit)
    change = verb if amount else ""
    noun = chain[0] if chain else ""
    amount_of = False
    for n, lemma in enumerate(chain):
        if lemma in _CHANGE_NOUNS:
            change = lemma
            noun = chain[n + 1] if n + 1 < len(chain) else _genitive_after(t, at + 1, covered)
            break
    else:
        if noun in _AMOUNT_NOUNS:
            dependent = chain[1] if len(chain) > 1 else _genitive_after(t, at + 1, covered)
            amount_of = bool(dependent)
            noun = dependent or noun
    if not real_unit and unit and not amount_of:
        return unit, change  # «внесено 18 поправок»: the counted noun, unless «число туристов …»
    return after or noun, change


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
    return out


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

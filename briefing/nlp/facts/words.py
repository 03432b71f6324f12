"""The words facts are read by: digit shapes, scales, units, months and nouns of change
(recognised by pymorphy3 lemma), and a text's razdel tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records import MONTHS_GENITIVE
from ..russian import Span, adapt_tokens, fold, parse

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

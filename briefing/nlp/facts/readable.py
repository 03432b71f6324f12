"""Which figures a reader can read: a measure from a checked list, in a unit it is counted in,
and the figure's words without the sentence's closing dot."""

from __future__ import annotations

from ...records import Figure
from .words import _CURRENCIES, _CURRENCY_ADJECTIVES, _SIGNS

_MONEY = {*_CURRENCIES.values(), *_CURRENCY_ADJECTIVES.values(), *_SIGNS.values(), "доллар", "крона"}
_SHARE = {"%", "п.п.", "×"}
_GOODS = {"т", "кг", "м³", "барр.", "л"}
_SIZE = {"км", "м", "см", "мм", "миля", "км/ч", "м/с", "уз.", "м²", "км²", "га", "МВт", "ГВт", "кВт", "°", "т", "кг"}
_COUNTED = "counted"  # a counted noun (the unit is a lemma, «турист», «человек», «голос»)

_MONEY_MEASURE = _MONEY | _SHARE
_GOODS_MEASURE = _MONEY | _SHARE | _GOODS
_RATE = _SHARE
_FLOW = {_COUNTED} | _SHARE
_SIZE_MEASURE = _SIZE | _SHARE

# What a figure may measure, as pymorphy3 lemmas, with the label a reader sees and the units
# it is counted in. Checked by hand: the measures found in the first 300 RT development
# articles (432 distinct lemmas; `python -m briefing.bench figures` lists them with a sentence
# each, with --samples FILE) and in the seeds were read one by one; kept are the nouns that name a quantity a
# reader recognises alone — an economic aggregate, a flow of goods or travellers, a rate, a
# physical size — each with the units it comes in («голос» counted or in %, never in
# roubles). Left out on purpose: people and things counted («армянин», «солдат», «россиянин»,
# «ракета», «человек»: a count is no measure), generic nouns of amount that say nothing
# alone («показатель», «уровень», «объём», «число», «количество», «размер», «сумма», «доля»,
# «индекс», «цифра», «отметка»; the facts layer already reads «объём торговли» as
# «торговля»), what a number only locates or scores («место», «пункт», «балл», «очко»),
# and «курс» (an exchange rate or a course of study: alone, a reader cannot tell).
MEASURES: dict[str, tuple[str, frozenset[str]]] = {lemma: (label, frozenset(units)) for lemma, label, units in [
    # trade, investment, the economy: money or a share
    ("товарооборот", "товарооборот", _GOODS_MEASURE), ("торговля", "торговля", _GOODS_MEASURE),
    ("экспорт", "экспорт", _GOODS_MEASURE), ("импорт", "импорт", _GOODS_MEASURE),
    ("поставка", "поставки", _GOODS_MEASURE), ("транзит", "транзит", _GOODS_MEASURE),
    ("грузооборот", "грузооборот", _GOODS_MEASURE), ("грузоперевозка", "грузоперевозки", _GOODS_MEASURE),
    ("перевозка", "перевозки", _GOODS_MEASURE), ("добыча", "добыча", _GOODS_MEASURE),
    ("производство", "производство", _GOODS_MEASURE), ("потребление", "потребление", _GOODS_MEASURE),
    ("спрос", "спрос", _GOODS_MEASURE), ("продажа", "продажи", _GOODS_MEASURE), ("выпуск", "выпуск", _GOODS_MEASURE),
    ("урожай", "урожай", _GOODS_MEASURE), ("запас", "запасы", _GOODS_MEASURE),
    ("нефть", "нефть", _GOODS_MEASURE), ("газ", "газ", _GOODS_MEASURE | {"м³"}), ("уголь", "уголь", _GOODS_MEASURE),
    ("зерно", "зерно", _GOODS_MEASURE), ("пшеница", "пшеница", _GOODS_MEASURE), ("сталь", "сталь", _GOODS_MEASURE),
    ("электроэнергия", "электроэнергия", _GOODS_MEASURE | {"МВт", "ГВт", "кВт"}),
    ("инвестиция", "инвестиции", _MONEY_MEASURE), ("ввп", "ВВП", _MONEY_MEASURE),
    ("бюджет", "бюджет", _MONEY_MEASURE), ("дефицит", "дефицит", _MONEY_MEASURE),
    ("профицит", "профицит", _MONEY_MEASURE), ("госдолг", "госдолг", _MONEY_MEASURE), ("долг", "долг", _MONEY_MEASURE),
    ("доход", "доходы", _MONEY_MEASURE), ("расход", "расходы", _MONEY_MEASURE), ("выручка", "выручка", _MONEY_MEASURE),
    ("прибыль", "прибыль", _MONEY_MEASURE), ("убыток", "убыток", _MONEY_MEASURE),
    ("капитализация", "капитализация", _MONEY_MEASURE), ("резерв", "резервы", _MONEY_MEASURE | _GOODS),
    ("финансирование", "финансирование", _MONEY_MEASURE), ("кредит", "кредит", _MONEY_MEASURE),
    ("заём", "заём", _MONEY_MEASURE), ("займ", "заём", _MONEY_MEASURE), ("грант", "грант", _MONEY_MEASURE),
    ("субсидия", "субсидии", _MONEY_MEASURE), ("выплата", "выплаты", _MONEY_MEASURE),
    ("компенсация", "компенсация", _MONEY_MEASURE), ("штраф", "штраф", _MONEY_MEASURE),
    ("ущерб", "ущерб", _MONEY_MEASURE), ("стоимость", "стоимость", _MONEY_MEASURE), ("цена", "цена", _MONEY_MEASURE),
    ("оборот", "оборот", _MONEY_MEASURE), ("пошлина", "пошлины", _MONEY_MEASURE), ("налог", "налог", _MONEY_MEASURE),
    ("акциз", "акциз", _MONEY_MEASURE), ("тариф", "тариф", _MONEY_MEASURE), ("ставка", "ставка", _MONEY_MEASURE),
("зарплата", "зарплата", _MONEY_MEASURE), ("пенсия", "пенсия", _MONEY_MEASURE),
    # rates: a share only
    ("инфляция", "инфляция", _RATE), ("безработица", "безработица", _RATE), ("экономика", "экономика", _RATE),
    ("явка", "явка", _RATE), ("рейтинг", "рейтинг", _RATE),
    # travellers, voters, residents: counted or a share
    ("турпоток", "турпоток", _FLOW), ("турист", "туристы", _FLOW), ("пассажиропоток", "пассажиропоток", _FLOW),
    ("пассажир", "пассажиры", _FLOW), ("население", "население", _FLOW), ("голос", "голоса", _FLOW),
    # sizes of things: a physical unit or a share
    ("дальность", "дальность", _SIZE_MEASURE), ("скорость", "скорость", _SIZE_MEASURE),
    ("длина", "длина", _SIZE_MEASURE), ("высота", "высота", _SIZE_MEASURE), ("глубина", "глубина", _SIZE_MEASURE),
    ("ширина", "ширина", _SIZE_MEASURE), ("диаметр", "диаметр", _SIZE_MEASURE), ("радиус", "радиус", _SIZE_MEASURE),
    ("протяжённость", "протяжённость", _SIZE_MEASURE), ("протяженность", "протяжённость", _SIZE_MEASURE),
    ("площадь", "площадь", _SIZE_MEASURE), ("вес", "вес", _SIZE_MEASURE), ("масса", "масса", _SIZE_MEASURE),
    ("мощность", "мощность", _SIZE_MEASURE), ("водоизмещение", "водоизмещение", _SIZE_MEASURE),
    ("температура", "температура", _SIZE_MEASURE),
]}

# One quantity under two names: a chart joins them under the first.
SAME_QUANTITY = {"торговля": "товарооборот", "турист": "турпоток", "пассажир": "пассажиропоток", "займ": "заём",
                 "протяженность": "протяжённость"}

# Written without a dot: a dot after them is the sentence's («$6 млрд.»); «тыс.», «руб.»,
# «долл.» are abbreviations whose dot stays.
_NO_DOT = {"млн", "млрд", "трлн"}


def measure_label(figure: Figure) -> str:
    """What the figure measures, as a reader sees it («товарооборот», «инвестиции», «ВВП»),
    or "" when its measure is not on the checked list or not counted in this unit."""
    entry = MEASURES.get(figure.measure)
    if entry is None:
        return ""
    label, units = entry
    counted = figure.unit.isalpha() and figure.unit.islower() and figure.unit not in _MONEY
    return label if figure.unit in units or (counted and _COUNTED in units) else ""


def series_measure(figure: Figure) -> str:
    """The quantity a figure adds to a chart: its measure, synonyms joined («торговля» →
    «товарооборот»)."""
    return SAME_QUANTITY.get(figure.measure, figure.measure)


def series_label(figure: Figure) -> str:
    """The label of the quantity a figure adds to a chart («товарооборот» for «торговля» too)."""
    lemma = series_measure(figure)
    return MEASURES[lemma][0] if lemma in MEASURES else figure.measure


def written(figure: Figure) -> str:
    """The figure as written, without a sentence's closing dot after «млн», «млрд», «трлн»."""
    text = figure.text
    if text.endswith(".") and text[:-1].rsplit(None, 1)[-1].lower() in _NO_DOT:
        return text[:-1]
    return text

"""Dated events and figures in Russian news text: the extraction layer under a dossier's
timeline and key figures. Both are pure functions of a text (a sentence, or more).

Tokens are razdel's (briefing.nlp.russian.adapt_tokens). Month names, «год», scale words
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

Periods (periods, figure_periods) — what span of time a figure is for, as written:
  «в 2023 году», «по итогам 2023 года»          2023; «в 2020-2022 годах» 2020–2022
  «в I квартале 2021 года», «за 3-й квартал»     a quarter; «первое полугодие», «в первой половине»
  «январе-июне 2024», «с января по март»         months of a year (named as a quarter or a half
  «за девять месяцев 2017 года»                  when they are one: «I квартал 2021»)
  «в ноябре 2020 года»                          one month
  «этого / текущего / сего / прошлого года»     the document's year (less one for «прошлого»):
                                                an undated document gives no year, never a guess
  «в начале этого года, с января по март»       the moment gives its year to the months after it
  Not periods: a day («10 ноября 2020 года»), a moment («в начале 2024 года»), since («с 2009
  года»), the base of a comparison («по сравнению с 2015 годом», «чем в 2016 году»), a
  duration («за три месяца»). A figure's period: the last one written between the figure
  before it and itself, else the first after it before the next figure, else that of the
  figure before it when at most three words part them; a period written right after a
  figure and closed by a comma belongs to that figure; one a clause away (a verb before it,
  another after a comma) belongs to no figure after it.

What a reader is shown (readable: measure_label, written) — a measure from a checked list
(MEASURES: lemma, the label a reader sees, the units it comes in; how it was checked is
written above it): «товарооборот», «инвестиции», «ВВП», «добыча», «дальность» …; counts of
people and things («26 армян», «30 тыс. солдат») and generic nouns («показатель», «уровень»,
«доля») are no measure. A value drops the sentence's dot after «млн», «млрд», «трлн» («$6
млрд.» → «$6 млрд»), never an abbreviation's («тыс.», «руб.»). A figure left without a measure
takes the one before it when it goes on about the same quantity («составил 4,1 млрд, за
полугодие — вырос на 7,1 %, до 2 млрд»: «до» there is where it went, not a bound, and is
dropped from the figure).

Checked by hand on Russia Today and Nezavisimaya Gazeta news (../shared/eval-data, never
copied here), random samples of 60: dates 180 of 180 right in three samples (as written; some
are less precise than the text, e.g. «с ноября по декабрь 2016 года» gives «ноябрь» without
its year); figures 57–59 of 60 right in value, unit and span (misses: markup, «м/с» before it
was read, a rubric title «5 книг недели»); the measure is wrong in about 1 in 10 and empty in
about 1 in 4.

(words: the vocabulary and the tokens; dated: dates; numbers: finding numbers; measures:
naming what they measure; periods: the period a figure is for; readable: what a reader is shown.)
"""

from .dated import dated_mentions
from .numbers import figures
from .periods import figure_periods, periods
from .readable import measure_label, series_label, series_measure, written

__all__ = ["dated_mentions", "figure_periods", "figures", "measure_label", "periods", "series_label", "series_measure",
           "written"]

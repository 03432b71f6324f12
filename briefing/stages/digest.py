"""Stage 4b, digest: what a dossier page says about its theme, beyond the list of members.

`digest(analyses, dossiers)` gives each dossier its key points (the sentences across
its members that are most about it, verbatim, without near-duplicates), a timeline
(members by date with their most dossier-relevant sentence, and events the texts date
themselves), key figures (numbers with unit and what they measure, a series where one
quantity recurs over time) and distinctive keywords (over-represented in the dossier
against the whole briefing). Everything comes from the groups' evidence: the
sentences that hold a dossier's terms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..nlp.facts import dated_mentions, figure_periods, figures, measure_label, series_label, series_measure, written
from .group import term_key
from ..nlp.lexicon import LEXICON
from ..nlp.russian import lemma
from ..records import Analysis, Dossier, Figure, Keyword, Period, Sentence, When

KEY_POINTS = 7
EVENTS = 12
FIGURES = 10
DISTINCTIVE = 10
FEW_DISTINCTIVE = 3  # fewer found in two members: filled up with keywords of one member
NEAR_DUPLICATE = 0.5  # Jaccard overlap of content lemmas above which a sentence repeats another
MIN_WORDS, MAX_WORDS = 6, 60
SERIES_MIN_POINTS = 2  # periods: a chart compares what the texts say for different periods
# Dates and figures are read from this many of a dossier's heaviest sentences (about 5 ms
# a sentence): a rebuild's cost must not grow with the dossier.
FACT_CANDIDATES = 80
COMMON_IN_NEWS = 2.0  # IDF in news: a word in more than about one story in seven says little


@dataclass(frozen=True)
class Point:
    """A verbatim sentence of a member, with its document and how much it is about the dossier."""

    document: str
    sentence: int
    text: str
    weight: float


@dataclass(frozen=True)
class Event:
    """A sentence that dates something itself («10 ноября 2020 года …»), placed at that date."""

    when: When
    date_text: str  # the words that date it, verbatim
    point: Point


@dataclass(frozen=True)
class ShownFigure:
    """A figure as a dossier shows it: its words (without the sentence's dot), what it
    measures as a reader says it («инвестиции»), and the period it is for, if written."""

    figure: Figure
    text: str
    measure: str
    period: Period | None


@dataclass(frozen=True)
class KeyFigure:
    """A member's sentence and the figures it gives, each shown once across the page."""

    point: Point
    figures: tuple[ShownFigure, ...]


@dataclass(frozen=True)
class Series:
    """One quantity (what it measures, in one unit) given for several periods."""

    measure: str  # the lemma, synonyms joined («торговля» → "товарооборот")
    label: str  # as a reader says it («инвестиции»)
    unit: str
    points: tuple[tuple[Period, float, str], ...]  # (period, value, document id), oldest period first


@dataclass(frozen=True)
class Digest:
    dossier: str
    key_points: tuple[Point, ...]
    best: dict[str, Point]  # member document id -> its most dossier-relevant sentence
    events: tuple[Event, ...]  # oldest first
    figures: tuple[KeyFigure, ...]
    series: tuple[Series, ...]
    distinctive: tuple[Keyword, ...]


@lru_cache(maxsize=8192)
def term_weight(term: str) -> float:
    """How telling a term is: the inverse document frequency, in news, of its rarest lemma."""
    return max((LEXICON.idf(p) for p in term_key(term)), default=0.0)


def sentence_lemmas(analysis: Analysis) -> list[frozenset[str]]:
    """Each sentence's content lemmas (the lemma stream is the title, then "" before each
    sentence); words of three letters or fewer are left out."""
    out: list[frozenset[str]] = []
    current: list[str] | None = None
    for w in analysis.lemmas:
        if w == "":
            if current is not None:
                out.append(frozenset(current))
            current = []
        elif current is not None and len(w) > 3:
            current.append(w)
    if current is not None:
        out.append(frozenset(current))
    return out


def readable(analysis: Analysis, s: Sentence) -> bool:
    """A sentence that can stand alone on a dossier page: prose, of a readable length, ended."""
    words = len(s.text.split())
    return (analysis.document.blocks[s.block].kind != "heading" and MIN_WORDS <= words <= MAX_WORDS
            and s.text.rstrip().rstrip("»\"”)")[-1:] in ".!…" and not s.text[:1].islower()
            and s.text.count("«") == s.text.count("»") and s.text.count('"') % 2 == 0)


def _points(analysis: Analysis, evidence: tuple[tuple[int, tuple[str, ...]], ...]) -> list[Point]:
    out = []
    for index, terms in evidence:
        s = analysis.sentences[index]
        if readable(analysis, s):
            out.append(Point(analysis.document.id, index, s.text, round(sum(term_weight(t) for t in terms), 3)))
    return out


class _Lemmas(dict):
    """Document id -> sentence_lemmas of it, computed when first asked for."""

    def __init__(self, by_id: dict[str, Analysis]) -> None:
        super().__init__()
        self.by_id = by_id

    def __missing__(self, key: str) -> list[frozenset[str]]:
        self[key] = value = sentence_lemmas(self.by_id[key])
        return value


def _distinct(points: list[Point], lemmas_of: _Lemmas, limit: int) -> list[Point]:
    """The heaviest points, skipping any that repeats one already taken."""
    taken: list[tuple[Point, frozenset[str]]] = []
    for p in points:
        lemmas = lemmas_of[p.document][p.sentence]
        if any(len(lemmas & seen) > NEAR_DUPLICATE * len(lemmas | seen) for _, seen in taken):
            continue
        taken.append((p, lemmas))
        if len(taken) == limit:
            break
    return [p for p, _ in taken]


def _date_key(analysis: Analysis) -> tuple[int, int, int]:
    date = analysis.document.date
    return date.sort_key() if date else (0, 0, 0)


def _names_person(keyword: Keyword, people: set[str]) -> bool:
    """«Ильхам Алиев», «Мишустин»: a keyword written with capitals whose words are all words of
    the names of people in the dossier (what a dossier is about is a subject, not its people;
    they have the entity pages), or a title a person holds («премьер-министр», «президент»)."""
    words = keyword.text.split()
    if all(w[:1].isupper() for w in words) and all(k in people for k in keyword.key):
        return True
    return len(keyword.key) == 1 and keyword.key[0] in TITLES


TITLES = frozenset({"президент", "премьер-министр", "премьер", "министр", "вице-премьер", "глава", "председатель",
                    "канцлер", "губернатор", "мэр", "посол", "генсек"})


def distinctive_keywords(members: set[str], analyses: list[Analysis], focus: frozenset[tuple[str, ...]] = frozenset(),
                         limit: int = DISTINCTIVE) -> list[Keyword]:
    """Keywords over-represented in the dossier against the whole briefing (smoothed log
    ratio of document shares, the largest first), found in at least two members when it
    has more than three (filled up to FEW_DISTINCTIVE with keywords of one member). Not the briefing's focus (it is every dossier's subject), not words most
    news uses («РФ», «Москва», «встреча»: a news IDF below COMMON_IN_NEWS), and not the
    dossier's people or their titles: the subject's words are what it is about."""
    inside: Counter[tuple[str, ...]] = Counter()
    everywhere: Counter[tuple[str, ...]] = Counter()
    shown: dict[tuple[str, ...], Keyword] = {}
    people: set[str] = set()  # lemmas of the words of the members' people's names
    for a in analyses:
        keys = {k.key: k for k in a.keywords}
        everywhere.update(keys.keys())
        if a.document.id in members:
            inside.update(keys.keys())
            for key, k in keys.items():
                shown.setdefault(key, k)
            people.update(lemma(w) for m in a.entities if m.type == "PER" for w in m.normal.split())
    n_in, n_all = len(members), len(analyses)
    floor = 2 if n_in > 3 else 1
    scored, once = [], []
    for key, df_in in inside.items():
        lift = math.log((df_in + 0.5) / (n_in + 1)) - math.log((everywhere[key] + 0.5) / (n_all + 1))
        telling = max(LEXICON.idf(p) for p in key) >= COMMON_IN_NEWS and key not in focus
        person = _names_person(shown[key], people)
        if lift > 0 and telling and not person:
            (scored if df_in >= floor else once).append((-round(lift, 9), -df_in, key))
    if len(scored) < FEW_DISTINCTIVE:  # a dossier holding most of a small briefing: its members' own words too
        scored += sorted(once)[: FEW_DISTINCTIVE - len(scored)]
    return [shown[key] for _, _, key in sorted(scored)[:limit]]


def digest_one(dossier: Dossier, analyses: list[Analysis], by_id: dict[str, Analysis], lemmas_of: _Lemmas,
               focus: frozenset[tuple[str, ...]] = frozenset()) -> Digest:
    members = [by_id[m.document] for m in dossier.members]
    points = {m.document: _points(by_id[m.document], m.evidence) for m in dossier.members}
    newest = {a.document.id: _date_key(a) for a in members}
    ranked = sorted((p for ps in points.values() for p in ps), key=lambda p: (-p.weight, tuple(-x for x in newest[p.document]), p.document, p.sentence))
    key_points = _distinct(ranked, lemmas_of, KEY_POINTS)
    key_points.sort(key=lambda p: (tuple(-x for x in newest[p.document]), p.document, p.sentence))
    best = {doc: max(ps, key=lambda p: (p.weight, -p.sentence)) for doc, ps in points.items() if ps}
    events: list[Event] = []
    found_figures: list[KeyFigure] = []
    for p in ranked[:FACT_CANDIDATES]:
        for mention in dated_mentions(p.text):
            if mention.when.year is not None:
                events.append(Event(mention.when, p.text[mention.start:mention.end], p))
        found_figures.append(KeyFigure(p, _readable_figures(p, by_id)))
    return Digest(
        dossier.id, tuple(key_points), best, tuple(_events(events, lemmas_of)), tuple(_figures(found_figures)),
        tuple(_series(found_figures)), tuple(distinctive_keywords({a.document.id for a in members}, analyses, focus)),
    )


def _readable_figures(p: Point, by_id: dict[str, Analysis]) -> tuple[ShownFigure, ...]:
    """The figures of a sentence that a reader can read (a measure on the checked list), with
    their periods («этого года» is the year of the document, when it is dated)."""
    date = by_id[p.document].document.date
    found = figures(p.text)
    periods = figure_periods(p.text, found, date.year if date else None)
    return tuple(ShownFigure(f, written(f), label, period)
                 for f, period in zip(found, periods) if (label := measure_label(f)))


def _events(events: list[Event], lemmas_of: _Lemmas) -> list[Event]:
    """The heaviest dated sentences, one per sentence and no near-duplicates, oldest first."""
    seen: set[tuple[str, int]] = set()
    unique = []
    for e in events:
        if (e.point.document, e.point.sentence) not in seen:
            seen.add((e.point.document, e.point.sentence))
            unique.append(e)
    kept = {(p.document, p.sentence) for p in _distinct([e.point for e in unique], lemmas_of, EVENTS)}
    chosen = [e for e in unique if (e.point.document, e.point.sentence) in kept]
    return sorted(chosen, key=lambda e: (e.when.sort_key(), e.point.document, e.point.sentence))


def _figure_key(s: ShownFigure) -> tuple[str, float, str, Period | None]:
    return (series_measure(s.figure), s.figure.value, s.figure.unit, s.period)


def _figures(found: list[KeyFigure]) -> list[KeyFigure]:
    """The heaviest sentences with readable figures, one item a sentence, each figure once
    (what it measures, its value, unit and period), FIGURES figures at most."""
    seen: set[tuple[str, float, str, Period | None]] = set()
    out = []
    count = 0
    for kf in found:
        new = []
        for s in kf.figures:
            if _figure_key(s) not in seen:
                seen.add(_figure_key(s))
                new.append(s)
        if new:
            out.append(KeyFigure(kf.point, tuple(new)))
            count += len(new)
        if count >= FIGURES:
            break
    return out


def _series(found: list[KeyFigure]) -> list[Series]:
    """Quantities (what they measure, in one unit, not a change) given for SERIES_MIN_POINTS
    or more periods with a year; the first figure found (the heaviest sentence) speaks for a
    period. A figure without a written period is in no series: its report's date is not the
    period it is for."""
    runs: dict[tuple[str, str], dict[Period, tuple[float, str]]] = defaultdict(dict)
    labels: dict[tuple[str, str], str] = {}
    for kf in found:
        for s in kf.figures:
            if s.period is not None and s.period.year is not None and not s.figure.change:
                key = (series_measure(s.figure), s.figure.unit)
                runs[key].setdefault(s.period, (s.figure.value, kf.point.document))
                labels.setdefault(key, series_label(s.figure))
    out = []
    for (measure, unit), points in sorted(runs.items()):
        if len(points) >= SERIES_MIN_POINTS:
            ordered = sorted(points.items(), key=lambda item: item[0].sort_key())
            out.append(Series(measure, labels[(measure, unit)], unit, tuple((p, v, doc) for p, (v, doc) in ordered)))
    return out


def digest(analyses: list[Analysis], dossiers: list[Dossier], focus: tuple[str, ...] = ()) -> dict[str, Digest]:
    """Each dossier's digest, by dossier id; `focus` is the briefing's (grouping.focus)."""
    by_id = {a.document.id: a for a in analyses}
    lemmas_of = _Lemmas(by_id)
    keys = frozenset(term_key(t) for t in focus)
    return {d.id: digest_one(d, analyses, by_id, lemmas_of, keys) for d in dossiers}

"""Stage 4, group: a document joins a dossier when the dossier is a subject of it.

Terms and text are compared as lemma sequences, so 'Карабахе', 'Нагорного
Карабаха' and 'Нагорный Карабах' are one term; longer terms are matched first and
a word counts for one term only. A passing mention does not make a member. The
rule, measured on hand-labelled real news (QUALITY.md, `python -m briefing.bench
dossiers`):

1. The document concerns the briefing's focus (`grouping.focus`, e.g. Azerbaijan):
   the title names it, or at least FOCUS_SHARE of the sentences do, or at least
   CO_SHARE of the sentences name it together with a dossier term (of its `terms:`,
   not a related word). Without a focus every document concerns it.
2. The dossier is a main point of it: its key sentences (the summary), with its title
   when the title names the focus, hold at least `grouping.min_terms` distinct dossier
   terms; or the document is short (one paragraph of at most SHORT_SENTENCES sentences)
   and, judged as its whole, its title names the dossier outside a name, or it holds
   that many distinct terms or says one term SHORT_OCCURRENCES times (the title
   included); or a whole paragraph is about it: the paragraph holds that many distinct
   terms (or PARAGRAPH_OCCURRENCES occurrences), they stand in at least PARAGRAPH_SHARE
   of its sentences, and the paragraph (or the title) names the focus.

A dossier's terms are its `terms:` and its `related:` words (reviewed neighbours of the
terms in the navec vectors: «турпоток», «погранпереход», «ввоз»). Words inside a
dossier's `exclude:` phrases count for none of its terms («коридор» in «Южный газовый
коридор»). A name counts once: terms joined by «и»/«или» right after a noun that opens
a name (NAME_HEADS) give one term, «университет нефти и газа» trade's «нефть» only.

Front matter `themes:` overrides the rule for its document.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..config import GroupingSettings, Theme
from ..errors import ContentError
from ..records import Analysis, Basis, Dossier, Membership
from ..nlp.russian import adapt_words, lemma_parts

PARAGRAPH_SHARE = 0.4
PARAGRAPH_OCCURRENCES = 3  # one term said three times in a paragraph makes it about the dossier too
FOCUS_SHARE = 0.1
CO_SHARE = 0.05
SHORT_SENTENCES = 5
SHORT_OCCURRENCES = 2  # in a short document, a term said twice (the title included) makes it about the dossier
# Lemmas of nouns that open a name whose genitive terms are one phrase: «университет нефти и газа».
NAME_HEADS = frozenset({
    "университет", "институт", "академия", "факультет", "кафедра", "колледж", "училище",
    "министерство", "ведомство", "агентство", "комитет", "служба", "департамент", "управление",
    "компания", "корпорация", "концерн", "фонд", "центр", "ассоциация", "палата", "банк", "музей",
})
JOINS = frozenset({"и", "или"})


@dataclass(frozen=True)
class Rule:
    """The parts of the rule issue 24 added, each switchable so that the benchmark can run
    the rule of issue 11 (ISSUE_11) beside today's (RULE) on the same analyses."""

    title: bool = True  # the title's terms count with the key sentences
    related: bool = True  # a dossier's `related:` words count as its terms
    short: bool = True  # a short single-paragraph document is judged as its whole
    names_once: bool = True  # the terms of one name count once


RULE = Rule()
ISSUE_11 = Rule(title=False, related=False, short=False, names_once=False)


@lru_cache(maxsize=8192)
def term_key(term: str) -> tuple[str, ...]:
    return tuple(p for w in adapt_words(term) for p in lemma_parts(w.text))


def positions(stream: tuple[str, ...], terms: Iterable[str]) -> dict[str, list[int]]:
    """Where each term's first lemma stands in the stream: the only places a term can start."""
    firsts = {key[0] for key in map(term_key, terms) if key}
    where: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(stream):
        if word in firsts:
            where[word].append(i)
    return where


def find_terms(stream: tuple[str, ...], terms: Iterable[str], where: dict[str, list[int]] | None = None) -> list[tuple[int, str]]:
    """(position, term) of every occurrence in a lemma stream, longest terms first and
    no word counted twice. Only the places where a term's first lemma stands are tried:
    linear in the text."""
    terms = tuple(terms)
    keyed = sorted(((term_key(t), t) for t in terms), key=lambda kt: -len(kt[0]))
    where = positions(stream, terms) if where is None else where
    used = [False] * len(stream)
    found: list[tuple[int, str]] = []
    for key, term in keyed:
        n = len(key)
        if not n:
            continue
        for i in where.get(key[0], ()):
            if stream[i : i + n] == key and not any(used[i : i + n]):
                used[i : i + n] = [True] * n
                found.append((i, term))
    return sorted(found)


def name_continuations(stream: tuple[str, ...], found: list[tuple[int, str]]) -> set[int]:
    """Positions of the terms that continue a name's run of terms: after a NAME_HEADS noun,
    terms side by side or joined by «и»/«или» are one phrase («университет нефти и газа»:
    «газ» continues «нефть»)."""
    out: set[int] = set()
    end = -1  # where the current run's last term ends; -1: no run
    for pos, term in found:
        if end >= 0 and (pos == end or pos == end + 1 and stream[end] in JOINS):
            out.add(pos)
        elif not (pos and stream[pos - 1] in NAME_HEADS):
            end = -1
            continue
        end = pos + len(term_key(term))
    return out


def count_terms(stream: tuple[str, ...], terms: Iterable[str], where: dict[str, list[int]] | None = None) -> dict[str, int]:
    """Occurrences of each term in a lemma stream (see find_terms)."""
    return dict(Counter(term for _, term in find_terms(stream, terms, where)))


class _Text:
    """One analysed document, with every position of its lemma stream mapped to its
    sentence (-1: the title; the stream is the title, then "" before each sentence)."""

    def __init__(self, analysis: Analysis, terms: tuple[str, ...]) -> None:
        self.analysis = analysis
        self.starts = [i for i, w in enumerate(analysis.lemmas) if w == ""]
        self.where = positions(analysis.lemmas, terms)

    def sentence_of(self, position: int) -> int:
        return bisect.bisect_left(self.starts, position) - 1

    def by_sentence(self, terms: tuple[str, ...], exclude: tuple[str, ...] = (),
                    names_once: bool = False) -> dict[int, Counter[str]]:
        """Each sentence's terms; words inside an excluded phrase count for none, and with
        names_once the terms of one name count once."""
        out: dict[int, Counter[str]] = defaultdict(Counter)
        excluded = set(exclude) - set(terms)
        found = find_terms(self.analysis.lemmas, terms + tuple(excluded), self.where)
        skip = name_continuations(self.analysis.lemmas, found) if names_once else set()
        for pos, term in found:
            if term not in excluded and pos not in skip:
                out[self.sentence_of(pos)][term] += 1
        return out

    def title_subject(self, terms: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
        """Whether the title holds a term that is not part of a name («Делегация
        университета нефти и газа» names a university, not trade)."""
        lemmas = self.analysis.lemmas
        title = lemmas[: self.starts[0]] if self.starts else lemmas
        excluded = set(exclude) - set(terms)
        found = find_terms(title, terms + tuple(excluded))
        return any(t not in excluded and not (p and title[p - 1] in NAME_HEADS) and p not in
                   name_continuations(title, found) for p, t in found)


def _concerns_focus(focus: dict[int, Counter[str]], hits: dict[int, Counter[str]], n: int) -> bool:
    if not n:
        return False
    named = sum(1 for i in focus if i >= 0)
    together = sum(1 for i in hits if i >= 0 and i in focus)
    return -1 in focus or named >= FOCUS_SHARE * n or together >= CO_SHARE * n


def _paragraph(analysis: Analysis, hits: dict[int, Counter[str]], focus: dict[int, Counter[str]] | None,
               min_terms: int) -> tuple[int, frozenset[str]] | None:
    """The first paragraph about the dossier: (block, its distinct terms)."""
    blocks: dict[int, list[int]] = defaultdict(list)
    for s in analysis.sentences:
        blocks[s.block].append(s.index)
    for block, indexes in sorted(blocks.items()):
        terms = frozenset(t for i in indexes for t in hits.get(i, ()))
        said = sum(sum(hits[i].values()) for i in indexes if i in hits)
        with_terms = sum(1 for i in indexes if i in hits)
        named = focus is None or -1 in focus or any(i in focus for i in indexes)
        enough = len(terms) >= min_terms or said >= PARAGRAPH_OCCURRENCES
        if enough and with_terms >= PARAGRAPH_SHARE * len(indexes) and named:
            return block, terms
    return None


def _short(analysis: Analysis) -> bool:
    """One paragraph of at most SHORT_SENTENCES sentences: a newswire item."""
    return 0 < len(analysis.sentences) <= SHORT_SENTENCES and len({s.block for s in analysis.sentences}) == 1


def _whole(hits: dict[int, Counter[str]], min_terms: int) -> bool:
    """Whether a whole short document, title included, holds min_terms distinct terms or
    one term SHORT_OCCURRENCES times."""
    said: Counter[str] = Counter()
    for counts in hits.values():
        said.update(counts)
    return len(said) >= min_terms or any(n >= SHORT_OCCURRENCES for n in said.values())


def theme_terms(theme: Theme, rule: Rule = RULE) -> tuple[str, ...]:
    """The words that count for a dossier under a rule: its terms, then its related words."""
    return theme.terms + theme.related if rule.related else theme.terms


def assess(text: _Text, theme: Theme, focus: dict[int, Counter[str]] | None, min_terms: int,
           forced: bool = False, rule: Rule = RULE) -> Membership | None:
    """The membership of one document in one dossier, with its evidence, or None."""
    analysis = text.analysis
    terms = tuple(dict.fromkeys(theme_terms(theme, rule)))
    hits = text.by_sentence(terms, theme.exclude, rule.names_once)
    n = len(analysis.sentences)
    matched_counts: Counter[str] = Counter()
    for counts in hits.values():
        matched_counts.update(counts)
    order = {t: i for i, t in enumerate(terms)}
    matched = tuple(sorted(matched_counts.items(), key=lambda tn: (-tn[1], order[tn[0]])))
    evidence = tuple((i, tuple(sorted(c, key=order.__getitem__))) for i, c in sorted(hits.items()) if i >= 0)
    share = round(len(evidence) / n, 3) if n else 0.0
    doc = analysis.document
    if forced:
        return Membership(doc.id, theme.id, share, matched, True, "front matter", evidence=evidence)
    declared = {i: c for i, c in hits.items() if any(t in theme.terms for t in c)}
    if focus is not None and not _concerns_focus(focus, declared, n):  # related words widen a dossier, not the focus
        return None
    # The title's terms count with the key sentences when the title names the focus too:
    # «Энергетические перспективы Туркменистана» is not about Azerbaijan's energy ties.
    titled = rule.title and (focus is None or -1 in focus)
    key = [s.index for s in analysis.summary] + ([-1] if titled else [])
    key_terms = frozenset(t for i in key for t in hits.get(i, ()))
    if len(key_terms) >= min_terms:
        basis: Basis = "title and key sentences" if titled and -1 in hits else "key sentences"
        return Membership(doc.id, theme.id, share, matched, False, basis, evidence=evidence)
    if rule.short and _short(analysis) and (_whole(hits, min_terms) or text.title_subject(terms, theme.exclude)):
        return Membership(doc.id, theme.id, share, matched, False, "short document", evidence=evidence)
    found = _paragraph(analysis, hits, focus, min_terms)
    if found is None:
        return None
    prose = sorted({s.block for s in analysis.sentences})
    return Membership(doc.id, theme.id, share, matched, False, "paragraph",
                      paragraph=prose.index(found[0]) + 1, evidence=evidence)


def _newest_first(analysis: Analysis) -> tuple[int, tuple[int, int, int], str]:
    date = analysis.document.date
    return (date is None, tuple(-x for x in date.sort_key()) if date else (0, 0, 0), analysis.document.id)  # type: ignore[return-value]


def group(
    analyses: list[Analysis], themes: tuple[Theme, ...], settings: GroupingSettings, rule: Rule = RULE
) -> tuple[list[Dossier], list[ContentError]]:
    """Every dossier with its members, newest first, and the reasons they belong."""
    known = {t.id for t in themes}
    problems: list[ContentError] = []
    members: dict[str, list[Membership]] = {t.id: [] for t in themes}
    all_terms = tuple(term for t in themes for term in theme_terms(t, rule) + t.exclude) + settings.focus
    for analysis in sorted(analyses, key=_newest_first):
        doc = analysis.document
        text = _Text(analysis, all_terms)
        focus = text.by_sentence(settings.focus) if settings.focus else None
        if doc.themes is not None:
            for unknown in [t for t in doc.themes if t not in known]:
                problems.append(ContentError(doc.path, f"front matter: themes: unknown dossier {unknown!r} (known: {', '.join(sorted(known))})"))
        for theme in themes:
            if doc.themes is not None:
                found = assess(text, theme, focus, settings.min_terms, True, rule) if theme.id in doc.themes else None
            else:
                found = assess(text, theme, focus, settings.min_terms, rule=rule)
            if found:
                members[theme.id].append(found)
    dossiers = [Dossier(t.id, t.title, t.description, tuple(members[t.id])) for t in themes]
    return dossiers, problems

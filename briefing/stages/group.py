"""Stage 4, group: a document joins a dossier when the dossier is a subject of it.

Terms and text are compared as lemma sequences, so 'Карабахе', 'Нагорного
Карабаха' and 'Нагорный Карабах' are one term; longer terms are matched first and
a word counts for one term only. A passing mention does not make a member. The
rule, measured on hand-labelled real news (QUALITY.md, `python -m briefing.bench
dossiers`):

1. The document concerns the briefing's focus (`grouping.focus`, e.g. Azerbaijan):
   the title names it, or at least FOCUS_SHARE of the sentences do, or at least
   CO_SHARE of the sentences name it together with a dossier term. Without a focus
   every document concerns it.
2. The dossier is a main point of it: its key sentences (the summary) hold at least
   `grouping.min_terms` distinct dossier terms; or a whole paragraph is about it:
   the paragraph holds that many distinct terms (or PARAGRAPH_OCCURRENCES
   occurrences), they stand in at least PARAGRAPH_SHARE of its sentences, and the
   paragraph (or the title) names the focus.

Words inside a dossier's `exclude:` phrases count for none of its terms («коридор»
in «Южный газовый коридор»).

Front matter `themes:` overrides the rule for its document.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable

from ..config import GroupingSettings, Theme
from ..errors import ContentError
from ..records import Analysis, Dossier, Membership
from ..nlp.russian import adapt_words, lemma_parts

PARAGRAPH_SHARE = 0.4
PARAGRAPH_OCCURRENCES = 3  # one term said three times in a paragraph makes it about the dossier too
FOCUS_SHARE = 0.1
CO_SHARE = 0.05


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

    def by_sentence(self, terms: tuple[str, ...], exclude: tuple[str, ...] = ()) -> dict[int, Counter[str]]:
        """Each sentence's terms; words inside an excluded phrase count for none."""
        out: dict[int, Counter[str]] = defaultdict(Counter)
        excluded = set(exclude) - set(terms)
        for pos, term in find_terms(self.analysis.lemmas, terms + tuple(excluded), self.where):
            if term not in excluded:
                out[self.sentence_of(pos)][term] += 1
        return out


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


def assess(text: _Text, theme: Theme, focus: dict[int, Counter[str]] | None, min_terms: int,
           forced: bool = False) -> Membership | None:
    """The membership of one document in one dossier, with its evidence, or None."""
    analysis = text.analysis
    hits = text.by_sentence(theme.terms, theme.exclude)
    n = len(analysis.sentences)
    matched_counts: Counter[str] = Counter()
    for counts in hits.values():
        matched_counts.update(counts)
    order = {t: i for i, t in enumerate(theme.terms)}
    matched = tuple(sorted(matched_counts.items(), key=lambda tn: (-tn[1], order[tn[0]])))
    evidence = tuple((i, tuple(sorted(c, key=order.__getitem__))) for i, c in sorted(hits.items()) if i >= 0)
    share = round(len(evidence) / n, 3) if n else 0.0
    doc = analysis.document
    if forced:
        return Membership(doc.id, theme.id, share, matched, True, "front matter", evidence=evidence)
    if focus is not None and not _concerns_focus(focus, hits, n):
        return None
    key_terms = frozenset(t for s in analysis.summary for t in hits.get(s.index, ()))
    if len(key_terms) >= min_terms:
        return Membership(doc.id, theme.id, share, matched, False, "key sentences", evidence=evidence)
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
    analyses: list[Analysis], themes: tuple[Theme, ...], settings: GroupingSettings
) -> tuple[list[Dossier], list[ContentError]]:
    """Every dossier with its members, newest first, and the reasons they belong."""
    known = {t.id for t in themes}
    problems: list[ContentError] = []
    members: dict[str, list[Membership]] = {t.id: [] for t in themes}
    all_terms = tuple(term for t in themes for term in t.terms + t.exclude) + settings.focus
    for analysis in sorted(analyses, key=_newest_first):
        doc = analysis.document
        text = _Text(analysis, all_terms)
        focus = text.by_sentence(settings.focus) if settings.focus else None
        if doc.themes is not None:
            for unknown in [t for t in doc.themes if t not in known]:
                problems.append(ContentError(doc.path, f"front matter: themes: unknown dossier {unknown!r} (known: {', '.join(sorted(known))})"))
        for theme in themes:
            if doc.themes is not None:
                found = assess(text, theme, focus, settings.min_terms, forced=True) if theme.id in doc.themes else None
            else:
                found = assess(text, theme, focus, settings.min_terms)
            if found:
                members[theme.id].append(found)
    dossiers = [Dossier(t.id, t.title, t.description, tuple(members[t.id])) for t in themes]
    return dossiers, problems

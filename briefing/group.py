"""Stage 4, group: documents join the dossiers whose terms they cover strongly enough.

Terms and text are compared as lemma sequences, so 'Карабахе', 'Нагорного
Карабаха' and 'Нагорный Карабах' are one term. Longer terms are matched first and
a word counts for one term only. A dossier's score for a document is the sum, over
the distinct terms found, of 1 + ln(occurrences): two different terms, or one
term used three times, reach the default threshold of 2. Front matter `themes:`
overrides the rule for its document.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Iterable

from .config import Theme
from .errors import ContentError
from .records import Analysis, Dossier, Membership
from .russian import adapt_words, lemma_parts


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


def count_terms(stream: tuple[str, ...], terms: Iterable[str], where: dict[str, list[int]] | None = None) -> dict[str, int]:
    """Occurrences of each term in a lemma stream; longest first, no word counted twice.
    Only the places where a term's first lemma stands are tried: linear in the text."""
    terms = tuple(terms)
    keyed = sorted(((term_key(t), t) for t in terms), key=lambda kt: -len(kt[0]))
    where = positions(stream, terms) if where is None else where
    used = [False] * len(stream)
    counts: dict[str, int] = {}
    for key, term in keyed:
        n = len(key)
        if not n:
            continue
        for i in where.get(key[0], ()):
            if stream[i : i + n] == key and not any(used[i : i + n]):
                used[i : i + n] = [True] * n
                counts[term] = counts.get(term, 0) + 1
    return counts


def score(counts: dict[str, int]) -> float:
    return sum(1 + math.log(n) for n in counts.values())


def membership(
    analysis: Analysis, theme: Theme, min_score: float, where: dict[str, list[int]] | None = None
) -> Membership | None:
    counts = count_terms(analysis.lemmas, theme.terms, where)
    value = score(counts)
    if value < min_score:
        return None
    matched = tuple(sorted(counts.items(), key=lambda tn: (-tn[1], theme.terms.index(tn[0]))))
    return Membership(analysis.document.id, theme.id, round(value, 2), matched)


def _newest_first(analysis: Analysis) -> tuple[int, tuple[int, int, int], str]:
    date = analysis.document.date
    return (date is None, tuple(-x for x in date.sort_key()) if date else (0, 0, 0), analysis.document.id)  # type: ignore[return-value]


def group(
    analyses: list[Analysis], themes: tuple[Theme, ...], min_score: float
) -> tuple[list[Dossier], list[ContentError]]:
    """Every dossier with its members, newest first, and the reasons they belong."""
    known = {t.id for t in themes}
    problems: list[ContentError] = []
    members: dict[str, list[Membership]] = {t.id: [] for t in themes}
    all_terms = tuple(term for t in themes for term in t.terms)
    for analysis in sorted(analyses, key=_newest_first):
        doc = analysis.document
        where = positions(analysis.lemmas, all_terms)
        if doc.themes is not None:
            for unknown in [t for t in doc.themes if t not in known]:
                problems.append(ContentError(doc.path, f"front matter: themes: unknown dossier {unknown!r} (known: {', '.join(sorted(known))})"))
            for theme in themes:
                if theme.id in doc.themes:
                    found = membership(analysis, theme, 0.0, where)
                    members[theme.id].append(Membership(doc.id, theme.id, found.score if found else 0.0, found.matched if found else (), True))
            continue
        for theme in themes:
            found = membership(analysis, theme, min_score, where)
            if found:
                members[theme.id].append(found)
    dossiers = [Dossier(t.id, t.title, t.description, tuple(members[t.id])) for t in themes]
    return dossiers, problems

"""Extractive summary: rate sentences, take the best k without near-duplicates, keep order.

Rating (higher is better) weighs keyword coverage, position and similarity to
the title; selection is maximal marginal relevance, so a sentence that repeats
one already chosen loses to a new one, and a near-duplicate is never taken.
Sentences are returned verbatim, as the analysis found them in the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .records import Keyword, Sentence

WEIGHTS = {"keywords": 0.5, "position": 0.3, "title": 0.2}
NEAR_DUPLICATE = 0.7  # share of the shorter sentence's content lemmas found in the other
REDUNDANCY = 0.5  # how much similarity to a chosen sentence costs


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    lemmas: tuple[str, ...]  # content-word lemmas, in order
    eligible: bool  # prose, complete, of a readable length


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: 1.0 when one sentence's words are all in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def resolve_count(count: int | str, total: int) -> int:
    """3 -> 3; '20%' -> a fifth of the sentences, at least one."""
    if isinstance(count, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", count)
        if not m:
            raise ValueError(f"summary length must be a number or a percentage, got {count!r}")
        return max(1, round(total * float(m[1]) / 100))
    return count


def _contains(lemmas: tuple[str, ...], key: tuple[str, ...]) -> bool:
    n = len(key)
    return any(lemmas[i : i + n] == key for i in range(len(lemmas) - n + 1))


def rate(candidates: list[Candidate], keywords: tuple[Keyword, ...], title: set[str]) -> list[float]:
    coverage = [
        sum(k.score for k in keywords if _contains(c.lemmas, k.key)) / (1 + math.log1p(len(c.lemmas)))
        for c in candidates
    ]
    top = max(coverage, default=0.0) or 1.0
    scores = []
    for rank, (c, cov) in enumerate(zip(candidates, coverage)):
        position = 1 / math.sqrt(1 + rank)
        title_sim = len(set(c.lemmas) & title) / len(title) if title else 0.0
        scores.append(WEIGHTS["keywords"] * cov / top + WEIGHTS["position"] * position + WEIGHTS["title"] * title_sim)
    return scores


def summarize(
    candidates: list[Candidate], keywords: tuple[Keyword, ...], title: set[str], count: int | str
) -> tuple[Sentence, ...]:
    pool = [c for c in candidates if c.eligible]
    k = resolve_count(count, len(pool))
    scores = rate(pool, keywords, title)
    chosen: list[int] = []
    while len(chosen) < k:
        best, best_value = None, -math.inf
        for i, c in enumerate(pool):
            if i in chosen:
                continue
            if any(overlap(set(c.lemmas), set(pool[j].lemmas)) >= NEAR_DUPLICATE for j in chosen):
                continue
            sims = [jaccard(set(c.lemmas), set(pool[j].lemmas)) for j in chosen]
            value = scores[i] - REDUNDANCY * max(sims, default=0.0)
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
    return tuple(pool[i].sentence for i in sorted(chosen))

"""ROUGE for Russian, by the eval-data protocol: lower-cased \\w+ tokens, ё→е, no stemming.

Google's rouge_score deletes every non-Latin character by default, so it scores two
unrelated Russian sentences as identical; this implementation is pinned by
hand-computed cases in tests/test_bench.py.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

_TOKEN = re.compile(r"\w+")


class Score(NamedTuple):
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("ё", "е"))


def _f1(overlap: int, predicted: int, reference: int) -> Score:
    if not predicted or not reference or not overlap:
        return Score(0.0, 0.0, 0.0)
    p, r = overlap / predicted, overlap / reference
    return Score(p, r, 2 * p * r / (p + r))


def ngrams(toks: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def rouge_n(candidate: list[str], reference: list[str], n: int) -> Score:
    c, r = ngrams(candidate, n), ngrams(reference, n)
    return _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: list[str], reference: list[str]) -> Score:
    """Whole-text (not summary-level) LCS ROUGE-L."""
    return _f1(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 in % for one pair."""
    c, r = tokens(candidate), tokens(reference)
    return {
        "rouge1": 100 * rouge_n(c, r, 1).f1,
        "rouge2": 100 * rouge_n(c, r, 2).f1,
        "rougeL": 100 * rouge_l(c, r).f1,
    }

"""Keyword scoring by the eval-data protocol: macro P/R/F1@10 on lemmatised phrase sets."""

from __future__ import annotations

from typing import Iterable, NamedTuple

from ..nlp.russian import adapt_words, lemma


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def phrase_key(phrase: str) -> str:
    """A phrase lemmatised word by word with pymorphy3, lower case, ё→е."""
    return " ".join(lemma(w.text) for w in adapt_words(phrase))


def prf_at_k(predicted: Iterable[str], reference: Iterable[str], k: int = 10) -> PRF:
    pred = {phrase_key(p) for p in list(predicted)[:k]} - {""}
    ref = {phrase_key(r) for r in reference} - {""}
    hits = len(pred & ref)
    if not pred or not ref or not hits:
        return PRF(0.0, 0.0, 0.0)
    p, r = hits / len(pred), hits / len(ref)
    return PRF(p, r, 2 * p * r / (p + r))

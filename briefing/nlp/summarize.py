"""Extractive summary: rate sentences, take the best k without near-duplicates, keep order.

Sentences are rated by a small logistic model over features a reader would name
(position, paragraph start, length, keyword coverage, similarity to the title and
to the whole text, quotation, figures), the words' priors, and the sentence's mean
word vector (navec), which says what kind of statement it is. Its weights ship in
summary_model.json and are retrained reproducibly by `python -m briefing.bench
train-summary` on the development split of the eval data, with greedy-oracle
sentences as labels.
Selection takes the best-rated sentences in turn, never a near-duplicate of one
already taken, never an interviewer's question while an answer is left, and a sentence
that leans on the one before it ('Однако…', 'По его словам…', '— RT) с поставкой…')
only together with that one; it returns them verbatim in document order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .lexicon import LEXICON
from .linear import LogisticModel
from ..records import Keyword, Sentence
from .standalone import interviewer_sentences, lean
from .vectors import DIMENSIONS, sentence_vector, unit

NEAR_DUPLICATE = 0.7  # share of the shorter sentence's content lemmas found in the other
RELATIVE = ("keyword_coverage", "title_similarity", "centrality", "title_cosine", "similarity_to_first")
POSITION_BUCKETS = (0, 1, 2, 3, 4, 5, 7, 10, 15)  # a one-hot per range: position matters unevenly
LENGTH_BUCKETS = (0, 10, 15, 20, 25, 30, 40)
# How often sentences with these lemmas were in the oracle summaries of the training
# articles (log-odds, in the model file): 'заявить' and 'сообщить' lead, 'впрочем' does not.
LEXICAL = ("lemma_log_odds_sum", "lemma_log_odds_mean", "lemma_log_odds_max", "lemma_log_odds_min")
LOG_ODDS_MIN_DF, LOG_ODDS_PRIOR = 50, 10.0
# Cosines of the sentence's mean word vector with the document's, the title's, the rest
# of the text's, the first sentence's and the first three's; then the vector itself.
SEMANTIC = ("vector_document", "vector_title", "vector_rest", "vector_first", "vector_lead")
FEATURES = (
    "inverse_position", "is_first", "relative_position", "first_in_paragraph", "inverse_paragraph",
    "log_words", "keyword_coverage", "title_similarity", "centrality", "has_quote", "opens_with_quote",
    "has_digits", "has_colon", "similarity_to_first", "title_cosine", "paragraph_is_first",
    *(f"position_from_{b}" for b in POSITION_BUCKETS),
    *(f"words_from_{b}" for b in LENGTH_BUCKETS),
    *(f"{f}_{kind}" for f in RELATIVE for kind in ("inverse_rank", "below_best")),
    "idf_centrality", "idf_title_cosine", "mean_idf", "sum_idf", "capitalised_words", "log_pool_size",
    *LEXICAL, *SEMANTIC, *(f"vector_{i}" for i in range(DIMENSIONS)),
)


MODEL_FILE = Path(__file__).with_name("summary_model.json")
MODEL = LogisticModel(MODEL_FILE, FEATURES, "python -m briefing.bench train-summary")
MODEL_VERSION = MODEL.version


def _bucket(value: int, edges: tuple[int, ...]) -> list[float]:
    index = max(i for i, edge in enumerate(edges) if value >= edge)
    return [float(i == index) for i in range(len(edges))]


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    lemmas: tuple[str, ...]  # content-word lemmas, in order
    eligible: bool  # prose, complete, of a readable length
    paragraph: int = 0  # index of its block among prose blocks
    first_in_paragraph: bool = False
    tokens: tuple[str, ...] = ()  # word tokens as written

    @property
    def words(self) -> int:
        return len(self.tokens)


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


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _cosine_to_rest(bag: Counter[str], whole: Counter[str], whole_squares: int) -> float:
    """_cosine(bag, whole - bag) for a bag inside `whole`, without building the rest: its
    squares are the whole's less what the bag takes (integers: the same value exactly).
    Building it per sentence made the feature quadratic in the document's length."""
    dot = sum(v * (whole[k] - v) for k, v in bag.items())
    rest = whole_squares - sum(whole[k] ** 2 - (whole[k] - v) ** 2 for k, v in bag.items())
    norm = math.sqrt(sum(v * v for v in bag.values())) * math.sqrt(rest)
    return dot / norm if norm else 0.0


def _weighted(bag: Counter[str]) -> dict[str, float]:
    return {lemma: count * LEXICON.idf(lemma) for lemma, count in bag.items()}


def _weighted_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def lexical_columns(lemmas: tuple[str, ...], log_odds: dict[str, float]) -> list[float]:
    values = [log_odds[lemma] for lemma in set(lemmas) if lemma in log_odds]
    if not values:
        return [0.0, 0.0, 0.0, 0.0]
    return [sum(values), sum(values) / len(values), max(values), min(values)]


def _capitalised(text: str) -> int:
    """Capitalised words after the first: names of people, places, organisations."""
    words = [w.lstrip("«\"(") for w in text.split()[1:]]
    return sum(1 for w in words if w[:1].isupper() and w[1:2].islower())


def semantic_columns(pool: list[Candidate], title_words: tuple[str, ...]) -> list[list[float]]:
    """SEMANTIC and the vector, one row per candidate."""
    if not pool:
        return []
    vectors = np.array([sentence_vector(c.tokens) for c in pool])
    total = vectors.sum(axis=0)
    rest = np.array([unit(total - v) for v in vectors])
    columns = np.column_stack([
        vectors @ unit(total),
        vectors @ sentence_vector(title_words),
        (vectors * rest).sum(axis=1),
        vectors @ vectors[0],
        vectors @ vectors[:3].mean(axis=0),
        vectors,
    ])
    return columns.astype(float).tolist()


def features(
    pool: list[Candidate], keywords: tuple[Keyword, ...], title: set[str], log_odds: dict[str, float] | None = None,
    title_words: tuple[str, ...] = (),
) -> list[list[float]]:
    """One row per candidate, in FEATURES order; `title` holds the title's lemmas,
    `title_words` its words as written."""
    if log_odds is None:
        log_odds = MODEL.data["lemma_log_odds"]
    coverage = [sum(k.score for k in keywords if _contains(c.lemmas, k.key)) for c in pool]
    top = max(coverage, default=0.0) or 1.0
    whole = Counter(lemma for c in pool for lemma in c.lemmas)
    first = Counter(pool[0].lemmas) if pool else Counter()
    title_bag = Counter(title)
    whole_squares = sum(v * v for v in whole.values())
    n = len(pool)
    rows = []
    for rank, (c, cov) in enumerate(zip(pool, coverage)):
        text = c.sentence.text
        bag = Counter(c.lemmas)
        rows.append([
            1 / (1 + rank),
            float(rank == 0),
            rank / (n - 1) if n > 1 else 0.0,
            float(c.first_in_paragraph),
            1 / (1 + c.paragraph),
            math.log1p(c.words),
            cov / top,
            len(set(c.lemmas) & title) / len(title) if title else 0.0,
            _cosine_to_rest(bag, whole, whole_squares),
            float(any(q in text for q in "«\"")),
            float(text[:1] in "«\"—–-"),
            float(any(ch.isdigit() for ch in text)),
            float(":" in text),
            _cosine(bag, first) if rank else 1.0,
            _cosine(bag, title_bag),
            float(c.paragraph == 0),
            *_bucket(rank, POSITION_BUCKETS),
            *_bucket(c.words, LENGTH_BUCKETS),
        ])
    rows = _with_relative(rows)
    weighted_whole = _weighted(whole)
    weighted_title = {lemma: LEXICON.idf(lemma) for lemma in title}
    for c, row, semantic in zip(pool, rows, semantic_columns(pool, title_words)):
        bag = _weighted(Counter(c.lemmas))
        rest = {k: v - bag.get(k, 0.0) for k, v in weighted_whole.items()}
        idf = [LEXICON.idf(lemma) for lemma in set(c.lemmas)]
        row += [
            _weighted_cosine(bag, rest), _weighted_cosine(bag, weighted_title),
            sum(idf) / len(idf) if idf else 0.0, sum(idf), float(_capitalised(c.sentence.text)), math.log(n),
            *lexical_columns(c.lemmas, log_odds),
            *semantic,
        ]
    return rows


def _with_relative(rows: list[list[float]]) -> list[list[float]]:
    """How a sentence compares with the others of its document: rank and gap to the best."""
    index = {name: i for i, name in enumerate(FEATURES)}
    for name in RELATIVE:
        column = [row[index[name]] for row in rows]
        order = sorted(range(len(column)), key=lambda i: (-column[i], i))
        rank = {i: r for r, i in enumerate(order)}
        best = max(column, default=0.0)
        for i, row in enumerate(rows):
            row += [1 / (1 + rank[i]), column[i] - best]
    return rows


def rate(
    pool: list[Candidate], keywords: tuple[Keyword, ...], title: set[str], title_words: tuple[str, ...] = ()
) -> list[float]:
    """Probability-like rating of each candidate being in a good summary (higher is better)."""
    return MODEL.rate(features(pool, keywords, title, title_words=title_words))


def rated(
    candidates: list[Candidate], keywords: tuple[Keyword, ...], title: set[str], title_words: tuple[str, ...] = ()
) -> tuple[list[Candidate], list[float]]:
    """The candidates a summary may take (the eligible ones) and their ratings."""
    pool = [c for c in candidates if c.eligible]
    return pool, rate(pool, keywords, title, title_words)


def _follows(before: Candidate, after: Candidate) -> bool:
    return before.sentence.index == after.sentence.index - 1


def select(pool: list[Candidate], scores: list[float], k: int, asked: frozenset[int] = frozenset()) -> list[int]:
    """Positions in `pool` of the best-rated sentences, at most k, in document order: never a
    near-duplicate of one already taken, never an interviewer's sentence (a sentence index in
    `asked`) while any other is left, and a sentence that leans on the one before it (see
    standalone.py) only together with that one, which must stand alone: both count."""
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    order = [i for i in order if pool[i].sentence.index not in asked] or order
    allowed = set(order)
    leans = [lean(c.sentence.text) is not None for c in pool]
    lemmas = [set(c.lemmas) for c in pool]
    chosen: list[int] = []

    def fresh(i: int) -> bool:
        return i not in chosen and not any(overlap(lemmas[i], lemmas[j]) >= NEAR_DUPLICATE for j in chosen)

    added = True
    while added and len(chosen) < k:  # again while short: what a sentence leans on may now be in
        added = False
        for i in order:
            if len(chosen) == k:
                break
            if not fresh(i):
                continue
            before = i - 1 if i and _follows(pool[i - 1], pool[i]) else None
            if not leans[i] or before in chosen:
                chosen.append(i)
            elif before in allowed and not leans[before] and len(chosen) + 2 <= k and fresh(before) \
                    and overlap(lemmas[i], lemmas[before]) < NEAR_DUPLICATE:
                chosen += [before, i]
            else:
                continue
            added = True
    if not chosen and order and k:  # every candidate leans: the best one still says something
        chosen = [order[0]]
    return sorted(chosen)


def summarize(
    candidates: list[Candidate], keywords: tuple[Keyword, ...], title: set[str], count: int | str,
    title_words: tuple[str, ...] = (),
) -> tuple[Sentence, ...]:
    pool, scores = rated(candidates, keywords, title, title_words)
    asked = interviewer_sentences((c.sentence.block, c.sentence.text) for c in candidates)
    asked_indices = frozenset(candidates[p].sentence.index for p in asked)
    return tuple(pool[i].sentence for i in select(pool, scores, resolve_count(count, len(pool)), asked_indices))

"""Baselines measured in the same run as ours: Lead-3, LexRank, the greedy oracle, and
three keyword baselines (raw YAKE, YAKE on lemmas, most frequent nouns)."""

from __future__ import annotations

import math
import re
from collections import Counter

import yake

from ..nlp.russian import adapt_sentences, adapt_words, fold, lemma, parse
from ..nlp.summarize import NEAR_DUPLICATE, Candidate, overlap
from .rouge import rouge_n, tokens


def lead(sentences: list[str], k: int = 3) -> list[str]:
    return sentences[:k]


def lexrank(sentences: list[str], k: int = 3, threshold: float = 0.1, damping: float = 0.85) -> list[str]:
    """LexRank (Erkan & Radev 2004): tf-idf cosine graph, thresholded, PageRank; document order."""
    bags = [Counter(tokens(s)) for s in sentences]
    n = len(bags)
    if n <= k:
        return sentences
    df = Counter(w for bag in bags for w in bag)
    idf = {w: math.log(n / d) + 1.0 for w, d in df.items()}
    vectors = [{w: c * idf[w] for w, c in bag.items()} for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    edges = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            dot = sum(v * vectors[j].get(w, 0.0) for w, v in vectors[i].items())
            if dot / (norms[i] * norms[j]) > threshold:
                edges[i][j] = edges[j][i] = 1.0
    degree = [sum(row) or 1.0 for row in edges]
    rank = [1.0 / n] * n
    for _ in range(50):
        rank = [(1 - damping) / n + damping * sum(edges[j][i] * rank[j] / degree[j] for j in range(n)) for i in range(n)]
    best = sorted(range(n), key=lambda i: (-rank[i], i))[:k]
    return [sentences[i] for i in sorted(best)]


def oracle(sentences: list[str], reference: str, k: int = 3) -> list[int]:
    """Greedy extractive oracle: add the sentence that most raises ROUGE-1 + ROUGE-2 F1."""
    ref = tokens(reference)
    toks = [tokens(s) for s in sentences]
    chosen: list[int] = []
    best_value = 0.0
    while len(chosen) < k:
        best = None
        for i in range(len(sentences)):
            if i in chosen:
                continue
            cand = [t for j in sorted(chosen + [i]) for t in toks[j]]
            value = rouge_n(cand, ref, 1).f1 + rouge_n(cand, ref, 2).f1
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
    return sorted(chosen)


def standalone_oracle(sentences: list[str], reference: str, leans: list[bool], follows: list[bool],
                      asked: set[int] = frozenset(), k: int = 3) -> list[int]:
    """The greedy oracle under the selection's own constraints (summarize.select): a sentence
    that leans on the one before it only with that one (which must not lean; the pair counts
    two), no interviewer's sentence (`asked`). `follows[i]`: sentence i directly follows i-1."""
    ref = tokens(reference)
    toks = [tokens(s) for s in sentences]
    units = []
    for i in range(len(sentences)):
        if i in asked:
            continue
        if not leans[i]:
            units.append((i,))
        elif i and follows[i] and not leans[i - 1] and i - 1 not in asked:
            units.append((i - 1, i))
    chosen: set[int] = set()
    best_value = 0.0
    while len(chosen) < k:
        best = None
        for unit in units:
            new = set(unit) - chosen
            if not new or len(chosen | new) > k:
                continue
            cand = [t for j in sorted(chosen | new) for t in toks[j]]
            value = rouge_n(cand, ref, 1).f1 + rouge_n(cand, ref, 2).f1
            if value > best_value:
                best, best_value = new, value
        if best is None:
            break
        chosen |= best
    return sorted(chosen)


def raw_sentences(text: str) -> list[str]:
    return [s.text for s in adapt_sentences(text)]


def yake_raw(text: str, k: int = 10) -> list[str]:
    return [p for p, _ in yake.KeywordExtractor(lan="ru", n=3, top=k).extract_keywords(text)]


def lemmatized_text(text: str) -> str:
    """Every word replaced by its lemma; punctuation kept so YAKE still sees sentences."""
    out, pos = [], 0
    for w in adapt_words(text):
        out.append(text[pos : w.start])
        out.append(lemma(w.text))
        pos = w.end
    out.append(text[pos:])
    return "".join(out)


def yake_lemmas(text: str, k: int = 10) -> list[str]:
    return [p for p, _ in yake.KeywordExtractor(lan="ru", n=1, top=k).extract_keywords(lemmatized_text(text))]


def top_nouns(text: str, k: int = 10) -> list[str]:
    counts: Counter[str] = Counter()
    for w in adapt_words(text):
        if re.search(r"[а-яё]", w.text.lower()) and parse(fold(w.text))[0].tag.POS == "NOUN":
            counts[lemma(w.text)] += 1
    return [w for w, _ in counts.most_common(k)]


def previous_selection(pool: list[Candidate], scores: list[float], k: int = 3) -> list[int]:
    """Our selection before issue 24, on the same ratings: the best-rated sentences in turn,
    never a near-duplicate, and one whose first word is a third-person pronoun ('Он сообщил…')
    only after the sentence before it; no other leaning sentence and no question turn held back."""
    def points_back(c: Candidate) -> bool:
        tag = parse(fold(c.tokens[0]))[0].tag if c.tokens else None
        return tag is not None and tag.POS == "NPRO" and "Anph" in tag

    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    added = True
    while added and len(chosen) < k:
        added = False
        for i in order:
            if len(chosen) == k:
                break
            if i in chosen or any(overlap(set(pool[i].lemmas), set(pool[j].lemmas)) >= NEAR_DUPLICATE for j in chosen):
                continue
            if points_back(pool[i]) and not (i and i - 1 in chosen and pool[i - 1].sentence.index == pool[i].sentence.index - 1):
                continue
            chosen.append(i)
            added = True
    if not chosen and pool and k:
        chosen = [max(range(len(pool)), key=lambda i: (scores[i], -i))]
    return sorted(chosen)

"""Retrain what ships with the code, from the first --limit articles of the development
split (RT parts 0-5; `make train` gives the sentence model all of them); deterministic,
and in this order (each uses the one before):

- `train-lexicon`: document frequencies of lemmas (briefing/nlp/lexicon.json);
- `train-keywords`: candidates that are the article's tags as labels, and per candidate key
  how often it was a tag (keyword_model.json);
- `train-summary`: greedy-oracle sentences (at most 3, ROUGE-1 + ROUGE-2; under the
  selection's constraints: a leaning sentence only with the one before it, no interviewer's
  sentence) as labels, and the per-lemma log-odds of being in one (summary_model.json).

Both models are logistic regressions fitted by Newton's method with a small L2 penalty.
"""

from __future__ import annotations

import json
import math
import multiprocessing
from collections import Counter
from pathlib import Path

import numpy as np

from ..stages.analyse import keywords_of, prepare
from ..stages.clean import clean
from ..config import AnalysisSettings
from ..errors import ContentError
from ..nlp.keywords import (FEATURES as KEYWORD_FEATURES, MODEL_FILE as KEYWORD_FILE, NO_PRIOR, PRIOR, TagPrior,
                             prepare_candidates, prior_columns, tag_odds)
from ..records import Document
from ..nlp.lexicon import LEXICON_FILE, document_frequencies
from ..nlp.russian import lemma
from ..nlp.standalone import interviewer_sentences, lean
from ..nlp.summarize import FEATURES, LEXICAL, LOG_ODDS_MIN_DF, LOG_ODDS_PRIOR, MODEL_FILE, features, lexical_columns
from . import baselines as B
from .data import Article, articles
from .keyword_eval import phrase_key

L2 = 1e-3


def _cleaned(art: Article) -> Document | None:
    """The article as the site would clean it; None when no text survives."""
    try:
        return clean(Document(art.id, art.id, "txt", art.content, title=art.title))
    except ContentError:
        return None


def examples(art: Article) -> tuple[list[list[float]], list[int], list[tuple[str, ...]]]:
    """Feature rows (lexical columns still empty), oracle labels, and each sentence's lemmas."""
    doc = _cleaned(art)
    if doc is None:
        return [], [], []
    p = prepare(doc)
    keywords = keywords_of(doc, p, AnalysisSettings())
    pool = [c for c in p.candidates if c.eligible]
    if len(pool) < 2:
        return [], [], []
    texts = [c.sentence.text for c in pool]
    leans = [lean(t) is not None for t in texts]
    follows = [i > 0 and pool[i - 1].sentence.index == c.sentence.index - 1 for i, c in enumerate(pool)]
    every = list(p.candidates)  # as summarize() finds the interviewer's sentences
    asked_index = {every[i].sentence.index for i in interviewer_sentences((c.sentence.block, c.sentence.text) for c in every)}
    asked = {i for i, c in enumerate(pool) if c.sentence.index in asked_index}
    best = set(B.standalone_oracle(texts, art.summary, leans, follows, asked))
    rows = features(pool, keywords, set(p.title), log_odds={}, title_words=p.title_words)
    return rows, [int(i in best) for i in range(len(pool))], [c.lemmas for c in pool]


def log_odds(parts: list) -> dict[str, float]:
    """Per lemma: smoothed log-odds that a sentence holding it is an oracle sentence,
    relative to any sentence; lemmas in at least LOG_ODDS_MIN_DF training articles."""
    positive: Counter[str] = Counter()
    total: Counter[str] = Counter()
    articles_with: Counter[str] = Counter()
    for _, labels, lemmas in parts:
        articles_with.update({word for sentence in lemmas for word in sentence})
        for label, sentence in zip(labels, lemmas):
            for word in set(sentence):
                total[word] += 1
                positive[word] += label
    rate = sum(sum(labels) for _, labels, _ in parts) / sum(len(labels) for _, labels, _ in parts)
    base = math.log(rate / (1 - rate))
    a = LOG_ODDS_PRIOR
    return {
        lemma: round(math.log((positive[lemma] + a * rate) / (total[lemma] - positive[lemma] + a * (1 - rate))) - base, 4)
        for lemma in sorted(total) if articles_with[lemma] >= LOG_ODDS_MIN_DF
    }


def fill_lexical(parts: list, table: dict[str, float]) -> None:
    """Put the LEXICAL columns, left empty by `examples`, into each row, in place."""
    start = FEATURES.index(LEXICAL[0])
    for rows, _, lemmas in parts:
        for row, sentence in zip(rows, lemmas):
            row[start : start + len(LEXICAL)] = lexical_columns(sentence, table)


def lexicon_lemmas(art: Article) -> set[str]:
    """The lemmas of one article (title and text), for document frequencies."""
    doc = _cleaned(art)
    if doc is None:
        return set()
    p = prepare(doc)
    return {lemma(w) for words in [*p.words, p.title_words] for w in words if any(c.isalpha() for c in w)}


def fit(x: np.ndarray, y: np.ndarray, iterations: int = 25) -> tuple[np.ndarray, float]:
    """Logistic regression, Newton's method; bias unpenalised."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, L2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(a @ w)))
        gradient = a.T @ (p - y) / n + penalty * w
        hessian = (a.T * (p * (1 - p))) @ a / n + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


def keyword_examples(art: Article) -> tuple[list[list[float]], list[int], list[str]]:
    """Feature rows (PRIOR columns still empty), labels (the candidate is a tag) and keys."""
    if not art.keywords:
        return [], [], []
    doc = _cleaned(art)
    if doc is None:
        return [], [], []
    p = prepare(doc)
    cands, rows = prepare_candidates(doc.title, [b.text for b in doc.blocks], [list(w) for w in p.words],
                                     [s.text for s in p.sentences], AnalysisSettings(), set(p.proper), NO_PRIOR)
    tags = {phrase_key(t) for t in art.keywords}
    keys = [" ".join(c.key) for c in cands]
    return rows, [int(k in tags) for k in keys], keys


PRIOR_SMOOTHING = 5.0  # of the tag rate, in each key's estimate (2 to 20 gave F1@10 within 0.007 on RT part 5)
PRIOR_MIN_SEEN = 10    # keys are kept when seen in this many articles (fewer: F1@10 within 0.001)


def tag_prior(parts: list) -> TagPrior:
    """Per candidate key that is seldom a tag (negative log-odds, seen in PRIOR_MIN_SEEN
    articles or more): articles where it was a tag, articles where it was a candidate."""
    tagged: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for _, labels, keys in parts:
        for key, label in zip(keys, labels):
            seen[key] += 1
            tagged[key] += label
    rate = round(sum(tagged.values()) / max(sum(seen.values()), 1), 6)
    every = TagPrior({k: [tagged[k], seen[k]] for k in seen}, rate, PRIOR_SMOOTHING)
    kept = {k: every.keys[k] for k in sorted(seen) if seen[k] >= PRIOR_MIN_SEEN and tag_odds(tuple(k.split(" ")), every) < 0}
    return TagPrior(kept, rate, PRIOR_SMOOTHING)


def fill_prior(parts: list, table: TagPrior) -> None:
    """Put the PRIOR columns into each row, in place, leaving the article itself out."""
    start = KEYWORD_FEATURES.index(PRIOR[0])
    for rows, labels, keys in parts:
        for row, label, key in zip(rows, labels, keys):
            own = (label, 1) if key in table.keys else (0, 0)
            row[start : start + len(PRIOR)] = prior_columns(tuple(key.split(" ")), table, own)


def _described(read: int, limit: int) -> str:
    which = f"all {read}" if read < limit else f"first {read}"
    return f"{which} RT development articles with a summary (russia_today_0..5)"


def _fit_and_save(parts: list, names: tuple[str, ...], target: Path, what: str, source: str, command: str,
                  extra: dict | None = None) -> dict:
    x = np.array([row for xs, *_ in parts for row in xs], dtype=float)
    y = np.array([label for _, ys, *_ in parts for label in ys], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit((x - mean) / scale, y)
    model = {
        "features": list(names),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in weights],
        "bias": round(bias, 6),
        "trained_on": f"{what}: {source}",
        "examples": int(len(y)),
        "positives": int(y.sum()),
        "command": command,
        **(extra or {}),
    }
    target.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return model


def train(data: Path, limit: int, workers: int = 2, what: str = "summary") -> dict:
    rows = articles(data, "dev", limit)
    worker = {"summary": examples, "keyword": keyword_examples, "lexicon": lexicon_lemmas}[what]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = pool.map(worker, rows, chunksize=16)
    if what == "lexicon":
        built = _described(len(rows), limit)
        built = f"the {built}" if built.startswith("first") else built
        lexicon = document_frequencies([p for p in parts if p], built)
        LEXICON_FILE.write_text(json.dumps(lexicon, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        return {"articles": lexicon["documents"], "lemmas": len(lexicon["df"])}
    if what == "summary":
        table = log_odds(parts)
        fill_lexical(parts, table)
        label = "sentences in the greedy oracle summary"
        return _fit_and_save(parts, FEATURES, MODEL_FILE, label, _described(len(rows), limit),
                             f"python -m briefing.bench train-summary --data ../shared/eval-data --limit {limit}",
                             {"lemma_log_odds": table})
    table = tag_prior(parts)
    fill_prior(parts, table)
    return _fit_and_save(parts, KEYWORD_FEATURES, KEYWORD_FILE, "candidates that are the article's tags",
                         _described(len(rows), limit),
                         f"python -m briefing.bench train-keywords --data ../shared/eval-data --limit {limit}",
                         {"tag_prior": {"rate": table.rate, "smoothing": table.smoothing,
                                        "keys": {k: f"{t} {n}" for k, (t, n) in table.keys.items()}}})

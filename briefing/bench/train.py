"""Retrain the sentence model: `python -m briefing.bench train-summary --data DIR`.

Deterministic: the first --limit articles of the development split (RT parts 0-5),
greedy-oracle sentences (at most 3, ROUGE-1 + ROUGE-2) as positive labels, logistic
regression fitted by Newton's method with a small L2 penalty. Writes
briefing/summary_model.json, which ships with the code.
"""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import numpy as np

from ..analyse import keywords_of, prepare
from ..clean import clean
from ..config import AnalysisSettings
from ..errors import ContentError
from ..keywords import FEATURES as KEYWORD_FEATURES, MODEL_FILE as KEYWORD_FILE, prepare_candidates
from ..records import Document
from ..summarize import FEATURES, MODEL_FILE, features
from . import baselines as B
from .data import Article, articles
from .keyword_eval import phrase_key

L2 = 1e-3


def examples(art: Article) -> tuple[list[list[float]], list[int]]:
    try:
        doc = clean(Document(art.id, art.id, "txt", art.content, title=art.title))
    except ContentError:
        return [], []
    p = prepare(doc)
    keywords = keywords_of(doc, p, AnalysisSettings())
    pool = [c for c in p.candidates if c.eligible]
    if len(pool) < 2:
        return [], []
    best = set(B.oracle([c.sentence.text for c in pool], art.summary))
    return features(pool, keywords, set(p.title)), [int(i in best) for i in range(len(pool))]


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


def keyword_examples(art: Article) -> tuple[list[list[float]], list[int]]:
    if not art.keywords:
        return [], []
    try:
        doc = clean(Document(art.id, art.id, "txt", art.content, title=art.title))
    except ContentError:
        return [], []
    p = prepare(doc)
    cands, rows = prepare_candidates(doc.title, [b.text for b in doc.blocks], [list(w) for w in p.words],
                                     [s.text for s in p.sentences], AnalysisSettings(), set(p.proper))
    tags = {phrase_key(t) for t in art.keywords}
    return rows, [int(" ".join(c.key) in tags) for c in cands]


def _fit_and_save(parts: list, names: tuple[str, ...], target: Path, what: str, limit: int, command: str) -> dict:
    x = np.array([row for xs, _ in parts for row in xs], dtype=float)
    y = np.array([label for _, ys in parts for label in ys], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit((x - mean) / scale, y)
    model = {
        "features": list(names),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in weights],
        "bias": round(bias, 6),
        "trained_on": f"{what}: first {limit} RT development articles with a summary (russia_today_0..5)",
        "examples": int(len(y)),
        "positives": int(y.sum()),
        "command": command,
    }
    target.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return model


def train(data: Path, limit: int, workers: int = 2, what: str = "summary") -> dict:
    rows = articles(data, "dev", limit)
    worker = examples if what == "summary" else keyword_examples
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = pool.map(worker, rows, chunksize=16)
    if what == "summary":
        label = "sentences in the greedy oracle summary"
        return _fit_and_save(parts, FEATURES, MODEL_FILE, label, limit,
                             f"python -m briefing.bench train-summary --data ../shared/eval-data --limit {limit}")
    return _fit_and_save(parts, KEYWORD_FEATURES, KEYWORD_FILE, "candidates that are the article's tags", limit,
                         f"python -m briefing.bench train-keywords --data ../shared/eval-data --limit {limit}")

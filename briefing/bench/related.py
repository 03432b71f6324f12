"""python -m briefing.bench related [--config site_config.yaml] [--candidates N]

The review behind each dossier's `related:` words (issue 24): for every related word, the
dossier term it is nearest to in the navec vectors we ship and their cosine; with
--candidates N, each term's N nearest navec words that are neither a term nor a related
word yet (in lemma form, deduplicated), to be read and either added by hand or left out.
Multi-word terms and related phrases are compared by their words' mean vector.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..config import Theme, load_config
from ..nlp.vectors import _navec, sentence_vector, unit
from ..stages.group import term_key


def _matrix() -> tuple[list[str], np.ndarray]:
    """Every navec word and its unit vector (about 300 MB, a few seconds)."""
    navec = _navec()
    pq = navec.pq
    ids = np.arange(len(navec.vocab.words))
    vectors = pq.codes[pq.qdims, pq.indexes[ids]].reshape(len(ids), -1).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return list(navec.vocab.words), vectors


def _vector(phrase: str) -> np.ndarray:
    return unit(sentence_vector(phrase.replace("-", " ").split()))


def nearest_terms(theme: Theme) -> list[tuple[str, str, float]]:
    """(related word, the nearest term or other related word, cosine) for each related
    word of a dossier: a neighbour of a neighbour is reviewed the same way."""
    known = [(t, _vector(t)) for t in theme.terms + theme.related]
    out = []
    for word in theme.related:
        v = _vector(word)
        best = max((tv for tv in known if tv[0] != word), key=lambda tv: float(tv[1] @ v))
        out.append((word, best[0], round(float(best[1] @ v), 2)))
    return out


def candidates(theme: Theme, words: list[str], vectors: np.ndarray, n: int) -> list[tuple[str, str, float]]:
    """(lemma, the term it is near, cosine): each single-word term's n nearest navec words,
    less the lemmas the dossier already has; strongest first."""
    have = {term_key(t) for t in theme.terms + theme.related}
    best: dict[str, tuple[str, float]] = {}
    for term in theme.terms:
        v = _vector(term)
        if not v.any() or len(term.split()) > 1:
            continue
        sims = vectors @ v
        for j in np.argsort(-sims)[1 : n + 1]:
            key = term_key(words[j])
            if len(key) == 1 and key not in have and sims[j] > best.get(key[0], ("", -1.0))[1]:
                best[key[0]] = (term, round(float(sims[j]), 2))
    return sorted(((w, t, s) for w, (t, s) in best.items()), key=lambda x: -x[2])


def run(config_path: Path, n: int = 0) -> str:
    config = load_config(config_path)
    out: list[str] = []
    matrix = _matrix() if n else None
    for theme in config.themes:
        out += [f"## {theme.id}", "", "| related | nearest term or related word | cosine |", "|---|---|---|"]
        out += [f"| {w} | {t} | {s:.2f} |" for w, t, s in nearest_terms(theme)]
        if matrix is not None:
            out += ["", f"candidates ({n} nearest words of each term): "
                    + ", ".join(f"{w} ({t} {s:.2f})" for w, t, s in candidates(theme, *matrix, n))]
        out.append("")
    return "\n".join(out)

"""Adapter to navec word vectors (Russian news, 250K words, 300 dimensions).

The vectors ship inside the natasha package (natasha/data/emb/); we find the file on
disk without importing natasha, which would load taggers we do not use. A sentence is
the mean of its known words' vectors, scaled to length 1, so that a dot product of two
sentence vectors is their cosine similarity.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
from navec import Navec

NAVEC_FILE = "navec_news_v1_1B_250K_300d_100q.tar"
DIMENSIONS = 300


def navec_path() -> Path:
    spec = importlib.util.find_spec("natasha")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / "data" / "emb" / NAVEC_FILE if folders else None
    if path is None or not path.is_file():
        raise FileNotFoundError(
            f"word vectors {NAVEC_FILE} not found: install natasha with "
            "`pip install --no-deps -r requirements-vectors.txt` (`make site` does this)"
        )
    return path


@lru_cache(maxsize=1)
def _navec() -> Navec:
    """Loaded once per process (about a second)."""
    return Navec.load(navec_path())


def _word_id(ids: dict[str, int], word: str) -> int | None:
    word = word.lower()
    found = ids.get(word)
    if found is None and "ё" in word:
        found = ids.get(word.replace("ё", "е"))
    return found


def sentence_vector(words: Iterable[str]) -> np.ndarray:
    """Unit-length mean vector of the words navec knows; zeros when it knows none."""
    navec = _navec()
    ids = [i for i in (_word_id(navec.vocab.word_ids, w) for w in words) if i is not None]
    if not ids:
        return np.zeros(DIMENSIONS, dtype=np.float32)
    pq = navec.pq
    vectors = pq.codes[pq.qdims, pq.indexes[ids]].reshape(len(ids), DIMENSIONS)
    return unit(vectors.mean(axis=0))


def unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector

"""How common a lemma is in news: document frequencies, for inverse document frequency.

A word that every news story uses ("год", "заявить", "Россия") says less about one
story than a word few stories use ("допинг", "газопровод"). The counts ship in
lexicon.json: in how many of the first 3,000 RT development articles each lemma
occurs (lemmas found in at least MIN_DF of them; no text is stored). Retrain with
`python -m briefing.bench train-lexicon`. Keywords and sentence rating both use it.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import cached_property
from pathlib import Path
from typing import Iterable

LEXICON_FILE = Path(__file__).with_name("lexicon.json")
MIN_DF = 5
RETRAIN = "python -m briefing.bench train-lexicon"


class Lexicon:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "none"

    @cached_property
    def data(self) -> dict:
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: the lexicon is missing; run `{RETRAIN}`")
        return json.loads(self.path.read_text(encoding="utf-8"))

    @cached_property
    def _idf(self) -> tuple[dict[str, float], float]:
        n = self.data["documents"]
        table = {lemma: math.log((n + 1) / (df + 1)) for lemma, df in self.data["df"].items()}
        return table, math.log((n + 1) / MIN_DF)  # a lemma below MIN_DF is at least this rare

    def idf(self, lemma: str) -> float:
        table, unseen = self._idf
        return table.get(lemma, unseen)


LEXICON = Lexicon(LEXICON_FILE)


def document_frequencies(documents: Iterable[set[str]], built_from: str) -> dict:
    """The lexicon.json payload from each document's set of lemmas."""
    counts: dict[str, int] = {}
    n = 0
    for lemmas in documents:
        n += 1
        for lemma in lemmas:
            counts[lemma] = counts.get(lemma, 0) + 1
    kept = {lemma: df for lemma, df in sorted(counts.items()) if df >= MIN_DF}
    return {"documents": n, "min_df": MIN_DF, "built_from": built_from, "command": RETRAIN, "df": kept}

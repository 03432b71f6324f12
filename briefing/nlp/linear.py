"""The small logistic models that ship with the code (keyword and sentence raters)."""

from __future__ import annotations

import hashlib
import json
import math
from functools import cached_property
from pathlib import Path

import numpy as np


class LogisticModel:
    """Weights in a JSON file beside the code; `rate` gives each feature row a value in (0, 1)."""

    def __init__(self, path: Path, features: tuple[str, ...], retrain: str) -> None:
        self.path, self.features, self.retrain = path, features, retrain
        self.version = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "none"

    @cached_property
    def data(self) -> dict:
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: the model is missing; run `{self.retrain}`")
        data = json.loads(self.path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != self.features:
            raise ValueError(f"{self.path}: trained for other features; retrain with `{self.retrain}`")
        return data

    def rate(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        m = self.data
        z = m["bias"] + ((np.asarray(rows, dtype=float) - m["mean"]) / m["scale"]) @ np.asarray(m["weights"])
        return [1 / (1 + math.exp(-v)) for v in z.tolist()]

"""Answers one build keeps for the next: pure functions of a string whose results the merge
reads back from .briefing/names.json instead of asking razdel, pymorphy3 and iuliia again.
"""

from __future__ import annotations

from pathlib import Path

from ...cache import read_json, write_json


class _Remembered:
    """A pure function of one string whose results one build keeps for the next.

    The merge runs on every build over every mention of the briefing and asks razdel and
    pymorphy3 the same questions about the same few thousand names each time (seconds at
    N = 1000). Its word-level answers are kept in the cache (.briefing/names.json, read and
    written by entities_of): the same answers, without asking."""

    def __init__(self, fn, to_json=lambda v: v, from_json=lambda v: v) -> None:
        self.fn, self.to_json, self.from_json = fn, to_json, from_json
        self.name = fn.__name__
        self.values: dict[str, object] = {}
        self.stored: dict[str, object] = {}  # read from the cache, not asked for yet

    def __call__(self, key: str):
        if key in self.values:
            return self.values[key]
        value = self.from_json(self.stored.pop(key)) if key in self.stored else self.fn(key)
        self.values[key] = value
        return value


def remembered(to_json=lambda v: v, from_json=lambda v: v):
    def wrap(fn) -> _Remembered:
        kept = _Remembered(fn, to_json, from_json)
        _REMEMBERED.append(kept)
        return kept
    return wrap


_REMEMBERED: list[_Remembered] = []
REMEMBERED_VERSION = 2  # bump when a remembered function changes its answers


def _load_remembered(path: Path) -> None:
    data = read_json(path)
    if not isinstance(data, dict) or data.get("version") != REMEMBERED_VERSION:
        return
    for kept in _REMEMBERED:
        values = data.get(kept.name)
        if isinstance(values, dict):
            kept.stored = {k: v for k, v in values.items() if k not in kept.values}


def _save_remembered(path: Path) -> None:
    """What this process has asked: names no document has any more leave the file when
    a process that never asked about them writes it (every build does, once)."""
    data: dict[str, object] = {"version": REMEMBERED_VERSION}
    for kept in _REMEMBERED:
        data[kept.name] = {k: kept.to_json(v) for k, v in kept.values.items()}
        kept.stored = {}
    write_json(path, data)

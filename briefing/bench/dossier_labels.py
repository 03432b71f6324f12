"""The hand-labelled dossier development set (briefing/bench/dossier_labels.tsv).

Ids are `<file stem>:<index>` over ../shared/eval-data/ru_kw_eval_datasets,
RT parts 0-5 and NG 0-1 only (RT 6-7 are held-out test data). The TSV holds
ids, labels and short notes, never article text. See DOSSIER_LABELS.md."""

from __future__ import annotations

import re
from pathlib import Path

from .data import read_tsv

DEFAULT_PATH = Path(__file__).with_name("dossier_labels.tsv")
DOSSIERS = frozenset({"karabakh", "north_south", "trade", "humanitarian"})
KINDS = frozenset({"positive", "distractor", "random"})
ID_RE = re.compile(r"(russia_today_[0-5]|ng_[01]):\d+")
HEADER = ["id", "labels", "kind", "note"]


def load_rows(path: Path = DEFAULT_PATH) -> list[dict[str, str]]:
    """Every row of the TSV as a dict keyed by the header; raises ValueError on a malformed file."""
    return read_tsv(path, HEADER)


def parse_labels(cell: str) -> frozenset[str]:
    """`-` is the empty set; otherwise comma-separated dossier ids."""
    cell = cell.strip()
    if cell == "-":
        return frozenset()
    labels = frozenset(x.strip() for x in cell.split(","))
    unknown = labels - DOSSIERS
    if unknown or "" in labels:
        raise ValueError(f"unknown dossier labels: {sorted(unknown) or cell!r}")
    return labels


def load_labels(path: Path = DEFAULT_PATH) -> dict[str, frozenset[str]]:
    """Article id -> the set of dossiers the article is about (empty set: none)."""
    out: dict[str, frozenset[str]] = {}
    for row in load_rows(path):
        if not ID_RE.fullmatch(row["id"]):
            raise ValueError(f"malformed id {row['id']!r}")
        if row["id"] in out:
            raise ValueError(f"duplicate id {row['id']!r}")
        out[row["id"]] = parse_labels(row["labels"])
    return out

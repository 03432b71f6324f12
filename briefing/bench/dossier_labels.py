"""The hand-labelled dossier development set (briefing/bench/dossier_labels.tsv) and
the short news we wrote ourselves (briefing/bench/short_news.tsv).

Ids are `<file stem>:<index>` over ../shared/eval-data/ru_kw_eval_datasets,
RT parts 0-5 and NG 0-1 only (RT 6-7 are held-out test data). The TSV holds
ids, labels and short notes, never article text. See DOSSIER_LABELS.md. The short
news hold their text: we wrote them (SHORT_NEWS.md)."""

from __future__ import annotations

import re
from pathlib import Path

from .data import labels_by_id, read_tsv

DEFAULT_PATH = Path(__file__).with_name("dossier_labels.tsv")
SHORT_PATH = Path(__file__).with_name("short_news.tsv")
DOSSIERS = frozenset({"karabakh", "north_south", "trade", "humanitarian"})
KINDS = frozenset({"positive", "distractor", "random"})
ID_RE = re.compile(r"(russia_today_[0-5]|ng_[01]):\d+")
HEADER = ["id", "labels", "kind", "note"]
SHORT_HEADER = ["id", "labels", "kind", "title", "text"]
SHORT_KINDS = frozenset({"indirect", "passing"})


def load_rows(path: Path = DEFAULT_PATH, header: list[str] = HEADER) -> list[dict[str, str]]:
    """Every row of the TSV as a dict keyed by the header; raises ValueError on a malformed file."""
    return read_tsv(path, header)


def load_short_news(path: Path = SHORT_PATH) -> list[dict[str, str]]:
    """The short news rows (id, labels, kind, title, text); raises ValueError on a malformed
    file, an unknown kind or label, or a repeated id."""
    rows = load_rows(path, SHORT_HEADER)
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen or row["kind"] not in SHORT_KINDS or not row["title"].strip() or not row["text"].strip():
            raise ValueError(f"{path}: bad row {row['id']!r}")
        seen.add(row["id"])
        parse_labels(row["labels"])
    return rows


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
    return labels_by_id(load_rows(path), ID_RE, "labels", parse_labels)

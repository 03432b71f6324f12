"""Reading ../shared/eval-data (never copied into the repository)."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

SPLITS = {
    "dev": [f"russia_today_{i}" for i in range(6)],
    "test": ["russia_today_6", "russia_today_7"],
}


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    content: str
    summary: str
    keywords: tuple[str, ...]


def _records(path: Path) -> Iterator[dict]:
    with zipfile.ZipFile(path) as archive:
        raw = archive.read(archive.namelist()[0]).decode("utf-8")
    for line in raw.split("\n"):  # texts contain U+2028: splitlines() would break records
        if line.strip():
            yield json.loads(line)


def articles(data: Path, split: str, limit: int | None = None, part: str | None = None) -> list[Article]:
    """RT articles of a split that have a summary, in file order."""
    names = [part] if part else SPLITS[split]
    out: list[Article] = []
    for name in names:
        for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{name}.jsonlines.zip")):
            if not (rec.get("summary") or "").strip() or not (rec.get("content") or "").strip():
                continue
            keywords = tuple(dict.fromkeys(k.strip() for k in rec.get("keywords") or [] if k.strip()))
            out.append(Article(f"{name}:{i}", (rec.get("title") or "").strip(), rec["content"], rec["summary"].strip(), keywords))
            if limit and len(out) >= limit:
                return out
    return out


def ng_articles(data: Path, limit: int | None = None) -> list[Article]:
    """NG articles with tags and text, one per text (388 records repeat an article under
    another address), in file order; no summary (NG has none)."""
    out: list[Article] = []
    seen: set[str] = set()
    for name in ("ng_0", "ng_1"):
        for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{name}.jsonlines.zip")):
            content = rec.get("content") or ""
            keywords = tuple(dict.fromkeys(k.strip() for k in rec.get("keywords") or [] if k.strip()))
            if not content.strip() or not keywords or content in seen:
                continue
            seen.add(content)
            out.append(Article(f"{name}:{i}", (rec.get("title") or "").strip(), content, "", keywords))
            if limit and len(out) >= limit:
                return out
    return out


@dataclass(frozen=True)
class Story:
    """An RT record as a document to publish: no reference summary needed."""
    id: str
    title: str
    content: str
    url: str
    date: str | None


def stories(data: Path, split: str, limit: int) -> list[Story]:
    """The first `limit` RT articles of a split that have text, in file order.
    `date` is the record's own date field; the RT records carry none today."""
    out: list[Story] = []
    for name in SPLITS[split]:
        for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{name}.jsonlines.zip")):
            if not (rec.get("content") or "").strip():
                continue
            date = rec.get("date") or rec.get("published")
            out.append(Story(f"{name}-{i:05d}", (rec.get("title") or "").strip(), rec["content"],
                             (rec.get("url") or "").strip(), str(date) if date else None))
            if len(out) >= limit:
                return out
    return out


def read_tsv(path: Path, header: list[str]) -> list[dict[str, str]]:
    """Every row of a labels TSV as a dict keyed by `header`; ValueError on a malformed file."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    if lines[0].split("\t") != header:
        raise ValueError(f"{path}: header must be {header}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{path}:{number}: expected {len(header)} tab-separated cells, got {len(cells)}")
        rows.append(dict(zip(header, cells)))
    return rows


def labels_by_id(rows: list[dict[str, str]], id_re: re.Pattern[str], column: str,
                 parse: Callable[[str], frozenset[str]]) -> dict[str, frozenset[str]]:
    """Article id -> its parsed label cell; ValueError on a malformed or repeated id."""
    out: dict[str, frozenset[str]] = {}
    for row in rows:
        if not id_re.fullmatch(row["id"]):
            raise ValueError(f"malformed id {row['id']!r}")
        if row["id"] in out:
            raise ValueError(f"duplicate id {row['id']!r}")
        out[row["id"]] = parse(row[column])
    return out

"""python -m briefing.bench facts --data DIR [--limit N]: the facts a reader trusts without
checking (a document's date, its source, that its text is the article), measured on real
news beside the rule this project used before, in the same run.

- NG articles carry their publication date in their url: they are cleaned WITHOUT it, and
  every date shown that differs from the url's is wrong (undated is acceptable).
- RT articles (dev split) are from 2016-2018: a date shown outside those years is wrong.
  They are cleaned with their url, which names RT: every source should be RT.
- A hand-labelled sample of articles cleaned without url (bench/source_labels.tsv, see
  SOURCE_LABELS.md): the precision of the sources shown (a wrong source is worse than none).
- Code left in the text: lines that still look like page script after cleaning
  (bench/cleaning.py's detector, looser than the cleaning rule on purpose).

Only the load and clean stages run (dates and sources are decided there), on documents
written to a temporary folder as a user would add them.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..nlp.dates import find_date, url_date
from ..nlp.provenance import DATELINES, find_attribution, url_host
from ..records import Document, PartialDate
from ..stages.clean import clean_all
from ..stages.load import load_documents
from .cleaning import code_left
from .data import SPLITS, _records

RT_YEARS = range(2016, 2019)
@dataclass(frozen=True)
class Item:
    id: str
    title: str
    content: str
    url: str


def ng_items(data: Path, limit: int | None) -> list[Item]:
    """NG articles, one per text (388 records repeat an article under another address)."""
    seen: set[str] = set()
    out: list[Item] = []
    for name in ("ng_0", "ng_1"):
        for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{name}.jsonlines.zip")):
            content = (rec.get("content") or "").strip()
            if not content or content in seen:
                continue
            seen.add(content)
            out.append(Item(f"{name}-{i:05d}", (rec.get("title") or "").strip(), rec["content"], (rec.get("url") or "").strip()))
            if limit and len(out) >= limit:
                return out
    return out


def rt_items(data: Path, limit: int | None) -> list[Item]:
    out: list[Item] = []
    for name in SPLITS["dev"]:
        for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{name}.jsonlines.zip")):
            if (rec.get("content") or "").strip():
                out.append(Item(f"{name}-{i:05d}", (rec.get("title") or "").strip(), rec["content"], (rec.get("url") or "").strip()))
                if limit and len(out) >= limit:
                    return out
    return out


def _write(folder: Path, items: list[Item], with_url: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        meta = {"title": item.title} if item.title else {}
        if with_url and item.url:
            meta["url"] = item.url
        head = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n" if meta else ""
        (folder / f"{item.id}.txt").write_text(head + item.content + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Cleaned:
    """A document as this rule and as the old rule make it."""
    doc: Document
    body: str
    old_date: PartialDate | None
    old_source: str


def old_date(body: str) -> PartialDate | None:
    """The old rule: a dateline anywhere in the text, else the first date written in it."""
    found = [m for pattern in DATELINES for m in [pattern.search(body)] if m]
    if found:
        date = find_date(min(found, key=lambda m: m.start())["date"])
        if date:
            return date
    return find_date(body)


def old_source(doc: Document, body: str) -> str:
    """The old rule: a dateline's agency anywhere, the text's attribution in its first three
    paragraphs, the url's host."""
    found = [m for pattern in DATELINES for m in [pattern.search(body)] if m]
    agency = next((m.groupdict().get("agency") or "" for m in sorted(found, key=lambda m: m.start())), "")
    return agency.rstrip(".") or find_attribution(doc.blocks) or url_host(doc.url)


def cleaned(items: list[Item], with_url: bool, workdir: Path) -> tuple[list[Cleaned], list[str]]:
    folder = workdir / ("with-url" if with_url else "without-url")
    _write(folder, items, with_url)
    loaded = load_documents(folder, 10**7)
    bodies = {d.path: d.body for d in loaded.documents}
    docs, problems = clean_all(loaded.documents)
    out = [Cleaned(d, bodies[d.path], old_date(bodies[d.path]), old_source(d, bodies[d.path])) for d in docs]
    return out, [str(p) for p in (*loaded.problems, *problems)]


def code_lines(doc: Document) -> int:
    return sum(code_left(block.text) for block in doc.blocks)


def _pct(n: int, d: int) -> str:
    return f"{n} of {d} ({100 * n / d:.1f} %)" if d else "—"


def run(data: Path, limit: int | None = None) -> str:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ng, ng_problems = cleaned(ng_items(data, limit), False, Path(tmp) / "ng")
        rt, rt_problems = cleaned(rt_items(data, limit), True, Path(tmp) / "rt")
        labelled = _labelled(data, Path(tmp) / "labelled")
    urls = {i.id: i.url for i in ng_items(data, limit)}
    truth = {c.doc.id: url_date(urls.get(Path(c.doc.path).stem, "")) for c in ng}
    ng_dated = [c for c in ng if truth[c.doc.id]]

    def wrong_ng(date_of) -> tuple[int, int]:
        shown = [c for c in ng_dated if date_of(c)]
        return len(shown), sum(1 for c in shown if date_of(c) != truth[c.doc.id])

    def wrong_rt(date_of) -> tuple[int, int]:
        shown = [c for c in rt if date_of(c)]
        return len(shown), sum(1 for c in shown if date_of(c).year not in RT_YEARS)

    new_ng, old_ng = wrong_ng(lambda c: c.doc.date), wrong_ng(lambda c: c.old_date)
    new_rt, old_rt = wrong_rt(lambda c: c.doc.date), wrong_rt(lambda c: c.old_date)
    rows = [
        ("NG without url: dates shown that differ from the url's (goal 0)",
         f"{old_ng[1]} of {old_ng[0]} shown", f"{new_ng[1]} of {new_ng[0]} shown"),
        ("RT: dates shown outside 2016-2018 (goal 0)", f"{old_rt[1]} of {old_rt[0]} shown", f"{new_rt[1]} of {new_rt[0]} shown"),
        ("RT with url: source RT (goal all; the old rule: RT or its host)", _pct(sum(c.old_source in ("RT", "russian.rt.com") for c in rt), len(rt)),
         _pct(sum(c.doc.source == "RT" for c in rt), len(rt))),
        ("RT with url: doubled url prefix (repaired, with a warning)", "—",
         str(sum("doubled address prefix" in p for p in rt_problems))),
    ]
    if labelled is not None:
        rows += labelled
    code_docs = [c for c in (*ng, *rt) if code_lines(c.doc)]
    rows.append(("documents with code left in the text (goal 0)", "—",
                 f"{len(code_docs)} of {len(ng) + len(rt)} ({sum(code_lines(c.doc) for c in code_docs)} lines)"))
    width = max(len(r[0]) for r in rows)
    lines = [f"Facts on real news: {len(ng)} NG articles (cleaned without their url), {len(rt)} RT articles (dev, with url)",
             "", f"| {'measure'.ljust(width)} | old rule | this rule |", f"|{'-' * (width + 2)}|---|---|"]
    lines += [f"| {name.ljust(width)} | {old} | {new} |" for name, old, new in rows]
    lines.append("")
    lines.append(f"Warnings while cleaning: NG {len(ng_problems)}, RT {len(rt_problems)}; {time.perf_counter() - started:.0f} s")
    if code_docs:
        lines.append("Code left, first documents: " + ", ".join(c.doc.path for c in code_docs[:10]))
    return "\n".join(lines)


def _labelled(data: Path, workdir: Path) -> list[tuple[str, str, str]] | None:
    """Source precision on the hand-labelled sample, cleaned without url; None without labels.
    A source is right when it is one of its label's spellings, letter case aside."""
    try:
        from .source_labels import source_labels, source_sample
    except ImportError:
        return None
    labels = source_labels()
    stories = source_sample(data)
    items = [Item(s.id, s.title, s.content, "") for s in stories]
    got, _ = cleaned(items, False, workdir)

    def score(source_of) -> str:
        shown = [(c, source_of(c)) for c in got if source_of(c)]
        right = sum(1 for c, s in shown if s.casefold() in {x.casefold() for x in labels.get(Path(c.doc.path).stem, ())})
        should = sum(1 for c in got if labels.get(Path(c.doc.path).stem))
        found = sum(1 for c, s in shown if labels.get(Path(c.doc.path).stem))
        precision = f"{right / len(shown):.2f}" if shown else "—"
        return f"precision {precision} ({right} right of {len(shown)} shown; {found} of {should} labelled shown)"

    return [(f"labelled sample of {len(got)} without url: sources shown (precision ≥ 0.95)",
             score(lambda c: c.old_source), score(lambda c: c.doc.source))]

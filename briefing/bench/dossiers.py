"""python -m briefing.bench dossiers --data ../shared/eval-data [--config site_config.yaml] [--general N]

Dossier membership, for the rule of issue 11 (`ISSUE_11`: summary and paragraphs, the
config's `terms:` only) beside today's (`RULE`: also title terms, `related:` words, a
short document judged whole, a name's terms once; briefing/stages/group.py), in the same
run on the same analyses, on two sets: the hand-labelled development set
(dossier_labels.tsv: RT parts 0-5 and NG, see DOSSIER_LABELS.md) plus the five seed
articles with the dossiers the product promises them, and the short news we wrote
(short_news.tsv, see SHORT_NEWS.md). With --general N, also how many of the first N RT
development articles (general news) each rule puts into a dossier.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from pathlib import Path

from ..stages.analyse import analyse
from ..stages.clean import clean
from ..config import AnalysisSettings, Config, load_config
from ..errors import ContentError
from ..stages.group import ISSUE_11, RULE, Rule, group
from ..stages.load import load_documents
from ..records import Analysis, Document
from .data import _records, stories
from .dossier_labels import load_labels, load_short_news, parse_labels

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "corpus"
# The dossiers the seed articles belong to (also pinned by tests/test_group.py).
SEED_LABELS = {
    "2021-05-20-premery-rf-i-azerbaydzhana-v-moskve": {"karabakh", "trade"},
    "2022-06-29-beseda-s-aliyevym": {"karabakh", "trade"},
    "2022-07-20-lavrov-i-bayramov": {"karabakh", "north_south"},
    "2024-03-05-premery-v-baku": {"north_south", "trade", "humanitarian"},
    "2024-08-18-putin-i-aliev-v-baku": {"karabakh", "north_south", "trade", "humanitarian"},
}
RULES: tuple[tuple[str, Rule], ...] = (("issue 11", ISSUE_11), ("issue 24", RULE))


def labelled_documents(data: Path) -> tuple[list[Document], dict[str, frozenset[str]]]:
    labels = load_labels()
    wanted: dict[str, set[int]] = {}
    for ident in labels:
        part, index = ident.split(":")
        wanted.setdefault(part, set()).add(int(index))
    docs = []
    for part, indexes in sorted(wanted.items()):
        for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{part}.jsonlines.zip")):
            if i in indexes:
                ident = f"{part}:{i}"
                docs.append(Document(ident, ident, "txt", rec.get("content") or "", title=(rec.get("title") or "").strip()))
    return docs, labels


def short_documents() -> tuple[list[Document], dict[str, frozenset[str]]]:
    """The short news we wrote, as documents, and their labels."""
    rows = load_short_news()
    docs = [Document(r["id"], r["id"], "txt", r["text"], title=r["title"]) for r in rows]
    return docs, {r["id"]: parse_labels(r["labels"]) for r in rows}


def _analysed(doc: Document) -> Analysis | None:
    try:
        return analyse(clean(doc), AnalysisSettings())
    except ContentError:
        return None


def members(analyses: list[Analysis], config: Config, rule: Rule) -> dict[str, set[str]]:
    """Document id -> the dossiers it joins under a rule."""
    out: dict[str, set[str]] = {a.document.id: set() for a in analyses}
    dossiers, _ = group(analyses, config.themes, config.grouping, rule)
    for d in dossiers:
        for m in d.members:
            out[m.document].add(d.id)
    return out


def scores(predicted: dict[str, set[str]], gold: dict[str, frozenset[str]], dossiers: list[str]) -> dict[str, tuple[float, float, float, int, int, int]]:
    """Per dossier and 'micro': (P, R, F1, true positives, false positives, misses)."""
    out = {}
    total: Counter[str] = Counter()
    for d in dossiers:
        tp = sum(1 for i, g in gold.items() if d in g and d in predicted.get(i, ()))
        fp = sum(1 for i, g in gold.items() if d not in g and d in predicted.get(i, ()))
        fn = sum(1 for i, g in gold.items() if d in g and d not in predicted.get(i, ()))
        total.update(tp=tp, fp=fp, fn=fn)
        out[d] = _prf(tp, fp, fn)
    out["micro"] = _prf(total["tp"], total["fp"], total["fn"])
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float, int, int, int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def _analyse_all(docs: list[Document], workers: int) -> list[Analysis]:
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [a for a in pool.map(_analysed, docs, chunksize=4) if a is not None]


def general_news(data: Path, config: Config, n: int, workers: int) -> list[str]:
    """How many of the first n RT development articles (mostly not about the focus) each
    rule puts into a dossier."""
    docs = [Document(s.id, s.id, "txt", s.content, title=s.title) for s in stories(data, "dev", n)]
    analyses = _analyse_all(docs, workers)
    out = ["", f"General news: the first {n} RT development articles ({len(analyses)} with text)", "",
           "| rule | documents in a dossier | " + " | ".join(t.id for t in config.themes) + " | which |",
           "|---|---|" + "---|" * len(config.themes) + "---|"]
    for name, rule in RULES:
        predicted = members(analyses, config, rule)
        per = Counter(d for v in predicted.values() for d in v)
        which = ", ".join(f"{i} ({'+'.join(sorted(v))})" for i, v in sorted(predicted.items()) if v)
        out.append(f"| {name} | {sum(1 for v in predicted.values() if v)} | "
                   + " | ".join(str(per[t.id]) for t in config.themes) + f" | {which} |")
    return out


def _table(name: str, analyses: list[Analysis], gold: dict[str, frozenset[str]], config: Config) -> list[str]:
    ids = [t.id for t in config.themes]
    out = []
    for rule_name, rule in RULES:
        predicted = members(analyses, config, rule)
        for d, (p, r, f, tp, fp, fn) in scores(predicted, gold, ids).items():
            label = f"**{d}**" if d == "micro" else d
            out.append(f"| {name} | {rule_name} | {label} | {p:.2f} | {r:.2f} | {f:.2f} | {tp} | {fp} | {fn} |")
    return out


def run(data: Path, config_path: Path, workers: int = 2, general: int = 0) -> str:
    config = load_config(config_path)
    docs, labels = labelled_documents(data)
    analyses = _analyse_all(docs, workers)
    skipped = len(docs) - len(analyses)
    seeds = [analyse(clean(d), AnalysisSettings()) for d in load_documents(SEEDS, 5_000_000).documents]
    gold = {a.document.id: labels[a.document.id] for a in analyses}
    gold.update({a.document.id: frozenset(SEED_LABELS[a.document.id]) for a in seeds})
    short_docs, short_gold = short_documents()
    short = _analyse_all(short_docs, workers)
    ids = [t.id for t in config.themes]
    positives = Counter(d for g in gold.values() for d in g)
    short_positives = Counter(d for g in short_gold.values() for d in g)
    out = [f"labelled: {len(analyses)} articles ({skipped} without text after cleaning) + {len(seeds)} seed articles; "
           "positives: " + ", ".join(f"{d} {positives[d]}" for d in ids),
           f"short: {len(short)} short news ({sum(1 for g in short_gold.values() if not g)} with no dossier); "
           "positives: " + ", ".join(f"{d} {short_positives[d]}" for d in ids) + f"; config {config_path.name}", ""]
    out += ["| set | rule | dossier | P | R | F1 | right | wrong | missed |", "|---|---|---|---|---|---|---|---|---|"]
    out += _table("labelled", analyses + seeds, gold, config)
    out += _table("short", short, short_gold, config)
    out.append("")
    for name, rule in RULES:
        predicted = members(seeds, config, rule)
        kept = sum(1 for a in seeds if predicted[a.document.id] == SEED_LABELS[a.document.id])
        out.append(f"- {name}: {kept} of {len(seeds)} seed articles get exactly their dossiers")
    return "\n".join(out + (general_news(data, config, general, workers) if general else []))

"""python -m briefing.bench quality --data DIR --split dev|test [--limit N] [--samples FILE]
python -m briefing.bench keywords --data DIR [--limit N] [--before DIR]   (keywords on NG's tags, another paper)
python -m briefing.bench scale --data DIR --n N [--sample K] [--no-verify]   (see scale.py)
python -m briefing.bench dossiers --data DIR [--config FILE] [--general N]   (see dossiers.py)
python -m briefing.bench related [--config FILE] [--candidates N]   (see related.py)
python -m briefing.bench facts --data DIR [--limit N]   (dates, sources, code left: see facts.py)
python -m briefing.bench cleaning --data DIR [--samples FILE]   (see cleaning.py)
python -m briefing.bench entities --data DIR [--n N] [--seeds]   (the labelled entity sample: see entities.py)
python -m briefing.bench figures --data DIR [--limit N] [--samples FILE] [--seed S]   (figures a dossier shows, a sample to check: see figures.py)

One table: our summarizer and keyword extractor beside the baselines, all measured in
this run on the same articles, plus boilerplate in summaries, summaries that open on (or hold
without its predecessor) a sentence leaning on the one before it, interviewer's sentences in
summaries, and documents per second. "ours, selection before issue 24" is our selection rule
before that issue (briefing/bench/baselines.py) on the same ratings.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from ..nlp.standalone import interviewer_sentences, lean  # noqa: E402
from ..nlp.summarize import rated  # noqa: E402
from ..stages.analyse import analyse, prepare  # noqa: E402
from ..stages.clean import clean  # noqa: E402
from ..config import AnalysisSettings  # noqa: E402
from ..errors import BriefingError, ContentError  # noqa: E402
from ..records import Document  # noqa: E402
from . import baselines as B  # noqa: E402
from .data import Article, articles, ng_articles  # noqa: E402
from .keyword_eval import prf_at_k  # noqa: E402
from . import keyword_noise  # noqa: E402
from .rouge import rouge  # noqa: E402

PREVIOUS = "ours, selection before issue 24"
SUMMARIZERS = ["ours", PREVIOUS, "lead-3", "lead-3 (raw text)", "lexrank", "oracle (≤3)"]
KEYWORDERS = ["ours", "yake raw n=3", "yake lemmas n=1", "top-10 nouns"]


_CREDIT = re.compile(r"©.*|(?:фото|photo)\s*[:©].*|(?:[A-Z][\w.-]*\s?){1,3}|риа новости|тасс|итар-тасс|global look press", re.I)


def boilerplate_lines(content: str) -> dict[int, str]:
    """What a reader would call boilerplate in RT's text, found from its layout, by line
    number: photo credits (a padded line of an agency name), the caption line just above
    one, and 'Также по теме' teaser blocks (the marker and the padded lines after it)."""
    lines = content.split("\n")
    found: dict[int, str] = {}
    for i, line in enumerate(lines):
        bare = line.strip()
        padded = line.startswith(" ") and line.endswith(" ")
        after_sentence = i == 0 or lines[i - 1].rstrip().endswith((".", "!", "?", "…", "»", '"')) or lines[i - 1].startswith(" ")
        if padded and _CREDIT.fullmatch(bare) and after_sentence:
            found[i] = bare
            if i and lines[i - 1].startswith(" ") and lines[i - 1].strip():
                found[i - 1] = lines[i - 1].strip()
        if bare.lower().startswith("также по теме"):
            found[i] = bare
            found.update({j: lines[j].strip() for j in range(i + 1, min(i + 3, len(lines))) if lines[j].startswith(" ") and lines[j].strip()})
    return {i: b for i, b in found.items() if len(b) >= 4}


def has_boilerplate(sentences: list[str], content: str) -> bool:
    """A summary sentence that stands in a boilerplate line (or holds a whole one of five
    words or more) and nowhere in the article's own text."""
    bad = boilerplate_lines(content)
    body = " ".join(" ".join(line.split()) for i, line in enumerate(content.split("\n")) if i not in bad)
    for s in (" ".join(x.split()) for x in sentences):
        if s in body:
            continue
        if any(s in b or (b in s and (len(b.split()) >= 5 or b.lower().startswith("также по теме"))) for b in bad.values()):
            return True
    return False


def leaning(sentences: list[str], chosen: list[int], asked: frozenset[int] = frozenset()) -> tuple[bool, bool, bool]:
    """Whether a summary (positions in `sentences`, in order) opens on a sentence that leans
    on the one before it, holds one whose predecessor it lacks, holds an interviewer's sentence."""
    leans = [lean(sentences[i]) is not None for i in chosen]
    unsupported = any(x and i - 1 not in chosen for x, i in zip(leans, chosen))
    return bool(leans) and leans[0], unsupported, any(i in asked for i in chosen)


def _previous_summary(doc: Document, keywords: tuple) -> list[int]:
    """Sentence indices the selection before issue 24 takes, on the same ratings as ours."""
    p = prepare(doc)
    pool, scores = rated(list(p.candidates), keywords, set(p.title), p.title_words)
    return [pool[i].sentence.index for i in B.previous_selection(pool, scores, AnalysisSettings().summary_sentences)]


def evaluate(art: Article) -> dict | None:
    """Every system on one article; None when no text survives cleaning."""
    started = time.perf_counter()
    try:
        doc = clean(Document(art.id, art.id, "txt", art.content, title=art.title))
    except ContentError:
        return None
    analysis = analyse(doc, AnalysisSettings())
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    raw_yake = B.yake_raw(art.content)
    yake_seconds = time.perf_counter() - started
    kept = [s for s in analysis.sentences if doc.blocks[s.block].kind != "heading"]
    prose = [s.text for s in kept]
    position = {s.index: i for i, s in enumerate(kept)}
    asked = interviewer_sentences((s.block, s.text) for s in kept)
    raw = B.raw_sentences(art.content)
    chosen = {  # positions in prose (raw: in the raw text's sentences)
        "ours": [position[s.index] for s in analysis.summary],
        PREVIOUS: [position[i] for i in _previous_summary(doc, analysis.keywords)],
        "lead-3": list(range(min(3, len(prose)))),
        "lead-3 (raw text)": list(range(min(3, len(raw)))),
        "lexrank": [prose.index(t) for t in B.lexrank(prose)],
        "oracle (≤3)": B.oracle(prose, art.summary),
    }
    picked = {name: [(raw if name == "lead-3 (raw text)" else prose)[i] for i in at] for name, at in chosen.items()}
    return {
        **_keyword_scores(art, doc, analysis, raw_yake),
        "rouge": {name: rouge(" ".join(sents), art.summary) for name, sents in picked.items()},
        "boiler": {name: has_boilerplate(sents, art.content) for name, sents in picked.items()},
        "lean": {name: leaning(raw if name == "lead-3 (raw text)" else prose, at, frozenset() if name == "lead-3 (raw text)" else asked)
                 for name, at in chosen.items()},
        "interview": bool(asked),
        "seconds": (ours_seconds, yake_seconds),
        "sample": [f"## {art.id} {art.title}", *[f"- {s}" for s in picked["ours"]],
                   f"  keywords: {', '.join(k.text for k in analysis.keywords)}", f"  tags: {', '.join(art.keywords)}", ""],
    }


def _keyword_scores(art: Article, doc: Document, analysis, raw_yake: list[str]) -> dict:
    """Ours and the keyword baselines on one article: P/R/F1 (None without tags), noise
    classes, and what the --before rows need (id, the document's words, the tags)."""
    words = keyword_noise.document_words(f"{doc.title}\n{doc.text}")
    predicted = {
        "ours": [k.text for k in analysis.keywords],
        "yake raw n=3": raw_yake,
        "yake lemmas n=1": B.yake_lemmas(art.content),
        "top-10 nouns": B.top_nouns(art.content),
    }
    return {"keywords": {name: prf_at_k(kws, art.keywords) for name, kws in predicted.items()} if art.keywords else None,
            "noise": {name: keyword_noise.count(kws[:10], words) for name, kws in predicted.items()},
            "id": art.id, "words": words, "tags": art.keywords}


_BEFORE = """
import json, multiprocessing, sys
from briefing.config import AnalysisSettings
from briefing.errors import ContentError
from briefing.records import Document
from briefing.stages.analyse import analyse
from briefing.stages.clean import clean

def one(line):
    id, title, content = json.loads(line)
    try:
        doc = clean(Document(id, id, "txt", content, title=title))
    except ContentError:
        return id, []
    return id, [k.text for k in analyse(doc, AnalysisSettings()).keywords]

with multiprocessing.get_context("fork").Pool(int(sys.argv[1])) as pool:
    for found in pool.imap(one, sys.stdin.read().splitlines(), chunksize=8):
        print(json.dumps(found, ensure_ascii=False))
"""


def _before_keywords(checkout: Path, rows: list[Article], workers: int) -> dict[str, list[str]]:
    """Our keywords as another checkout of this repository (an earlier commit) gives them,
    on the same articles (sent as JSON lines), in a child process that imports that checkout."""
    import json
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
    sent = "\n".join(json.dumps([a.id, a.title, a.content], ensure_ascii=False) for a in rows)
    done = subprocess.run([sys.executable, "-c", _BEFORE, str(workers)], input=sent,
                          env=env, cwd=checkout, capture_output=True, text=True, check=True)
    return {k: v for k, v in map(json.loads, done.stdout.splitlines())}


def _keyword_tables(results: list[dict], rows: list[Article], before: Path | None, workers: int) -> list[str]:
    """F1@10 and noise of ours, the baselines and (with `before`) an earlier checkout's."""
    names = list(KEYWORDERS)
    noise = {name: [r["noise"][name] for r in results] for name in KEYWORDERS}
    if before is not None:  # our keywords as an earlier commit gives them, scored here
        old = _before_keywords(before, rows, workers)
        name = f"ours at {before.name}"
        names.append(name)
        for r in results:
            if r["keywords"]:
                r["keywords"][name] = prf_at_k(old.get(r["id"], []), r["tags"])
        noise[name] = [keyword_noise.count(old.get(r["id"], [])[:10], r["words"]) for r in results]
    tagged = [r["keywords"] for r in results if r["keywords"]]
    out = ["", f"keywords, macro over {len(tagged)} articles with tags:", "",
           "| keywords | P@10 | R@10 | F1@10 |", "|---|---|---|---|"]
    for name in names:
        p, r, f = (sum(k[name][i] for k in tagged) / len(tagged) for i in range(3))
        out.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return out + ["", f"noise in keyword lists, documents with each class ({keyword_noise.__name__}):", "",
                  *keyword_noise.rows(noise)]


def keyword_results(art: Article) -> dict | None:
    """Keywords only (articles without a summary: NG), scored as evaluate() scores them."""
    try:
        doc = clean(Document(art.id, art.id, "txt", art.content, title=art.title))
    except ContentError:
        return None
    return _keyword_scores(art, doc, analyse(doc, AnalysisSettings()), B.yake_raw(art.content))


def run_keywords(data: Path, limit: int | None, before: Path | None, workers: int = 2) -> str:
    """Keywords on another paper's tags: NG (Nezavisimaya Gazeta), one article per text."""
    rows = ng_articles(data, limit)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = [r for r in pool.imap(keyword_results, rows, chunksize=8) if r is not None]
    out = [f"NG: {len(results)} articles with tags (skipped, no text after cleaning: {len(rows) - len(results)})"]
    return "\n".join(out + _keyword_tables(results, rows, before, workers))


def run(data: Path, split: str, limit: int | None, samples: Path | None, part: str | None = None, workers: int = 2,
        before: Path | None = None) -> str:
    rows = articles(data, split, limit, part)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = [r for r in pool.imap(evaluate, rows, chunksize=8) if r is not None]
    n, skipped = len(results), len(rows) - len(results)
    where = part or f"split {split}"
    out = [f"{where}: {n} articles with a summary (skipped, no text after cleaning: {skipped})", ""]
    interviews = sum(r["interview"] for r in results)
    out += ["| summarizer | ROUGE-1 | ROUGE-2 | ROUGE-L | boilerplate in summary | opens on a lean | unsupported lean | "
            f"interviewer's sentence ({interviews} interviews) |", "|---|---|---|---|---|---|---|---|"]
    for name in SUMMARIZERS:
        mean = {m: sum(r["rouge"][name][m] for r in results) / n for m in ("rouge1", "rouge2", "rougeL")}
        boiler = sum(r["boiler"][name] for r in results)
        opens, unsupported, asking = (sum(r["lean"][name][i] for r in results) for i in range(3))
        out.append(f"| {name} | {mean['rouge1']:.2f} | {mean['rouge2']:.2f} | {mean['rougeL']:.2f} | {boiler} of {n} | "
                   f"{opens} ({100 * opens / n:.1f} %) | {unsupported} ({100 * unsupported / n:.1f} %) | {asking} |")
    out += _keyword_tables(results, rows, before, workers)
    ours, yake_s = (sum(r["seconds"][i] for r in results) for i in range(2))
    out += ["", "| speed (one process) | documents per second | cost vs raw YAKE |", "|---|---|---|",
            f"| ours: clean + full analysis | {n / ours:.1f} | {ours / yake_s:.2f}× |",
            f"| raw YAKE (n=3, top 10) | {n / yake_s:.1f} | 1.00× |"]
    if samples is not None:
        samples.write_text("\n".join(line for r in results[:50] for line in r["sample"]), encoding="utf-8")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.bench")
    parser.add_argument("what", choices=["quality", "keywords", "scale", "dossiers", "facts", "cleaning", "train-lexicon", "train-keywords", "train-summary", "entities", "figures", "related"])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "eval-data")
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--limit", type=int, help="at most this many articles")
    parser.add_argument("--samples", type=Path, help="write our first 50 summaries (cleaning: 30 removals, 30 near misses) here, for a hand check")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument("--part", help="one file instead of a split, e.g. russia_today_7 (the data README's reference)")
    parser.add_argument("--n", type=int, default=1000, help="scale, entities: documents in the site")
    parser.add_argument("--seeds", action="store_true", help="entities: content/'s documents too")
    parser.add_argument("--work", type=Path, help="entities: work folder (default: one per N in the temp folder, reused)")
    parser.add_argument("--sample", type=int, default=200, help="scale: articles our analysis is timed on")
    parser.add_argument("--general", type=int, default=0, help="dossiers: also count memberships among the first N RT articles")
    parser.add_argument("--config", type=Path, default=Path("site_config.yaml"), help="dossiers: the config whose dossiers are scored")
    parser.add_argument("--seed", type=int, default=24, help="figures: the seed of the random sample to check by hand")
    parser.add_argument("--candidates", type=int, default=0, help="related: also list each term's N nearest navec words not yet reviewed")
    parser.add_argument("--no-verify", action="store_true", help="scale: skip the clean build compared with each incremental one")
    parser.add_argument("--before", type=Path, help="quality, keywords: a checkout of an earlier commit whose keywords are scored beside ours")
    args = parser.parse_args(argv)
    if args.what == "related":
        from .related import run as related

        print(related(args.config, args.candidates))
        return 0
    if not (args.data / "ru_kw_eval_datasets").is_dir():
        print(f"error: {args.data}: no ru_kw_eval_datasets folder (pass --data ../shared/eval-data)", file=sys.stderr)
        return 2
    if args.what == "scale":
        from .scale import run as scale

        try:
            print(scale(args.data, args.n, args.sample, not args.no_verify))
        except BriefingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.what == "facts":
        from .facts import run as facts

        print(facts(args.data, args.limit))
        return 0
    if args.what == "entities":
        from .entities import run as entities

        print(entities(args.data, args.n, args.seeds, args.work, args.workers))
        return 0
    if args.what == "figures":
        from .figures import run as figures

        print(figures(args.data, args.limit, args.samples, args.seed))
        return 0
    if args.what == "dossiers":
        from .dossiers import run as dossiers

        print(dossiers(args.data, args.config, args.workers, args.general))
        return 0
    if args.what == "cleaning":
        from .cleaning import run as cleaning

        print(cleaning(args.data, args.samples))
        return 0
    if args.what.startswith("train-"):
        from .train import train

        model = train(args.data, args.limit or 3000, args.workers, args.what.split("-")[1].removesuffix("s"))
        if args.what == "train-lexicon":
            print(f"lexicon: {model['articles']} articles, {model['lemmas']} lemmas")
            return 0
        named = [(f, w) for f, w in zip(model["features"], model["weights"]) if not f.removeprefix("vector_").isdigit()]
        vector = len(model["features"]) - len(named)
        print(f"trained on {model['examples']} examples ({model['positives']} positive): "
              + ", ".join(f"{f}={w:+.2f}" for f, w in named) + (f"; and {vector} word-vector weights" if vector else ""))
        return 0
    if args.what == "keywords":
        print(run_keywords(args.data, args.limit, args.before, args.workers))
        return 0
    print(run(args.data, args.split, args.limit, args.samples, args.part, args.workers, args.before))
    return 0


if __name__ == "__main__":
    sys.exit(main())

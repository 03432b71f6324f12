"""python -m briefing.bench scale --data DIR --n N [--sample K] [--no-verify]

How the whole build behaves at N documents: N Russia Today articles are written as
content files into a temporary folder with a copy of site_config.yaml (so the build's
cache, `.briefing/` beside the config, starts empty there), and `build.py` is timed
as a subprocess: a cold build, a rebuild without changes, then one document added,
edited and removed. Each incremental site is compared file by file with a clean build of
the same content (no previous site, no cache). One Markdown table: figure | value | target.

Peak RSS: the build is reaped with os.wait4, whose rusage for the child reports in
ru_maxrss the largest resident set of the child and of every descendant it waited for
(analysis pool workers, page builders): the largest process of the build, not their sum.
Linux also counts there the peak of the process that started the program (exec records
the high-water mark of the memory it replaces, and Python starts programs with vfork),
so the build is started by a small launcher, not by this process, which holds the
articles and, after the design-before measurement, a whole generated site.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Callable

import yaml

from ..config import load_config
from ..errors import BriefingError
from .data import Story, stories

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build.py"
CONFIG = REPO / "site_config.yaml"
QUERY = "коридору"
EDIT_MARK = ", как уточнили в редакции"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int
    output: str


@dataclass(frozen=True)
class Workspace:
    """A folder with its own config copy, hence its own cache, content and site."""
    root: Path

    @property
    def config(self) -> Path:
        return self.root / "site_config.yaml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    target: str = "—"


def workspace(root: Path, content: Path | None = None) -> Workspace:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CONFIG, root / "site_config.yaml")
    ws = Workspace(root)
    (content or ws.content).mkdir(parents=True, exist_ok=True)
    return ws


def document_text(story: Story) -> str:
    meta: dict[str, str] = {"title": story.title}
    if story.date:
        meta["date"] = story.date
    if story.url:
        meta["url"] = story.url
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{story.content}\n"


def write_story(folder: Path, story: Story) -> Path:
    path = folder / f"{story.id}.txt"
    path.write_text(document_text(story), encoding="utf-8")
    return path


def edit_sentence(path: Path) -> None:
    """Change one sentence of the body: words added before its full stop."""
    text = path.read_text(encoding="utf-8")
    body = text.index("\n---\n") + 5
    stop = text.find(".", body)
    edited = text[:stop] + EDIT_MARK + text[stop:] if stop > 0 else text + f"\nТекст дополнен{EDIT_MARK}.\n"
    path.write_text(edited, encoding="utf-8")


# Runs argv[2:], then writes "<exit code> <seconds> <ru_maxrss in KiB>" to the file argv[1].
LAUNCHER = """import os, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {seconds} {usage.ru_maxrss}")
"""


def launched(command: list[str]) -> Run:
    """Run `command` from a small launcher process: wall time, peak RSS, what it printed."""
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile("r") as measured:
        subprocess.run([sys.executable, "-c", LAUNCHER, measured.name, *command], stdout=log, stderr=subprocess.STDOUT,
                       cwd=REPO, check=True)
        returncode, seconds, maxrss = measured.read().split()
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if int(returncode) != 0:
        raise BriefingError(f"{Path(command[1]).name} exited with {returncode}: {output.strip()[-500:]}")
    return Run(float(seconds), int(maxrss) * 1024, output)  # Linux reports ru_maxrss in KiB


def timed_build(ws: Workspace, content: Path, workers: int = 2) -> Run:
    return launched([sys.executable, str(BUILD), "--config", str(ws.config), "--content", str(content),
                     "--out", str(ws.site), "--workers", str(workers)])


def search_index_rows(site: Path, scratch: Path) -> list[Row]:
    """The site's index made again from its N documents, from an empty cache and then a full
    one, and Pagefind on the same document pages (briefing.bench.searchindex), each its own
    process."""
    cache = scratch / "search-cache"
    ours = [sys.executable, "-m", "briefing.bench.searchindex", "ours", str(site), str(cache)]
    cold, warm = launched(ours), launched(ours)
    rows = [run_row("search index, ours: every document, empty cache", cold),
            run_row("search index, ours: every document, terms cached (a rebuild)", warm)]
    copy = scratch / "pagefind-site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("search"))
    try:
        rows.append(run_row("search index, Pagefind 1.5.2 on the same document pages", launched(
            [sys.executable, "-m", "briefing.bench.searchindex", "pagefind", str(copy)])))
    except BriefingError as err:
        rows.append(Row("search index, Pagefind 1.5.2 on the same document pages", f"n/a ({err})"))
    finally:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def tree(site: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file of a site."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def compare(got: dict[str, str], want: dict[str, str]) -> str:
    differing = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
    if not differing:
        return "equal"
    return f"differs ({len(differing)} files: {', '.join(differing[:3])}{', …' if len(differing) > 3 else ''})"


def clean_build_tree(content: Path, scratch: Path) -> dict[str, str]:
    """The site a clean build makes of `content`: fresh config copy, empty cache, no site."""
    ws = workspace(scratch / "clean", content)
    try:
        timed_build(ws, content)
        return tree(ws.site)
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


def site_sizes(site: Path, n: int) -> list[Row]:
    pages = sorted(p.stat().st_size for p in site.glob("documents/*/index.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return [
        Row("document page HTML, median", f"{statistics.median(pages) / 1000:.1f} KB" if pages else "n/a", "≤60 KB"),
        Row("document page HTML, max", f"{max(pages) / 1000:.1f} KB" if pages else "n/a", "≤60 KB"),
        Row("site size per document", f"{total / n / 1000:.1f} KB", "≤150 KB"),
        Row("total site size", f"{total / 1e6:.1f} MB"),
    ]


def search_bytes(site: Path) -> int | None:
    """Bytes a browser transfers to answer one query («коридору»), measured in headless
    Chromium by briefing.bench.browser; None where there is no Chromium or no Playwright
    (a dev requirement: a user's `make site` venv has none)."""
    chromium = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists() or importlib.util.find_spec("playwright") is None:
        return None
    from .browser import query_transfer_bytes

    return query_transfer_bytes(site, QUERY, chromium)


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("briefing_build_script", BUILD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def todays_design(ws: Workspace, scratch: Path) -> float | None:
    """Seconds for the design before page caching: the same Markdown written out and built
    whole by `mkdocs build` (no cache), then indexed by Pagefind. The pipeline before it
    runs in-process on a warm cache and is not timed."""
    from ..stages.publish import THEME
    from .searchindex import pagefind

    pages = _build_module().generate(replace(load_config(ws.config), content_dir=ws.content)).pages
    src = scratch / "src"
    write_project(pages, src, THEME)
    try:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(src / "mkdocs.yml"),
                               "-d", str(scratch / "site")], capture_output=True, text=True)
        if done.returncode != 0:
            return None
        pagefind(scratch / "site")
        return time.perf_counter() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def yake_seconds(texts: list[str]) -> list[float]:
    """Raw YAKE as the quality benchmark runs it (n=3, top 10), one extractor, per text."""
    import yake

    extractor = yake.KeywordExtractor(lan="ru", n=3, top=10)
    out = []
    for text in texts:
        started = time.perf_counter()
        extractor.extract_keywords(text)
        out.append(time.perf_counter() - started)
    return out


def our_seconds(sample: list[Story]) -> list[float | None]:
    """Clean + analyse per article, as `evaluate` times it; None when no text survives."""
    from ..stages.analyse import analyse
    from ..stages.clean import clean
    from ..config import AnalysisSettings
    from ..errors import ContentError
    from ..records import Document

    settings = AnalysisSettings()
    out: list[float | None] = []
    for story in sample:
        started = time.perf_counter()
        try:
            analyse(clean(Document(story.id, story.id, "txt", story.content, title=story.title)), settings)
        except ContentError:
            out.append(None)
            continue
        out.append(time.perf_counter() - started)
    return out


YAKE_AT_MOST = 1000  # articles raw YAKE is timed on (all 5,000 took 12 minutes for one figure)


def analysis_rows(chosen: list[Story], sample_size: int) -> list[Row]:
    """Raw YAKE and our analysis, timed in this process under the collector settings the
    build's analysis workers run with (forked.collect_rarely, and what lives is frozen as
    before the pool forks; here that includes the word vectors and the NER model, which a
    worker loads after forking: mostly numpy arrays, few objects for the collector).
    Python's defaults cost both sides: YAKE about 20 %, our analysis, whose caches and
    models are long-lived objects, about 30 %."""
    import gc

    from ..forked import collect_rarely, settle

    chosen = chosen[:max(YAKE_AT_MOST, sample_size)]
    sample = chosen[:sample_size]
    thresholds = gc.get_threshold()
    collect_rarely()
    try:
        our_seconds(sample[:1])  # loads models and vectors, untimed
        settle()
        yake_each = yake_seconds([s.content for s in chosen])
        ours = our_seconds(sample)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    pairs = [(o, y) for o, y in zip(ours, yake_each) if o is not None]
    ours_total, yake_total = sum(o for o, _ in pairs), sum(y for _, y in pairs)
    return [
        Row(f"raw YAKE (n=3, top 10), {len(chosen)} articles", f"{sum(yake_each):.1f} s, {sum(yake_each) / len(chosen) * 1000:.0f} ms/doc"),
        Row(f"our clean + analyse, sample of {len(pairs)}", f"{ours_total:.1f} s, {ours_total / max(len(pairs), 1) * 1000:.0f} ms/doc"),
        Row("analysis / raw YAKE (same sample)", f"{ours_total / yake_total:.2f}×" if yake_total else "n/a", "≤2×"),
    ]


def targets(n: int) -> dict[str, str]:
    big = n > 1000
    return {
        "cold": "≤300 s" if big else "≤60 s",
        "no-change": "≤2 s" if big else "≤1 s",
        "add": "≤10 s" if big else "≤3 s",
        "edit": "—",
        "remove": "—",
    }


def closing_line(run: Run, *starts: str) -> str | None:
    """The last line the build printed that starts with one of `starts`."""
    lines = [line for line in run.output.splitlines() if line.startswith(starts)]
    return lines[-1] if lines else None


def but_analysis(run: Run) -> str:
    """The sum of the phase times a build printed ("Times: load 2.6 s · … · publish 60.3 s"),
    its analysis left out."""
    times = closing_line(run, "Times:")
    if times is None:
        return "n/a"
    phases = re.findall(r"(\w+) ([\d.]+) s", times)
    return f"{sum(float(t) for name, t in phases if name != 'analyse'):.1f} s"


PHASES: list[str] = []  # each build's own "Times:" line, in the order the builds ran


def run_row(figure: str, run: Run, target: str = "—") -> Row:
    return Row(figure, f"{run.seconds:.2f} s, peak RSS {run.peak_rss / 1e6:.0f} MB", target)


def build_row(figure: str, run: Run, target: str) -> Row:
    PHASES.append(f"- {figure}: {closing_line(run, 'Times:', 'Nothing changed') or '(no times printed)'}")
    return run_row(figure, run, target)


def incremental_rows(ws: Workspace, extra: Story, files: list[Path], scratch: Path, verify: bool, n: int) -> tuple[list[Row], int]:
    """No change, add, edit, remove: each timed, each compared with a clean build."""
    steps: list[tuple[str, str, Callable[[], object]]] = [
        ("add one document", "add", lambda: write_story(ws.content, extra)),
        ("edit one document", "edit", lambda: edit_sentence(files[0])),
        ("remove one document", "remove", lambda: files[-1].unlink()),
    ]
    cold_tree = tree(ws.site)
    run = timed_build(ws, ws.content)
    rows = [build_row("no-change rebuild", run, targets(n)["no-change"]),
            Row("no-change rebuild: site vs the cold build", compare(tree(ws.site), cold_tree), "equal")]
    peak = run.peak_rss
    for figure, key, change in steps:
        change()
        run = timed_build(ws, ws.content)
        peak = max(peak, run.peak_rss)
        rows.append(build_row(figure, run, targets(n)[key]))
        verdict = compare(tree(ws.site), clean_build_tree(ws.content, scratch)) if verify else "not checked (--no-verify)"
        rows.append(Row(f"{figure}: site vs a clean build", verdict, "equal"))
    return rows, peak


def run(data: Path, n: int, sample: int = 200, verify: bool = True) -> str:
    PHASES.clear()
    chosen = stories(data, "dev", n + 1)
    if len(chosen) < n + 1:
        raise BriefingError(f"{data}: only {len(chosen)} dev articles with text, {n + 1} needed")
    chosen, extra = chosen[:n], chosen[n]
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as temp:
        scratch = Path(temp)
        ws = workspace(scratch / "main")
        files = [write_story(ws.content, s) for s in chosen]
        cold = timed_build(ws, ws.content)
        rows = [build_row("cold build (empty cache, no site)", cold, targets(n)["cold"]),
                Row("everything but analysis, cold (the cold build's other phases)", but_analysis(cold),
                    "≤15 s" if n > 1000 else "≤4 s")]
        rows += site_sizes(ws.site, n)
        found = search_bytes(ws.site)
        rows.append(Row(f"one search query «{QUERY}»", f"{found / 1000:.1f} KB" if found is not None else "n/a", "≤300 KB (N=5000)"))
        rows += search_index_rows(ws.site, scratch)
        today = todays_design(ws, scratch / "today")
        rows.append(Row(f"before page caching: full mkdocs build + Pagefind of the same Markdown, {n} docs", f"{today:.2f} s" if today is not None else "n/a"))
        more, peak = incremental_rows(ws, extra, files, scratch, verify, n)
        rows += more
        rows.append(Row("peak RSS, largest process of any build", f"{max(peak, cold.peak_rss) / 1e6:.0f} MB", "≤1 GB (N=5000)"))
    rows += analysis_rows(chosen, sample)
    lines = [f"N = {n} Russia Today articles (dev split, file order), build.py --workers 2", "",
             "| figure | value | target |", "|---|---|---|", *(f"| {r.figure} | {r.value} | {r.target} |" for r in rows)]
    last = cold.output.strip().splitlines()
    return "\n".join(lines + ["", f"cold build's last line: {last[-1] if last else '(none)'}", "",
                               "Phase times printed by each build:", *PHASES])


def write_project(pages: dict[str, str], src: Path, theme_dir: Path) -> None:
    """`pages` as a project a generator builds whole (`mkdocs build`, `zensical build`):
    src/mkdocs.yml, the Markdown under src/docs/, the theme overrides in src/theme/."""
    for name, text in pages.items():
        path = src / ("mkdocs.yml" if name == "mkdocs.yml" else f"docs/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(theme_dir, src / "theme")

#!/usr/bin/env python3
"""Build the briefing site: load -> clean -> analyse -> group -> render -> publish.

    python build.py [--content DIR] [--config FILE] [--out DIR] [--site-url URL] [--strict] [--debug]
    python build.py serve [--port N]
"""

from __future__ import annotations

import os

# Set before numpy is imported anywhere (YAKE imports it): one BLAS thread per process.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from pathlib import Path  # noqa: E402

from typing import TYPE_CHECKING  # noqa: E402

from briefing import uptodate  # noqa: E402
from briefing.config import Config, load_config, published_at  # noqa: E402
from briefing.errors import BriefingError, ConfigError, ContentError  # noqa: E402
from briefing.forked import collect_rarely, settle  # noqa: E402

if TYPE_CHECKING:
    from briefing.site.html import HtmlStats
    from briefing.site.search import Searchable

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Result:
    pages: dict[str, str]
    briefing: dict
    searchable: list[Searchable]
    documents: int
    dossiers: int
    warnings: tuple[ContentError, ...]
    origins: dict[str, str]  # page (documents/<id>.md) -> the content file it shows


class Clock:
    """Seconds per pipeline phase, for the closing lines."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, phase: str) -> None:
        # What outlives a phase lives to the end of the build: each full scan of a large
        # briefing's records took 0.3-0.5 s; freed heap pages were 15-70 MB a phase at N = 5000.
        settle()
        now = time.perf_counter()
        self.times[phase] = self.times.get(phase, 0.0) + now - self._last
        self._last = now

    def line(self) -> str:
        return "Times: " + " · ".join(f"{phase} {seconds:.1f} s" for phase, seconds in self.times.items())


def progress_bar(done: int, total: int) -> None:
    """Analysis progress on a terminal: one line, rewritten in place."""
    width = 30
    filled = width * done // total
    end = "\n" if done == total else ""
    print(f"\ranalysing {'█' * filled}{'·' * (width - filled)} {done}/{total}", end=end, file=sys.stderr, flush=True)


def generate(config: Config, debug: bool = False, workers: int = 1, clock: Clock | None = None) -> Result:
    """The pipeline up to (not including) publishing: a table of contents."""
    # Imported here: a build with nothing to do must not pay for loading the NLP models.
    from briefing.stages.analyse import analyse_all
    from briefing.stages.clean import clean_all
    from briefing.stages.digest import digest
    from briefing.nlp.entities import entities_of
    from briefing.stages.export import export
    from briefing.stages.group import group
    from briefing.stages.load import load_documents
    from briefing.stages.render import render
    from briefing.site.search import searchable

    clock = clock or Clock()
    trace = (lambda path, rule, before, after: print(f"debug: {path}: {rule} changed {len(before) - len(after):+d} chars", file=sys.stderr)) if debug else None
    progress = progress_bar if sys.stderr.isatty() else None
    loaded = load_documents(config.content_dir, config.max_document_bytes)
    clock.lap("load")
    docs, clean_problems = clean_all(loaded.documents, trace, config.cache_dir / "cleaned", dict(config.sources))
    load_problems = loaded.problems
    del loaded  # the raw texts: the cleaned documents are the text from here on
    clock.lap("clean")
    analyses = analyse_all(docs, config.analysis, config.cache_dir / "analyses", workers, progress)
    clock.lap("analyse")
    dossiers, group_problems = group(analyses, config.themes, config.grouping)
    clock.lap("group")
    entities = entities_of(analyses, config.cache_dir / "names.json")
    clock.lap("entities")
    digests = digest(analyses, dossiers, config.grouping.focus)
    analyses = [replace(a, lemmas=()) for a in analyses]  # nothing after the digest reads them (memory)
    clock.lap("digest")
    pages = render(analyses, dossiers, config, digests, entities, workers=workers, cache_dir=config.cache_dir / "markdown",
                   compiled_dir=config.cache_dir / "jinja" / "markdown")
    clock.lap("render")
    warnings = load_problems + tuple(clean_problems) + tuple(group_problems)
    origins = {f"documents/{a.document.id}.md": a.document.path for a in analyses}
    return Result(pages, export(analyses, dossiers, digests, entities), searchable(analyses), len(analyses), len(dossiers), warnings,
                  origins)


def _config(args: argparse.Namespace) -> Config:
    config = published_at(load_config(Path(args.config)), getattr(args, "site_url", None))
    if args.content:
        config = replace(config, content_dir=Path(args.content))
    if getattr(args, "out", None):
        config = replace(config, output_dir=Path(args.out))
    return config


def shown(path: Path, given: str | None) -> str:
    """The site folder as the user named it: --out as typed, else relative to where they are."""
    if given:
        return given.rstrip("/") or "/"
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _publish(result: Result, config: Config, out: Path, workers: int = 1, strict: bool = False) -> HtmlStats:
    """Publish, and report each page that could not be built, naming the document it shows."""
    from briefing.stages.publish import publish

    stats = publish(result.pages, result.briefing, result.searchable, out, config.cache_dir / "pages", workers, strict)
    for problem in failed_pages(result, stats):
        print(f"warning: {problem}", file=sys.stderr)
    return stats


def failed_pages(result: Result, stats: HtmlStats) -> list[ContentError]:
    return [ContentError(result.origins[page], f"page {page} could not be built, left out of the site: {why}") if page in result.origins
            else ContentError(page, f"page could not be built, left out of the site: {why}") for page, why in stats.failed]


def build(args: argparse.Namespace) -> int:
    config = _config(args)
    clock = Clock()
    out = config.output_dir.resolve()
    record = config.cache_dir / "last-build.json"
    fp = uptodate.fingerprint(config.path, config.content_dir, out,
                              {"strict": args.strict, "debug": args.debug, "site_url": config.site_url})
    last = uptodate.unchanged(record, fp, out)
    if last:
        for w in last.warnings:
            print(f"warning: {w}", file=sys.stderr)
        print(f"Nothing changed since the last build: {shown(config.output_dir, args.out)}/ is as it was.")
        print(f"Built {shown(config.output_dir, args.out)}/index.html: {last.closing}")
        step_summary(f"Built the site: {last.closing} (nothing changed since the last build).", list(last.warnings))
        return 0
    result = generate(config, args.debug, args.workers, clock)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.strict and result.warnings:
        print(f"error: {len(result.warnings)} warning(s) and --strict: nothing written", file=sys.stderr)
        step_summary(f"**Not built**: {len(result.warnings)} warning(s) and `--strict`.", [str(w) for w in result.warnings])
        return 1
    if not result.documents:
        print(f"error: no usable document in {config.content_dir}: nothing written", file=sys.stderr)
        step_summary("**Not built**: no usable document.", [str(w) for w in result.warnings])
        return 1
    clock.lap("export")
    stats = _publish(result, config, config.output_dir, args.workers, args.strict)
    clock.lap("publish")
    warnings = [*result.warnings, *failed_pages(result, stats)]
    closing = f"{result.documents} documents, {result.dossiers} dossiers, {len(warnings)} warnings"
    uptodate.remember(record, fp, out, closing, [str(w) for w in warnings])
    print(f"{clock.line()} ({stats.rendered} of {stats.pages} pages rendered, the rest unchanged)")
    print(f"Built {shown(config.output_dir, args.out)}/index.html: {closing}")
    step_summary(f"Built the site{' for ' + config.site_url if config.site_url else ''}: {closing}.", [str(w) for w in warnings])
    return 0


def step_summary(headline: str, lines: list[str], what: str = "warning", limit: int = 500) -> None:
    """On GitHub Actions, the build's outcome and each warning on the run's page
    (`$GITHUB_STEP_SUMMARY`, Markdown); elsewhere nothing."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    text = f"### Briefing site\n\n{headline}\n"
    if lines:
        shown_lines = lines[:limit] + ([f"… and {len(lines) - limit} more"] if len(lines) > limit else [])
        body = "\n".join(shown_lines)
        # A fence longer than any run of backticks in the warnings: file names and titles stay text.
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
        text += f"\n{len(lines)} {what}(s):\n\n{fence}text\n{body}\n{fence}\n"
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        print(f"warning: could not write the job summary {path}: {exc}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    collect_rarely()
    parser = argparse.ArgumentParser(prog="build.py", description="Build the briefing site from a folder of documents.")
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--config", default=str(HERE / "site_config.yaml"), help="site_config.yaml to use")
    parser.add_argument("--content", help="documents folder (default: paths.content of the config)")
    parser.add_argument("--out", help="site folder (default: paths.output of the config)")
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error")
    parser.add_argument("--debug", action="store_true", help="tracebacks, and which cleaning rule changed what")
    parser.add_argument("--site-url", metavar="URL",
                        help="the address the site is published at, used when site.url in the config is left at the "
                             "shipped placeholder (the workflow passes the GitHub Pages address)")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="processes that analyse documents and build pages")
    parser.add_argument("--port", type=int, default=8000, help="serve: port on 127.0.0.1")
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            from briefing.site.serve import serve

            def rebuild(config: Config, out: Path) -> None:
                try:
                    _publish(generate(config, args.debug, args.workers), config, out, args.workers)
                finally:
                    # One process rebuilds again and again: what a build froze (Clock.lap) goes
                    # back to the collector, or its cyclic garbage would stay for good.
                    gc.unfreeze()
                    gc.collect()

            return serve(lambda: _config(args), rebuild, args.port)
        return build(args)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        step_summary("**Not built**: the configuration has errors.", exc.problems, "error")
        return 2
    except BriefingError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        step_summary("**Not built**.", [str(exc)], "error")
        return 1


if __name__ == "__main__":
    sys.exit(main())

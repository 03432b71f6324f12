#!/usr/bin/env python3
"""Build the briefing site: load -> clean -> analyse -> group -> render -> publish.

    python build.py [--content DIR] [--config FILE] [--out DIR] [--strict] [--debug]
    python build.py serve [--port N]
"""

from __future__ import annotations

import os

# Set before numpy is imported anywhere (YAKE imports it): one BLAS thread per process.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from pathlib import Path  # noqa: E402

from briefing.analyse import analyse_all  # noqa: E402
from briefing.clean import clean_all  # noqa: E402
from briefing.config import Config, load_config  # noqa: E402
from briefing.errors import BriefingError, ConfigError, ContentError  # noqa: E402
from briefing.export import export  # noqa: E402
from briefing.group import group  # noqa: E402
from briefing.load import load_documents  # noqa: E402
from briefing.publish import publish  # noqa: E402
from briefing.render import render  # noqa: E402

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Result:
    pages: dict[str, str]
    briefing: dict
    documents: int
    dossiers: int
    warnings: tuple[ContentError, ...]


def generate(config: Config, debug: bool = False, workers: int = 1) -> Result:
    """The pipeline up to (not including) publishing: a table of contents."""
    trace = (lambda path, rule, before, after: print(f"debug: {path}: {rule} changed {len(before) - len(after):+d} chars", file=sys.stderr)) if debug else None
    loaded = load_documents(config.content_dir, config.max_document_bytes)
    docs, clean_problems = clean_all(loaded.documents, trace)
    analyses = analyse_all(docs, config.analysis, config.path.parent / ".briefing" / "cache", workers)
    dossiers, group_problems = group(analyses, config.themes, config.min_score)
    pages = render(analyses, dossiers, config)
    warnings = loaded.problems + tuple(clean_problems) + tuple(group_problems)
    return Result(pages, export(analyses, dossiers), len(analyses), len(dossiers), warnings)


def _config(args: argparse.Namespace) -> Config:
    config = load_config(Path(args.config))
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


def build(args: argparse.Namespace) -> int:
    config = _config(args)
    result = generate(config, args.debug, args.workers)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.strict and result.warnings:
        print(f"error: {len(result.warnings)} warning(s) and --strict: nothing written", file=sys.stderr)
        return 1
    if not result.documents:
        print(f"error: no usable document in {config.content_dir}: nothing written", file=sys.stderr)
        return 1
    publish(result.pages, result.briefing, config.output_dir)
    print(
        f"Built {shown(config.output_dir, args.out)}/index.html: {result.documents} documents, "
        f"{result.dossiers} dossiers, {len(result.warnings)} warnings"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the briefing site from a folder of documents.")
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--config", default=str(HERE / "site_config.yaml"), help="site_config.yaml to use")
    parser.add_argument("--content", help="documents folder (default: paths.content of the config)")
    parser.add_argument("--out", help="site folder (default: paths.output of the config)")
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error")
    parser.add_argument("--debug", action="store_true", help="tracebacks, and which cleaning rule changed what")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="analysis processes")
    parser.add_argument("--port", type=int, default=8000, help="serve: port on 127.0.0.1")
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            from briefing.serve import serve

            return serve(_config(args), lambda config: generate(config, args.debug, args.workers).pages, args.port)
        return build(args)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except BriefingError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

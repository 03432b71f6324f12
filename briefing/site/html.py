"""Markdown pages -> HTML with MkDocs' own page steps, one page at a time, each cached.

MkDocs has no correct incremental build (`--dirty` leaves other pages' navigation stale
and shrinks the search index). Ours is exact by construction: the navigation lists only
the fixed pages (home, dossiers, indexes), so a page's HTML is a pure function of its own
Markdown and the site's shell (mkdocs.yml with its nav, the theme overrides, the MkDocs
and Material versions). Each page is stored under a hash of both and rendered again only
when one of them changed: a rebuild gives the same bytes as a clean build.

`_populate_page` and `_build_page` are MkDocs 1.6's own steps (mkdocs is pinned below 2
in requirements.txt); the test suite builds every page through them. Cached pages are
hard-linked into the new site: the cache never changes a file in place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import jinja2
import material
import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..cache import compiled_templates, link_or_copy, prune, write_atomic
from ..errors import BriefingError
from ..forked import forked_map

# Bump when this module changes what it writes for the same input.
HTML_VERSION = 1
THEME_TEMPLATES = ("404.html", "sitemap.xml")


@dataclass(frozen=True)
class HtmlStats:
    pages: int
    rendered: int  # pages made anew; the rest came from the cache
    failed: tuple[tuple[str, str], ...] = ()  # (page, why) for each page that could not be built: left out


class _Problems(logging.Handler):
    """MkDocs reports through logging; a warning is a failed build (its strict mode)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_log() -> Iterator[_Problems]:
    logger = logging.getLogger("mkdocs")
    problems = _Problems()
    logger.addHandler(problems)
    try:
        yield problems
    finally:
        logger.removeHandler(problems)


@contextmanager
def _epoch(epoch: int | None) -> Iterator[None]:
    """MkDocs reads SOURCE_DATE_EPOCH for the one date it writes (the sitemap's lastmod)."""
    if epoch is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def shell_hash(mkdocs_yml: str, theme_dir: Path | None) -> str:
    """What every page's HTML depends on besides its own Markdown."""
    h = hashlib.sha256(f"{HTML_VERSION}|{mkdocs.__version__}|{material.__version__}|".encode())
    h.update(mkdocs_yml.encode("utf-8"))
    for path in sorted(theme_dir.rglob("*")) if theme_dir else []:
        if path.is_file():
            h.update(path.relative_to(theme_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def page_key(shell: str, src_uri: str, markdown: str) -> str:
    return hashlib.sha256(f"{shell}\0{src_uri}\0".encode() + markdown.encode("utf-8")).hexdigest()


def _config(src: Path, site_dir: Path) -> MkDocsConfig:
    try:
        config = load_config(str(src / "mkdocs.yml"), site_dir=str(site_dir))
    except Exception as exc:  # MkDocs raises its own Abort or a ValidationError
        raise BriefingError(f"MkDocs build failed: mkdocs.yml: {exc}") from None
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    return config


@dataclass(frozen=True)
class _Shell:
    """What MkDocs builds every page with."""
    config: MkDocsConfig
    files: Files
    doc_files: list[File]
    nav: object
    env: object


def _build_one(file: File, cached: Path | None, shell: _Shell) -> tuple[list[str], str]:
    """Build one page (and store it in the cache): MkDocs' warnings about it, and why it could
    not be built ("" when it was). An unexpected error fails this page, never the others:
    the page is left out of the site and the caller reports it."""
    assert file.page is not None
    with _mkdocs_log() as problems:
        try:
            mkdocs_build._populate_page(file.page, shell.config, shell.files)
            mkdocs_build._build_page(file.page, shell.config, shell.doc_files, shell.nav, shell.env)
        except Exception as exc:  # noqa: BLE001 (any error of any page: named, not fatal)
            Path(file.abs_dest_path).unlink(missing_ok=True)
            file.page.content = file.page.markdown = None
            return [], f"{type(exc).__name__}: {exc}"  # MkDocs logged the same error: said once, by the caller
    # Written: let its HTML and Markdown go (no other page reads them; MkDocs keeps them,
    # and a page builder would hold every page it built: about 40 KB each).
    file.page.content = None
    file.page.markdown = None
    if cached is not None:
        write_atomic(cached, Path(file.abs_dest_path).read_bytes())
    return problems.messages, ""


def _build_pages(todo: list[tuple[File, Path | None]], shell: _Shell, workers: int, problems: _Problems) -> list[tuple[str, str]]:
    """Build the pages the cache does not hold, in `workers` forked processes when there are
    many (a cold build of 1,000 documents has about 3,000 pages, ~20 ms each). A page is a
    pure function of its Markdown and the shell, and each process writes its own pages'
    files: the site is the same whichever process built a page."""
    logger = logging.getLogger("mkdocs")
    logger.removeHandler(problems)  # each page's warnings come back from _build_one, wherever it ran
    try:
        built = forked_map(lambda job: _build_one(job[0], job[1], shell), todo, workers)
    finally:
        logger.addHandler(problems)
    failed: list[tuple[str, str]] = []
    for (file, _), (messages, failure) in zip(todo, built):
        problems.messages += messages
        if failure:
            failed.append((file.src_uri, failure))
    return failed


def build_html(
    pages: dict[str, str], site_dir: Path, cache_dir: Path, theme_dir: Path | None = None, epoch: int | None = None,
    workers: int = 1, compiled_dir: Path | None = None,
) -> HtmlStats:
    """Write every page of `pages` ({path under docs/: Markdown}, plus 'mkdocs.yml') as
    HTML into `site_dir`, with the theme's assets, 404 page and sitemap; reuse what
    `cache_dir` holds and keep there only what this build used. Pages to build are shared
    among `workers` processes when there are many. The theme's compiled templates are kept
    in `compiled_dir` (when given)."""
    src = site_dir.parent / f"{site_dir.name}.src"
    (src / "docs").mkdir(parents=True, exist_ok=True)
    (src / "mkdocs.yml").write_text(pages["mkdocs.yml"], encoding="utf-8")
    if theme_dir:
        shutil.copytree(theme_dir, src / "theme", dirs_exist_ok=True)
    shell = shell_hash(pages["mkdocs.yml"], theme_dir)
    used: set[str] = set()
    with _mkdocs_log() as problems, _epoch(epoch):
        config = _config(src, site_dir)
        files = Files([File.generated(config, name, content=text) for name, text in sorted(pages.items()) if name != "mkdocs.yml"])
        env = config.theme.get_env()
        if compiled_dir is not None:
            env.bytecode_cache = compiled_templates(compiled_dir, f"{shell}|{jinja2.__version__}")
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        env = config.plugins.on_env(env, config=config, files=files)
        # A plugin may collect from every page (as MkDocs' search does): no page cache then.
        cacheable = not config.plugins
        doc_files = files.documentation_pages()
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
        files.copy_static_files()
        for name in THEME_TEMPLATES:
            mkdocs_build._build_theme_template(name, env, files, config, nav)
        todo: list[tuple[File, Path | None]] = []
        for file in doc_files:
            key = page_key(shell, file.src_uri, pages[file.src_uri])
            cached = cache_dir / key[:2] / f"{key}.html"
            used.add(cached.name)
            if cacheable and cached.exists():
                link_or_copy(cached, file.abs_dest_path)
            else:
                todo.append((file, cached if cacheable else None))
        failed = _build_pages(todo, _Shell(config, files, doc_files, nav, env), workers if cacheable else 1, problems)
        rendered = len(todo)
        config.plugins.on_post_build(config=config)
        if problems.messages:
            raise BriefingError("MkDocs build failed: " + " | ".join(problems.messages[:8]))
    shutil.rmtree(src, ignore_errors=True)
    prune(cache_dir, used)
    return HtmlStats(len(doc_files), rendered, tuple(failed))

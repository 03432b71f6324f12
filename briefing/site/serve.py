"""`python build.py serve`: the same incremental build as `build.py`, served locally.

The site is built into .briefing/serve/<site path>/ and served on 127.0.0.1 under the
path of `site.url`, as GitHub Pages serves a project: `/` leads there, and an address the
site does not have gets its 404 page (whose links start with that path). content/,
templates/ and the config are polled, and the commit checked out; a change rebuilds (only
what depends on it) and swaps the new site in.
Reload the page in the browser to see it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from .. import history
from ..config import Config
from ..errors import BriefingError
from .local import served
from .pages import TEMPLATES


def _snapshot(paths: list[Path]) -> dict[str, float]:
    seen: dict[str, float] = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
        for f in files:
            try:
                seen[str(f)] = f.stat().st_mtime
            except OSError:
                pass
    return seen


def serve(load: Callable[[], Config], build: Callable[[Config, Path], None], port: int, interval: float = 1.0) -> int:
    """Build into the serve folder, serve it, rebuild on every change until Ctrl+C.
    `load` reads the config (again after a change), with the command line's overrides."""
    config = load()
    base = (urlparse(config.site_url).path or "/").strip("/")
    root = config.cache_dir / "serve"
    out = root / base if base else root / "site"
    build(config, out)
    # Without a path (no site.url, or one at a host's root) the site is the server's root.
    with served(root if base else out, port, home=f"/{base}/" if base else "/") as address:
        print(f"Serving on {address}{base + '/' if base else ''} (Ctrl+C to stop)")
        _rebuild_on_change(load, config, build, out, interval)
    return 0


def _rebuild_on_change(load: Callable[[], Config], config: Config, build: Callable[[Config, Path], None], out: Path,
                       interval: float) -> None:
    watched = [config.content_dir, TEMPLATES, config.path]
    # A commit changes no file but the dates documents entered the repository: watched too.
    state = (_snapshot(watched), history.state(config.content_dir))
    try:
        while True:
            time.sleep(interval)
            now = (_snapshot(watched), history.state(config.content_dir))
            if now != state:
                state = now
                try:
                    build(load(), out)
                    print("Rebuilt after a change: reload the page.")
                except BriefingError as exc:
                    print(f"error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        pass

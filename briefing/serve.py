"""`python build.py serve`: MkDocs' live-reloading server over regenerated sources.

The pipeline writes Markdown into .briefing/serve/; `mkdocs serve` watches that
folder and reloads the browser. We poll content/, templates/ and the config,
and regenerate when any of them changes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from .config import Config, load_config
from .errors import BriefingError
from .publish import write_sources
from .render import TEMPLATES


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


def serve(config: Config, generate: Callable[[Config], dict[str, str]], port: int, interval: float = 1.0) -> int:
    folder = config.path.parent / ".briefing" / "serve"
    write_sources(generate(config), folder)
    watched = [config.content_dir, TEMPLATES, config.path]
    state = _snapshot(watched)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(folder / "mkdocs.yml"), "-a", f"127.0.0.1:{port}", "--livereload"]
    )
    base = urlparse(config.site_url).path or "/"
    print(f"Serving on http://127.0.0.1:{port}{base} (Ctrl+C to stop)")
    try:
        while server.poll() is None:
            time.sleep(interval)
            now = _snapshot(watched)
            if now != state:
                state = now
                try:
                    config = replace(load_config(config.path), content_dir=config.content_dir)
                    write_sources(generate(config), folder)
                    print("Regenerated after a change.")
                except BriefingError as exc:
                    print(f"error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0

"""Stage 6b, publish: Markdown + mkdocs.yml -> MkDocs (Material) -> site/, swapped in whole.

The site is built in a temporary folder beside the target and replaces it only
when the build succeeded: a failed or killed build leaves the previous site.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import BriefingError
from .site.search import index_site

THEME = Path(__file__).resolve().parent.parent / "templates" / "theme"  # mkdocs.yml's custom_dir


def write_sources(pages: dict[str, str], folder: Path) -> None:
    """mkdocs.yml in folder, every page under folder/docs, the theme override in folder/theme;
    unchanged pages are not rewritten."""
    wanted = {folder / ("mkdocs.yml" if p == "mkdocs.yml" else f"docs/{p}") for p in pages}
    for name, text in sorted(pages.items()):
        path = folder / ("mkdocs.yml" if name == "mkdocs.yml" else f"docs/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    shutil.rmtree(folder / "theme", ignore_errors=True)
    shutil.copytree(THEME, folder / "theme")
    docs = folder / "docs"
    for stale in sorted(docs.rglob("*.md")) if docs.exists() else []:
        if stale not in wanted:
            stale.unlink()


def mkdocs_build(config_file: Path, site_dir: Path, epoch: int | None = None) -> None:
    """MkDocs, strict. `epoch` fixes the one date MkDocs writes (sitemap lastmod)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    if epoch is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True, text=True, env=env,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BriefingError("MkDocs build failed: " + " | ".join(detail[-8:]))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(new: Path, out: Path, old: Path) -> None:
    """Put `new` at `out`; the previous `out` ends at `old`. Never a moment without a site
    where the system can exchange atomically; elsewhere, two renames."""
    if not out.exists():
        new.rename(out)
    elif _exchange(new, out):
        new.rename(old)
    else:
        out.rename(old)
        new.rename(out)


def recover(out: Path) -> None:
    """Undo what a killed build left: restore a site caught between the two renames."""
    for leftover in sorted(out.parent.glob(f".{out.name}.building-*")):
        previous = leftover / "previous"
        if previous.is_dir() and not out.exists():
            previous.rename(out)
        shutil.rmtree(leftover, ignore_errors=True)


def content_epoch(briefing: dict[str, Any]) -> int | None:
    """The newest complete document date, as a Unix time: the same input, the same site."""
    dates = [d["date"] for d in briefing.get("documents", []) if d.get("date") and not d["date"].startswith("--")]
    dates = [d for d in dates if len(d) == 10]
    if not dates:
        return None
    return int(dt.datetime.fromisoformat(max(dates)).replace(tzinfo=dt.timezone.utc).timestamp())


def publish(pages: dict[str, str], briefing: dict[str, Any], out: Path) -> None:
    """Build the site into a temporary folder beside `out`, then swap it in.

    Deterministic: no wall-clock time reaches the output; SOURCE_DATE_EPOCH, when
    set, wins over the newest document date.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        write_sources(pages, work / "src")
        mkdocs_build(work / "src" / "mkdocs.yml", work / "site", content_epoch(briefing))
        index_site(work / "site")
        data = json.dumps(briefing, ensure_ascii=False, indent=1, sort_keys=False)
        (work / "site" / "briefing.json").write_text(data + "\n", encoding="utf-8")
        swap_in(work / "site", out, work / "previous")
    finally:
        shutil.rmtree(work, ignore_errors=True)

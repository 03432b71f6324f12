"""Stage 6b, publish: Markdown + mkdocs.yml -> HTML (MkDocs' page steps, Material) -> site/,
swapped in whole.

The site is built in a temporary folder beside the target and replaces it only
when the build succeeded: a failed or killed build leaves the previous site. Pages
whose Markdown and shell are unchanged come from the page cache (site.html).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from ..errors import BriefingError
from ..site.html import HtmlStats, build_html
from ..site.search import Searchable, index_documents

THEME = Path(__file__).resolve().parents[2] / "templates" / "theme"  # mkdocs.yml's custom_dir


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


def publish(pages: dict[str, str], briefing: dict[str, Any], searchable: list[Searchable], out: Path, cache_dir: Path,
            workers: int = 1, strict: bool = False) -> HtmlStats:
    """Build the site into a temporary folder beside `out`, then swap it in. A page that
    could not be built is left out (HtmlStats.failed says which and why); with `strict`,
    nothing is swapped in then, and BriefingError names them.

    Deterministic: no wall-clock time reaches the output; SOURCE_DATE_EPOCH, when
    set, wins over the newest document date.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    trash = cache_dir.parent / "trash"
    emptying: threading.Thread | None = None
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        stats = build_html(pages, work / "site", cache_dir, THEME, epoch=content_epoch(briefing), workers=workers,
                           compiled_dir=cache_dir.parent / "jinja" / "html")
        if strict and stats.failed:
            raise BriefingError("--strict: page(s) could not be built, nothing written: "
                                + " | ".join(f"{page}: {why}" for page, why in stats.failed))
        # The previous build's old site is deleted while this one is indexed; not sooner, as
        # the pages may be built by forked processes, and a process should not fork while
        # another of its threads runs.
        emptying = threading.Thread(target=shutil.rmtree, args=(trash, True))
        emptying.start()
        index_documents(work / "site", searchable, cache_dir.parent / "search")
        with (work / "site" / "briefing.json").open("w", encoding="utf-8") as file:
            write_json_stream(briefing, file)
            file.write("\n")
        swap_in(work / "site", out, work / "previous")
    finally:
        if emptying:
            emptying.join()
        discard(work, trash)
    return stats


def write_json_stream(value: Any, file: IO[str], depth: int = 2) -> None:
    """json.dumps(value, ensure_ascii=False, separators=(",", ":")), the same characters
    (a value with json_value(), as export.LateText, written as what that returns), written
    a record at a time: the whole of briefing.json (about 100 MB at N = 5000) is
    never one string. Each record goes through json's C encoder, which only a one-piece
    dump uses (json.dump and indented dumps run in Python: 4-6 s at N = 1000)."""
    if depth and isinstance(value, dict):
        file.write("{")
        for i, (key, item) in enumerate(value.items()):
            file.write(("," if i else "") + json.dumps(str(key), ensure_ascii=False) + ":")
            write_json_stream(item, file, depth - 1)
        file.write("}")
    elif depth and isinstance(value, (list, tuple)):
        file.write("[")
        for i, item in enumerate(value):
            if i:
                file.write(",")
            write_json_stream(item, file, depth - 1)
        file.write("]")
    else:
        file.write(json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_late))


def _late(value: Any) -> Any:
    """A value made only when written (export.LateText)."""
    if hasattr(value, "json_value"):
        return value.json_value()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def discard(folder: Path, trash: Path) -> None:
    """Move a finished build's leftovers (the old site) to the trash, which the next build
    empties while it works: deleting thousands of page folders can take seconds. Where the
    trash is on another file system, delete them now."""
    try:
        trash.mkdir(parents=True, exist_ok=True)
        folder.rename(trash / folder.name)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)

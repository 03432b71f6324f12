"""What a build keeps for the next one (.briefing/): files named by a hash of what they
were made from, written atomically, and pruned to what the latest build used."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any


def read_json(path: Path) -> Any | None:
    """The stored value, or None when there is none (or it is unreadable: made again)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Whole or not at all: a killed build never leaves half an entry under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def link_or_copy(src: str | Path, dst: str | Path) -> None:
    """A stored file into a site: a hard link (no copy; stored files never change in place),
    or a copy where the file system cannot link."""
    try:
        os.link(src, dst)
    except FileNotFoundError:  # its folder is not there yet (asking first costs more: thousands of pages)
        Path(dst).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def prune(folder: Path, keep: set[str]) -> None:
    """Remove every file below `folder` whose name is not in `keep` (half-written ones too)."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if path.is_file() and path.name not in keep:
            path.unlink(missing_ok=True)


def compiled_templates(folder: Path, salt: str):
    """Where Jinja keeps its templates compiled (a jinja2.BytecodeCache): each build compiled
    the theme's and our templates again, about 0.4 s of adding one document at N = 1000.

    Compiled code also fixes what is not in a template's text: the environment's options,
    how its filters are called, filters applied to constants. So the entries live in a
    folder named by `salt`, a hash of the code and versions that make the environment, and
    the folders of other salts are removed. Inside it an entry is named by the template's
    name, not its file (the theme is copied to a new folder each build), and Jinja loads it
    only when it was compiled from the same source text (and Python): it checks a checksum."""
    import jinja2

    class ByName(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return super().get_cache_key(name)

    here = folder / hashlib.sha256(salt.encode("utf-8")).hexdigest()[:16]
    if folder.is_dir():
        for old in folder.iterdir():
            if old != here:
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    here.mkdir(parents=True, exist_ok=True)
    return ByName(str(here))

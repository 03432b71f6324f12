"""Is the site already built from exactly these inputs? Then a build has nothing to do.

The fingerprint covers everything a build reads: the code and templates, the pinned
requirements, the config file, every file under the content folder (names, bytes and
modification times), the commit checked out around it (the dates documents entered the
repository come from its history: briefing/history.py), the output folder and the
settings given on the command line, and SOURCE_DATE_EPOCH.
It is compared with the one stored by the last build that wrote the same output folder,
and that folder must still be the one that build swapped in (same inode and mtime).
Reading and hashing the content costs about as much as reading it: no stage runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from . import history
from .cache import read_json, write_json

CODE = Path(__file__).resolve().parent.parent  # build.py, briefing/, templates/, requirements


@dataclass(frozen=True)
class LastBuild:
    fingerprint: str
    output: str
    site: tuple[int, int]  # the output folder's (inode, mtime_ns) after the swap
    closing: str  # the last line the build printed
    warnings: tuple[str, ...]


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found += [Path(folder) / f for f in sorted(files) if not f.endswith((".pyc", ".tmp"))]
    return found


def fingerprint(config_file: Path, content: Path, output: Path, settings: dict[str, object]) -> str:
    h = hashlib.sha256(json.dumps([str(output), settings, os.environ.get("SOURCE_DATE_EPOCH", "")]).encode())
    code = [CODE / "build.py", *sorted(CODE.glob("requirements*.txt")), *_files(CODE / "briefing"), *_files(CODE / "templates")]
    for label, root, files in (("code", CODE, code), ("content", content, _files(content))):
        for path in files:
            h.update(f"\0{label}:{path.relative_to(root).as_posix()}\0".encode())
            try:
                if label == "content":  # a file git does not know entered when it was last written
                    h.update(str(path.stat().st_mtime_ns).encode())
                h.update(path.read_bytes())
            except OSError as exc:  # the build reports it; the fingerprint only has to differ
                h.update(repr(exc).encode())
    h.update(config_file.read_bytes())
    h.update(history.state(content).encode())  # the commit checked out: a few small reads, no `git log`
    return h.hexdigest()


def _site_identity(output: Path) -> tuple[int, int]:
    st = output.stat()
    return (st.st_ino, st.st_mtime_ns)


def unchanged(record: Path, fp: str, output: Path) -> LastBuild | None:
    """The last build, when it made this very site from the same inputs."""
    data = read_json(record)
    try:
        last = LastBuild(data["fingerprint"], data["output"], tuple(data["site"]), data["closing"], tuple(data["warnings"]))
        same = last.fingerprint == fp and last.output == str(output) and last.site == _site_identity(output)
    except (TypeError, KeyError, OSError):
        return None
    return last if same else None


def remember(record: Path, fp: str, output: Path, closing: str, warnings: list[str]) -> None:
    write_json(record, asdict(LastBuild(fp, str(output), _site_identity(output), closing, tuple(warnings))))

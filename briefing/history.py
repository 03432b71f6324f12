"""When each document entered the repository: what "new" means on the site and in the feeds.

A document's entry date is the author date of the first commit that added its file under
the content folder, read for every file in ONE `git log` call (renames inside the folder
keep the date of the first add, as `git log --follow` would). A file git does not know
(untracked, or a content folder outside any work tree, or no git at all) has its
modification time instead, in UTC. The same repository gives the same dates, so the same
site; a copy without history does not.

A shallow clone (actions/checkout's default depth of 1) shows every file as added by its
one commit: the workflow fetches the whole history (`fetch-depth: 0`), and a build on a
shallow clone says so in a warning.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

# subprocess and datetime are imported where they are used: a build with nothing to do
# reads state() only, and importing them would cost it more than state() does.

GIT_TIMEOUT = 120  # seconds; a huge history is slow, a hung git is not waited for


@dataclass(frozen=True)
class Entered:
    """{path relative to the content folder (posix): (ISO 8601 date-time, "git" | "file")}."""

    dates: dict[str, tuple[str, str]]
    problem: str = ""  # why git's dates are missing or unreliable; "" when all is well


def _git(content: Path, *args: str) -> subprocess.CompletedProcess | None:
    import subprocess

    # Read only (no index refresh), messages in English, and the repository is the one around
    # `content`, whatever a hook that runs the build has set.
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    env.update(GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        return subprocess.run(["git", "-C", str(content), *args], capture_output=True, timeout=GIT_TIMEOUT, env=env)
    except (OSError, subprocess.SubprocessError):
        return None  # no git on this machine: every date comes from the file


def _failure(result: subprocess.CompletedProcess | None) -> str:
    """A problem worth a warning: git ran and failed, other than 'not a repository'."""
    if result is None or result.returncode == 0:
        return ""
    message = result.stderr.decode("utf-8", "replace").strip()
    if "not a git repository" in message or "does not have any commits" in message:
        return ""
    return "git could not read the history (" + (message.splitlines()[0] if message else f"exit status {result.returncode}") + ")"


def git_added(content: Path) -> tuple[dict[str, str], str]:
    """{path: author date of the commit that first added it} for files git knows under
    `content`, oldest add first; and a problem to report, "" when there is none."""
    result = _git(
        content, "-c", "core.quotePath=false", "log", "--relative", "--diff-filter=AR", "-M", "--name-status",
        "-z", "--format=%x1e%aI%x1f%D", "--reverse", "--", ".",
    )
    if result is None or result.returncode != 0:
        return {}, _failure(result)
    added: dict[str, str] = {}
    shallow = False
    tokens = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    date = ""
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith("\x1e"):
            date, _, decorations = token[1:].partition("\x1f")
            shallow = shallow or "grafted" in decorations.split(", ")
        elif token == "A" and i < len(tokens):
            added.setdefault(tokens[i], date)
            i += 1
        elif token[:1] == "R" and i + 1 < len(tokens):
            old, new = tokens[i], tokens[i + 1]
            added[new] = added.get(old, date)  # a renamed file entered when its first name did
            i += 2
    problem = ""
    if shallow:
        problem = ("shallow clone: the dates documents entered the repository are those of the oldest commit "
                   "fetched (fetch the whole history: git fetch --unshallow; actions/checkout: fetch-depth: 0)")
    return added, problem


def file_date(path: Path) -> str:
    """A file's modification time, UTC, to the second: the date of a file git does not know."""
    import datetime as dt

    mtime = int(path.stat().st_mtime)
    return dt.datetime.fromtimestamp(mtime, dt.timezone.utc).isoformat().replace("+00:00", "Z")


def entered(content: Path, names: list[str]) -> Entered:
    """The entry date of each of `names` (paths relative to `content`)."""
    from_git, problem = git_added(content)
    dates: dict[str, tuple[str, str]] = {}
    for name in names:
        if name in from_git:
            dates[name] = (from_git[name], "git")
        else:
            try:
                dates[name] = (file_date(content / name), "file")
            except OSError:
                continue
    return Entered(dates, problem)


def _git_dirs(start: Path) -> tuple[Path, Path] | None:
    """The git directory of the work tree around `start` and its common directory (they
    differ in a linked worktree), found as git finds them; None outside any work tree."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            git_dir = dot
        elif dot.is_file():
            line = dot.read_text(encoding="utf-8").strip()
            if not line.startswith("gitdir:"):
                raise OSError(f"{dot}: not a gitdir link")
            git_dir = (folder / line[len("gitdir:"):].strip()).resolve()
        else:
            continue
        common = git_dir / "commondir"
        return git_dir, (git_dir / common.read_text(encoding="utf-8").strip()).resolve() if common.is_file() else git_dir
    return None


_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def _read_state(content: Path) -> str | None:
    """state() from the repository's own files, without running git: HEAD, the commit it
    names (loose or packed ref) and the shallow boundary. None when the layout is not the
    plain one (reftable, an unborn branch, a ref it cannot find): then git is asked."""
    dirs = _git_dirs(content.resolve())
    if dirs is None:
        return "no repository"
    git_dir, common = dirs
    if (common / "reftable").exists():
        return None
    head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    if head.startswith("ref: "):
        ref = head[5:].strip()
        sha = ""
        for base in (git_dir, common):
            if (base / ref).is_file():
                sha = (base / ref).read_text(encoding="utf-8").strip()
                break
        else:
            packed = common / "packed-refs"
            if packed.is_file():
                for line in packed.read_text(encoding="utf-8").splitlines():
                    if line.endswith(" " + ref):
                        sha = line.split(" ", 1)[0]
                        break
        head = sha
    if not _SHA.fullmatch(head):
        return None
    shallow = common / "shallow"
    return f"head {head} shallow {shallow.read_text(encoding='utf-8') if shallow.is_file() else ''}"


def state(content: Path) -> str:
    """What the git dates depend on besides the files, for the no-change fingerprint: the
    commit checked out (its history is fixed by its hash) and the shallow boundary. Read
    from the repository's files (a few small reads), else from one `git rev-parse`, however
    long the history; "no repository" outside a work tree."""
    try:
        found = _read_state(content)
    except (OSError, UnicodeDecodeError):
        found = None
    return found if found is not None else _git_state(content)


def _git_state(content: Path) -> str:
    """state() as `git rev-parse` reports it (the same text as _read_state's)."""
    result = _git(content, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "HEAD")
    if result is None:
        return "no git"
    if result.returncode != 0:
        return "no repository: " + result.stderr.decode("utf-8", "replace").strip()
    lines = result.stdout.decode("utf-8", "replace").split()
    if len(lines) < 3:
        return "git: " + " ".join(lines)
    shallow = ""
    if lines[0] == "true":
        try:
            shallow = (content / lines[1]).read_text(encoding="utf-8", errors="replace")
        except OSError:
            shallow = "?"
    return f"head {lines[2]} shallow {shallow}"


def sort_key(added: str) -> float:
    """An entry date (ISO 8601, any offset) as a point in time, for ordering; 0 when unknown."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(added.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0

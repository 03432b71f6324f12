"""When documents entered the repository: read from git in one call, else the file's time."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing import history
from briefing.stages.load import load_documents

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str = "") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("GIT_DIR", None)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def repo(tmp_path) -> Path:
    """A repository whose content/ grew over three commits, with a rename and an edit."""
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(root))
    write(root / "content" / "Путин в Баку.txt", "Первый документ.")
    write(root / "content" / "old" / "b.txt", "Второй документ.")
    write(root / "README.md", "not content")
    git(root, "add", ".")
    git(root, "commit", "-qm", "one", date="2024-01-02T10:00:00+03:00")
    git(root, "mv", "content/old/b.txt", "content/b.txt")
    write(root / "content" / "c.txt", "Третий документ.")
    git(root, "add", ".")
    git(root, "commit", "-qm", "two", date="2024-02-03T12:00:00+00:00")
    write(root / "content" / "c.txt", "Третий документ, исправленный.")
    git(root, "commit", "-qam", "three", date="2024-03-04T08:00:00+05:00")
    return root


def test_dates_come_from_the_first_commit_that_added_each_file(repo):
    write(repo / "content" / "new.txt", "Ещё не в репозитории.")
    os.utime(repo / "content" / "new.txt", (1_700_000_000, 1_700_000_000))
    entered = history.entered(repo / "content", ["Путин в Баку.txt", "b.txt", "c.txt", "new.txt"])
    assert entered.problem == ""
    assert entered.dates == {
        "Путин в Баку.txt": ("2024-01-02T10:00:00+03:00", "git"),
        "b.txt": ("2024-01-02T10:00:00+03:00", "git"),  # renamed: it entered under its first name
        "c.txt": ("2024-02-03T12:00:00+00:00", "git"),  # edited later: it entered when added
        "new.txt": ("2023-11-14T22:13:20Z", "file"),  # untracked: the file's own time
    }


def test_one_git_call_reads_every_file(repo, monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    for i in range(30):
        write(repo / "content" / f"extra-{i}.txt", "Текст.")
    history.entered(repo / "content", [f"extra-{i}.txt" for i in range(30)] + ["c.txt"])
    assert len(calls) == 1 and calls[0][:2] == ["git", "-C"]


def test_outside_a_repository_every_date_is_the_files(tmp_path):
    write(tmp_path / "a.txt", "Текст.")
    os.utime(tmp_path / "a.txt", (86_400, 86_400))
    entered = history.entered(tmp_path, ["a.txt"])
    assert entered == history.Entered({"a.txt": ("1970-01-02T00:00:00Z", "file")})
    assert history.state(tmp_path) == "no repository"


def test_documents_carry_their_entry_date(repo):
    docs = {d.path: d for d in load_documents(repo / "content", 10**6).documents}
    assert (docs["b.txt"].added, docs["b.txt"].added_origin) == ("2024-01-02T10:00:00+03:00", "git")


def test_a_shallow_clone_is_reported(repo, tmp_path):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    loaded = load_documents(shallow / "content", 10**6)
    assert [p.reason.split(":")[0] for p in loaded.problems] == ["shallow clone"]
    assert {d.added for d in loaded.documents} == {"2024-03-04T08:00:00+05:00"}  # every file "added" by the one commit
    assert history.state(shallow / "content") != history.state(repo / "content")


def test_the_state_changes_with_a_commit_and_not_otherwise(repo):
    before = history.state(repo / "content")
    assert before.startswith("head ") and before == history.state(repo / "content")
    write(repo / "content" / "d.txt", "Новый.")
    assert history.state(repo / "content") == before  # untracked files count by their time, not here
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "four", date="2024-04-01T00:00:00Z")
    assert history.state(repo / "content") != before


def test_the_state_read_from_the_files_is_what_git_says(repo, tmp_path):
    """The no-change check reads HEAD without running git: loose and packed refs, a detached
    HEAD, a linked worktree, a shallow clone all give what `git rev-parse` gives."""
    def both(content: Path) -> tuple[str | None, str]:
        return history._read_state(content), history._git_state(content)

    content = repo / "content"
    assert both(content)[0] == both(content)[1]
    git(repo, "pack-refs", "--all")
    assert both(content)[0] == both(content)[1]
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert both(content)[0] == both(content)[1]
    git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "HEAD~1")
    assert both(tmp_path / "wt" / "content")[0] == both(tmp_path / "wt" / "content")[1]
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(tmp_path / "shallow"))
    shallow = both(tmp_path / "shallow" / "content")
    assert shallow[0] == shallow[1] and shallow[0].split(" shallow ")[1]
    assert both(tmp_path)[0] == "no repository"


def test_a_repository_without_commits_is_no_problem(tmp_path):
    git(tmp_path, "init", "-q", "fresh")
    write(tmp_path / "fresh" / "a.txt", "Текст.")
    entered = history.entered(tmp_path / "fresh", ["a.txt"])
    assert entered.problem == "" and entered.dates["a.txt"][1] == "file"
    assert history._read_state(tmp_path / "fresh") is None  # an unborn branch: git is asked
    assert history.state(tmp_path / "fresh").startswith("no repository")


def test_sort_key_orders_instants_across_offsets():
    assert history.sort_key("2025-01-12T08:15:00Z") > history.sort_key("2025-01-12T10:00:00+03:00")
    assert history.sort_key("") == 0.0

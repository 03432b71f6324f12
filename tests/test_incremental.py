"""A rebuild after a change gives the same bytes as a clean build of the same content,
and renders only the pages that depend on the change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, project, run_build


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered(stdout: str) -> tuple[int, int]:
    m = re.search(r"\((\d+) of (\d+) pages rendered", stdout)
    assert m, stdout
    return int(m[1]), int(m[2])


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """One project rebuilt change after change, as a user's repository is."""
    root = tmp_path_factory.mktemp("live")
    config = project(root)
    content = root / "content"
    shutil.copytree(CORPUS, content)
    first = run_build("--content", str(content), "--out", str(root / "site"), config=config)
    assert first.returncode == 0, first.stderr
    return config, content, root / "site"


def rebuild_equals_clean(live, tmp_path) -> tuple[int, int]:
    config, content, site = live
    again = run_build("--content", str(content), "--out", str(site), config=config)
    assert again.returncode == 0, again.stderr
    assert "Nothing changed" not in again.stdout
    clean = run_build("--content", str(content), "--out", str(tmp_path / "clean"), config=project(tmp_path / "fresh"))
    assert clean.returncode == 0, clean.stderr
    assert rendered(clean.stdout)[0] == rendered(clean.stdout)[1]  # the clean build rendered every page
    ours, theirs = tree(site), tree(tmp_path / "clean")
    assert sorted(ours) == sorted(theirs)
    assert "feed.xml" in ours and "new/index.html" in ours  # the feeds and «Что нового» too
    assert [name for name in ours if ours[name] != theirs[name]] == []
    return rendered(again.stdout)


def test_no_change_does_nothing(live, tmp_path):
    config, content, site = live
    before = tree(site)
    again = run_build("--content", str(content), "--out", str(site), config=config)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [f"Nothing changed since the last build: {site}/ is as it was.",
                                         f"Built {site}/index.html: 5 documents, 4 dossiers, 0 warnings"]
    assert tree(site) == before


def test_a_changed_setting_or_a_replaced_site_builds_again(live, tmp_path):
    config, content, site = live
    strict = run_build("--content", str(content), "--out", str(site), "--strict", config=config)
    assert strict.returncode == 0 and "Nothing changed" not in strict.stdout
    assert rendered(strict.stdout)[0] == 0  # every page was already made: none rendered again
    shutil.rmtree(site)
    again = run_build("--content", str(content), "--out", str(site), "--strict", config=config)
    assert "Nothing changed" not in again.stdout and (site / "index.html").exists()


def test_adding_a_document(live, tmp_path):
    config, content, site = live
    shutil.copy(FIXTURES / "new-document.txt", content / "2024-11-14-mezhpravkomissiya.txt")
    done, total = rebuild_equals_clean(live, tmp_path)
    assert (site / "documents" / "2024-11-14-mezhpravkomissiya" / "index.html").exists()
    assert 1 <= done < total


def test_editing_a_document(live, tmp_path):
    config, content, site = live
    path = content / "2022-07-20-lavrov-i-bayramov.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("20 июля", "21 июля", 1), encoding="utf-8")
    done, total = rebuild_equals_clean(live, tmp_path)
    assert 1 <= done < total


def test_removing_a_document(live, tmp_path):
    config, content, site = live
    (content / "2024-03-05-premery-v-baku.txt").unlink()
    done, total = rebuild_equals_clean(live, tmp_path)
    assert not (site / "documents" / "2024-03-05-premery-v-baku").exists()
    assert 1 <= done < total


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_committing_a_document_changes_its_entry_date_and_rebuilds(tmp_path):
    """Committing files changes no byte of them but the date they entered the repository
    (it was the file's time): the build must notice, and equal a clean build after it."""
    import os
    import subprocess

    root = tmp_path / "repo"
    config = project(root)
    content = root / "content"
    shutil.copytree(CORPUS, content)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2025-03-01T12:00:00+03:00",
           "GIT_COMMITTER_DATE": "2025-03-01T12:00:00+03:00"}
    env.pop("GIT_DIR", None)
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    first = run_build("--content", str(content), "--out", str(root / "site"), config=config)
    assert first.returncode == 0, first.stderr
    assert "2025-03-01" not in (root / "site" / "feed.xml").read_text(encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "content"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "documents"], check=True, env=env)
    done, total = rebuild_equals_clean((config, content, root / "site"), tmp_path)
    assert 1 <= done < total  # «Что нового» and its neighbours, not every page
    assert "<updated>2025-03-01T12:00:00+03:00</updated>" in (root / "site" / "feed.xml").read_text(encoding="utf-8")
    again = run_build("--content", str(content), "--out", str(root / "site"), config=config)
    assert "Nothing changed" in again.stdout


def test_serve_builds_the_same_way_and_rebuilds_on_a_change(tmp_path):
    """`build.py serve` serves what `build.py` makes, under the site's path, and rebuilds
    when a document is added."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from conftest import ROOT

    config = project(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--config", str(config), "--port", str(port)],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout.readline().strip() == f"Serving on http://127.0.0.1:{port}/briefing/ (Ctrl+C to stop)"
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/briefing/", timeout=10).read().decode("utf-8")
        assert "<title>Россия — Азербайджан: брифинг</title>" in home
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/briefing/search/meta.json.gz", timeout=10).status == 200
        # As GitHub Pages serves it: `/` leads to the site, a missing page is the site's 404 page.
        root = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert root.url == f"http://127.0.0.1:{port}/briefing/" and "<title>Россия — Азербайджан: брифинг</title>" in root.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/briefing/documents/no-such-document/", timeout=10)
        assert missing.value.code == 404 and "Страница не найдена" in missing.value.read().decode("utf-8")
        shutil.copy(FIXTURES / "new-document.txt", tmp_path / "corpus" / "2024-11-14-mezhpravkomissiya.txt")
        deadline = time.monotonic() + 120
        line = ""
        while "Rebuilt" not in line and time.monotonic() < deadline:
            line = proc.stdout.readline()
        assert "Rebuilt after a change" in line
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/briefing/documents/2024-11-14-mezhpravkomissiya/", timeout=10)
        assert "Оверчук" in page.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)

"""Publishing: the address a fork is published at, the job summary, and the site served as
GitHub Pages serves it (`/` leads to the site, a missing address gets the site's 404 page)."""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.config import PLACEHOLDER_URL, load_config, published_at
from briefing.errors import ConfigError
from briefing.site.local import served
from conftest import CORPUS, FIXTURES, ROOT, project, run_build


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, follow: bool = True) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_the_shipped_config_holds_the_placeholder():
    """What a fork publishes with unless it edits site.url: replaced by the Pages address."""
    assert load_config(ROOT / "site_config.yaml").site_url == PLACEHOLDER_URL
    assert load_config(FIXTURES / "site_config.yaml").site_url == PLACEHOLDER_URL


def test_the_pages_address_replaces_only_the_placeholder():
    shipped = load_config(FIXTURES / "site_config.yaml")
    assert published_at(shipped, "https://someone.github.io/their-repo").site_url == "https://someone.github.io/their-repo/"
    assert published_at(shipped, "https://someone.github.io/").site_url == "https://someone.github.io/"
    assert published_at(shipped, None) == shipped and published_at(shipped, "") == shipped
    own = replace(shipped, site_url="https://news.example.org/briefing/")
    assert published_at(own, "https://someone.github.io/their-repo/") == own
    none = replace(shipped, site_url="")  # no site.url: the user chose relative feeds
    assert published_at(none, "https://someone.github.io/their-repo/") == none
    with pytest.raises(ConfigError) as exc:
        published_at(own, "someone.github.io/their-repo")
    assert exc.value.problems == ["--site-url: expected an http(s) URL, got 'someone.github.io/their-repo'"]


def test_a_build_for_the_pages_address_reports_to_the_job_summary(tmp_path):
    """`--site-url` (the workflow's Pages address) is the site's address in feeds, canonical
    links and the 404 page, whose styles load under that path; each warning is in the summary."""
    config = project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(CORPUS, content)
    (content / "empty.txt").write_text("", encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    www = tmp_path / "www"
    out = www / "their-repo"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_build("--content", str(content), "--out", str(out), "--site-url", "https://someone.github.io/their-repo",
                       config=config, env=env)
    assert result.returncode == 0, result.stderr
    assert summary.read_text(encoding="utf-8") == (
        "earlier step\n### Briefing site\n\n"
        "Built the site for https://someone.github.io/their-repo/: 5 documents, 4 dossiers, 1 warnings.\n\n"
        "1 warning(s):\n\n```text\nempty.txt: empty document\n```\n")
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert "https://someone.github.io/their-repo/documents/" in feed and "example.github.io" not in feed
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://someone.github.io/their-repo/">' in home
    with served(www, home="/their-repo/") as url:
        status, _, body = get(url + "their-repo/no/such/page/")
        assert status == 404 and "Страница не найдена" in body.decode("utf-8")
        links = re.findall(r'(?:href|src)="(/their-repo/assets/[^"]+)"', body.decode("utf-8"))
        assert any(link.endswith(".css") for link in links) and any(link.endswith(".js") for link in links)
        for link in links:
            assert get(url + link.lstrip("/"))[0] == 200, link
        assert 'href="/their-repo/.">главной страницы</a>' in body.decode("utf-8")  # the site, not the published one


def test_the_summary_names_a_configuration_error(tmp_path):
    config = tmp_path / "site_config.yaml"
    config.write_text("site:\n  title: T\n  titel: x\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_build("--content", str(CORPUS), config=config, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 2
    text = summary.read_text(encoding="utf-8")
    assert "**Not built**: the configuration has errors." in text
    assert "site_config.yaml:3: site.titel: unknown key" in text


def test_the_summary_keeps_warnings_as_text():
    """A file name with backticks cannot close the block that lists the warnings."""
    import build

    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"summary-{os.getpid()}.md"
    os.environ["GITHUB_STEP_SUMMARY"] = str(path)
    try:
        build.step_summary("Built.", ["a```b.txt: empty document", "c.txt: **bold**"])
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    text = path.read_text(encoding="utf-8")
    path.unlink()
    assert "\n````text\na```b.txt: empty document\nc.txt: **bold**\n````\n" in text


@pytest.fixture()
def www(tmp_path) -> Path:
    """A site under /briefing/ (a page, a folder without index.html, a 404 page)."""
    site = tmp_path / "briefing"
    (site / "documents").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (site / "documents" / "x" ).mkdir()
    (site / "documents" / "x" / "index.html").write_text("<h1>x</h1>", encoding="utf-8")
    (site / "404.html").write_text("<h1>Страница не найдена</h1>", encoding="utf-8")
    return tmp_path


def test_served_as_pages_the_root_leads_to_the_site(www):
    with served(www, home="/briefing/") as url:
        status, headers, _ = get(url, follow=False)
        assert status == 302 and headers["Location"] == "/briefing/"
        assert get(url)[2] == b"<h1>home</h1>"
        assert get(url + "?q=1", follow=False)[0] == 302
        assert get(url + "briefing/documents/x/")[2] == b"<h1>x</h1>"


@pytest.mark.parametrize("path", ["nothing/", "briefing/nothing/here/", "briefing/assets/", "briefing/documents/"])
def test_served_as_pages_a_missing_address_gets_the_sites_404_page(www, path):
    """Nor are folders listed: GitHub Pages lists none."""
    with served(www, home="/briefing/") as url:
        status, headers, body = get(url + path)
        assert status == 404 and body.decode("utf-8") == "<h1>Страница не найдена</h1>"
        assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_a_site_at_the_servers_root(www):
    """site.url without a path (or none): the site is the server's root, its 404 page there."""
    with served(www / "briefing", home="/") as url:
        assert get(url)[2] == b"<h1>home</h1>"
        status, _, body = get(url + "documents/nothing/")
        assert status == 404 and "Страница не найдена" in body.decode("utf-8")


def test_without_a_home_the_folder_is_served_as_it_is(www):
    """The tests' and benchmarks' own server: a plain static server."""
    with served(www) as url:
        assert get(url)[0] == 200  # a listing
        assert get(url + "briefing/nothing/")[0] == 404

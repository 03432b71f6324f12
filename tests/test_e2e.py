"""End to end: the seed site built by the CLI, as a reader's browser would follow it."""

from __future__ import annotations

import json
import os
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import CORPUS, ROOT, SEED_IDS, project, run_build
from test_group import EXPECTED


@pytest.fixture(scope="module")
def fixture_config(tmp_path_factory) -> Path:
    return project(tmp_path_factory.mktemp("project"))


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(tmp_path_factory, fixture_config):
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_build("--out", str(out), "--strict", config=fixture_config)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"Built {out}/index.html: 5 documents, 4 dossiers, 0 warnings"
    return out


def test_the_closing_line_names_the_site_as_the_user_gave_it(tmp_path):
    config = project(tmp_path)
    default = run_build(config=config)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip().splitlines()[-1] == "Built site/index.html: 5 documents, 4 dossiers, 0 warnings"
    given = run_build("--out", "out/../public", config=config)
    assert given.stdout.strip().splitlines()[-1].startswith("Built out/../public/index.html: ")
    assert (tmp_path / "site" / "index.html").exists() and (tmp_path / "public" / "index.html").exists()


def test_the_users_own_content_builds(tmp_path):
    """content/ is the user's: whatever it holds builds without errors (its counts are not ours to fix)."""
    out = tmp_path / "site"
    result = run_build("--out", str(out), config=ROOT / "site_config.yaml")
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and (out / "index.html").exists()
    assert re.fullmatch(rf"Built {re.escape(str(out))}/index.html: \d+ documents, \d+ dossiers, \d+ warnings",
                        result.stdout.strip().splitlines()[-1])


def content_pages(site: Path) -> list[Path]:
    # 404.html is served at any depth, so MkDocs gives it root-absolute links on purpose.
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_internal_link_resolves(site):
    pages = content_pages(site)
    assert len(pages) >= 5 + 4 + 4
    parsed = {p: parse(p) for p in pages}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert not broken


def test_no_absolute_or_third_party_urls_in_pages(site):
    for page in content_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html
        assert not re.search(r'(?:href|src)="/(?!/)', html), f"root-absolute link in {page}"


def test_briefing_json(site):
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    assert data["version"] == 2 and len(data["documents"]) == 5
    for doc in data["documents"]:
        assert doc["summary"] and doc["keywords"]
        for s in doc["summary"]:
            assert s["text"] in doc["text"]
            assert doc["text"][s["start"] : s["end"]] == s["text"]
    got = {SEED_IDS[d["id"]]: {m["dossier"] for m in d["dossiers"]} for d in data["documents"]}
    assert got == EXPECTED
    members = {d["id"]: set(d["members"]) for d in data["dossiers"]}
    for doc in data["documents"]:
        for m in doc["dossiers"]:
            assert doc["id"] in members[m["dossier"]] and m["matched_terms"]
            assert m["basis"] in ("key sentences", "title and key sentences", "paragraph") and m["sentences"]


def test_briefing_json_is_written_a_record_at_a_time_as_one_dump_would_write_it(site):
    import io

    from briefing.stages.publish import write_json_stream

    text = (site / "briefing.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    for value in ({"a": [1, {"b": "ж"}], "c": {}, "d": [], "e": {"x": [None, True, 1.5, 'q"']}}, [], {}, "x", [[1, [2]]]):
        out = io.StringIO()
        write_json_stream(value, out)
        assert out.getvalue() == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_briefing_json_carries_each_dossiers_digest(site):
    """Key points, timeline, events and figures are verbatim sentences of their members."""
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    text = {d["id"]: d["text"] for d in data["documents"]}
    for d in data["dossiers"]:
        assert d["key_points"] and d["timeline"] and d["distinctive_keywords"], d["id"]
        assert {p["document"] for p in d["timeline"]} == set(d["members"])
        for p in d["key_points"] + d["timeline"] + d["events"]:
            assert p["document"] in d["members"] and p["text"] in text[p["document"]]
        for e in d["events"]:
            assert e["as_written"] in e["text"] and re.fullmatch(r"\d{4}(-\d\d){0,2}(/\d{4}(-\d\d){0,2})?", e["when"])
        for f in d["figures"]:
            assert f["text"] in f["sentence"]["text"] and f["unit"] and f["measure"]
    trade = next(d for d in data["dossiers"] if d["id"] == "trade")
    assert any(f["measure"] == "товарооборот" and f["unit"] == "USD" for f in trade["figures"])


def test_summary_sentences_appear_on_document_pages(site):
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    for doc in data["documents"]:
        html = (site / "documents" / doc["id"] / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", html).replace("&quot;", '"').replace("&laquo;", "«").replace("&raquo;", "»")
        for s in doc["summary"]:
            assert s["text"].replace("&", "&amp;") in text or s["text"] in text


def test_headings_get_unicode_anchors(site):
    ids = parse(site / "documents" / "2024-08-18-putin-i-aliev-v-baku" / "index.html").ids
    assert "регулярные-встречи" in ids and "_1" not in ids


def test_a_broken_document_is_reported_and_the_rest_builds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CORPUS, content)
    (content / "broken.md").write_text("---\ntitle: [x\n---\nтекст", encoding="utf-8")
    (content / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "site"
    config = project(tmp_path / "project")
    result = run_build("--content", str(content), "--out", str(out), config=config)
    assert result.returncode == 0, result.stderr
    assert "warning: broken.md: front matter is not valid YAML at line 3" in result.stderr
    assert "warning: empty.txt: empty document" in result.stderr
    assert result.stdout.strip().endswith("5 documents, 4 dossiers, 2 warnings")
    strict = run_build("--content", str(content), "--out", str(tmp_path / "strict"), "--strict", config=config)
    assert strict.returncode == 1 and not (tmp_path / "strict").exists()
    assert "error: 2 warning(s) and --strict: nothing written" in strict.stderr


def test_a_config_error_writes_nothing(tmp_path):
    config = tmp_path / "site_config.yaml"
    config.write_text("site:\n  title: T\n  titel: x\ndossiers: []\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous", encoding="utf-8")
    result = run_build("--content", str(CORPUS), "--out", str(out), config=config)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: site_config.yaml:3: site.titel: unknown key (known: description, repo_url, title, url)",
        "error: site_config.yaml:4: dossiers: declare at least one dossier",
    ]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site_config.yaml"]


def test_a_failed_mkdocs_build_keeps_the_previous_site(tmp_path, monkeypatch):
    from briefing.stages import publish as publish_module
    from briefing.errors import BriefingError

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous", encoding="utf-8")
    pages = {"mkdocs.yml": "site_name: x\nnav:\n  - missing.md\nstrict: true\n", "index.md": "[broken](nowhere.md)\n"}
    with pytest.raises(BriefingError, match="MkDocs build failed"):
        publish_module.publish(pages, {}, [], out, tmp_path / "cache")
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    # Beside the site: the half-made site in trash/ (deleted by the next build), and the
    # theme's compiled templates (jinja/, kept as the cache is: .briefing/ in a project).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jinja", "site", "trash"]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_built_by_forked_processes_are_the_pages_one_process_builds(seed_analyses, seed_dossiers, config, tmp_path, monkeypatch):
    from briefing.stages.publish import THEME
    from briefing import forked
    from briefing.stages.render import render
    from briefing.site import html

    pages = render(seed_analyses, seed_dossiers, config)
    monkeypatch.setattr(forked, "AT_LEAST", 2)
    sites = {}
    for workers in (1, 2):
        stats = html.build_html(pages, tmp_path / f"{workers}" / "site", tmp_path / f"cache-{workers}", THEME, epoch=0, workers=workers)
        assert stats.rendered == stats.pages > 2
        sites[workers] = tree(tmp_path / f"{workers}" / "site")
        assert len(list((tmp_path / f"cache-{workers}").rglob("*.html"))) == stats.pages  # each process stored its pages
    assert sorted(sites[1]) == sorted(sites[2])
    assert [name for name in sites[1] if sites[1][name] != sites[2][name]] == []


def test_pages_rendered_by_forked_processes_are_the_pages_one_process_renders(seed_analyses, seed_dossiers, config, monkeypatch):
    from briefing import forked
    from briefing.stages.render import render

    monkeypatch.setattr(forked, "AT_LEAST", 2)
    calls = []
    real = forked.forked_map
    monkeypatch.setattr("briefing.stages.render.forked_map", lambda *a, **k: calls.append(len(a[1])) or real(*a, **k))
    one, two = render(seed_analyses, seed_dossiers, config), render(seed_analyses, seed_dossiers, config, workers=2)
    assert calls and calls[0] > 5  # the document and entity pages went through the pool
    assert list(one) == list(two) and one == two


def test_a_warning_in_a_forked_page_build_fails_the_build(tmp_path, monkeypatch):
    from briefing import forked
    from briefing.errors import BriefingError
    from briefing.site import html

    monkeypatch.setattr(forked, "AT_LEAST", 2)
    pages = {"mkdocs.yml": "site_name: x\nnav:\n  - index.md\n", "index.md": "# x\n",
             **{f"p{i}.md": f"# {i}\n\n[broken](nowhere-{i}.md)\n" for i in range(4)}}
    for workers in (2, 1):
        with pytest.raises(BriefingError, match=r"MkDocs build failed: .*nowhere-\d\.md") as failed:
            html.build_html(pages, tmp_path / f"site-{workers}", tmp_path / "cache", workers=workers)
        assert all(str(failed.value).count(f"nowhere-{i}.md") == 1 for i in range(4)), failed.value


def test_builds_are_byte_identical_and_dated_by_content(site, tmp_path):
    again = tmp_path / "again"
    assert run_build("--out", str(again), config=project(tmp_path / "project")).returncode == 0
    assert tree(again) == tree(site)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2024-08-18"}  # the newest document


def test_source_date_epoch_is_honoured(tmp_path):
    out = tmp_path / "site"
    result = run_build("--out", str(out), config=project(tmp_path / "project"), env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (out / "sitemap.xml").read_text(encoding="utf-8"))) == {"2023-11-14"}


class HeadFeeds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        # rel is a set of tokens, read as feed readers do (the page writes "alternate feed": see main.html)
        if tag == "link" and "alternate" in (a.get("rel") or "").lower().split() and a.get("type") == "application/atom+xml":
            self.feeds.append(a["href"])


def test_every_page_announces_the_feeds_and_they_are_valid_atom(site):
    from test_feeds import check_atom

    for page in content_pages(site):
        p = HeadFeeds()
        p.feed(page.read_text(encoding="utf-8"))
        targets = [(page.parent / href).resolve() for href in p.feeds]
        assert targets[:1] == [site.resolve() / "feed.xml"], page
        if page.parent.parent.name == "dossiers":
            assert targets[1:] == [page.parent / "feed.xml"]
        else:
            assert len(targets) == 1
    feeds = sorted(site.rglob("feed.xml"))
    assert [f.relative_to(site).as_posix() for f in feeds] == [
        "dossiers/humanitarian/feed.xml", "dossiers/karabakh/feed.xml", "dossiers/north_south/feed.xml",
        "dossiers/trade/feed.xml", "feed.xml"]
    for f in feeds:
        check_atom(f.read_text(encoding="utf-8"))
    import xml.etree.ElementTree as ET

    assert len(ET.parse(site / "feed.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry")) == 5


def test_every_seed_with_a_url_links_its_source(site):
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    with_url = [d for d in data["documents"] if d["url"]]
    assert with_url and all(d["source"] for d in with_url)
    for doc in data["documents"]:
        assert doc["source_origin"] in ("front matter", "dateline", "text", "url", None) and doc["added_origin"] == "file"
        assert bool(doc["source"]) == bool(doc["source_origin"])
    listing = parse(site / "documents" / "index.html").links
    for doc in with_url:
        page = site / "documents" / doc["id"] / "index.html"
        assert doc["url"] in parse(page).links
        assert doc["url"] in listing
        assert doc["url"] in parse(site / "new" / "index.html").links


def test_the_search_index_holds_every_document_page_and_nothing_else(site):
    """Each fragment of search/d/ is one document page: its link, the page's own title, and
    text that the page shows; the pages are all there, in the order of their links."""
    import gzip

    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("documents/*/index.html"))
    assert len(pages) == 5
    meta = json.loads(gzip.decompress((site / "search" / "meta.json.gz").read_bytes()))
    fragments = [json.loads(gzip.decompress((site / "search" / "d" / f"{i}.gz").read_bytes())) for i in range(meta["documents"])]
    assert [f["u"] for f in fragments] == pages
    assert len(list((site / "search" / "d").iterdir())) == 5
    def shown(text: str) -> str:
        return " ".join(text.split())

    for fragment in fragments:
        html = (site / fragment["u"] / "index.html").read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert h1 and shown(unescape(re.sub(r"<[^>]+>", "", h1.group(1)))).rstrip("¶") == fragment["t"]
        assert shown(fragment["x"].split("\n")[-1])[:80] in shown(unescape(re.sub(r"<[^>]+>", "", html)))
    assert len(meta["lengths"]) == 5 and all(n > 100 for n in meta["lengths"])


def test_no_fork_while_another_thread_runs(monkeypatch):
    """`build.py serve` builds while its server's threads run: the work stays in this process."""
    import os
    import threading

    from briefing import forked

    monkeypatch.setattr(forked, "AT_LEAST", 2)
    assert set(forked.forked_map(lambda _: os.getpid(), range(8), 2)) != {os.getpid()}
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert set(forked.forked_map(lambda _: os.getpid(), range(8), 2)) == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_trimming_the_heap_is_skipped_where_there_is_no_glibc(monkeypatch):
    import ctypes

    from briefing import forked

    def no_cdll(name):
        raise TypeError("CDLL(None) on Windows")

    monkeypatch.setattr(ctypes, "CDLL", no_cdll)
    monkeypatch.setattr(forked.sys, "platform", "win32")
    forked.trim_heap()  # not called there, so no TypeError
    monkeypatch.setattr(forked.sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())  # a C library without malloc_trim (musl)
    forked.trim_heap()

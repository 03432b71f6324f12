"""The Atom feeds: RFC 4287's requirements checked on the parsed XML, entry by entry."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from briefing.site.feeds import NEWEST, feeds, newest
from briefing.stages.render import render

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def _date(element: ET.Element) -> dt.datetime:
    assert element.text and RFC3339.match(element.text), element.text
    return dt.datetime.fromisoformat(element.text.replace("Z", "+00:00"))


def _one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(A + tag)
    assert len(found) == 1, f"{tag}: {len(found)} in {parent.tag}"
    return found[0]


def _alternates_unique(parent: ET.Element) -> None:
    """RFC 4287 4.1.1/4.1.2: at most one rel="alternate" link per type and hreflang."""
    keys = [(link.get("type"), link.get("hreflang")) for link in parent.findall(A + "link") if link.get("rel", "alternate") == "alternate"]
    assert len(keys) == len(set(keys))
    assert all(link.get("href") for link in parent.findall(A + "link"))


def check_atom(text: str, absolute: bool = True) -> ET.Element:
    """Parse an Atom document and assert what RFC 4287 requires of a feed and its entries;
    returns the root. `absolute`: ids and links are absolute IRIs (site.url is set)."""
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == A + "feed"
    for tag in ("id", "title", "updated"):
        _one(feed, tag)
    assert urlsplit(_one(feed, "id").text).scheme  # an IRI, never a relative reference
    feed_updated = _date(_one(feed, "updated"))
    feed_authors = feed.findall(A + "author")
    assert all(_one(a, "name").text for a in feed_authors)
    _alternates_unique(feed)
    assert [link.get("rel") for link in feed.findall(A + "link")].count("self") == 1
    ids = []
    for entry in feed.findall(A + "entry"):
        for tag in ("id", "title", "updated", "content"):
            _one(entry, tag)
        ids.append(_one(entry, "id").text)
        assert urlsplit(ids[-1]).scheme
        assert _date(_one(entry, "updated")) <= feed_updated
        for published in entry.findall(A + "published"):
            _date(published)
        assert feed_authors or entry.findall(A + "author"), "an entry without an author in a feed without one"
        content = _one(entry, "content")
        assert content.get("type") == "text" and content.text and len(content) == 0
        _alternates_unique(entry)
        alternate = [link.get("href") for link in entry.findall(A + "link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1
        assert bool(urlsplit(alternate[0]).scheme) == absolute
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    return feed


@pytest.fixture(scope="module")
def pages(seed_analyses, seed_dossiers, config):
    return render(seed_analyses, seed_dossiers, config)


def test_the_briefing_feed(pages, seed_analyses):
    feed = check_atom(pages["feed.xml"])
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert _one(feed, "title").text == "Россия — Азербайджан: брифинг"
    assert _one(feed, "id").text == "https://example.github.io/briefing/feed.xml"
    entries = feed.findall(A + "entry")
    assert len(entries) == len(seed_analyses) == 5
    assert _one(feed, "updated").text == "2025-01-13T20:00:00+03:00"  # the newest entry's (conftest.SEED_ADDED)
    first = entries[0]
    assert _one(first, "title").text == "В Баку состоялась встреча премьер-министров Азербайджана и России"
    assert _one(first, "id").text == "https://example.github.io/briefing/documents/2024-03-05-premery-v-baku/"
    assert _one(first, "published").text == "2024-03-05T00:00:00Z"
    assert first.findall(A + "author") == []  # no source of its own (tests/test_provenance.py): the feed's author stands
    putin = next(e for e in entries if "putin" in _one(e, "id").text)
    assert _one(_one(putin, "author"), "name").text == "Sputnik Азербайджан"
    kremlin = next(e for e in entries if "beseda" in _one(e, "id").text)
    assert [link.get("href") for link in kremlin.findall(A + "link") if link.get("rel") == "via"] == [
        "http://kremlin.ru/events/president/news/copy/68782"]
    summary = next(a for a in seed_analyses if a.document.id == "2022-06-29-beseda-s-aliyevym").summary
    assert _one(kremlin, "content").text == " ".join(s.text for s in summary)


def test_one_feed_per_dossier_with_its_members(pages, seed_dossiers):
    for d in seed_dossiers:
        feed = check_atom(pages[f"dossiers/{d.id}/feed.xml"])
        ids = [_one(e, "id").text.rstrip("/").rsplit("/", 1)[1] for e in feed.findall(A + "entry")]
        assert sorted(ids) == sorted(m.document for m in d.members)
        assert all(d.id in [c.get("term") for c in e.findall(A + "category")] for e in feed.findall(A + "entry"))


def test_without_site_url_ids_are_urns_and_links_relative(seed_analyses, seed_dossiers, config):
    local = replace(config, site_url="")
    out = render(seed_analyses, seed_dossiers, local)
    feed = check_atom(out["feed.xml"], absolute=False)
    entry = feed.findall(A + "entry")[0]
    assert _one(entry, "id").text.startswith("urn:uuid:")
    assert entry.find(A + "link").get("href") == "documents/2024-03-05-premery-v-baku/"
    dossier = check_atom(out["dossiers/karabakh/feed.xml"], absolute=False)
    links = {link.get("rel"): link.get("href") for link in dossier.findall(A + "link")}
    assert links == {"self": "feed.xml", "alternate": "./"}
    assert dossier.find(A + "entry").find(A + "link").get("href").startswith("../../documents/")
    again = render(seed_analyses, seed_dossiers, local)
    assert again["feed.xml"] == out["feed.xml"]  # the same records, the same bytes: ids are stable


def test_the_feed_holds_the_newest_entries_and_no_invalid_characters(seed_analyses, seed_dossiers, config):
    base = seed_analyses[0]
    many = [replace(base, document=replace(base.document, id=f"doc-{i:03d}", title=f"Документ {i}\x0b\x1f",
                                          added=f"2025-02-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"))
            for i in range(NEWEST + 10)]
    doc_dossiers = {a.document.id: [] for a in many}
    feed = check_atom(feeds(many, [], config, doc_dossiers)["feed.xml"])
    entries = feed.findall(A + "entry")
    assert len(entries) == NEWEST
    assert [_one(e, "id").text.rsplit("/", 2)[1] for e in entries] == [a.document.id for a in newest(many)]
    assert all("\x0b" not in _one(e, "title").text for e in entries)


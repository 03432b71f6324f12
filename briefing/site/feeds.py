"""Atom 1.0 feeds (RFC 4287): `feed.xml` for the whole briefing, `dossiers/<id>/feed.xml`
for each dossier; the newest NEWEST documents by the date they entered the repository.

An entry is a document: its title, its page (`rel="alternate"`), the original
(`rel="via"`, when the document has a URL), its source as the author, its dossiers as
categories, its summary as the content (`type="text"`), `published` = the document's own
date when complete, `updated` = when it entered the repository (briefing/history.py:
always a full date-time, which Atom requires and a partial «20 мая» is not).

Ids and links. With `site.url`, ids are the pages' own absolute addresses (the canonical
URLs MkDocs writes) and links are absolute, as Atom readers expect. Without it, ids are
`urn:uuid:` names derived from the site title and the page's path (RFC 4122 version 5:
stable, and no domain is claimed that the site may not own, as a `tag:` URI would need),
and links are relative to the feed's own address, which RFC 4287 allows (§4.2.7.1, IRI
references resolved against the document's base): they work wherever the site is served.
The same records give the same bytes: nothing here reads the clock.
"""

from __future__ import annotations

import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from .. import history
from ..config import Config
from ..records import Analysis, Dossier, Document

NEWEST = 50  # entries per feed, and documents on the «Что нового» page
ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no XML 1.0 document may hold these


def newest(analyses: list[Analysis], n: int = NEWEST) -> list[Analysis]:
    """The n documents that entered the repository last, newest first (`analyses` come
    newest document date first: equal entry dates keep that order)."""
    return sorted(analyses, key=lambda a: -history.sort_key(a.document.added))[:n]


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _text(text)
    return element


class _Addresses:
    """Links and ids for one feed file, as the module docstring describes."""

    def __init__(self, config: Config, feed_path: str) -> None:
        self.base = config.site_url.rstrip("/") + "/" if config.site_url else ""
        self.folder = posixpath.dirname(feed_path)
        self.title = config.site_title

    def link(self, path: str) -> str:
        """`path`: a site path as served ('documents/x/', 'feed.xml', '' for the home page)."""
        if self.base:
            return urljoin(self.base, path)
        relative = posixpath.relpath(path or ".", self.folder or ".")
        return relative + "/" if path.endswith("/") or not path else relative

    def id(self, path: str) -> str:
        if self.base:
            return urljoin(self.base, path)
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{self.title}:{path}"))


def _published(doc: Document) -> str:
    date = doc.date
    return f"{date.iso()}T00:00:00Z" if date and date.year and date.day else ""


def _entry(feed: ET.Element, a: Analysis, at: _Addresses, dossiers: list[Dossier]) -> None:
    doc = a.document
    page = f"documents/{doc.id}/"
    entry = _sub(feed, "entry")
    _sub(entry, "title", doc.title, type="text")
    _sub(entry, "link", rel="alternate", type="text/html", href=at.link(page))
    if doc.url:
        _sub(entry, "link", rel="via", href=doc.url)
    _sub(entry, "id", at.id(page))
    if _published(doc):
        _sub(entry, "published", _published(doc))
    _sub(entry, "updated", doc.added or EPOCH)
    if doc.source:
        author = _sub(entry, "author")
        _sub(author, "name", doc.source)
    for d in dossiers:
        _sub(entry, "category", term=d.id, label=_text(d.title))
    _sub(entry, "content", " ".join(s.text for s in a.summary) or doc.title, type="text")


def atom(config: Config, feed_path: str, title: str, alternate: str, items: list[Analysis],
         doc_dossiers: dict[str, list[Dossier]], updated: str, subtitle: str = "") -> str:
    """One feed document: `feed_path` is where it is written in the site, `alternate` the
    site path of the page it follows, `updated` its date when it has no entries."""
    at = _Addresses(config, feed_path)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "ru"})
    _sub(feed, "title", title, type="text")
    if subtitle:
        _sub(feed, "subtitle", subtitle, type="text")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=at.link(feed_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=at.link(alternate))
    _sub(feed, "id", at.id(feed_path))
    if items:
        updated = max((a.document.added or EPOCH for a in items), key=history.sort_key)
    _sub(feed, "updated", updated)
    author = _sub(feed, "author")
    _sub(author, "name", config.site_title)
    if config.site_url:
        _sub(author, "uri", at.link(""))
    for a in items:
        _entry(feed, a, at, doc_dossiers[a.document.id])
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feeds(ordered: list[Analysis], dossiers: list[Dossier], config: Config, doc_dossiers: dict[str, list[Dossier]]) -> dict[str, str]:
    """{site path: Atom XML}: the whole briefing's feed and one per dossier."""
    latest = newest(ordered)
    updated = max((a.document.added or EPOCH for a in ordered), key=history.sort_key, default=EPOCH)
    out = {"feed.xml": atom(config, "feed.xml", config.site_title, "", latest, doc_dossiers, updated, config.site_description)}
    by_id = {a.document.id: a for a in ordered}
    for d in dossiers:
        members = newest([by_id[m.document] for m in d.members])
        out[f"dossiers/{d.id}/feed.xml"] = atom(
            config, f"dossiers/{d.id}/feed.xml", f"{config.site_title}: {d.title}", f"dossiers/{d.id}/", members,
            doc_dossiers, updated, d.description,
        )
    return out

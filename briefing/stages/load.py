"""Stage 1, load: every .txt and .md under content/ becomes a Document.

Front matter (optional, YAML between '---' lines) is read with the safe loader;
a document that cannot be used is reported with its file and reason and skipped,
so one broken file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import reprlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .. import history
from ..nlp.dates import parse_date
from ..nlp.slugs import slugify
from ..errors import ContentError
from ..records import Document

SUFFIXES = {".txt": "txt", ".md": "md"}
FRONT_MATTER_KEYS = ("title", "date", "source", "url", "themes")
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"%PDF", "a PDF file"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
)
_LEGACY = ("cp1251", "koi8_r")
_LEGACY_NAMES = {"cp1251": "Windows-1251", "koi8_r": "KOI8-R"}


@dataclass(frozen=True)
class Loaded:
    documents: tuple[Document, ...]
    problems: tuple[ContentError, ...]


_URL_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f\"'<>\\^`{|}\[\]]")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
MAX_URL_LENGTH = 2000


_DOUBLED = re.compile(r"(?i)https?://[^/?#\s]+?(?=https?://)")


def repair_url(url: str) -> tuple[str, str]:
    """A scraper's doubled prefix («https://russian.rt.comhttps://russian.rt.com/…») taken
    off, and a note saying so ("" when there was nothing to repair)."""
    m = _DOUBLED.match(url)
    if not m:
        return url, ""
    fixed = url[m.end():]
    return fixed, f"doubled address prefix {m[0]!r} removed: {fixed[:100]}"


def url_problem(url: str) -> str:
    """Why `url` is not a usable address for a link ("" when it is): http or https only, a
    real host name (letters, digits, hyphens, dots; Cyrillic through IDNA) or IPv4 address,
    no credentials, and none of the characters that end an attribute, a tag or Markdown
    link syntax (spaces, quotes, angle and square brackets, braces, backslash, controls)."""
    if not url:
        return "empty"
    if len(url) > MAX_URL_LENGTH:
        return f"longer than {MAX_URL_LENGTH} characters"
    bad = _URL_FORBIDDEN.search(url)
    if bad:
        return f"contains {bad[0]!r}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme + ':' if parts.scheme else 'missing'} (only http and https are linked)"
    if "@" in parts.netloc:
        return "user name or password in the address"
    host = (parts.hostname or "").rstrip(".")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"host {host!r} is not a host name"
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return f"host {host!r} is not a host name" if host else "no host"
    if labels[-1].isdigit() and not (len(labels) == 4 and all(int(x) < 256 for x in labels if x.isdigit())):
        return f"host {host!r} is not a host name"
    return ""


def _cyrillic_lower_ratio(text: str) -> float:
    cyrillic = [c for c in text if "\u0400" <= c <= "\u04ff"]
    return sum(c.islower() for c in cyrillic) / len(cyrillic) if cyrillic else 0.0


def decode(data: bytes, name: str, problems: list[ContentError]) -> str:
    """Bytes to text: BOMs honoured, UTF-8 first, then the legacy Russian code pages."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ContentError(name, f"binary data ({what}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ContentError(name, "starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    if b"\x00" in data:
        raise ContentError(name, "binary data (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    if bad <= max(3, len(data) // 1000):
        problems.append(ContentError(name, f"{bad} invalid UTF-8 byte sequence(s) replaced with '\ufffd'"))
        return replaced
    best = max(_LEGACY, key=lambda enc: _cyrillic_lower_ratio(data.decode(enc, errors="replace")))
    text = data.decode(best, errors="replace")
    if _cyrillic_lower_ratio(text) < 0.6:
        raise ContentError(name, "not UTF-8 text, and not recognisable as Windows-1251 or KOI8-R")
    problems.append(ContentError(name, f"not UTF-8: decoded as {_LEGACY_NAMES[best]}"))
    return text


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader whose impossible timestamps («2024-13-05») stay text: the date check then
    names the key, where PyYAML would raise ValueError from outside its own error class."""


class _FastFrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same through libyaml (when the wheel has it): ten times faster; its error
    messages differ, so a file it rejects is read again by the loader above for the message."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_FastFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _yaml(raw: str) -> object:
    try:
        return yaml.load(raw, Loader=_FastFrontMatterLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError:
        return yaml.load(raw, Loader=_FrontMatterLoader)  # noqa: S506


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Separate a leading '---' YAML block from the body; body is returned unchanged."""
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        raise ContentError(name, "front matter is not closed: no '---' line after the opening one")
    raw = text[4 : 4 + end.start()]
    try:
        data = _yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise ContentError(name, f"front matter is not valid YAML{line}: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # explicit tags: !!int x, !!float y
        raise ContentError(name, f"front matter has a value YAML cannot read: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(name, f"front matter must be a mapping of keys (title, date, …), got {type(data).__name__}")
    body = text[4 + end.end() :].lstrip("\n")
    return data, body


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, 80, 80


def _shown(value: object) -> str:
    """A value for a message, cut short: aliases can nest a small file into a huge structure."""
    return _REPR.repr(value)


def _metadata(meta: dict[str, Any], name: str, problems: list[ContentError]) -> dict[str, Any]:
    """Typed front-matter fields; a wrong one is reported and ignored, not fatal."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            problems.append(ContentError(name, f"front matter: unknown key {_shown(key)} ignored (known: {', '.join(FRONT_MATTER_KEYS)})"))
        elif key == "date":
            date = parse_date(value)
            if date is None:
                problems.append(ContentError(name, f"front matter: date: expected a date such as 2024-03-05, got {_shown(value)}"))
            else:
                out["date"] = date
        elif key == "themes":
            themes = [value] if isinstance(value, str) else value
            if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
                problems.append(ContentError(name, f"front matter: themes: expected a list of dossier ids, got {_shown(value)}"))
            else:
                out["themes"] = tuple(themes)
        elif key == "url" and not isinstance(value, str):
            problems.append(ContentError(name, f"front matter: url: expected an http(s) address, got {_shown(value)}"))
        elif key == "url":
            url, repaired = repair_url(value.strip())
            if url_problem(url):
                problems.append(ContentError(name, f"front matter: url: not a usable address ({url_problem(url)}), not linked: {_shown(value)}"))
            else:
                if repaired:
                    problems.append(ContentError(name, f"front matter: url: {repaired}"))
                out["url"] = url
        elif isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool) and str(value).strip():
            out[key] = str(value).strip()
        else:
            problems.append(ContentError(name, f"front matter: {key}: expected text, got {_shown(value)}"))
    return out


def read_document(path: Path, root: Path, max_bytes: int, problems: list[ContentError]) -> Document:
    """One file to one Document; raises ContentError when the file cannot be used."""
    name = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > max_bytes:
        raise ContentError(name, f"{size:,} bytes is over limits.max_document_bytes ({max_bytes:,}): skipped".replace(",", " "))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(name, f"cannot be read: {exc.strerror or exc}") from None
    text = decode(data, name, problems).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text, name)
    if not body.strip():
        raise ContentError(name, "empty document: no text after the front matter" if meta else "empty document")
    fields = _metadata(meta, name, problems)
    date = fields.pop("date", None)  # the header's and the url's are read by the clean stage
    return Document(
        id=slugify(path.relative_to(root).with_suffix("").as_posix()) or "document",
        path=name,
        format=SUFFIXES[path.suffix.lower()],  # type: ignore[arg-type]
        body=body,
        date=date,
        date_origin="front matter" if date else "",
        source_origin="front matter" if fields.get("source") else "",
        **fields,
    )


def _candidates(root: Path, problems: list[ContentError]) -> list[Path]:
    found: list[Path] = []
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder) / file
            if file.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                name = path.relative_to(root).as_posix()
                problems.append(ContentError(name, "symbolic link to a file outside the content folder: not followed"))
                continue
            found.append(path)
    return found


def _unique_ids(documents: list[Document]) -> list[Document]:
    """Distinct, stable ids: a clash gets -2, -3 … in the order of file paths."""
    seen: dict[str, int] = {}
    out: list[Document] = []
    for doc in documents:
        n = seen.get(doc.id, 0) + 1
        seen[doc.id] = n
        out.append(doc if n == 1 else Document(**{**doc.__dict__, "id": f"{doc.id}-{n}"}))
    return out


def load_documents(root: Path, max_bytes: int) -> Loaded:
    """Read every document under root; report and skip those that cannot be used.
    Each document carries the date it entered the repository (briefing/history.py)."""
    if not root.is_dir():
        return Loaded((), (ContentError(str(root), "content folder not found"),))
    problems: list[ContentError] = []
    documents: list[Document] = []
    candidates = _candidates(root, problems)
    entered = history.entered(root, [path.relative_to(root).as_posix() for path in candidates])
    if entered.problem:
        problems.append(ContentError(root.name or str(root), entered.problem))
    for path in candidates:
        try:
            doc = read_document(path, root, max_bytes, problems)
        except ContentError as exc:
            problems.append(exc)
            continue
        except OSError as exc:
            problems.append(ContentError(path.relative_to(root).as_posix(), f"cannot be read: {exc.strerror or exc}"))
            continue
        added, origin = entered.dates.get(doc.path, ("", ""))
        documents.append(replace(doc, added=added, added_origin=origin))  # type: ignore[arg-type]
    return Loaded(tuple(_unique_ids(documents)), tuple(problems))

"""site_config.yaml: a typed schema, validated at load, every problem reported.

Problems are collected, then raised together as one ConfigError, each naming the
file, the line where known, and the key:
    site_config.yaml:14: dossiers[1].terms: expected a list of strings, got 5
Unknown keys are errors too: a typo must never silently change behaviour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import ConfigError

Path_ = tuple[str | int, ...]
_MISSING = object()
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# The `site.url` site_config.yaml ships with: a fork that leaves it is published at the address
# its host gives (`build.py --site-url`, which the workflow takes from actions/configure-pages).
PLACEHOLDER_URL = "https://example.github.io/briefing/"


@dataclass(frozen=True)
class Theme:
    """A dossier as declared: id, title, description, the terms that define it, related
    words that count as terms too («турпоток» beside «туризм»), and the phrases whose words
    do not count for it («Южный газовый коридор» is no transport corridor)."""

    id: str
    title: str
    description: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnalysisSettings:
    """The part of the config the per-document analysis depends on (a cache key)."""

    summary_sentences: int = 3
    keywords: int = 10
    max_words: int = 3
    dedup_lim: float = 0.7
    window_size: int = 1


@dataclass(frozen=True)
class GroupingSettings:
    """How documents join dossiers (see briefing/stages/group.py)."""

    focus: tuple[str, ...] = ()
    min_terms: int = 2


@dataclass(frozen=True)
class Config:
    path: Path
    site_title: str
    site_description: str
    site_url: str
    repo_url: str
    content_dir: Path
    output_dir: Path
    analysis: AnalysisSettings
    grouping: GroupingSettings
    latest: int
    max_document_bytes: int
    themes: tuple[Theme, ...]
    sources: tuple[tuple[str, str], ...] = ()  # (host, publisher), the user's own: `sources:`

    @property
    def cache_dir(self) -> Path:
        """Where earlier work is kept between builds (analyses, pages), beside the config."""
        return self.path.parent / ".briefing"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _line_map(node: yaml.Node | None, path: Path_ = ()) -> dict[Path_, int]:
    """Map every key path of a composed YAML document to its 1-based line."""
    lines: dict[Path_, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = path + (str(key_node.value),)
            lines[sub] = key_node.start_mark.line + 1
            lines.update(_line_map(value_node, sub))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            lines.update(_line_map(item, path + (i,)))
    return lines


class _Reader:
    """Reads typed values out of the parsed YAML, collecting problems."""

    def __init__(self, name: str, lines: dict[Path_, int]) -> None:
        self.name = name
        self.lines = lines
        self.problems: list[str] = []

    def problem(self, path: Path_, message: str) -> None:
        line = self.lines.get(path)
        while line is None and path:
            path, line = path[:-1], self.lines.get(path[:-1])
        where = f"{self.name}:{line}" if line else self.name
        self.problems.append(f"{where}: {message}")

    def section(self, data: dict[str, Any], key: str, allowed: set[str]) -> dict[str, Any]:
        value = data.get(key, {})
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.problem((key,), f"{key}: expected a mapping, got {_describe(value)}")
            return {}
        self.unknown(value, (key,), allowed)
        return value

    def unknown(self, data: dict[str, Any], path: Path_, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem(path + (str(key),), f"{_dotted(path + (str(key),))}: unknown key (known: {hint})")

    def value(
        self,
        data: dict[str, Any],
        path: Path_,
        kind: type | tuple[type, ...],
        default: Any = _MISSING,
        check: Callable[[Any], str | None] | None = None,
    ) -> Any:
        key = path[-1]
        if key not in data:
            if default is _MISSING:
                self.problem(path, f"{_dotted(path)}: required key is missing")
            return None if default is _MISSING else default
        value = data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            names = " or ".join(_KIND_NAMES[k] for k in kinds)
            self.problem(path, f"{_dotted(path)}: expected {names}, got {_describe(value)}")
            return None if default is _MISSING else default
        message = check(value) if check else None
        if message:
            self.problem(path, f"{_dotted(path)}: {message}")
            return None if default is _MISSING else default
        return value


_KIND_NAMES = {str: "a string", int: "a whole number", float: "a number", list: "a list", dict: "a mapping"}


def _positive(value: Any) -> str | None:
    return None if value > 0 else f"must be greater than 0, got {value}"


def _between(low: float, high: float) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"must be between {low} and {high}, got {value}"

    return check


def _nonempty(value: str) -> str | None:
    return None if value.strip() else "must not be empty"


def _url(value: str) -> str | None:
    return None if not value or re.match(r"^https?://[^\s/]+", value) else f"expected an http(s) URL, got {value!r}"


def _themes(reader: _Reader, data: dict[str, Any]) -> tuple[Theme, ...]:
    raw = reader.value(data, ("dossiers",), list)
    if raw is None:
        return ()
    if not raw:
        reader.problem(("dossiers",), "dossiers: declare at least one dossier")
    themes: list[Theme] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path: Path_ = ("dossiers", i)
        if not isinstance(item, dict):
            reader.problem(path, f"{_dotted(path)}: expected a mapping, got {_describe(item)}")
            continue
        reader.unknown(item, path, {"id", "title", "description", "terms", "related", "exclude"})
        ident = reader.value(item, path + ("id",), str, check=_theme_id)
        title = reader.value(item, path + ("title",), str, check=_nonempty)
        description = reader.value(item, path + ("description",), str, default="")
        terms = _terms(reader, item, path + ("terms",), required=True)
        related = _terms(reader, item, path + ("related",), required=False)
        exclude = _terms(reader, item, path + ("exclude",), required=False)
        if ident in seen:
            reader.problem(path + ("id",), f"{_dotted(path + ('id',))}: duplicate dossier id {ident!r}")
        seen.add(ident)
        if ident and title and terms:
            themes.append(Theme(ident, title.strip(), description.strip(), terms, exclude, related))
    return tuple(themes)


def _terms(reader: _Reader, data: dict[str, Any], path: Path_, required: bool) -> tuple[str, ...]:
    """A list of non-empty strings (a dossier's terms, the focus), stripped."""
    terms = reader.value(data, path, list, _MISSING if required else [])
    if terms is None:
        return ()
    if required and not terms:
        reader.problem(path, f"{_dotted(path)}: a dossier needs at least one term")
        return ()
    if not all(isinstance(t, str) and t.strip() for t in terms):
        reader.problem(path, f"{_dotted(path)}: expected a list of non-empty strings")
        return ()
    return tuple(t.strip() for t in terms)


def _theme_id(value: str) -> str | None:
    return None if _ID.match(value) else f"expected lower-case letters, digits, '-' or '_', got {value!r}"


TOP_KEYS = {"site", "paths", "summary", "keywords", "grouping", "home", "limits", "dossiers", "sources"}
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")


def _sources(r: _Reader, data: dict) -> tuple[tuple[str, str], ...]:
    """`sources:` — host name -> the publisher a reader knows («example.org: Пример»)."""
    raw = data.get("sources")
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        r.problem(("sources",), f"sources: expected a mapping of host names to publisher names, got {_describe(raw)}")
        return ()
    out: list[tuple[str, str]] = []
    for key, value in raw.items():
        host = str(key).strip().lower().removeprefix("www.")
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        if not _HOST.fullmatch(ascii_host):
            r.problem(("sources", str(key)), f"sources: expected a host name such as example.org, got {_describe(key)}")
        elif not isinstance(value, str) or not value.strip():
            r.problem(("sources", str(key)), f"sources.{key}: expected the publisher's name, got {_describe(value)}")
        else:
            out.append((host, value.strip()))
    return tuple(out)


def parse_config(text: str, path: Path) -> Config:
    """Validate config text; `path` names it in messages and anchors relative paths."""
    name = path.name
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError([f"{where}: YAML syntax error: {problem}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([f"{name}: expected a mapping of settings at the top, got {_describe(data)}"])
    r = _Reader(name, _line_map(node))
    r.unknown(data, (), TOP_KEYS)
    site = r.section(data, "site", {"title", "description", "url", "repo_url"})
    paths = r.section(data, "paths", {"content", "output"})
    summary = r.section(data, "summary", {"sentences"})
    keywords = r.section(data, "keywords", {"count", "max_words", "dedup_lim", "window_size"})
    grouping = r.section(data, "grouping", {"focus", "min_terms"})
    home = r.section(data, "home", {"latest"})
    limits = r.section(data, "limits", {"max_document_bytes"})
    analysis = AnalysisSettings(
        summary_sentences=r.value(summary, ("summary", "sentences"), int, 3, _between(1, 20)),
        keywords=r.value(keywords, ("keywords", "count"), int, 10, _between(1, 50)),
        max_words=r.value(keywords, ("keywords", "max_words"), int, 3, _between(1, 5)),
        dedup_lim=float(r.value(keywords, ("keywords", "dedup_lim"), (int, float), 0.7, _between(0.0, 1.0))),
        window_size=r.value(keywords, ("keywords", "window_size"), int, 1, _between(1, 5)),
    )
    base = path.parent
    config = Config(
        path=path,
        site_title=r.value(site, ("site", "title"), str, check=_nonempty) or "",
        site_description=r.value(site, ("site", "description"), str, ""),
        site_url=r.value(site, ("site", "url"), str, "", _url),
        repo_url=r.value(site, ("site", "repo_url"), str, "", _url),
        content_dir=base / r.value(paths, ("paths", "content"), str, "content", _nonempty),
        output_dir=base / r.value(paths, ("paths", "output"), str, "site", _nonempty),
        analysis=analysis,
        grouping=GroupingSettings(
            focus=_terms(r, grouping, ("grouping", "focus"), required=False),
            min_terms=r.value(grouping, ("grouping", "min_terms"), int, 2, _between(1, 10)),
        ),
        latest=r.value(home, ("home", "latest"), int, 5, _between(1, 100)),
        max_document_bytes=r.value(limits, ("limits", "max_document_bytes"), int, 5_000_000, _positive),
        themes=_themes(r, data),
        sources=_sources(r, data),
    )
    if r.problems:
        raise ConfigError(r.problems)
    return config


def published_at(config: Config, host_url: str | None) -> Config:
    """`config` with `host_url` (the address the host publishes the site at) as its site.url when
    site.url is the shipped placeholder; a site.url of the user's own (or none) always wins."""
    if not host_url:
        return config
    problem = _url(host_url)
    if problem:
        raise ConfigError([f"--site-url: {problem}"])
    if config.site_url.rstrip("/") != PLACEHOLDER_URL.rstrip("/"):
        return config
    return replace(config, site_url=host_url.rstrip("/") + "/")


def load_config(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{path}: config file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot read config: {exc}"]) from None
    return parse_config(text, path)

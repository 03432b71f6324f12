"""Stage 5, render: Jinja2 templates turn records into Markdown pages and mkdocs.yml.

Templates only ever receive document text as data, escaped for Markdown by the
`md` filter: no template is built from document text, and raw HTML in a document
is shown as text. Links are relative, so the site works under any base path.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from urllib.parse import quote
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .config import Config
from .load import slugify
from .records import Analysis, Dossier, Keyword, PartialDate

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RELATED_DOCUMENTS = 5
LEADING_KEYWORDS = 10

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~!])")


def md(text: str) -> str:
    """Escape text for inline Markdown: shown as written, never as markup or HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^([-+])(\s)", r"\\\1\2", text)
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)


def href(url: str) -> str:
    """A link target that cannot break out of Markdown or HTML: http(s) only, odd characters encoded."""
    if not re.match(r"https?://", url):
        return ""
    return quote(url, safe=":/?#[]@!$&*+,;=%~-._")


def nav_title(text: str) -> str:
    """A title for mkdocs.yml's nav. MkDocs and Material put nav titles into HTML
    unescaped (and strip tags for <title>), so markup is neutralised here: angle
    brackets become look-alike quotes and the rest is HTML-escaped."""
    return html.escape(text.replace("<", "‹").replace(">", "›"), quote=True)


def yaml_str(value: str) -> str:
    """A YAML scalar for mkdocs.yml (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class KeywordEntry:
    text: str
    anchor: str
    documents: tuple[str, ...]  # document ids, newest first


@dataclass(frozen=True)
class Related:
    id: str
    dossiers: tuple[str, ...]
    keywords: tuple[str, ...]


def date_range(dates: list[PartialDate | None]) -> str:
    known = sorted((d for d in dates if d and d.year), key=PartialDate.sort_key)
    if not known:
        return "—"
    first, last = known[0].human(), known[-1].human()
    return first if first == last else f"{first} — {last}"


def keyword_index(analyses: list[Analysis]) -> dict[tuple[str, ...], KeywordEntry]:
    """One entry per lemma sequence; shown in its most frequent form; stable anchors."""
    forms: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    docs: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for a in analyses:
        for k in a.keywords:
            forms[k.key][k.text] += 1
            docs[k.key].append(a.document.id)
    entries: dict[tuple[str, ...], KeywordEntry] = {}
    used: Counter[str] = Counter()
    for key in sorted(forms, key=lambda k: (_sort_text(forms[k].most_common(1)[0][0]), k)):
        text = sorted(forms[key].items(), key=lambda tf: (-tf[1], tf[0]))[0][0]
        base = "kw-" + (slugify(" ".join(key)) or "x")
        used[base] += 1
        anchor = base if used[base] == 1 else f"{base}-{used[base]}"
        entries[key] = KeywordEntry(text, anchor, tuple(docs[key]))
    return entries


def _sort_text(text: str) -> str:
    return text.lower().replace("ё", "е")


def related_documents(analyses: list[Analysis], dossiers: list[Dossier]) -> dict[str, list[Related]]:
    """Documents sharing dossiers or keywords, strongest link first."""
    themes: dict[str, set[str]] = defaultdict(set)
    for d in dossiers:
        for m in d.members:
            themes[m.document].add(d.id)
    titles = {d.id: d.title for d in dossiers}
    out: dict[str, list[Related]] = {}
    for a in analyses:
        mine = {k.key: k.text for k in a.keywords}
        scored = []
        for b in analyses:
            if b is a:
                continue
            shared_d = sorted(themes[a.document.id] & themes[b.document.id])
            shared_k = [mine[k.key] for k in b.keywords if k.key in mine]
            weight = 2 * len(shared_d) + len(shared_k)
            if weight:
                scored.append((-weight, b.document.id, Related(b.document.id, tuple(titles[t] for t in shared_d), tuple(shared_k))))
        out[a.document.id] = [r for _, _, r in sorted(scored)[:RELATED_DOCUMENTS]]
    return out


def leading_keywords(dossier: Dossier, by_id: dict[str, Analysis]) -> list[Keyword]:
    weight: Counter[tuple[str, ...]] = Counter()
    shown: dict[tuple[str, ...], Keyword] = {}
    for m in dossier.members:
        for k in by_id[m.document].keywords:
            weight[k.key] += k.score
            shown.setdefault(k.key, k)
    ranked = sorted(weight, key=lambda key: (-weight[key], key))
    return [shown[key] for key in ranked[:LEADING_KEYWORDS]]


def related_dossiers(dossier: Dossier, dossiers: list[Dossier]) -> list[tuple[Dossier, int]]:
    mine = {m.document for m in dossier.members}
    pairs = [(d, len(mine & {m.document for m in d.members})) for d in dossiers if d.id != dossier.id]
    return sorted([(d, n) for d, n in pairs if n], key=lambda dn: -dn[1])


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown: the md filter escapes for it
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["yaml"] = yaml_str
    env.filters["href"] = href
    env.filters["nav_title"] = nav_title
    env.filters["extract"] = lambda key, container: container[key]
    return env


def render(analyses: list[Analysis], dossiers: list[Dossier], config: Config, templates: Path = TEMPLATES) -> dict[str, str]:
    """Every page of the site as {path under docs/: Markdown}, plus 'mkdocs.yml'."""
    env = environment(templates)
    ordered = sorted(analyses, key=lambda a: (a.document.date is None, [-x for x in a.document.date.sort_key()] if a.document.date else [], a.document.id))
    by_id = {a.document.id: a for a in ordered}
    index = keyword_index(ordered)
    membership = {(m.document, d.id): m for d in dossiers for m in d.members}
    doc_dossiers = {a.document.id: [d for d in dossiers if (a.document.id, d.id) in membership] for a in ordered}

    def page(template: str, path: str, **context: object) -> str:
        def url(target: str) -> str:
            rel = posixpath.relpath(target.split("#")[0], posixpath.dirname(path) or ".")
            return rel + ("#" + target.split("#", 1)[1] if "#" in target else "")

        return env.get_template(template).render(
            config=config, url=url, documents=ordered, by_id=by_id, dossiers=dossiers,
            keyword_index=index, membership=membership, doc_dossiers=doc_dossiers,
            date_range=date_range, **context,
        )

    pages = {
        "index.md": page("home.md.j2", "index.md", latest=ordered[: config.latest]),
        "documents/index.md": page("documents.md.j2", "documents/index.md"),
        "dossiers/index.md": page("dossiers.md.j2", "dossiers/index.md"),
        "keywords.md": page("keywords.md.j2", "keywords.md", groups=_by_letter(index)),
    }
    related = related_documents(ordered, dossiers)
    for d in dossiers:
        path = f"dossiers/{d.id}.md"
        pages[path] = page(
            "dossier.md.j2", path, dossier=d, leading=leading_keywords(d, by_id),
            related=related_dossiers(d, dossiers),
        )
    for a in ordered:
        path = f"documents/{a.document.id}.md"
        pages[path] = page("document.md.j2", path, analysis=a, doc=a.document, related=related[a.document.id])
    pages["mkdocs.yml"] = page("mkdocs.yml.j2", "mkdocs.yml")
    return pages


def _by_letter(index: dict[tuple[str, ...], KeywordEntry]) -> list[tuple[str, list[KeywordEntry]]]:
    groups: dict[str, list[KeywordEntry]] = defaultdict(list)
    for entry in index.values():
        groups[entry.text[:1].upper()].append(entry)
    return sorted(groups.items(), key=lambda lg: (not ("А" <= lg[0] <= "Я" or lg[0] == "Ё"), _sort_text(lg[0])))

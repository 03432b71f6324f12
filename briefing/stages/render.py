"""Stage 5, render: Jinja2 templates turn records into Markdown pages and mkdocs.yml.

Templates only ever receive document text as data, escaped for Markdown by the
`md` filter: no template is built from document text, and raw HTML in a document
is shown as text. Links are relative, so the site works under any base path.
"""

from __future__ import annotations

import functools
import heapq
import html
import itertools
import json
import math
import os
import posixpath
import re
from urllib.parse import quote
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import history
from ..cache import compiled_templates
from ..config import Config
from ..nlp.russian import fold, inflect, parse
from ..nlp.slugs import slugify
from .load import url_problem
from .actors import TYPES as ENTITY_TYPES, actors, entity_keys, filed_under, with_pages
from .digest import Digest, digest
from ..nlp.entities import entities_of
from ..site.feeds import NEWEST, feeds, newest
from ..forked import forked_map
from ..records import Analysis, Document, Dossier, Entity, Membership, PartialDate, Period, plural, plural_form
from ..site.pages import TEMPLATES, ActorView, Anchor, ArchiveView, DocumentAnalysis, DossierRef, EntityRef, EntityView, Linked, LinkedDocument, PageStore, code_hash, template_sources
from ..site.charts import bar_chart

RELATED_DOCUMENTS = 5
# No page lists every document: past these sizes, lists go by month or by letter, so a
# page's size does not grow with the briefing and adding a document rewrites few pages.
LIST_ALL_UP_TO = 100  # documents/index.md lists every document up to this many
UNDATED_PER_PAGE = 100
ENTITIES_ON_INDEX = 20  # per type on entities/index.md; the rest on the type's own page
DOSSIER_IN_FULL = 20  # members shown with their summary; older ones by title, by month
INDEX_MIN_DOCUMENTS = 2  # a keyword enters the index when it links documents together
INDEX_DOCUMENTS_SHOWN = 25  # newest documents under one keyword; the rest are counted
# A keyword or dossier shared by more documents than this says little about any pair of
# them, and would make finding related documents quadratic: it proposes no candidates.
RELATED_MAX_POSTINGS = 100
RELATED_FLOOR = 1.5  # about two things each found in a quarter of the briefing, or one rarer

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~!])")
_MD_LINE_START = re.compile(r"^(?:([-+])(\s)|(\d+)([.)])(\s))")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def md(text: str) -> str:
    """Escape text for inline Markdown: shown as written, never as markup or HTML."""
    text = _MD_SPECIAL.sub(r"\\\1", text.translate(_HTML))
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}{m[2]}" if m[1] else f"{m[3]}\\{m[4]}{m[5]}", text, count=1)


def html_text(text: str) -> str:
    """Text for a raw HTML block: every character shown as written, none read as markup.
    Braces are escaped too, so no template or attribute syntax survives."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def href(url: str) -> str:
    """A link target that cannot break out of Markdown or HTML: a usable http(s) address
    (load.url_problem, also checked where the url is read), odd characters encoded; else ""."""
    if url_problem(url):
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
    page: str = ""  # keywords/<page>.md: one page per initial letter


@dataclass(frozen=True)
class Related:
    """Another document that shares rare things with this one. How strongly is not kept: it
    moves with the size of the briefing, and the page would change with every document."""

    id: str
    dossiers: tuple[str, ...]  # titles of shared dossiers
    keywords: tuple[str, ...]  # shared keywords, rarest first


def date_range(dates: list[PartialDate | None]) -> str:
    known = sorted((d for d in dates if d and d.year), key=PartialDate.sort_key)
    if not known:
        return "—"
    first, last = known[0].human(), known[-1].human()
    return first if first == last else f"{first} — {last}"


def keyword_index(analyses: list[Analysis]) -> dict[tuple[str, ...], KeywordEntry]:
    """One entry per lemma sequence found in at least INDEX_MIN_DOCUMENTS documents; shown
    in its most frequent form; stable anchors; one page per initial letter."""
    forms: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    docs: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for a in analyses:
        for k in a.keywords:
            forms[k.key][k.text] += 1
            docs[k.key].append(a.document.id)
    shown = {key: sorted(forms[key].items(), key=lambda tf: (-tf[1], tf[0]))[0][0] for key in forms}
    pages = _letter_pages(list(shown.values()))
    entries: dict[tuple[str, ...], KeywordEntry] = {}
    used: Counter[str] = Counter()
    for key in sorted(forms, key=lambda k: (_sort_text(forms[k].most_common(1)[0][0]), k)):
        if len(docs[key]) < INDEX_MIN_DOCUMENTS:
            continue
        text = shown[key]
        base = "kw-" + (slugify(" ".join(key)) or "x")
        used[base] += 1
        anchor = base if used[base] == 1 else f"{base}-{used[base]}"
        entries[key] = KeywordEntry(text, anchor, tuple(docs[key]), pages[_letter(text)])
    return entries


def _letter(text: str) -> str:
    return text[:1].upper()


def _letter_pages(texts: list[str]) -> dict[str, str]:
    """Initial letter -> page name: transliterated («Ж» -> zh), Latin ones marked (lat-a),
    the rest together; a clash (Й, Ы -> y) gets a number."""
    pages: dict[str, str] = {}
    taken: Counter[str] = Counter()
    for letter in sorted({_letter(t) for t in texts}, key=_letter_order):
        if "A" <= letter <= "Z":
            name = f"lat-{letter.lower()}"
        elif letter.isalpha():
            name = slugify(letter) or "other"
        else:
            name = "other"
        taken[name] += 1
        pages[letter] = name if taken[name] == 1 or name == "other" else f"{name}-{taken[name]}"
    return pages


def _letter_order(letter: str) -> tuple[bool, str]:
    return (not ("А" <= letter <= "Я" or letter == "Ё"), _sort_text(letter))


def _sort_text(text: str) -> str:
    return text.lower().replace("ё", "е")


def related_documents(analyses: list[Analysis], dossiers: list[Dossier]) -> dict[str, list[Related]]:
    """For each document, the others it shares rare things with, strongest first.

    A shared keyword or dossier weighs its rarity in the briefing, ln(N / documents that
    have it): a «Россия» that every document has counts for nothing. Only pairs whose
    weight reaches RELATED_FLOOR are shown. Weights are summed along inverted lists
    (keyword -> documents, dossier -> documents), not over all pairs; a list longer than
    RELATED_MAX_POSTINGS proposes no candidates."""
    n = len(analyses)
    postings: dict[object, list[str]] = defaultdict(list)
    for d in dossiers:
        for m in d.members:
            postings[("dossier", d.id)].append(m.document)
    for a in analyses:
        for k in dict.fromkeys(k.key for k in a.keywords):
            postings[k].append(a.document.id)
    weight = {key: math.log(n / len(ids)) for key, ids in postings.items() if len(ids) <= RELATED_MAX_POSTINGS}
    themes: dict[str, list[str]] = defaultdict(list)
    for d in dossiers:
        if ("dossier", d.id) in weight:
            for m in d.members:
                themes[m.document].append(d.id)
    titles = {d.id: d.title for d in dossiers}
    by_id = {a.document.id: a for a in analyses}
    out: dict[str, list[Related]] = {}
    for a in analyses:
        me = a.document.id
        mine = {k.key: k.text for k in sorted(a.keywords, key=lambda k: -weight.get(k.key, 0.0)) if weight.get(k.key, 0.0) > 0}
        points: Counter[str] = Counter()
        for key in mine:
            for other in postings[key]:
                points[other] += weight[key]
        for theme in themes[me]:
            for other in postings[("dossier", theme)]:
                points[other] += weight[("dossier", theme)]
        del points[me]
        strong = [(other, w) for other, w in points.items() if w >= RELATED_FLOOR]
        best = heapq.nsmallest(RELATED_DOCUMENTS, strong, key=lambda item: (-round(item[1], 6), item[0]))
        out[me] = [_related(me, other, by_id[other], mine, themes, titles) for other, _ in best]
    return out


def _related(me: str, other: str, b: Analysis, mine: dict[tuple[str, ...], str],
             themes: dict[str, list[str]], titles: dict[str, str]) -> Related:
    shared_d = sorted(set(themes[me]) & set(themes[other]))
    theirs = {k.key for k in b.keywords}
    shared_k = tuple(dict.fromkeys(text for key, text in mine.items() if key in theirs))
    return Related(other, tuple(titles[t] for t in shared_d), shared_k)


def related_dossiers(dossier: Dossier, dossiers: list[Dossier]) -> list[tuple[Dossier, int]]:
    mine = {m.document for m in dossier.members}
    pairs = [(d, len(mine & {m.document for m in d.members})) for d in dossiers if d.id != dossier.id]
    return sorted([(d, n) for d, n in pairs if n], key=lambda dn: -dn[1])


@functools.lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder or ".")


def environment(templates: Path | dict[str, str] = TEMPLATES) -> jinja2.Environment:
    """Jinja for our templates: a folder, or {name: text} read once (what the page store hashed)."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader(templates) if isinstance(templates, dict) else jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown: the md filter escapes for it
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["html_text"] = html_text
    env.filters["yaml"] = yaml_str
    env.filters["href"] = href
    env.filters["nav_title"] = nav_title
    env.filters["extract"] = lambda key, container: container[key]
    return env


@dataclass(frozen=True)
class ArchivePage:
    """One page of the documents list past LIST_ALL_UP_TO: a month, or a slice of the undated."""

    name: str  # documents/archive/<name>.md
    title: str
    year: int | None
    documents: tuple[Analysis, ...]


MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь")


def archive_pages(ordered: list[Analysis]) -> list[ArchivePage]:
    """Documents (newest first) by month; those without a full date, by pages of UNDATED_PER_PAGE."""
    months: dict[tuple[int, int], list[Analysis]] = defaultdict(list)
    undated: list[Analysis] = []
    for a in ordered:
        date = a.document.date
        if date and date.year:
            months[(date.year, date.month)].append(a)
        else:
            undated.append(a)
    pages = [ArchivePage(f"{y}-{m:02d}", f"{MONTHS[m - 1].capitalize()} {y}", y, tuple(docs)) for (y, m), docs in months.items()]
    for start in range(0, len(undated), UNDATED_PER_PAGE):
        n = start // UNDATED_PER_PAGE + 1
        title = "Без даты" + (f", страница {n}" if len(undated) > UNDATED_PER_PAGE else "")
        pages.append(ArchivePage("undated" if n == 1 else f"undated-{n}", title, None, tuple(undated[start : start + UNDATED_PER_PAGE])))
    return pages


def _neighbours(archive: list[ArchivePage], part: ArchivePage) -> tuple[ArchivePage | None, ArchivePage | None]:
    """The newer and the older page of the documents list, for links between them."""
    i = archive.index(part)
    return (archive[i - 1] if i else None, archive[i + 1] if i + 1 < len(archive) else None)


def by_year(archive: list[ArchivePage]) -> list[tuple[str, list[ArchivePage]]]:
    """Archive pages (newest first, the undated last) under their year."""
    return [(str(year) if year else "Без даты", list(parts)) for year, parts in itertools.groupby(archive, key=lambda p: p.year)]


def by_month(analyses: list[Analysis]) -> list[tuple[str, list[Analysis]]]:
    """Consecutive runs of the same month (the list is newest first)."""
    runs: list[tuple[str, list[Analysis]]] = []
    for a in analyses:
        date = a.document.date
        label = f"{MONTHS[date.month - 1].capitalize()} {date.year}" if date and date.year else "Без даты"
        if runs and runs[-1][0] == label:
            runs[-1][1].append(a)
        else:
            runs.append((label, [a]))
    return runs


def most_named(cast: list) -> list:
    """Actors by how many documents name them, then by name (a person's surname first)."""
    return sorted(cast, key=lambda a: (-len(a.documents), -len(a.entity.mentions), filed_under(a.entity)))


def added_day(doc: Document) -> str:
    """The day a document entered the repository, as its date is shown («14 ноября 2024»),
    in the offset the date was recorded with (the commit's author's, or UTC)."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", doc.added)
    return PartialDate(int(m[1]), int(m[2]), int(m[3])).human() if m else "—"


@dataclass(frozen=True)
class TimelineItem:
    """One line of a dossier's timeline: a member on its date, or an event a text dates."""

    sort: tuple[int, ...]
    when: str  # as written for a reader
    document: str
    text: str  # the member's most dossier-relevant sentence, or the dated sentence
    event: bool
    membership: Membership | None = None


def timeline(dossier: Dossier, digest: Digest, by_id: dict[str, Analysis], in_full: int) -> list[tuple[str, list[TimelineItem]]]:
    """The newest `in_full` members and the dated events, oldest first, under their year."""
    items = []
    for m in dossier.members[:in_full]:
        date = by_id[m.document].document.date
        best = digest.best.get(m.document)
        key = (date.year or 0, date.month, date.day or 0) if date and date.year else (9999, 99, 99)
        items.append(TimelineItem(key + (1,), date.human() if date else "без даты", m.document,
                                  best.text if best else "", False, m))
    for e in digest.events:
        items.append(TimelineItem(e.when.sort_key()[:3] + (0,), e.when.human(), e.point.document, e.point.text, True))
    items.sort(key=lambda item: (item.sort, item.document))
    years = itertools.groupby(items, key=lambda item: "Без даты" if item.sort[0] == 9999 else str(item.sort[0]))
    return [(label, list(group)) for label, group in years]


_AFTER_NUMBER = {"человек": "человек", "год": "лет"}  # «5 человек», «5 лет», not «людей», «годов»


def _chart_unit(unit: str) -> str | tuple[str, str, str]:
    """What follows a value on a chart: a counted noun's forms to agree with it («турист»:
    турист, туриста, туристов; «миля»), else the symbol as a suffix (« км», « %»), nothing
    for money (the chart's title names the currency)."""
    if unit in ("USD", "RUB", "EUR"):
        return ""
    best = parse(unit)[0] if unit.isalpha() and unit.islower() else None
    if best is not None and best.tag.POS == "NOUN" and not {"Abbr", "Fixd"} & best.tag.grammemes:
        few, many = inflect(best, ("gent", "sing")), _AFTER_NUMBER.get(unit) or inflect(best, ("gent", "plur"))
        if few and many:
            return (unit, few, many)
    return f" {unit}"


PARTS_OF_A_YEAR = "Светлые столбцы — периоды короче остальных (квартал, полугодие): их с остальными напрямую не сравнивают."


def figure_charts(digest: Digest) -> list[str]:
    """An inline SVG per quantity given for several periods, bars labelled by period; a
    period shorter than the longest of its chart («I пол. 2024» beside «2023») is drawn
    lighter, and a caption says why."""
    charts = []
    for s in digest.series:
        months = [_months(p) for p, _, _ in s.points]
        faint = frozenset(i for i, n in enumerate(months) if n < max(months))
        title = f"{s.label}, {s.unit}"
        svg = bar_chart(title, [(p.short(), v) for p, v, _ in s.points], _chart_unit(s.unit), faint)
        caption = html.escape(title[:1].upper() + title[1:]) + (f". {PARTS_OF_A_YEAR}" if faint else "")
        charts.append(f"{svg}<figcaption>{caption}</figcaption>")
    return charts


def _months(p: Period) -> int:
    years = (p.end_year - p.year + 1) if p.end_year is not None and p.year is not None else 1
    return years * 12 if p.whole_years else p.last - p.first + 1


def render(analyses: list[Analysis], dossiers: list[Dossier], config: Config, digests: dict[str, Digest] | None = None,
           entities: tuple[Entity, ...] | None = None, templates: Path = TEMPLATES, workers: int = 1,
           cache_dir: Path | None = None, compiled_dir: Path | None = None) -> dict[str, str]:
    """Every page of the site as {path under docs/: Markdown}, plus 'mkdocs.yml' and the
    Atom feeds ('feed.xml', 'dossiers/<id>/feed.xml': MkDocs copies them, and checks links to them).

    Document and entity pages are kept in `cache_dir` (when given) by a hash of their views:
    only those whose views changed are rendered, by `workers` forked processes when many.
    Jinja keeps the compiled templates in `compiled_dir` (when given)."""
    sources = template_sources(templates)  # read once: the pages are rendered from the text the store's keys hash
    env = environment(sources)
    if compiled_dir is not None:
        env.bytecode_cache = compiled_templates(compiled_dir, code_hash(sources))
    ordered = sorted(analyses, key=reading_order)
    by_id = {a.document.id: a for a in ordered}
    index = keyword_index(ordered)
    membership = {(m.document, d.id): m for d in dossiers for m in d.members}
    doc_dossiers = {a.document.id: [d for d in dossiers if (a.document.id, d.id) in membership] for a in ordered}
    paged = with_pages(entities if entities is not None else entities_of(ordered), len(ordered))
    cast = actors(paged, ordered, dossiers)
    entity_by_key = entity_keys(paged)
    doc_actors: dict[str, list[Entity]] = defaultdict(list)
    named_times: Counter[tuple[str, str]] = Counter()  # (document, entity id) -> mentions
    for actor in cast:
        for doc in actor.documents:
            doc_actors[doc].append(actor.entity)
        named_times.update((doc, actor.entity.id) for doc, _ in actor.entity.mentions)

    def page(template: str, path: str, **context: object) -> str:
        return env.get_template(template).render(
            config=config, url=_url_in(path), documents=ordered, by_id=by_id, dossiers=dossiers,
            keyword_index=index, membership=membership, doc_dossiers=doc_dossiers,
            entity_by_key=entity_by_key, entity_types=ENTITY_TYPES, added_day=added_day,
            date_range=date_range, plural=plural, plural_form=plural_form, by_month=by_month, most_named=most_named, **context,
        )

    archive = archive_pages(ordered) if len(ordered) > LIST_ALL_UP_TO else []
    letters = _by_letter(index)
    pages = {
        "index.md": page("home.md.j2", "index.md", latest=ordered[: config.latest]),
        "new.md": page("new.md.j2", "new.md", items=newest(ordered, NEWEST), shown=NEWEST),
        "documents/index.md": page("documents.md.j2", "documents/index.md", archive=by_year(archive)),
        "dossiers/index.md": page("dossiers.md.j2", "dossiers/index.md"),
        "keywords/index.md": page("keywords.md.j2", "keywords/index.md", groups=letters,
                                  frequent=sorted(index.values(), key=lambda e: (-len(e.documents), _sort_text(e.text)))[:30]),
    }
    # The pages there are many of (documents, entities, months of the archive, keyword
    # letters): each from its own view (briefing/site/pages.py), rendered only when it changed.
    linked = {a.document.id: Linked(LinkedDocument(a.document.id, a.document.title, a.document.date, a.document.source,
                                                   a.document.url)) for a in ordered}
    refs = {d.id: DossierRef(d.id, d.title) for d in dossiers}
    many: list[tuple[str, str, dict[str, object]]] = []
    for part in archive:
        newer, older = _neighbours(archive, part)
        listed = tuple(linked[a.document.id] for a in part.documents)
        many.append(("archive.md.j2", f"documents/archive/{part.name}.md", {
            "part": ArchiveView(part.name, part.title, listed),
            "neighbours": tuple(ArchiveView(n.name, n.title, ()) if n else None for n in (newer, older)),
            "doc_dossiers": {a.document.id: [refs[d.id] for d in doc_dossiers[a.document.id]] for a in part.documents},
        }))
    for letter, entries in letters:
        shown = {i: linked[i] for e in entries for i in e.documents[:INDEX_DOCUMENTS_SHOWN]}
        many.append(("keyword_letter.md.j2", f"keywords/{entries[0].page}.md",
                     {"letter": letter, "entries": entries, "shown": INDEX_DOCUMENTS_SHOWN, "by_id": shown}))
    related = related_documents(ordered, dossiers)
    digests = digests if digests is not None else digest(ordered, dossiers, config.grouping.focus)
    for d in dossiers:
        path = f"dossiers/{d.id}.md"
        dg = digests[d.id]
        pages[path] = page(
            "dossier.md.j2", path, dossier=d, digest=dg, timeline=timeline(d, dg, by_id, DOSSIER_IN_FULL),
            charts=figure_charts(dg), related=related_dossiers(d, dossiers), in_full=DOSSIER_IN_FULL,
        )
    pages["entities/index.md"] = page("entities.md.j2", "entities/index.md", cast=cast, top=ENTITIES_ON_INDEX)
    for kind, title, slug, _ in ENTITY_TYPES:
        path = f"entities/by-type/{slug}.md"
        listed = sorted((c for c in cast if c.entity.type == kind), key=lambda c: (fold(filed_under(c.entity)), c.entity.id))
        pages[path] = page("entity_type.md.j2", path, title=title, cast=listed)
    for a in ordered:
        me = a.document.id
        named = sorted(doc_actors[me], key=lambda e: (-named_times[me, e.id], e.name))
        keys = [k.key for k in a.keywords]
        many.append(("document.md.j2", f"documents/{me}.md", {
            "doc": a.document,
            "analysis": DocumentAnalysis(a.summary, a.keywords),
            "named": [EntityRef.of(e) for e in named],
            "in_dossiers": [(refs[d.id], membership[(me, d.id)].reason()) for d in doc_dossiers[me]],
            "related": related[me],
            "by_id": {r.id: linked[r.id] for r in related[me]},
            "keyword_index": {k: Anchor(index[k].page, index[k].anchor) for k in keys if k in index},
            "entity_by_key": {k: EntityRef.of(entity_by_key[k]) for k in keys if k in entity_by_key},
        }))
    for actor in cast:
        e = actor.entity
        view = ActorView(EntityView(e.id, e.name, e.type, e.aliases, len(e.mentions)), actor.kind, len(actor.documents),
                         actor.shown, actor.hidden, tuple((refs[d.id], n) for d, n in actor.dossiers),
                         tuple((EntityRef.of(o), n) for o, n in actor.together))
        many.append(("entity.md.j2", f"entities/{e.id}.md", {"actor": view, "by_id": {s.document: linked[s.document] for s in actor.shown}}))
    pages.update(_from_views(env, many, PageStore(cache_dir, code_hash(sources)), workers))
    pages["mkdocs.yml"] = page("mkdocs.yml.j2", "mkdocs.yml")
    pages.update(feeds(ordered, dossiers, config, doc_dossiers))  # copied into the site as they are
    return pages


def reading_order(a: Analysis) -> tuple:
    """Dated documents newest first; then those without a full date (undated, or a day
    without a year), the last to enter the repository first."""
    date = a.document.date
    if date is not None and date.year is not None:
        return (0, [-x for x in date.sort_key()], 0.0, a.document.id)
    return (1, [], -history.sort_key(a.document.added), a.document.id)


def _url_in(path: str):
    """url() for templates: a site path relative to the page at `path`."""
    folder = posixpath.dirname(path)

    def url(target: str) -> str:
        file, hash_, anchor = target.partition("#")
        return _relative(file, folder) + hash_ + anchor

    return url


def _from_views(env: jinja2.Environment, many: list[tuple[str, str, dict[str, object]]], store: PageStore,
                workers: int) -> dict[str, str]:
    """{path: Markdown} of pages each made from a view alone: kept ones from the store, the
    rest rendered (in `workers` forked processes when there are many) and stored.

    A forked renderer stores the pages it makes and sends back only that it did; they are
    read back one at a time. Sent back, a renderer's pages were one message, held pickled
    beside the pages: each renderer's peak in a build of 5,000 articles went from 941 to
    751 MB. A page that is not there to read back (another build sharing the cache pruned
    it) is rendered again here."""
    here = os.getpid()

    def make(i: int) -> str:
        template, path, view = many[i]
        text = env.get_template(template).render(url=_url_in(path), entity_types=ENTITY_TYPES, plural=plural, plural_form=plural_form, **view)
        store.put(keys[i], text)
        return text

    def render_one(i: int) -> str | None:
        text = make(i)
        return text if store.folder is None or os.getpid() == here else None

    def read_back(i: int) -> str:
        try:
            return store.stored(keys[i])
        except OSError:
            return make(i)

    keys = [store.key(template, path, view) for template, path, view in many]
    texts = [store.get(key) for key in keys]
    todo = [i for i, text in enumerate(texts) if text is None]
    for i, text in zip(todo, forked_map(render_one, todo, workers)):
        texts[i] = text if text is not None else read_back(i)
    store.prune()
    return {path: text for (_, path, _), text in zip(many, texts)}


def _by_letter(index: dict[tuple[str, ...], KeywordEntry]) -> list[tuple[str, list[KeywordEntry]]]:
    """(heading, entries) per keyword page, in alphabet order: Cyrillic, then the rest."""
    groups: dict[str, list[KeywordEntry]] = defaultdict(list)
    for entry in index.values():
        groups[entry.page].append(entry)
    heading = {page: "Прочее" if page == "other" else _letter(entries[0].text) for page, entries in groups.items()}
    return sorted(((heading[p], e) for p, e in groups.items()), key=lambda he: _letter_order(_letter(he[1][0].text)))

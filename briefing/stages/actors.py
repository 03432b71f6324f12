"""The briefing's actors on its pages: which entities get a page, what each page lists.

Entities come from briefing/nlp/entities/ (merged across the briefing). A page costs the
same whatever it holds, so past SMALL_BRIEFING documents an entity needs to be named in
MIN_DOCUMENTS documents to get one, and at most MAX_PAGES get one (the most named): the
site stays under GitHub Pages' limit however many names the texts hold.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..records import Analysis, Dossier, Entity, Mention
from ..nlp.russian import fold, lemma

SMALL_BRIEFING = 100
MIN_DOCUMENTS = 3
MAX_PAGES = 2000
MENTIONS_SHOWN = 30
TOGETHER_SHOWN = 10
TYPES = (("PER", "Люди", "people", "Человек"), ("ORG", "Организации", "organisations", "Организация"),
         ("LOC", "Места", "places", "Место"))
KIND = {t: label for t, _, _, label in TYPES}


@dataclass(frozen=True)
class Shown:
    """A mention on an entity page: the sentence it stands in, verbatim, cut around the
    name (before + name + after == the sentence), and its document."""

    document: str
    before: str
    name: str
    after: str
    mention: Mention


@dataclass(frozen=True)
class Actor:
    """An entity with a page, and what the page lists."""

    entity: Entity
    documents: tuple[str, ...]  # newest first
    shown: tuple[Shown, ...]  # mentions shown, newest documents first, one per sentence
    hidden: int  # sentences with a mention that are not shown
    dossiers: tuple[tuple[Dossier, int], ...]  # (dossier, documents of it that name the entity)
    together: tuple[tuple[Entity, int], ...]  # (entity, documents that name both)

    @property
    def kind(self) -> str:
        return KIND[self.entity.type]


# «Башар аль-Асад»: filed under what follows a particle joined by a hyphen («Асад»)
_PARTICLES = {"аль", "ал", "эль", "ас", "ад", "ан", "ат", "аш", "ибн", "бин", "бен", "ван", "фон", "де", "ди", "дю", "ла", "ле"}
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")


def surname(name: str) -> str:
    """The word a person is filed under: the last word of the normal form («Ильхам Алиев»:
    «Алиев»; «Урсула фон дер Ляйен»: «Ляйен»; «Жан-Поль Сартр»: «Сартр»), without a particle
    joined by a hyphen («Башар аль-Асад»: «Асад»); the first word when the name is written
    surname first with a patronymic («Путин Владимир Владимирович»). One word is its own."""
    words = name.split()
    if not words:
        return name
    if len(words) == 3 and _PATRONYMIC.search(words[2].lower()) and not _PATRONYMIC.search(words[1].lower()):
        return words[0]
    particle, dash, rest = words[-1].partition("-")
    return rest if dash and rest and particle.lower() in _PARTICLES else words[-1]


def filed_under(entity: Entity) -> str:
    """What an entity is put in alphabetical order by: a person's surname, then the name as
    written («Алиев Ильхам Алиев»); an organisation or a place its name."""
    return f"{surname(entity.name)} {entity.name}" if entity.type == "PER" else entity.name


def with_pages(entities: tuple[Entity, ...], documents: int) -> list[Entity]:
    need = 1 if documents <= SMALL_BRIEFING else MIN_DOCUMENTS
    chosen = [e for e in entities if len(e.documents) >= need]
    chosen.sort(key=lambda e: (-len(e.documents), -len(e.mentions), e.id))
    return sorted(chosen[:MAX_PAGES], key=lambda e: (fold(e.name), e.id))


def entity_keys(entities: list[Entity]) -> dict[tuple[str, ...], Entity]:
    """Lemma keys of every entity's name and aliases (as keywords are keyed: each word's
    lemma), so a keyword that names an entity finds it. A key two entities share is nobody's."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    by_id = {e.id: e for e in entities}
    for e in entities:
        for name in (e.name, *e.aliases):
            owners[tuple(fold(lemma(w)) for w in name.split())].add(e.id)
    return {key: by_id[next(iter(ids))] for key, ids in owners.items() if len(ids) == 1}


def actors(entities: list[Entity], ordered: list[Analysis], dossiers: list[Dossier]) -> list[Actor]:
    """Each entity with a page and its page's lists; `ordered` is newest first."""
    rank = {a.document.id: i for i, a in enumerate(ordered)}
    by_id = {a.document.id: a for a in ordered}
    member_of: dict[str, list[Dossier]] = defaultdict(list)
    for d in dossiers:
        for m in d.members:
            member_of[m.document].append(d)
    named_in: dict[str, set[str]] = {e.id: set(e.documents) for e in entities}
    in_document: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        for doc in named_in[e.id]:
            in_document[doc].append(e)
    out = []
    for e in entities:
        docs = sorted(named_in[e.id], key=rank.__getitem__)
        shown: list[Shown] = []
        seen: set[tuple[str, int]] = set()
        for doc, m in sorted(e.mentions, key=lambda dm: (rank[dm[0]], dm[1].start)):
            if (doc, m.sentence) in seen:
                continue
            seen.add((doc, m.sentence))
            if len(shown) < MENTIONS_SHOWN:
                sentence = by_id[doc].sentences[m.sentence]
                at, to = m.start - sentence.start, m.end - sentence.start
                shown.append(Shown(doc, sentence.text[:at], sentence.text[at:to], sentence.text[to:], m))
        in_dossiers = Counter(d.id for doc in docs for d in member_of[doc])
        dossiers_shown = tuple((d, in_dossiers[d.id]) for d in dossiers if in_dossiers[d.id])
        together: Counter[str] = Counter()
        for doc in docs:
            together.update(other.id for other in in_document[doc] if other.id != e.id)
        others = {o.id: o for doc in docs for o in in_document[doc]}
        best = sorted(together.items(), key=lambda item: (-item[1], fold(others[item[0]].name)))[:TOGETHER_SHOWN]
        out.append(Actor(e, tuple(docs), tuple(shown), len(seen) - len(shown), dossiers_shown,
                         tuple((others[i], n) for i, n in best)))
    return out

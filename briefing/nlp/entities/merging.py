"""Merging: the mentions of every document joined into the briefing's entities."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from ...records import Entity, Mention
from ..russian import adapt_words, fold, lemma, parse
from ..slugs import slugify
from .normal import agreeing, feminine_surname
from .noise import in_script, is_code, is_generic, spelled_in_lower_case, unglue
from .remembered import _load_remembered, _save_remembered, remembered
from .words import _cyrillic, _is_abbreviation, _is_function_word, _is_initial


@remembered(list, tuple)
def _words(name: str) -> tuple[str, ...]:
    return tuple(w.text for w in adapt_words(name))


_slug = remembered()(slugify)  # transliteration (iuliia) of every entity's name: ~1 s at N = 1000


# Names of one state or union: the first is the name shown. Only these are listed; «МИД РФ»
# and «МИД России» become one by the rule that replaces a listed name inside a longer one.
STATES: tuple[tuple[str, ...], ...] = (
    ("Россия", "РФ", "Российская Федерация"),
    ("США", "Соединённые Штаты", "Соединённые Штаты Америки"),
    ("Великобритания", "Британия", "Соединённое Королевство"),
    ("Белоруссия", "Беларусь"),
    ("ЕС", "Евросоюз", "Европейский союз"),
    ("Азербайджан", "Азербайджанская Республика"),
    ("Китай", "КНР", "Китайская Народная Республика"),
    ("Северная Корея", "КНДР", "Корейская Народно-Демократическая Республика"),
    ("Германия", "ФРГ", "Федеративная Республика Германия"),
)


@remembered(list, tuple)
def _lemmas(name: str) -> tuple[str, ...]:
    """Each word's lemma; an abbreviation as written («ИГ», not «иго»)."""
    return tuple(fold(w) if _is_abbreviation(w) else lemma(w) for w in _words(name))


@lru_cache(maxsize=1)
def _state_keys() -> list[tuple[tuple[str, ...], str]]:
    """(lemmas of a listed name, "#" + the state's first name), longest first."""
    keys = [(_lemmas(alias), "#" + fold(names[0])) for names in STATES for alias in names]
    return sorted(keys, key=lambda k: -len(k[0]))


def _place_key(name: str, short: dict[tuple[str, ...], str]) -> tuple[str, ...]:
    """What makes two place or organisation names one: their lemmas, with a run of words
    replaced by its short form where `short` has one («Министерство иностранных дел» →
    «мид»), a listed state name replaced by its state wherever it stands («МИД России»,
    «МИД РФ» → «мид #россия»), and without a leading «Республика»."""
    return _lemmas_key(_lemmas(name), short)


def _lemmas_key(lemmas: tuple[str, ...], short: dict[tuple[str, ...], str]) -> tuple[str, ...]:
    key: list[str] = []
    i = 0
    while i < len(lemmas):
        for j in range(len(lemmas), i + 1, -1):
            found = short.get(tuple(lemmas[i:j]))
            if found:
                key.append(found)
                i = j
                break
        else:
            key.append(lemmas[i])
            i += 1
    for alias, state in _state_keys():
        n = len(alias)
        k = 0
        while k + n <= len(key):
            if tuple(key[k:k + n]) == alias:
                key[k:k + n] = [state]
            k += 1
    if len(key) > 1 and key[0] == "республика":
        key = key[1:]
    return tuple(key)


# Short forms of state bodies, listed as STATES are; other abbreviations are matched with
# their long forms only where one document writes both (see _short_forms).
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("МИД", "Министерство иностранных дел"),
    ("МВД", "Министерство внутренних дел"),
    ("Минобороны", "Министерство обороны"),
    ("МЧС", "Министерство по чрезвычайным ситуациям"),
    ("ООН", "Организация Объединённых Наций"),
)


def _short_forms(names_by_doc: dict[str, set[str]]) -> tuple[dict[tuple[str, ...], str], dict[str, dict[str, tuple[str, ...]]]]:
    """Lemmas of a run of words -> the abbreviation they spell, for the whole briefing: the
    listed ones, and a run whose initials spell an abbreviation written in the same document
    («Совместный механизм расследования» and «СМР»; «Исламское государство» (ИГ)) where the
    run is the one that spells it in at least DOMINANT of the documents where any does and
    spells nothing else. Abbreviations of listed names («РФ», «МИД») are never given another
    long form. And per document: an abbreviation -> the one run that spells it there («ВС»
    is «Верховный суд» in a document that writes both, whatever it is elsewhere)."""
    short = {_lemmas(long): fold(abbr) for abbr, long in SHORT_FORMS}
    reserved = set(short.values()) | {fold(a) for names in STATES for a in names if _is_abbreviation(a)}
    spelled: dict[tuple[str, ...], set[str]] = defaultdict(set)
    runs: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    local: dict[str, dict[str, tuple[str, ...]]] = {}
    for doc, names in names_by_doc.items():
        abbrs = {fold(w) for n in names for w in _words(n) if _is_abbreviation(w) and _cyrillic(w)}
        abbrs -= reserved
        if not abbrs:
            continue
        here: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for n in names:
            words = _words(n)
            if len(words) < 2:
                continue
            lemmas = _lemmas(n)
            skip = [_is_function_word(w) for w in words]
            for i in range(len(words) - 1):
                if skip[i]:
                    continue
                for j in range(i + 2, len(words) + 1):
                    if _is_abbreviation(words[j - 1]):
                        break  # «ЦК КПСС» spells no «ЦК»
                    if skip[j - 1]:
                        continue  # «Европейский суд по …» spells nothing «Европейский суд» does not
                    letters = "".join(part[0] for k in range(i, j) if not skip[k] for part in fold(words[k]).split("-") if part)
                    if letters in abbrs:
                        here[letters].add(lemmas[i:j])
        for letters, found in here.items():
            spelled_here = set(found)
            for run in spelled_here:
                spelled[run].add(letters)
                runs[letters][run] += 1
            if len(spelled_here) == 1:
                local.setdefault(doc, {})[letters] = next(iter(spelled_here))
    for letters, counts in runs.items():
        (run, n), = counts.most_common(1)
        if n >= DOMINANT * sum(counts.values()) and len(spelled[run]) == 1:
            short.setdefault(run, letters)
    return short, local


@dataclass(frozen=True)
class _Name:
    """A person's name taken apart: folded words; stems are the forms it may stand for."""

    first: str = ""
    patronymic: str = ""
    surname: str = ""
    initials: str = ""

    @property
    def full(self) -> bool:
        return bool(self.first and self.surname)


@remembered(lambda n: [n.first, n.patronymic, n.surname, n.initials], lambda v: _Name(*v))
def _name_parts(normal: str) -> _Name:
    tokens = _words(normal)
    initials = "".join(fold(w) for w in tokens if _is_initial(w))
    words = [w for w in tokens if not _is_initial(w)]
    patr = [_is_patronymic(w) for w in words]
    n = len(words)
    if n == 0:
        return _Name(initials=initials)
    if n == 1:
        if patr[0]:
            return _Name(patronymic=fold(words[0]))
        if not initials and _is_first_name(words[0]):
            return _Name(first=fold(words[0]))
        return _Name(surname=fold(words[0]), initials=initials)
    if n == 2:
        if patr[1]:
            return _Name(first=fold(words[0]), patronymic=fold(words[1]))
        return _Name(first=fold(words[0]), surname=fold(words[1]))
    if n == 3 and patr[2]:  # «Путин Владимир Владимирович»
        return _Name(first=fold(words[1]), patronymic=fold(words[2]), surname=fold(words[0]))
    return _Name(first=fold(words[0]), patronymic=fold(words[1]) if patr[1] else "", surname=fold(words[-1]))


@lru_cache(maxsize=50_000)
def _is_patronymic(word: str) -> bool:
    return any("Patr" in p.tag.grammemes for p in parse(word.lower()))


@lru_cache(maxsize=50_000)
def _is_first_name(word: str) -> bool:
    """The best of the word's singular name readings is a first name («Мария», not «Алиев»)."""
    readings = [p for p in parse(word.lower()) if {"Name", "Surn"} & p.tag.grammemes and p.tag.number != "plur"]
    return bool(readings) and "Name" in max(readings, key=lambda p: p.score).tag.grammemes


@remembered(sorted, frozenset)
def _stems(word: str) -> frozenset[str]:
    """Forms a name's word may stand for: itself, its lemmas, a surname of the other gender
    («захарова» → «захаров»), so that differently normalised mentions still meet."""
    if not word:
        return frozenset()
    out = {word} | {fold(p.normal_form) for p in parse(word) if p.tag.POS in ("NOUN", "ADJF")}
    m = re.search(r"(ов|ев|ин|ын)а$", word)
    if m:
        out.add(word[:-1])
    return frozenset(out)


def _meet(a: str, b: str) -> bool:
    return bool(_stems(a) & _stems(b))


class _Person:
    """Full names (first name and surname) that are one person, and what was merged into them."""

    def __init__(self) -> None:
        self.firsts: set[str] = set()
        self.surnames: set[str] = set()
        self.patronymics: set[str] = set()
        self.items: list[tuple[str, Mention]] = []

    def add(self, name: _Name) -> None:
        self.firsts.add(name.first)
        self.surnames.add(name.surname)
        if name.patronymic:
            self.patronymics.add(name.patronymic)

    def fits(self, name: _Name) -> bool:
        """A partial name («Алиев», «И. Алиев», «Владимир Владимирович») that could be this person."""
        if name.surname and not any(_meet(name.surname, s) for s in self.surnames):
            return False
        if name.first and not any(_meet(name.first, f) for f in self.firsts):
            return False
        if name.patronymic and self.patronymics and not any(_meet(name.patronymic, p) for p in self.patronymics):
            return False
        if name.initials:
            if not any(f[:1] == name.initials[0] for f in self.firsts):
                return False
            if len(name.initials) > 1 and self.patronymics and not any(p[:1] == name.initials[1] for p in self.patronymics):
                return False
        return bool(name.surname or name.first)


def _clusters(keys: list[str], related) -> list[list[str]]:
    """Keys joined wherever related(a, b) links them (transitively), in first-seen order;
    only keys that share a stem are compared."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_stem: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        near = {j for stem in _stems(key.split("|")[-1]) for j in by_stem[stem]}
        for j in sorted(near):
            if root(i) != root(j) and related(keys[i], keys[j]):
                parent[root(i)] = root(j)
        for stem in _stems(key.split("|")[-1]):
            by_stem[stem].append(i)
    groups: dict[int, list[str]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(root(i), []).append(key)
    return list(groups.values())


def merge(mentions: Iterable[tuple[str, Mention]], texts: Mapping[str, str] | None = None) -> tuple[Entity, ...]:
    """Entities of the briefing from (document id, mention) pairs: the most mentioned first.

    People: full names that are forms of one name are one person («Никол Пашинян»,
    «Никола Пашиняна»); a surname alone («Алиев», «И. Алиев») or a first name with or
    without a patronymic («Владимир Владимирович») joins the one person it fits among
    those its own document names in full, or else among the briefing's; when two people
    fit, a surname stays an entity of its own and a first name is dropped, as is a first
    name no one fits. Places and organisations: one when their keys meet (_place_key),
    but for a name written in quotes and a place of that name («Милан», the club, and
    Милан), and a body named with the briefing's home state is the body named without it
    (_home_bodies). An entity's type is the one most of its mentions have.

    `texts` (document id -> Document.text, which the mentions' offsets are into) lets the
    text around the mentions count: quotes, an organisation's name that goes on with
    another's genitive (_join_names), an abbreviation the texts spell out in lower case
    (noise.spelled_in_lower_case)."""
    texts = texts or {}
    items = [(doc, _repaired(m)) for doc, m in mentions if not is_code(m.normal)]
    items = _join_names(items, texts)
    # A person's full name that the model once took for an organisation or place is the person.
    full = {m.normal for _, m in items if m.type == "PER" and _name_parts(m.normal).full}
    people = {fold(n) for n in full}
    person = [m.type == "PER" or fold(m.normal) in people for _, m in items]
    kept = [p or not is_generic(" ".join(_lemmas(m.normal))) for (_, m), p in zip(items, person)]
    items, person = [x for x, k in zip(items, kept) if k], [p for p, k in zip(person, kept) if k]
    surnames = Counter(_name_parts(n).surname for n in full)
    firsts = Counter(_name_parts(n).first for n in full)
    groups = _merge_people(unglue([x for x, p in zip(items, person) if p], surnames, firsts))
    groups += _merge_places([x for x, p in zip(items, person) if not p], texts)
    return _entities(groups)


def _repaired(m: Mention) -> Mention:
    """The mention with the normal form an earlier analysis may have got wrong made right:
    a woman's surname (normal.feminine_surname), a place's words made to agree
    (normal.agreeing). Done here so that analyses cached before these rules need not be
    made again."""
    normal = feminine_surname(m.normal, m.text) if m.type == "PER" else _agreeing(m.normal)
    return m if normal == m.normal else Mention(m.sentence, m.start, m.end, m.text, m.type, normal)


_agreeing = remembered()(agreeing)


def _join_names(items: list[tuple[str, Mention]], texts: Mapping[str, str]) -> list[tuple[str, Mention]]:
    """An organisation's name that the briefing never writes alone but always goes on, one
    space on, with one and the same name in the genitive, which the model tags apart, is
    one name with it: «Центр общественных связей» + «ФСБ России» → «Центр общественных
    связей ФСБ России» (the tagger joins an organisation and a place in the genitive; this,
    over cached analyses, any name). Not «Совбез» + «ООН», as «Совбез» stands alone too, nor
    «Центр германских исследований» + «Института Европы» or «РАН»: a unit of one or the other.
    The name in the genitive stays a mention of its own («ФСБ России» is named there too)."""
    follows: dict[int, int] = {}  # index of a mention -> index of the genitive name it goes on with
    for i in range(len(items) - 1):
        (doc, m), (next_doc, n) = items[i], items[i + 1]
        text = texts.get(doc)
        if (text is not None and next_doc == doc and m.type == "ORG" and n.type in ("ORG", "LOC")
                and m.sentence == n.sentence and text[m.end:n.start] == " " and fold(m.normal) != fold(n.normal)
                and _genitive(n.text)):
            follows[i] = i + 1
    alone = {m.normal for i, (_, m) in enumerate(items) if i not in follows}
    tails: dict[str, set[str]] = defaultdict(set)
    for i, j in follows.items():
        tail = _place_key(items[j][1].normal, {})
        tails[items[i][1].normal].add(tail[:-1] if len(tail) > 1 and tail[-1] == HOME else tail)  # «ФСБ России», «ФСБ»: one
    alone |= {name for name, found in tails.items() if len(found) > 1}
    out: list[tuple[str, Mention]] = []
    for i, (doc, m) in enumerate(items):
        j = follows.get(i)
        if j is not None and m.normal not in alone:
            n = items[j][1]
            m = Mention(m.sentence, m.start, n.end, texts[doc][m.start:n.end], "ORG", f"{m.normal} {n.text}")
        out.append((doc, m))
    return out


@remembered()
def _genitive(name: str) -> bool:
    """A name that stands in the genitive: its first word can (an abbreviation can be any case)."""
    words = _words(name)
    return bool(words) and (_is_abbreviation(words[0]) or any(p.tag.case == "gent" for p in parse(words[0].lower())))


def entities_of(analyses: Iterable, cache: Path | None = None) -> tuple[Entity, ...]:
    """merge() over analysed documents (briefing.records.Analysis), but for what stands in a
    page's script (noise.in_script); with `cache` (a JSON
    file), the word-level answers of the last build are reused (_Remembered)."""
    if cache:
        _load_remembered(cache)
    analyses = list(analyses)
    entities = merge(((a.document.id, m) for a in analyses for m in a.entities if not in_script(a.sentences[m.sentence].text)),
                     {a.document.id: a.document.text for a in analyses})
    if cache:
        _save_remembered(cache)
    return entities


def _same_person(a: _Name, b: _Name) -> bool:
    return (_meet(a.first, b.first) and _meet(a.surname, b.surname)
            and (not a.patronymic or not b.patronymic or _meet(a.patronymic, b.patronymic)))


Group = tuple[list[tuple[str, Mention]], "str | None"]


def _merge_people(items: list[tuple[str, Mention]]) -> list[Group]:
    names = {m.normal: _name_parts(m.normal) for _, m in items}
    full = [n for n in dict.fromkeys(m.normal for _, m in items) if names[n].full]
    keyed: dict[str, list[str]] = defaultdict(list)  # "first|surname" -> full names
    for n in full:
        keyed[f"{names[n].first}|{names[n].surname}"].append(n)
    persons: list[_Person] = []
    person_of: dict[str, int] = {}
    for cluster in _clusters(list(keyed), lambda a, b: any(_same_person(names[x], names[y]) for x in keyed[a] for y in keyed[b])):
        for key in cluster:
            for n in keyed[key]:
                person_of[n] = len(persons)
        persons.append(_Person())
    for n in full:
        persons[person_of[n]].add(names[n])
    by_surname: dict[str, set[int]] = defaultdict(set)
    by_first: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(persons):
        for s in p.surnames:
            for stem in _stems(s):
                by_surname[stem].add(i)
        for f in p.firsts:
            for stem in _stems(f):
                by_first[stem].add(i)
    docs: dict[int, set[str]] = defaultdict(set)
    for doc, m in items:
        if m.normal in person_of:
            persons[person_of[m.normal]].items.append((doc, m))
            docs[person_of[m.normal]].add(doc)
    for n, name in names.items():
        # One word that pymorphy3 guesses a first name («Сандерс», «Йеллен») where the
        # briefing has it as a surname only, of someone named in full in two documents or
        # more, is that surname (not «Роуз» beside one «Дэнни Роуз»: Роуз Готтемёллер).
        if name.first and not (name.surname or name.patronymic or name.initials):
            stems = _stems(name.first)
            bearers = {i for s in stems for i in by_surname.get(s, ())}
            if len(set().union(*(docs[i] for i in bearers))) >= 2 and not any(s in by_first for s in stems):
                names[n] = _Name(surname=name.first)
    alone: dict[tuple[str, str], list[tuple[str, Mention]]] = defaultdict(list)
    fitting_of: dict[str, list[int]] = {}  # a partial name -> the persons it could be (asked once per name, not per mention)
    for doc, m in items:
        name = names[m.normal]
        if name.full:
            continue
        fitting = fitting_of.get(m.normal)
        if fitting is None:
            index = by_surname if name.surname else by_first
            near = {i for stem in _stems(name.surname or name.first) for i in index.get(stem, ())}
            fitting = fitting_of[m.normal] = sorted(i for i in near if persons[i].fits(name))
        chosen = [i for i in fitting if doc in docs[i]] or fitting
        if len(chosen) > 1 and name.surname:
            chosen = _dominant(chosen, docs)
        if len(chosen) == 1:
            persons[chosen[0]].items.append((doc, m))
        elif name.surname:
            # No one, or more than one person, it could be: it stays a surname of its own.
            alone[(name.surname, name.initials[:1] if not fitting else "?")].append((doc, m))
    out: list[Group] = []
    for p in persons:
        shown = [m for _, m in p.items if names[m.normal].full]
        oblique = _oblique(shown)
        out.append((p.items, _best_name(shown, prefer=lambda m: (m.normal not in oblique, not names[m.normal].patronymic))))
    # Surnames on their own: forms of one surname are one, and a bare one joins the one
    # initial written with it («Алиев» and «И. Алиев», where the briefing has no «Ильхам Алиев»).
    for cluster in _clusters([f"{i}|{s}" for s, i in alone], lambda a, b: _same_surname(a.split("|")[1], b.split("|")[1])):
        parts = defaultdict(list)
        for key in cluster:
            initial, surname = key.split("|")
            parts[initial].extend(alone[(surname, initial)])
        initials = [k for k in parts if k not in ("", "?")]
        if len(initials) == 1 and "" in parts:
            parts[initials[0]].extend(parts.pop(""))
        out += [(group, None) for group in parts.values()]
    return out


# A surname written alone is the person whose full name has at least this share of the
# documents that name someone of that surname in full (each person's documents counted):
# «Трамп» is Дональд Трамп (46 documents of 49, 0.94, beside Иванка and Меланья); at 3 of 4
# (0.75: Сара and Берни Сандерс) or 4 of 5 (0.80) a bare surname may well be the other one.
DOMINANT = 0.85


def _dominant(candidates: list[int], docs: dict[int, set[str]]) -> list[int]:
    """[the candidate whose full name dominates the others' documents], else all of them."""
    counts = sorted(((len(docs[i]), i) for i in candidates), reverse=True)
    total = sum(n for n, _ in counts)
    return [counts[0][1]] if total and counts[0][0] >= DOMINANT * total else candidates


def _same_surname(a: str, b: str) -> bool:
    """Forms of one surname, but not his and hers («Медведев» is not «Медведева»): with
    no full name to tell, the two are more often two people than one misread form."""
    return _meet(a, b) and not (a.endswith("а") and a[:-1] == b or b.endswith("а") and b[:-1] == a)


def _oblique(ms: list[Mention]) -> set[str]:
    """Normal forms of a person's mentions that are another case of a name the texts write
    as it is: «Массимо Карреры» (a genitive the normal form kept, as the surname is no word
    pymorphy3 knows) where the texts also write «Массимо Каррера», whose genitive it is
    (and not the other way round)."""
    written = {m.normal for m in ms if fold(m.text) == fold(m.normal)}
    normals = {m.normal for m in ms}

    def declines(a: str, b: str) -> bool:  # b is a case of a, word by word
        x, y = fold(a).split(" "), fold(b).split(" ")
        return len(x) == len(y) and x != y and all(u == v or v in _cases(u) for u, v in zip(x, y))

    return {n for n in normals if any(declines(w, n) and not declines(n, w) for w in written if w != n)}


def _cases(word: str) -> frozenset[str]:
    """The other singular cases a nominative name word takes by its ending: «каррера» →
    «карреры», «каррере», «карреру», «каррерой»; «алиев» → «алиева», «алиеву», «алиевым», …;
    a word ending in another vowel («Роналду», «Массимо») does not decline."""
    ends = (
        ("ий", ("ия", "ию", "ием", "ии", "ого", "ому", "им", "ом")),
        ("ый", ("ого", "ому", "ым", "ом")),
        ("ой", ("ого", "ому", "ым", "ом")),
        ("ая", ("ой", "ую")),
        ("а", ("ы", "и", "е", "у", "ой", "ей")),
        ("я", ("и", "е", "ю", "ей")),
        ("ь", ("я", "ю", "ем", "е", "и", "ью")),
        ("й", ("я", "ю", "ем", "е")),
    )
    for end, cases in ends:
        if word.endswith(end):
            return frozenset(word[: -len(end)] + c for c in cases)
    if word[-1:] in "бвгджзклмнпрстфхцчшщ":
        return frozenset(word + c for c in ("а", "у", "ом", "е", "ым", "ем"))
    return frozenset()


def _best_name(ms: list[Mention], prefer=lambda m: True) -> str:
    """The normal form to show: preferred forms first, then one the texts also write as it
    is (a nominative seen), then the most frequent."""
    counts = Counter(m.normal for m in ms)
    seen = Counter(m.normal for m in ms if fold(m.text) == fold(m.normal))
    chosen = {m.normal: prefer(m) for m in ms}
    return max(counts, key=lambda n: (chosen[n], seen[n], counts[n], -len(n), n))


def _merge_places(items: list[tuple[str, Mention]], texts: Mapping[str, str]) -> list[Group]:
    names_by_doc: dict[str, set[str]] = defaultdict(set)
    for doc, m in items:
        names_by_doc[doc].add(m.normal)
    short, local = _short_forms(names_by_doc)
    # An abbreviation the texts spell out only in lower case is no name, unless the model
    # tags a name that spells it too («специального механизма расследований (СМР)» beside
    # «Совместный механизм расследования»).
    common = spelled_in_lower_case(texts.values()) - set(short.values()) - {a for runs in local.values() for a in runs}
    items = [(doc, m) for doc, m in items if fold(m.normal) not in common]
    globally = set(short.values())
    spelled_out: set[tuple[str, ...]] = set()  # keys of long forms that took a document's abbreviation
    groups: dict[tuple[str, ...], list[tuple[str, Mention]]] = defaultdict(list)
    keys: dict[str, tuple[str, ...]] = {}
    for doc, m in items:
        run = local.get(doc, {}).get(fold(m.normal))
        if run is not None and fold(m.normal) not in globally:
            key = _lemmas_key(run, short)
            spelled_out.add(key)
        else:
            key = keys.get(m.normal)
            if key is None:
                key = keys[m.normal] = _place_key(m.normal, short)
        groups[key].append((doc, m))
    keep_named = _home_bodies(groups, texts)
    shown = {"#" + fold(names[0]): names[0] for names in STATES}
    out: list[Group] = []
    for key, whole in groups.items():
        for group in _named_apart(whole, texts):
            name = shown.get(key[0]) if len(key) == 1 else None
            if name is not None and not any(fold(m.normal) == fold(name) for _, m in group):
                name = None
            if key in spelled_out:  # the long form is shown: the abbreviation means others elsewhere
                name = _best_name([m for _, m in group if not _is_abbreviation(m.normal)] or [m for _, m in group])
            if key in keep_named:  # «МИД России», as a bare «МИД» stays beside it
                name = _best_name([m for _, m in group if keys.get(m.normal, key) == key] or [m for _, m in group])
            out.append((group, name))
    return out


# The briefings are of Russian news: a body named without a state is the home state's.
HOME = "#" + fold(STATES[0][0])


def _organisations(group: list[tuple[str, Mention]]) -> bool:
    return sum(m.type == "ORG" for _, m in group) > sum(m.type == "LOC" for _, m in group)


def _home_bodies(groups: dict[tuple[str, ...], list[tuple[str, Mention]]], texts: Mapping[str, str]) -> set[tuple[str, ...]]:
    """A body named with the home state («Совет Федерации России», «МИД РФ») and the body
    named alone («Совет Федерации», «МИД») are one: in `groups` (key -> mentions), the bare
    name's mentions join the home state's body in a document that names it so and no one
    else's, and in a document that names none where the briefing names the body of no other
    state or body («Совет Федерации» is «Совет Федерации России» everywhere; a «МИД» beside
    «МИД Азербайджана», or alone where the briefing also has «МИД Армении», stays as it is).
    Organisations only: «Юг России» is no «Юг»; and not a bare name that the text gives
    another state with an adjective («в азербайджанском МИДе»). The keys whose names must
    not be shown bare (a bare name stays beside them) are returned."""
    qualified: dict[tuple[str, ...], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, group in groups.items():
        if len(key) > 1 and key[:-1] in groups and _organisations(group):
            for doc, _ in group:
                qualified[key[:-1]][doc].append(key[-1])
    keep_named: set[tuple[str, ...]] = set()
    for bare, by_doc in qualified.items():
        if not _organisations(groups[bare]):
            continue
        kinds = {q for qs in by_doc.values() for q in qs}
        stays = []
        for doc, m in groups[bare]:
            named = set(by_doc.get(doc, ()))
            if (named == {HOME} or not named and kinds == {HOME}) and not _foreign(texts.get(doc), m):
                groups[bare + (HOME,)].append((doc, m))
            else:
                stays.append((doc, m))
        if len(stays) < len(groups[bare]):
            keep_named.add(bare + (HOME,)) if stays else None
        if stays:
            groups[bare] = stays
        else:
            del groups[bare]
    return keep_named


_ADJECTIVE_BEFORE = re.compile(r"([а-яё]+(?:ск|цк)(?:ий|ый|ой|ая|ое|ого|ому|им|ом|ую|ей|ие|их|ими))\s$")
HOME_ADJECTIVE = "российский"


def _foreign(text: str | None, m: Mention) -> bool:
    """The mention follows an adjective of a place other than the home state's
    («азербайджанском МИДе», «украинская Генпрокуратура»; not «российского МИДа»)."""
    if not text:
        return False
    found = _ADJECTIVE_BEFORE.search(text, max(0, m.start - 40), m.start)
    return bool(found) and lemma(found.group(1)) != HOME_ADJECTIVE


_CLOSING = re.compile(r"[?!.,…]*[»\"“”]|[?!]+(?:\s|$)")


def _quoted(text: str | None, m: Mention) -> bool:
    """The mention stands in quotes: «Милан», «Краснодаром?» (a question in the quotes),
    «Краснодаром? (a question that ends before the text closes the quotes)."""
    return bool(text) and m.start > 0 and text[m.start - 1] in "«\"„“" and bool(_CLOSING.match(text, m.end))


def _named_apart(group: list[tuple[str, Mention]], texts: Mapping[str, str]) -> list[list[tuple[str, Mention]]]:
    """[group], or a name written in quotes and the place of the same name written without
    them, apart: «Милан», «Эдмонтон», «Кёльн» (the clubs, tagged organisations) are not
    Милан, Эдмонтон, Кёльн (the cities, tagged places), whichever has more mentions.
    A name in quotes that the model tags a place, or one without them that it tags an
    organisation («Кремль», a capital standing for its government) decides nothing."""
    quoted = [_quoted(texts.get(doc), m) for doc, m in group]
    inside = [x for x, q in zip(group, quoted) if q]
    outside = [x for x, q in zip(group, quoted) if not q]
    if inside and outside and _organisations(inside) and not _organisations(outside) \
            and sum(m.type == "LOC" for _, m in outside) > 0:
        return [inside, outside]
    return [group]


def _entities(groups: list[Group]) -> tuple[Entity, ...]:
    made = []
    for group, name in groups:
        if not group:
            continue
        ms = [m for _, m in group]
        name = name or _best_name(ms)
        types = Counter(m.type for m in ms)
        kind = max(types, key=lambda t: (types[t], t == "LOC", t == "PER"))
        counts = Counter(m.normal for m in ms)
        aliases: dict[str, str] = {}
        for alias, _ in counts.most_common():
            if fold(alias) != fold(name):
                aliases.setdefault(fold(alias), alias)
        made.append((name, kind, tuple(aliases.values()), tuple(group)))
    made.sort(key=lambda e: (-len(e[3]), e[0], e[1]))
    used: set[str] = set()
    out = []
    for name, kind, aliases, group in made:
        base = _slug(name) or "entity"
        slug = base if base not in used else f"{base}-{kind.lower()}"
        n = 2
        while slug in used:
            slug, n = f"{base}-{kind.lower()}-{n}", n + 1
        used.add(slug)
        out.append(Entity(slug, name, kind, aliases, group))  # type: ignore[arg-type]
    return tuple(out)

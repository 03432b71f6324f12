"""Normal forms: a person's name in the nominative of the person's gender, a place or
organisation as a nominative noun phrase.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..russian import adapt_tokens, fold, inflect, is_known, parse
from .words import _cyrillic, _is_abbreviation, _is_function_word, _is_initial, _is_word


def normal_form(text: str, kind: str, attested: Counter | None = None) -> str:
    """The name in its normal form: a person's name in the nominative of the person's
    gender, a place or organisation as a nominative noun phrase; abbreviations,
    indeclinable and foreign words as written. `attested` (folded words of names whose
    normal form is certain, counted) settles a name that reads two ways: «Алиева» is
    «Алиев» where the document also has «Алиев», and «Алиева» where it has «Алиевой»."""
    return _normal(text, kind, attested or Counter())[0]


@lru_cache(maxsize=10_000)
def _normal_alone(text: str, kind: str) -> tuple[str, bool]:
    """_normal() of a name read without the rest of its document; cached, as a name is
    written the same way many times in a document and across documents."""
    return _normal(text, kind, Counter())


def _normal(text: str, kind: str, attested: Counter) -> tuple[str, bool]:
    """normal_form() and whether it is certain (no other reading comes close)."""
    tokens = adapt_tokens(text)
    while tokens and (not _is_word(tokens[0].text) or _is_function_word(tokens[0].text)):
        tokens = tokens[1:]  # «в Баку» → «Баку»
    words = [i for i, t in enumerate(tokens) if _is_word(t.text) and not _is_initial(t.text)]
    texts = [tokens[i].text for i in words]
    forms, certain = _person(texts, attested) if kind == "PER" else (_phrase(texts), True)
    new = {i: _recase(tokens[i].text, f) for i, f in zip(words, forms)}
    out = []
    for k, t in enumerate(tokens):
        out.append(new.get(k, t.text))
        if k + 1 < len(tokens):
            gap = tokens[k + 1].start > t.end
            after_initial = t.text == "." and k and _is_initial(tokens[k - 1].text) and _is_word(tokens[k + 1].text)
            if gap or (kind == "PER" and after_initial and not _is_initial(tokens[k + 1].text)):
                out.append(" ")
    return "".join(out), certain


def _recase(original: str, new: str) -> str:
    """`new` (lower case, from pymorphy3) with the capitals of `original`; «БАКУ» → «Баку»
    but «МИД» stays; ё only where the original wrote it."""
    if "ё" not in original.lower():
        new = new.replace("ё", "е")
    if len(original) > 1 and original.isupper():
        if _is_abbreviation(original):
            return new.upper()
        return "-".join(part[:1].upper() + part[1:] for part in new.split("-"))
    return "".join(c.upper() if i < len(original) and original[i].isupper() else c for i, c in enumerate(new))


_ABBR_STEM = re.compile(r"^([А-ЯЁ]{2,})[а-яё]{1,3}$")  # «МИДа», «МВДшный»: the abbreviation


def _phrase(words: list[str]) -> list[str]:
    """A place or organisation: the head noun in the nominative, the adjectives before it
    agreeing with it, everything after it as written («Министерства иностранных дел РФ» →
    «Министерство иностранных дел РФ»); a plural head that no adjective before it agrees
    with is one of a coordinated plural («в Ленинградской и Московской областях»: the
    span «Московской областях» is «Московская область»)."""
    if not words:
        return words
    found = _agreeing(words)
    if found is None:
        head = _head(words)
        single = _singular(words[head]) if head else None
        found = _agreeing([*words[:head], single, *words[head + 1:]]) if single else None
    return words if found is None else found


def agreeing(name: str) -> str:
    """A place's or organisation's normal form with its words made to agree where they do
    not («Московской областях», the normal form an earlier analysis kept, → «Московская
    область»); as it is otherwise. For the merge: analyses cached before a rule of
    _phrase() keep the forms it made then."""
    tokens = adapt_tokens(name)
    if len(tokens) < 2 or any(t.end != n.start - 1 for t, n in zip(tokens, tokens[1:])):
        return name  # one word, or words with something else than a space between
    words = [t.text for t in tokens]
    if not all(_is_word(w) for w in words) or _agreeing(words) is not None:
        return name
    return " ".join(_recase(w, f) if f != w else w for w, f in zip(words, _phrase(words)))


def _head(words: list[str]) -> int:
    """The head noun of a place's or organisation's name: its first word that is no
    adjective (the last word, where all are)."""
    for i, w in enumerate(words):
        if not _cyrillic(w) or _is_abbreviation(w) or _ABBR_STEM.match(w) or i == len(words) - 1:
            return i
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parse(w.lower())):
            return i
    return len(words) - 1


def _singular(word: str) -> str | None:
    """A plural noun in the singular of the same case («областях» → «области»)."""
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.tag.number == "plur" and p.tag.case:
            form = inflect(p, {str(p.tag.case), "sing"})
            if form:
                return _recase(word, form)
    return None


def _agreeing(words: list[str]) -> list[str] | None:
    """_phrase() where a reading of the head agrees with every adjective before it, else None."""
    head = _head(words)
    head_word = words[head]
    stem = _ABBR_STEM.match(head_word)
    if stem and _is_abbreviation(stem.group(1)):
        return [*words[:head], stem.group(1), *words[head + 1:]]
    if not _cyrillic(head_word) or _is_abbreviation(head_word):
        return words
    best: tuple[float, list[str]] | None = None
    for h in parse(head_word.lower()):
        if h.tag.POS not in ("NOUN", None) and best is not None:
            continue
        case, number, gender = (str(g) if g else None for g in (h.tag.case, h.tag.number, h.tag.gender))
        score, forms = h.score, []
        for adj in words[:head]:
            options = [
                p for p in parse(adj.lower())
                if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == case and p.tag.number == number
                and (number != "sing" or p.tag.gender == gender)
            ]
            if not options:
                score = -1.0
                break
            a = max(options, key=lambda p: p.score)
            want = {"nomn", number} | ({gender} if number == "sing" and gender else set())
            forms.append(inflect(a, want) or adj.lower())
            score += a.score
        if score < 0:
            continue
        want = {"nomn"} | ({number} if number in ("sing", "plur") else set())
        if h.tag.POS in ("ADJF", "PRTF") and number == "sing" and gender:
            want.add(gender)  # an adjective standing for a noun: «Поднебесной» → «Поднебесная»
        inflected = inflect(h, want) if h.tag.POS in ("NOUN", "ADJF", "PRTF") else None
        forms.append(inflected or head_word.lower())
        if h.tag.POS == "NOUN":
            score += 1.0  # a noun reading of the head beats any other
        if best is None or score > best[0]:
            best = (score, forms)
    if best is None:
        return None
    return [*best[1], *words[head + 1:]]


_GENDERS = ("masc", "femn")
_NAME_TAGS = {"Name", "Surn", "Patr"}
_INDECLINABLE_ENDS = ("и", "о", "э")  # not «у»: «Килбу» is more often a form of «Килба» than «Роналду»
_SURNAME_ADJ = re.compile(r"(ов|ев|ёв|ин|ын)(ый|ий|ая|яя)$")


@dataclass(frozen=True)
class _Option:
    cases: frozenset[str]  # "" for a word of any case
    gender: str
    form: str
    score: float


@lru_cache(maxsize=50_000)
def _person_options(word: str) -> tuple[_Option, ...]:
    """The word's readings as part of a name: (cases, gender, nominative of that gender),
    the readings with one outcome added up («Алиева»: his genitive and accusative are one
    option). A common noun's reading fits either gender (a man's surname may decline as
    «Килба», «Килбу»); a feminine nominative that pymorphy3 only guesses for an unknown
    word ending in -а («Джейхуна», more likely a man's genitive) counts half."""
    known = is_known(word)
    low = word.lower()
    parses = parse(low)
    if not known and low[-1:] in _INDECLINABLE_ENDS and not low.endswith("ии") and not any(_NAME_TAGS & p.tag.grammemes for p in parses):
        # A foreign name pymorphy3 does not know as one: «Могерини», «Вигорито», «Роналду».
        return tuple(_Option(frozenset({""}), gender, low, 0.5) for gender in _GENDERS)
    scores: dict[tuple[str, str], float] = defaultdict(float)
    cases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in parses:
        tag = p.tag
        if tag.number == "plur":
            continue
        case = str(tag.case) if tag.case else ""
        genders = (str(tag.gender),) if tag.gender in _GENDERS else _GENDERS
        if tag.POS == "NOUN" and _NAME_TAGS & tag.grammemes:
            weight = 1.0
        elif tag.POS in ("ADJF", "PRTF"):
            weight = 0.6  # a surname pymorphy3 guesses as an adjective: «Асадова»
        elif tag.POS == "NOUN":
            weight, genders = 0.3, _GENDERS
        else:
            continue
        for gender in genders:
            form = inflect(p, {"nomn", "sing", gender}) or inflect(p, {"nomn", "sing"}) or inflect(p, {"nomn"}) or p.word
            if tag.POS in ("ADJF", "PRTF"):
                m = _SURNAME_ADJ.search(form)
                if m:  # «асадовый» is no surname: «Асадов», «Асадова»
                    form = form[: m.start(2)] + ("а" if gender == "femn" else "")
            guess = gender == "femn" and case == "nomn" and not known and form == low
            scores[(gender, form)] += p.score * weight * (0.5 if guess else 1.0)
            cases[(gender, form)].add(case)
    return tuple(_Option(frozenset(cases[k]), k[0], k[1], v) for k, v in scores.items())


def _person(words: list[str], attested: Counter) -> tuple[list[str], bool]:
    """A name's words in the nominative: one case and one gender for the whole name, the
    reading that the words' analyses and the document's other names favour; and whether
    it is certain (every reading that fits all the words gives the same words)."""
    options = [_person_options(w) for w in words]
    cases = sorted({c for opts in options for o in opts for c in o.cases} - {""}) or [""]
    readings: list[tuple[float, tuple[str, ...], bool]] = []
    for case in cases:
        for gender in _GENDERS:
            score = 0.01 if gender == "masc" else 0.0  # news name more men: a tie goes to «Алиев»
            forms, complete = [], True
            for word, opts in zip(words, options):
                fitting = [o for o in opts if (case in o.cases or "" in o.cases) and o.gender == gender]
                if fitting:
                    o = max(fitting, key=lambda o: _score(o, attested))
                    score += _score(o, attested)
                    forms.append(o.form)
                else:
                    forms.append(word.lower())
                    complete = complete and not opts
            readings.append((score, tuple(forms), complete))
    best = max(readings, key=lambda r: r[0])
    certain = all(forms == best[1] for _, forms, complete in readings if complete)
    return list(best[1]), certain


def _score(option: _Option, attested: Counter) -> float:
    """An analysis' score, and more where the document has that nominative for certain."""
    return option.score + (1.0 if attested.get(fold(option.form), 0) > 0 else 0.0)


_MASCULINE_SURNAME = re.compile(r"(?:(ов|ев|ёв|ин|ын)|(ск|цк)ий)$")


def feminine_surname(name: str, written: str) -> str:
    """A woman's name in the normal form of her gender: where the first name is a woman's
    and nobody else's, a surname of the -ов, -ин, -ский kind that the text (`written`, the
    mention as the text has it) writes in its feminine form is hers («Любовь Никитина»,
    read as his genitive «Никитин», is «Любовь Никитина»); any other name as it is."""
    words = name.split(" ")
    if len(words) < 2 or not _cyrillic(words[-1]) or not _is_womans_name(words[0]):
        return name
    m = _MASCULINE_SURNAME.search(words[-1])
    if not m:
        return name
    surname = words[-1][:m.start()] + (m.group(1) + "а" if m.group(1) else m.group(2) + "ая")
    if fold(written.split(" ")[-1]) != fold(surname):
        return name
    return " ".join([*words[:-1], surname])


@lru_cache(maxsize=20_000)
def _is_womans_name(word: str) -> bool:
    """A first name whose readings as a first name are all a woman's («Любовь», «Мария»;
    not «Саша», «Женя», which are anyone's, nor «Александра», also his genitive)."""
    readings = [p for p in parse(word.lower()) if "Name" in p.tag.grammemes]
    return bool(readings) and all(p.tag.gender == "femn" for p in readings) and any(p.tag.case == "nomn" for p in readings)

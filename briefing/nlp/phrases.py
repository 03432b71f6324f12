"""Readable normal forms of Russian noun phrases, with pymorphy3.

YAKE and the text give phrases as they stand ("Ильхамом Алиевым"); a reader wants
the normal form ("Ильхам Алиев"), with adjectives agreeing ("Нагорный Карабах") and
the genitive tail kept ("транспортный коридор Север-Юг"). A phrase that is not a
noun phrase ("провели переговоры", "Азербайджана Сергей Лавров") has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .russian import inflect, lemma, parse

_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
_ADJ = {"ADJF", "PRTF"}


@dataclass(frozen=True)
class _Word:
    surface: str
    parses: tuple  # pymorphy3 Parse objects, only inside this module

    @property
    def invariant(self) -> bool:
        """Latin words, codes and hyphenated names ('Север-Юг') are kept as written."""
        s = self.surface
        return not any("а" <= c <= "я" for c in s.lower()) or ("-" in s and all(p[:1].isupper() for p in s.split("-") if p))


def _words(phrase: str) -> list[_Word]:
    return [_Word(w, parse(w)) for w in phrase.split()]


def _nouns(word: _Word) -> list:
    return [p for p in word.parses if p.tag.POS == "NOUN"]


def _agrees(adj, noun) -> bool:
    if adj.tag.case != noun.tag.case or adj.tag.number != noun.tag.number:
        return False
    return noun.tag.number == "plur" or adj.tag.gender in (None, noun.tag.gender)


def _is_proper(parse) -> bool:
    return bool(_PROPER & set(parse.tag.grammemes))


def _head_index(words: list[_Word]) -> int | None:
    """The first noun that is not an adjective agreeing with the noun after it."""
    for i, word in enumerate(words):
        if word.invariant:
            return i
        if not _nouns(word):
            continue
        following = _nouns(words[i + 1]) if i + 1 < len(words) and not words[i + 1].invariant else []
        as_adjective = any(p.tag.POS in _ADJ and _agrees(p, n) for p in word.parses for n in following)
        if not as_adjective:
            return i
    return None


def _head_parse(words: list[_Word], head: int):
    """The head noun's reading that the adjectives before it agree with.

    Preference: singular (unless only plural exists), a surname reading for a
    capitalised word, then pymorphy's own order.
    """
    capital = words[head].surface[:1].isupper()
    options = sorted(
        _nouns(words[head]),
        key=lambda p: (p.tag.number == "plur", not (capital and "Surn" in p.tag.grammemes)),
    )
    for option in options:
        if all(any(p.tag.POS in _ADJ and _agrees(p, option) for p in w.parses) for w in words[:head]):
            return option
    return None


def _unknown_surname(word: _Word) -> bool:
    """'Асадов': a capitalised -ов/-ин word pymorphy reads only as a plural first name."""
    s = word.surface
    nouns = _nouns(word)
    return (
        s[:1].isupper()
        and s.lower().endswith(("ов", "ев", "ёв", "ин", "ын"))
        and any("Name" in p.tag.grammemes for p in nouns)  # not «Штатов», a common noun's plural
        and not any("Surn" in p.tag.grammemes or p.tag.number == "sing" for p in nouns)
    )


def _tail_ok(words: list[_Word], head_parse) -> tuple[list[int], bool]:
    """Which words after the head are appositive names (to inflect); whether the tail is valid.

    Valid tails: names in apposition to a name ('Ильхамом Алиевым'), then a
    genitive chain ('коридора Север-Юг', 'нормализации отношений').
    """
    appositive: list[int] = []
    in_genitive = False
    name_head = _is_proper(head_parse) and bool({"Name", "Surn", "Patr"} & set(head_parse.tag.grammemes))
    for i, word in enumerate(words):
        if word.invariant:
            in_genitive = True
            continue
        same_case_name = any(
            p.tag.POS == "NOUN" and p.tag.case == head_parse.tag.case and {"Name", "Surn", "Patr"} & set(p.tag.grammemes)
            for p in word.parses
        )
        if name_head and same_case_name and not in_genitive:
            appositive.append(i)
            continue
        genitive = [p for p in word.parses if p.tag.POS in ("NOUN", *_ADJ) and p.tag.case in ("gent", "gen2")]
        if not genitive or all("Name" in p.tag.grammemes for p in genitive):
            return appositive, False
        in_genitive = True
    last = words[-1] if words else None
    if last is not None and not last.invariant and last.parses[0].tag.POS in _ADJ:
        return appositive, False
    return appositive, True


_LATIN_FUNCTION_WORDS = frozenset("the a an of and or in on at to for by with from".split())
_PERSON = {"Name", "Surn", "Patr"}


def _cut_latin(words: list[_Word]) -> bool:
    """A Latin run that begins or ends on a function word: a piece of a longer name."""
    latin = [w.surface.lower() for w in words if not any("а" <= c <= "я" for c in w.surface.lower())]
    return bool(latin) and (latin[0] in _LATIN_FUNCTION_WORDS or latin[-1] in _LATIN_FUNCTION_WORDS)


def _name_like(word: _Word) -> bool:
    """A word that can go on a person's name: capitalised Cyrillic, not an abbreviation, not a place."""
    s = word.surface
    return (s[:1].isupper() and not (len(s) > 1 and s.isupper()) and any("а" <= c <= "я" for c in s.lower())
            and "Geox" not in word.parses[0].tag.grammemes)


def _patronymic(word: _Word) -> bool:
    return not word.invariant and any("Patr" in p.tag.grammemes for p in word.parses) \
        and not any("Surn" in p.tag.grammemes for p in word.parses)


def _glued(words: list[_Word], head: int, head_parse, appositive: list[int]) -> bool:
    """Two names side by side that the text does not join into one: a place or person
    with words after it that are not its own name («Россия Владимира Путина», «Германия
    Ангела Меркель», «Новак РИА Новости»), a name cut after a first name («президент России
    Владимира») or holding a patronymic at either end, a Latin piece («газета The Sunday»)."""
    grammemes = set(head_parse.tag.grammemes)
    tail = words[head + 1 :]
    if tail and "Geox" in grammemes and len(appositive) < len(tail):
        return True
    if grammemes & _PERSON and any(not _name_like(w) for i, w in enumerate(tail) if i not in appositive):
        return True
    last = words[-1]
    if len(words) > 1 and any(_patronymic(w) for w in (words[0], last)):
        return True  # «Владимир Владимирович», «Владимирович Путин»: no one's name
    if len(words) > 1 and not last.invariant and last.surface[:1].isupper():
        best = set(last.parses[0].tag.grammemes)
        surname = any("Surn" in p.tag.grammemes for p in last.parses) or _unknown_surname(last)
        if "Name" in best and not surname:
            return True
    return _cut_latin(words)


@lru_cache(maxsize=100_000)
def normal_form(phrase: str) -> str | None:
    """'Ильхамом Алиевым' -> 'Ильхам Алиев' (casing is restored by the caller)."""
    words = _words(phrase)
    head = _head_index(words)
    if head is None or any(w.invariant for w in words[:head]):
        return None
    if words[head].invariant:
        # a Latin name («Serena Williams», «Dow Jones») whole, not glued to Russian words
        # («Sunday Times сообщила», «Facebook Колин Стретч») or cut at an article («Hero The»)
        whole = head == 0 and all(w.invariant for w in words) and not _cut_latin(words)
        return " ".join(w.surface for w in words) if whole else None
    head_parse = _head_parse(words, head)
    if head_parse is None or any(all("Apro" in p.tag.grammemes for p in w.parses if p.tag.POS in _ADJ) for w in words[:head]):
        return None
    tail = words[head + 1 :]
    appositive, ok = _tail_ok(tail, head_parse)
    if not ok or _glued(words, head, head_parse, appositive):
        return None
    number = head_parse.tag.number or "sing"
    out: list[str] = []
    for w in words[:head]:
        adj = next(p for p in w.parses if p.tag.POS in _ADJ and _agrees(p, head_parse))
        grammemes = {"nomn", number} | ({head_parse.tag.gender} if number == "sing" and head_parse.tag.gender else set())
        out.append(inflect(adj, grammemes) or w.surface)
    if _unknown_surname(words[head]):
        out.append(words[head].surface)
    else:
        out.append(inflect(head_parse, {"nomn", number}) or words[head].surface)
    for i, w in enumerate(tail):
        if i in appositive:
            name = next(p for p in w.parses if p.tag.case == head_parse.tag.case and p.tag.POS == "NOUN")
            out.append(inflect(name, {"nomn"}) or w.surface)
        else:
            out.append(w.surface)
    return " ".join(out)


def _restore_case(normal: str, surface: str, proper: set[str]) -> str:
    """Capitals where the text writes the word with one mid-sentence; abbreviations stay upper."""
    out = []
    for new, old in zip(normal.split(), surface.split()):
        if not any("а" <= c <= "я" for c in old.lower()):
            out.append(old)  # not Russian: shown as the text writes it
        elif len(old) > 1 and old.isupper():
            out.append(new.upper())
        elif "-" in old and old[:1].isupper():
            out.append(old if new == old else new[:1].upper() + new[1:])
        elif lemma(old) in proper and (not out or old[:1].isupper() or _proper_word(old)):
            out.append(new[:1].upper() + new[1:].lower())
        else:
            # a common word after the first is written as here: «Олимпийские игры» where the
            # text writes «олимпийских играх», although it also writes «на Играх»
            out.append(new.lower())
    return " ".join(out)


def _proper_word(word: str) -> bool:
    """A name in its own right (a place, a person), capitalised anywhere in a phrase."""
    return any(_PROPER & set(p.tag.grammemes) for p in parse(word))


def display_form(phrase: str, proper: set[str]) -> str | None:
    """YAKE's phrase as a reader should see it, or None when it is not a noun phrase."""
    normal = normal_form(phrase)
    return None if normal is None else _restore_case(normal, phrase, proper)

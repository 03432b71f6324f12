"""Noise in keyword lists, by class (issue 24, Deliver 2), counted per document:

- **synonym pair**: two keywords of one list naming one thing: two names of one state as the
  entity merge lists them («Россия» and «РФ»), or an abbreviation beside the phrase it
  spells («ИГ» and «Исламское государство»);
- **patronymic only**: a first name and a patronymic without the surname («Владимир
  Владимирович»);
- **generic**: a one-word keyword from GENERIC_NOUNS below, words that say nothing of a
  story's subject. The list is the benchmark's own, written from the issue's examples
  («страна», «президент», «человек», «дело») and their kind; the keyword extractor does not
  read it;
- **glued**: two names side by side that are not one name («Москва Путин», «США Трамп»,
  «Россия Владимира Путина», «Новак РИА»): a place or abbreviation next to a person's name,
  or a person's surname next to a place or abbreviation in the same case;
- **wrong case**: a word after the first written with a capital where the document writes
  that phrase in lower case («Олимпийские Игры», «Друг Друга»), or, without the document,
  a capitalised common word.

`count(keywords)` gives the classes one list has; `table()` the share of documents with each.
"""

from __future__ import annotations

from typing import Iterable

from ..nlp.keywords import alias_of, initials, lemma_key
from ..nlp.russian import adapt_words, fold, lemma, parse

CLASSES = ("synonym pair", "patronymic only", "generic", "glued", "wrong case")

GENERIC_NOUNS = frozenset(
    "страна президент человек дело год время мир решение вопрос слово место часть сторона глава "
    "результат информация отношение работа ситуация проблема власть представитель житель сила "
    "организация проект программа компания данные заявление случай процесс условие возможность "
    "число раз день неделя месяц ряд образ тема итог рамка момент путь жизнь друг".split()
)


def _best(word: str) -> set[str]:
    return set(parse(fold(word))[0].tag.grammemes) if word else set()


def _cyrillic(word: str) -> bool:
    return any("а" <= c <= "я" for c in word.lower())


def _abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _person_word(word: str) -> bool:
    return _cyrillic(word) and word[:1].isupper() and not _abbreviation(word) and bool(_best(word) & {"Name", "Surn"})


def _place_word(word: str) -> bool:
    return _abbreviation(word) or (_cyrillic(word) and word[:1].isupper() and "Geox" in _best(word) and "Name" not in _best(word))


def glued(text: str) -> bool:
    words = text.split()
    for a, b in zip(words, words[1:]):
        if _place_word(a) and _person_word(b):
            return True  # «Москва Путин», «США Трамп», «Россия Владимира»
        if _person_word(a) and _place_word(b) and "gent" not in _best(b):
            return True  # «Новак РИА»; not «Эрдоган Турции»? that one is glued too, but rare
        if _person_word(a) and _person_word(b) and "Name" not in _best(a) and "Surn" in _best(a):
            return True  # «Липницкая Тутберидзе»: a surname, then another name
    return False


def patronymic_only(text: str) -> bool:
    words = text.split()
    return len(words) == 2 and "Name" in _best(words[0]) and "Patr" in _best(words[1])


def _capitals(words: list[str]) -> tuple[bool, ...]:
    """Which words after the first are capitalised (Russian words that are not abbreviations)."""
    return tuple(w[:1].isupper() for w in words[1:] if _cyrillic(w) and not _abbreviation(w))


def wrong_case(keyword: str, document: list[tuple[str, str]] | None = None) -> bool:
    """A word after the first capitalised where the document writes it in lower case: the
    phrase's capitals differ from every place the document writes it (its words' lemmas in a
    row). Without the document: a capitalised common word, as pymorphy3 knows it."""
    words = keyword.split()
    if document is not None:
        key = list(lemma_key(keyword))
        n = len(key)
        seen = [tuple(w for w, _ in document[i : i + n]) for i in range(len(document) - n + 1)
                if [k for _, k in document[i : i + n]] == key]
        return bool(seen) and all(_capitals(list(s)) != _capitals(words) for s in seen)
    for word in words[1:]:
        if not _cyrillic(word) or _abbreviation(word) or "-" in word or not word[:1].isupper():
            continue
        if not any({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(p.tag.grammemes) for p in parse(fold(word))):
            return True
    return False


def document_words(text: str) -> list[tuple[str, str]]:
    """(word, folded lemma) of each word of a document, for wrong_case."""
    return [(w.text, fold(lemma(w.text))) for w in adapt_words(text) if any(c.isalpha() for c in w.text)]


def count(keywords: Iterable[str], document: list[tuple[str, str]] | None = None) -> set[str]:
    """The noise classes one keyword list has (`document`: document_words of its text)."""
    texts = list(keywords)
    found: set[str] = set()
    states = [alias_of(lemma_key(t)) for t in texts]
    known = [s for s in states if s is not None]
    if len(known) != len(set(known)):
        found.add("synonym pair")
    spelled = {initials(t) for t in texts if len(t.split()) > 1}
    if any(_abbreviation(t) and t in spelled for t in texts):
        found.add("synonym pair")
    for t in texts:
        if patronymic_only(t):
            found.add("patronymic only")
        if len(t.split()) == 1 and fold(lemma(t)) in GENERIC_NOUNS:
            found.add("generic")
        if len(t.split()) > 1 and glued(t):
            found.add("glued")
        if len(t.split()) > 1 and wrong_case(t, document):
            found.add("wrong case")
    return found


def rows(lists: dict[str, list[set[str]]]) -> list[str]:
    """Markdown rows: per system, documents with each class and with any, of all."""
    out = ["| keywords | documents | " + " | ".join(CLASSES) + " | any |", "|---" * (len(CLASSES) + 3) + "|"]
    for name, found in lists.items():
        n = len(found) or 1
        cells = [sum(c in f for f in found) for c in CLASSES] + [sum(bool(f) for f in found)]
        out.append(f"| {name} | {len(found)} | " + " | ".join(f"{c} ({100 * c / n:.1f} %)" for c in cells) + " |")
    return out

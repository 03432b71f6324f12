"""Adapters to razdel (sentences, tokens) and pymorphy3 (lemmas, inflection).

Their objects are converted here, at the boundary; nothing else imports them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

import pymorphy3
from razdel import sentenize, tokenize


class Span(NamedTuple):
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """One analyzer per process: loading the dictionaries takes a while."""
    return pymorphy3.MorphAnalyzer()


def adapt_sentences(text: str) -> list[Span]:
    return [Span(s.start, s.stop, s.text) for s in sentenize(text) if s.text.strip()]


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Span, ...]:
    """razdel's tokens of a text; cached, as the analysis and the entity tagger both
    tokenize every sentence of a document (razdel is the slower half of either)."""
    return tuple(Span(t.start, t.stop, t.text) for t in tokenize(text))


def adapt_words(text: str) -> list[Span]:
    """Word tokens (anything with a letter or digit); punctuation is left out."""
    return [t for t in _tokens(text) if any(c.isalnum() for c in t.text)]


def adapt_tokens(text: str) -> list[Span]:
    """Every razdel token, punctuation included ("4,1", "млрд", "долл", ".", "%")."""
    return list(_tokens(text))


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=50_000)
def parse(word: str) -> tuple:
    """pymorphy3's analyses of a word, best first; cached, as every stage asks about the same
    words. A word's analyses take about 0.9 KB (20,000 words of RT articles): 300,000 of
    them would be about 270 MB in each analysis worker; the 50,000 most recent hold the
    words asked about again and again. A word pymorphy3 cannot read (it looks up the
    Unicode name of each letter, and some letters have none: Tangut, unassigned code
    points) is an unknown word, never an error."""
    try:
        return tuple(morph().parse(word))
    except ValueError:
        analyzer = morph()
        return (pymorphy3.analyzer.Parse(word, analyzer.TagClass("UNKN"), word, 1.0, ()),)


def inflect(analysis, grammemes: Iterable[str]) -> str | None:
    """One of pymorphy3's analyses (from parse()) put in the form `grammemes` ask for, or None
    when it has none; cached, as building a word's forms is the slow half of pymorphy3."""
    return _inflected(analysis, frozenset(grammemes))


@lru_cache(maxsize=10_000)
def _inflected(analysis, grammemes: frozenset[str]) -> str | None:
    """An entry keeps its analysis alive: at 50,000 entries a worker analysing 400 articles
    grew 25 MB more than without the cache, at 10,000 about 10 MB."""
    if not analysis.methods_stack:  # parse()'s stand-in for a word pymorphy3 cannot read
        return None
    form = analysis.inflect(set(grammemes))
    return form.word if form is not None else None


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Normal form, lower case, ё folded to е; non-Cyrillic words are just lower-cased."""
    folded = fold(word)
    if not any("а" <= c <= "я" for c in folded):
        return folded
    return fold(parse(folded)[0].normal_form)


def lemma_parts(word: str) -> list[str]:
    """Lemmas of a hyphenated word's parts, so 'Север-Юг' matches 'Север - Юг'."""
    return [lemma(part) for part in word.split("-") if part]


@lru_cache(maxsize=200_000)
def is_known(word: str) -> bool:
    return bool(morph().word_is_known(fold(word)))


_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED", "ADVB", "COMP"}


@lru_cache(maxsize=200_000)
def is_content(word: str) -> bool:
    """Nouns, adjectives, verbs, names: the words that carry a sentence's meaning."""
    if not any(c.isalpha() for c in word):
        return False
    return parse(fold(word))[0].tag.POS not in _FUNCTION_POS


@lru_cache(maxsize=20_000)
def is_third_person_pronoun(word: str) -> bool:
    """'он', 'она', 'они', 'его', 'им'…: a word that points back to someone named before."""
    tag = parse(fold(word))[0].tag
    return tag.POS == "NPRO" and "Anph" in tag


# 'который' is relative (mid-sentence), 'свой' points within its own sentence, and 'тот'
# points forward as often as back ('Тот факт, что…', 'То, что…').
_POINTS_WITHIN = {"который", "свой", "тот"}
_DEMONSTRATIVE_LEMMAS = {"это", "такой", "данный", "здесь"}  # pymorphy3 tags these without 'Anph'


@lru_cache(maxsize=20_000)
def is_demonstrative(word: str) -> bool:
    """'этот', 'это', 'такой', 'там', 'тогда'…: a word that points at something named
    before without naming it (pymorphy3's anaphoric pronoun-adjectives and demonstrative adverbs)."""
    best = parse(fold(word))[0]
    if best.normal_form in _POINTS_WITHIN:
        return False
    tag = best.tag
    return (
        (tag.POS == "ADJF" and "Anph" in tag)
        or (tag.POS == "ADVB" and "Dmns" in tag)
        or best.normal_form in _DEMONSTRATIVE_LEMMAS
    )


@lru_cache(maxsize=20_000)
def could_be_antecedent(word: str) -> bool:
    """A noun or pronoun in the nominative, or a noun for a person (pymorphy3's best reading):
    who a later 'он', 'его' may mean. 'Путин' in 'Путин и его коллега', 'министра' in 'По
    словам министра, он…' can be; 'Кремле' in 'В Кремле его назвали…' cannot."""
    tag = parse(fold(word))[0].tag
    return tag.POS in {"NOUN", "NPRO"} and tag.case == "nomn" or tag.POS == "NOUN" and "anim" in tag


def is_preposition(word: str) -> bool:
    return parse(fold(word))[0].tag.POS == "PREP"


@lru_cache(maxsize=20_000)
def is_time_noun(word: str) -> bool:
    """'году', 'неделе', 'летом': 'в этом году', 'на этой неделе' point at the writing's own time."""
    return lemma(word) in {"год", "месяц", "неделя", "сезон", "век", "лето", "осень", "зима", "весна", "утро", "вечер"}


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u0130\u212a]")  # what lower-cases to a-z: also «İ» and the kelvin sign


def script(text: str) -> str:
    """'ru' unless Latin letters outnumber Cyrillic ones (stopwords and eligibility depend on it)."""
    return "en" if len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text)) else "ru"

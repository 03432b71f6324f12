"""Whether a sentence stands alone or leans on the one before it; an interviewer's turns.

A summary shows sentences out of their context: «Однако, несмотря на это…», «По его
словам, оснований нет…», «— RT) с поставкой в декабре…» say little without the sentence
before them. `lean(text)` says why a sentence leans, or None when it stands alone:

- a connective opens it («Однако», «При этом», «Кроме того»; «Нет,» and «Да,» answer
  something asked before);
- a pointing word opens it: a demonstrative first or after a preposition («Это решение…»,
  «Эти страны…», «После этого…», «Там…»), or a third-person pronoun among its first
  words with no noun before it that it could mean («Он сообщил…», «По его словам…»,
  «Ранее она…», «В Кремле его…»; not «Путин и его коллега…», «По словам министра, он…»);
- it is a fragment of a sentence cut elsewhere: it opens in lower case or on punctuation
  («…», «. — RT)»), or closes a bracket it never opened («— RT) с поставкой…»).

«Эти страны…» leans: the determiner says the countries were named before, and the sentence
does not say which. «В этом году…», «На этой неделе…» do not: they point at the time of
writing, which a reader has.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .russian import adapt_words, could_be_antecedent, fold, is_demonstrative, is_preposition, is_third_person_pronoun, is_time_noun

CONNECTIVE, POINTER, FRAGMENT = "connective", "pointer", "fragment"

CONNECTIVES = tuple(tuple(c.split()) for c in (
    "однако", "но", "а", "и", "или", "зато", "впрочем", "причем", "ведь", "также", "поэтому",
    "тем не менее", "при этом", "кроме того", "к тому же", "более того", "вместе с тем",
    "в то же время", "в связи с этим", "между тем", "тем временем", "в свою очередь", "в частности", "например",
    "таким образом", "следовательно", "соответственно", "затем", "потом", "позже", "позднее",
    "впоследствии", "вдобавок", "напротив", "наоборот", "иначе", "то есть", "так что", "кстати",
))
# These lean only before a comma: «Так, по данным…» but «Так называемый…»; «Нет, …» answers
# a question, «Нет данных…» states something.
BEFORE_COMMA = frozenset({"так", "да", "нет", "правда", "хотя", "итак", "словом"})
POINTER_REACH = 4  # a pronoun among the first words opens the sentence: «В 2015 году он…»
_DASHES = "—–-"
_OPENING = "«\"„“([" + _DASHES


def lean(text: str) -> str | None:
    """CONNECTIVE, POINTER or FRAGMENT when the sentence leans on the one before it, else None."""
    return _lean(text)


@lru_cache(maxsize=20_000)
def _lean(text: str) -> str | None:
    if _is_fragment(text):
        return FRAGMENT
    words = adapt_words(text)
    folded = tuple(fold(w.text) for w in words[:5])
    if _opens_with_connective(text, words, folded):
        return CONNECTIVE
    if _opens_with_pointer([w.text for w in words[:POINTER_REACH + 1]]):
        return POINTER
    return None


def _is_fragment(text: str) -> bool:
    stripped = text.lstrip()
    body = stripped.lstrip(_OPENING + " ")
    if not body or stripped.startswith(("…", "...")):
        return True
    if body[0].islower() or not (body[0].isalnum() or body[0] in "«\"„“(["):
        return True
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return False


def _opens_with_connective(text: str, words: list, folded: tuple[str, ...]) -> bool:
    for connective in CONNECTIVES:
        n = len(connective)
        if folded[:n] == connective:
            # «А. Иванов», «И. Алиев»: an initial, not a conjunction
            return not (len(connective[0]) == 1 and text[words[0].end : words[0].end + 1] == ".")
    if folded[:1] and folded[0] in BEFORE_COMMA:
        return text[words[0].end : words[0].end + 1] == ","
    return False


def _opens_with_pointer(words: list[str]) -> bool:
    for j, word in enumerate(words[:POINTER_REACH]):
        demonstrative = is_demonstrative(word) and (j == 0 or j == 1 and is_preposition(words[0]))
        if demonstrative and not (j + 1 < len(words) and is_time_noun(words[j + 1])):
            return True
        if is_third_person_pronoun(word):
            return True
        if could_be_antecedent(word):
            return False
    return False


# Who asks in a transcript: «RT: …», «Вопрос: …», «Корр.: …».
_INTERVIEWER = re.compile(r"\s*(?:RT|Вопрос|В|Q|Корр\.?|Корреспондент|Журналист)\s?:", re.I)
_SPEAKER = re.compile(r"\s*(?:[А-ЯЁA-Z][\w.-]*\s?){1,3}:")
MIN_QUESTIONS = 3  # turns ending in a question, and as many turns in dialogue form, make an interview


def _asks(text: str) -> bool:
    return text.rstrip().rstrip("»\"”)").endswith("?") or bool(_INTERVIEWER.match(text))


def _in_dialogue(text: str) -> bool:
    stripped = text.lstrip()
    return stripped[:1] in _DASHES or stripped[:1] == ":" or bool(_SPEAKER.match(stripped))


def interviewer_sentences(sentences: Iterable[tuple[int, str]]) -> frozenset[int]:
    """Positions of the sentences an interviewer says, given (block, text) of each sentence
    in order; none unless the text is an interview: at least MIN_QUESTIONS blocks that end in
    a question (or open with «RT:», «Вопрос:») and as many in dialogue form («— …», «А.С.: …»).
    An asking block is the interviewer's whole, and so is a short dash-opened block just
    before it that neither asks nor answers a question right before it («— Владимир
    Вольфович, в 2016 году…» / «Есть ли…?»)."""
    blocks: dict[int, list[tuple[int, str]]] = {}
    for position, (block, text) in enumerate(sentences):
        blocks.setdefault(block, []).append((position, text))
    order = sorted(blocks)
    whole = {b: " ".join(t for _, t in blocks[b]) for b in order}
    asking = [b for b in order if _asks(whole[b])]
    if len(asking) < MIN_QUESTIONS or sum(_in_dialogue(whole[b]) for b in order) < MIN_QUESTIONS:
        return frozenset()
    theirs = set(asking)
    for j, b in enumerate(order[1:], 1):
        before = order[j - 1]
        answers = j >= 2 and order[j - 2] in asking  # right after a question: an answer, however short
        if b in asking and before not in asking and not answers and len(blocks[before]) <= 2 \
                and whole[before].lstrip()[:1] in _DASHES and whole[b].lstrip()[:1] not in _DASHES:
            theirs.add(before)
    return frozenset(p for b in theirs for p, _ in blocks[b])

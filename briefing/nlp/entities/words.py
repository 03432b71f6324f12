"""What the parts ask of a single token: a word, a function word, an initial, Cyrillic, an
abbreviation.
"""

from __future__ import annotations

from ..russian import is_known, parse
from .remembered import remembered


_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "INTJ"}


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


@remembered()
def _is_function_word(token: str) -> bool:
    return token.islower() and parse(token)[0].tag.POS in _FUNCTION_POS


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@remembered()
def _is_abbreviation(word: str) -> bool:
    """«МИД», «РФ», «ТАСС», «НАТО»: upper case and not an ordinary word in capitals («БАКУ»)."""
    if len(word) < 2 or not word.isupper():
        return False
    if not _cyrillic(word) or len(word) <= 3 or not is_known(word):
        return True
    return bool({"Abbr", "Orgn"} & parse(word.lower())[0].tag.grammemes)

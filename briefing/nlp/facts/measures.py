"""Naming what a figure measures: the noun it is about, and a change it reports."""

from __future__ import annotations

from dataclasses import replace

from ...records import Figure

from ..russian import fold, parse
from .words import (_AMOUNT_NOUNS, _BOUNDARIES, _CHANGE_NOUNS, _CHANGE_VERBS, _CURRENCIES, _DASHES, _SCALES,
                    _TIME, _UNITS, _Tokens, _adjective, _is_verb, _lemma, _month_word, _noun, _pos)

def _genitive_after(t: _Tokens, j: int, covered: set[int]) -> str:
    """The lemma of a genitive noun at j (one adjective may come first): «нефти», «мирового рынка»."""
    if j in covered:
        return ""
    if t.joined(j) and _adjective(t.word(j)) and "gent" in parse(t.low(j))[0].tag:
        j += 1
    w = t.word(j)
    if not t.joined(j) or j in covered:
        return ""
    noun = _noun(w)
    if noun is None or fold(noun.normal_form) in _TIME or _month_word(w):
        return ""
    if any(p.tag.POS == "NOUN" and "gent" in p.tag for p in parse(fold(w))[:3]):
        return fold(noun.normal_form)
    return ""


def _subject_of(noun, verb) -> bool:
    """Can this noun analysis be the subject of this verb analysis (nominative; number and,
    in the past singular, gender agree)? For a participle («уровнем, превысившим»): the noun
    it agrees with in case, number and gender."""
    tag, vtag = noun.tag, verb.tag
    if vtag.POS == "PRTF":
        if vtag.case is None or str(vtag.case) not in tag:
            return False
    elif "nomn" not in tag:
        return False
    number = "plur" if "plur" in tag or "Pltm" in tag else "sing"
    if vtag.number and vtag.number != number:
        return False
    if vtag.gender is None or number != "sing" or tag.gender is None or "Ms-f" in tag:
        return True
    return str(tag.gender) == str(vtag.gender)


def _genitive(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and "gent" in p.tag for p in parse(fold(word))[:3])


def _usable_noun(w: str):
    """A common noun that can say what a figure measures: not a name, a unit, a month, «год»."""
    noun = _noun(w)
    if noun is None:
        return None
    lemma = fold(noun.normal_form)
    if lemma in _TIME or _month_word(w) or lemma in _SCALES or lemma in _UNITS or lemma in _CURRENCIES:
        return None
    return noun


def _chain(t: _Tokens, i: int, covered: set[int]) -> list[int]:
    """The genitive chain that ends with the noun at i, head first: «темпы роста ВВП» →
    the indices of темпы, роста, ВВП; adjectives between are skipped."""
    chain = [i]
    while _genitive(t.word(chain[0])) and len(chain) < 5:
        j = chain[0] - 1
        while j > chain[0] - 3 and t.joined(j + 1) and _adjective(t.word(j)):
            j -= 1
        if j < 0 or j in covered or not t.joined(j + 1) or _usable_noun(t.word(j)) is None:
            break
        chain.insert(0, j)
    return chain


def _after_preposition(t: _Tokens, i: int) -> bool:
    """Is the noun phrase that starts at token i governed by a preposition («в размере»)?"""
    j = i - 1
    while j > i - 3 and t.joined(j + 1) and _adjective(t.word(j)):
        j -= 1
    return t.joined(j + 1) and _pos(t.word(j)) == "PREP"


def _left(t: _Tokens, s: int, covered: set[int], limit: int) -> tuple[list[str], int, str]:
    """(genitive chain of the measured noun, index of its last word, change verb lemma), found
    left of token s in its clause and not before token `limit` (the end of the previous figure)."""
    verb = None
    change = ""
    comma_seen = dash_seen = False
    words = 0
    i = s - 1
    while i >= limit and words < 12:
        w = t.word(i)
        if w == "»":  # a quoted name is skipped whole
            k = i - 1
            while k >= limit and t.word(k) not in ("«", "»"):
                k -= 1
            if t.word(k) != "«":
                break
            i = k - 1
            continue
        if w in _DASHES and not t.touching(i) and verb is None and not dash_seen:
            dash_seen = True  # «Длина корпуса — 127,9 м»: only the noun right before the dash
            i -= 1
            continue
        if w in _BOUNDARIES or (w[:1].isdigit() and i not in covered):
            break
        if w == ",":
            if dash_seen:
                break
            comma_seen = True
        elif i not in covered and any(c.isalpha() for c in w):
            words += 1
            noun = _usable_noun(w)
            if dash_seen and noun is None:
                break
            if _is_verb(w):
                if verb is None:
                    verb = parse(fold(w))[0]
                if _lemma(w) in _CHANGE_VERBS and not change:
                    change = _lemma(w)
            elif noun is not None:
                subject = verb is not None and any(
                    p.tag.POS == "NOUN" and _subject_of(p, verb) for p in parse(fold(w))[:4])
                if subject:
                    return [_lemma(t.word(k)) for k in _chain(t, i, covered)], i, change
                if verb is None and not comma_seen and "datv" not in noun.tag:  # not «президенту»
                    chain = _chain(t, i, covered)
                    if not _after_preposition(t, chain[0]) or dash_seen or _lemma(t.word(chain[0])) == "доля":
                        # «с долей спирта свыше 9 %»: the share is what the number is, whatever the preposition
                        return [_lemma(t.word(k)) for k in chain], i, change
                    # «в размере», «на сумму», «в пределах», «между странами»: look further left
                    words += chain[-1] - chain[0]
                    i = chain[0]
        i -= 1
    return [], -1, change


def _measure(t: _Tokens, s: int, past: int, unit: str, real_unit: bool, amount: bool,
             covered: set[int], limit: int) -> tuple[str, str]:
    """(measure, change) for the figure whose tokens are s … past-1 (see module doc)."""
    after = _genitive_after(t, past, covered) if real_unit and unit != "×" else ""
    chain, at, verb = _left(t, s, covered, limit)
    change = verb if amount else ""
    noun = chain[0] if chain else ""
    amount_of = False
    for n, lemma in enumerate(chain):
        if lemma in _CHANGE_NOUNS:
            change = lemma
            noun = chain[n + 1] if n + 1 < len(chain) else _genitive_after(t, at + 1, covered)
            break
    else:
        if noun in _AMOUNT_NOUNS:
            dependent = chain[1] if len(chain) > 1 else _genitive_after(t, at + 1, covered)
            amount_of = bool(dependent)
            noun = dependent or noun
    if not real_unit and unit and not amount_of:
        return unit, change  # «внесено 18 поправок»: the counted noun, unless «число туристов …»
    return after or noun, change


def _carried(text: str, found: list[Figure]) -> list[Figure]:
    """A figure without a measure takes its predecessor's in the same text when it goes on
    about the same quantity: a change whose subject is left out («составил 4,1 млрд, за
    полугодие — вырос на 7,1 %») and the level a change reaches («вырос на 7,1 % — до 2 млрд»)."""
    out: list[Figure] = []
    for f in found:
        before = out[-1] if out else None
        if before is not None and before.measure and (not f.measure or f.measure == f.unit):
            between = text[before.end:f.start].strip(" ,-–—\u00a0")
            if f.change in _CHANGE_VERBS and not f.measure:  # not «рост — 35 см»: a height, not a rise
                f = replace(f, measure=before.measure)
            elif before.change and f.qualifier == "до" and not between:
                # «до» is where the change went, not a bound: the figure is the level itself
                rest = f.text[len(f.qualifier):]
                start = f.start + len(f.text) - len(rest.lstrip())
                f = replace(f, measure=before.measure, qualifier="", start=start, text=rest.lstrip())
        out.append(f)
    return out

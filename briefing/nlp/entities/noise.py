"""What the model tags that is no entity, decided over the briefing's mentions before they
are merged: a generic noun («СМИ», «власти», «правительство» of no state), code from a
page's script («JWPLAYER-GA», «COMPLETE», «FFFFFF»), and two people's names glued into one
span («Трамп Йеллен», «Помилованием Мэннинг Обама»), which are split into their names.

Decided here rather than when a document is tagged: a glued span is recognised by the
briefing's other names, and the analyses cached by earlier builds stay valid.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from ...records import Mention
from ..russian import adapt_words, fold, is_known, parse
from .normal import _NAME_TAGS, normal_form
from .words import _cyrillic, _is_function_word, _is_initial
from .remembered import remembered

# Lemmas of nouns that name no one body: never («СМИ США» are no organisation either) ...
GENERIC_ALWAYS = frozenset({"сми", "власть", "спецслужба", "силовик", "оппозиция", "медиа", "соцсеть"})
# ... or only without a state or a name beside them («правительство», not «правительство России»).
GENERIC_ALONE = frozenset({"правительство", "парламент", "министерство", "ведомство", "полиция", "армия",
                           "суд", "прокуратура", "кабмин", "посольство", "генконсульство"})

_HEX = re.compile(r"#?(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})")
_CODE_WORD = re.compile(r"[A-Z]{6,}[-_][A-Z]{1,4}|[A-Z]{1,4}[-_][A-Z]{6,}")  # «JWPLAYER-GA»
_SCRIPT_MARKS = "{}="
SCRIPT_MARKS = 2  # braces and equals signs: no news sentence has two


def in_script(sentence: str) -> bool:
    """A sentence of a page's script («onPause: function(){ if(ga) { ga('send', …»): whatever
    the model tags there («COMPLETE», «CLICK PLAY») is code, short acronyms in prose are not."""
    return sum(sentence.count(c) for c in _SCRIPT_MARKS) >= SCRIPT_MARKS


@remembered()
def is_generic(lemmas: str) -> bool:
    """`lemmas`: a name's lemmas, space-joined («сми», «сми сша», «правительство»)."""
    words = lemmas.split()
    return bool(words) and (words[0] in GENERIC_ALWAYS or all(w in GENERIC_ALONE for w in words))


def is_code(name: str) -> bool:
    """A hex colour («FFFFFF», «ff0000») or a script's identifier («JWPLAYER-GA») wherever it
    stands; all-caps Latin words otherwise are acronyms (CNN, WADA, NASDAQ) unless in_script."""
    return any(_HEX.fullmatch(w) and (any(c.isdigit() for c in w) or w.strip("#").isupper()) or _CODE_WORD.fullmatch(w)
               for w in name.split())


@remembered()
def _common_word(word: str) -> bool:
    """A dictionary word that no name reads as («Помилованием»), as a name's first word."""
    low = word.lower()
    if not _cyrillic(word) or _is_initial(word) or not is_known(low):
        return False
    parses = parse(low)
    return not any((_NAME_TAGS | {"Geox", "Orgn", "Trad"}) & p.tag.grammemes for p in parses) and not any(
        p.tag.case == "nomn" for p in parses)


def _part(m: Mention, word, normal: str | None = None) -> Mention:
    return Mention(m.sentence, m.start + word.start, m.start + word.end, word.text, m.type, normal or normal_form(word.text, "PER"))


def unglue(items: Iterable[tuple[str, Mention]], surnames: Counter, firsts: Counter) -> list[tuple[str, Mention]]:
    """People's mentions with glued spans taken apart: a leading word in a case no name's
    first word is in, that no name reads as, is left out («Помилованием»), and a span of two
    words each of which is the briefing's surname of someone and neither ever a first name
    («Трамп Йеллен»), and written in fewer documents than the names of its first word's
    bearers («Барак Обама», in many, beside «Эхуд Барак», in one, is a name), becomes two
    mentions; a surname joined by a hyphen to a common noun
    («Трамп-кандидат») is the surname. `surnames`, `firsts`: how many distinct full names
    have each folded surname, first name (a glued span counts itself: «Йеллен» must be
    someone else's surname too, and «Роуз Готтемёллер» stays whole beside «Дэнни Роуз»)."""
    items = list(items)
    docs_of: dict[str, set[str]] = {}  # a two-word name -> the documents that write it
    bearers: dict[str, set[str]] = {}  # a folded surname -> the two-word names that have it
    for doc, m in items:
        parts = m.normal.split()
        if len(parts) == 2:
            docs_of.setdefault(m.normal, set()).add(doc)
            bearers.setdefault(fold(parts[1]), set()).add(m.normal)

    def rarer_than_its_first_word(name: str, first: str) -> bool:
        """«Трамп Йеллен» (one document) beside «Дональд Трамп» (131): glued; «Барак Обама»
        (36 documents) beside «Эхуд Барак» (one): a name."""
        others = set().union(*(docs_of[n] for n in bearers.get(first, ()) if n != name))
        return len(docs_of.get(name, ())) < len(others)

    out: list[tuple[str, Mention]] = []
    for doc, m in items:
        words = adapt_words(m.text)
        if len(words) >= 2 and all(not _is_initial(w.text) for w in words):
            if len(words) >= 3 and _common_word(words[0].text):
                words = words[1:]
                m = Mention(m.sentence, m.start + words[0].start, m.end, m.text[words[0].start:], m.type,
                            normal_form(m.text[words[0].start:], "PER"))
                words = adapt_words(m.text)
            normals = m.normal.split()
            if (len(words) == 2 and len(normals) == 2 and surnames[fold(normals[0])] >= 1 and surnames[fold(normals[1])] >= 2
                    and firsts[fold(normals[0])] <= 1 and not firsts[fold(normals[1])]
                    and rarer_than_its_first_word(m.normal, fold(normals[0]))):
                out += [(doc, _part(m, w, n)) for w, n in zip(words, normals)]
                continue
        head, dash, tail = m.text.partition("-")
        if len(words) == 1 and dash and tail.islower() and is_known(tail) and surnames[fold(normal_form(head, "PER"))]:
            m = Mention(m.sentence, m.start, m.start + len(head), head, m.type, normal_form(head, "PER"))  # «Трамп-кандидат»
        out.append((doc, m))
    return out


_BRACKETED = re.compile(r"\(([А-ЯЁ]{2,8})\)")
_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def spelled_in_lower_case(texts: Iterable[str]) -> frozenset[str]:
    """Abbreviations (folded) that the texts spell out only as common nouns: in lower case
    before the abbreviation in brackets («антитеррористической операции (АТО)», «боевая
    машина пехоты (БМП)»), and never with a capital («Международного олимпийского комитета
    (МОК)»). An operation, a weapon, a kind of thing: no one's name, however the model tags
    it."""
    lower: set[str] = set()
    upper: set[str] = set()
    for text in texts:
        for found in _BRACKETED.finditer(text):
            abbr = found.group(1)
            words = _WORD.findall(text[max(0, found.start() - 40 * len(abbr)):found.start()])
            words = words[-(2 * len(abbr) + 3):]
            k = _spelled_by(words[1:], fold(abbr))
            if k is not None:
                first, before = words[-k], words[-k - 1]
                # lower case, and not the rest of a name («Международная федерация футбола (ФИФА)»)
                common = first[:1].islower() and not (before[:1].isupper() and not _is_function_word(before.lower()))
                (lower if common else upper).add(fold(abbr))
    return frozenset(lower - upper)


def _spelled_by(words: list[str], abbr: str) -> int | None:
    """The length of the shortest run of two words or more that ends `words` and spells
    `abbr`: each word (but a preposition or a conjunction) gives its first letter and may give
    more of its letters after it («антитеррористической операции»: а, т, о); None if none does."""
    for k in range(2, len(words) + 1):
        run = [fold(w) for w in words[-k:] if not (w.islower() and _is_function_word(w))]
        if len(run) >= 2 and fold(words[-k]) == run[0] and _spells(run, abbr):
            return k
    return None


def _spells(run: list[str], abbr: str) -> bool:
    def fits(i: int, j: int) -> bool:  # abbr[i:] spelled by run[j:]
        if j == len(run):
            return i == len(abbr)
        if i == len(abbr) or run[j][0] != abbr[i]:
            return False
        word, at = run[j], 1
        if fits(i + 1, j + 1):
            return True
        for k in range(i + 1, len(abbr)):  # more letters of this word, in order
            at = word.find(abbr[k], at) + 1
            if not at:
                return False
            if fits(k + 1, j + 1):
                return True
        return False

    return fits(0, 0)

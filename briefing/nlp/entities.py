"""People, organisations and places: found in each document, merged across the briefing.

`mentions(text, sentences)` tags a document with slovnet's news NER model, which ships
inside the natasha wheel beside the navec vectors (natasha/data/model/); each mention
gets a normal form from pymorphy3: a name in the nominative of its own gender
(«Марии Захаровой» → «Мария Захарова»), a place or organisation as a noun phrase in the
nominative («Российской Федерации» → «Российская Федерация», «МИД России» as it is).
It is part of the per-document analysis and cached with it.

`merge(mentions)` joins the mentions of every document into entities: «Алиев», «И. Алиев»
and «Ильхамом Алиевым» are one person when the briefing leaves no doubt who «Алиев» is;
«РФ», «Россия» and «Российская Федерация» are one place, and so «МИД РФ» and «МИД России».

The model reads whole blocks (a paragraph is better context than a sentence, and
fewer, longer rows are faster), from the razdel tokens the analysis already made.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .cache import read_json, write_json
from .load import slugify
from .records import Entity, EntityType, Mention, Sentence
from .russian import adapt_tokens, adapt_words, fold, inflect, is_known, lemma, parse
from .vectors import _navec, navec_path


class _Remembered:
    """A pure function of one string whose results one build keeps for the next.

    The merge runs on every build over every mention of the briefing and asks razdel and
    pymorphy3 the same questions about the same few thousand names each time (seconds at
    N = 1000). Its word-level answers are kept in the cache (.briefing/names.json, read and
    written by entities_of): the same answers, without asking."""

    def __init__(self, fn, to_json=lambda v: v, from_json=lambda v: v) -> None:
        self.fn, self.to_json, self.from_json = fn, to_json, from_json
        self.name = fn.__name__
        self.values: dict[str, object] = {}
        self.stored: dict[str, object] = {}  # read from the cache, not asked for yet

    def __call__(self, key: str):
        if key in self.values:
            return self.values[key]
        value = self.from_json(self.stored.pop(key)) if key in self.stored else self.fn(key)
        self.values[key] = value
        return value


def remembered(to_json=lambda v: v, from_json=lambda v: v):
    def wrap(fn) -> _Remembered:
        kept = _Remembered(fn, to_json, from_json)
        _REMEMBERED.append(kept)
        return kept
    return wrap


_REMEMBERED: list[_Remembered] = []
REMEMBERED_VERSION = 1  # bump when a remembered function changes its answers


def _load_remembered(path: Path) -> None:
    data = read_json(path)
    if not isinstance(data, dict) or data.get("version") != REMEMBERED_VERSION:
        return
    for kept in _REMEMBERED:
        values = data.get(kept.name)
        if isinstance(values, dict):
            kept.stored = {k: v for k, v in values.items() if k not in kept.values}


def _save_remembered(path: Path) -> None:
    """What this process has asked: names no document has any more leave the file when
    a process that never asked about them writes it (every build does, once)."""
    data: dict[str, object] = {"version": REMEMBERED_VERSION}
    for kept in _REMEMBERED:
        data[kept.name] = {k: kept.to_json(v) for k, v in kept.values.items()}
        kept.stored = {}
    write_json(path, data)


@remembered(list, tuple)
def _words(name: str) -> tuple[str, ...]:
    return tuple(w.text for w in adapt_words(name))


_slug = remembered()(slugify)  # transliteration (iuliia) of every entity's name: ~1 s at N = 1000

MODEL_FILE = "slovnet_ner_news_v1.tar"


def model_path() -> Path:
    """slovnet's NER model: in the natasha wheel, beside the vectors (natasha/data/model/)."""
    path = navec_path().parent.parent / "model" / MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"NER model {MODEL_FILE} not found: install natasha with "
            "`pip install --no-deps -r requirements-vectors.txt` (`make site` does this)"
        )
    return path


class _Tagger:
    """slovnet's NER model (a CNN over word and shape embeddings, then a CRF) run on our
    own tokens. The convolutions are computed here on one long sequence per call, rows
    apart by a zero vector, as three shifted matrix products: the same numbers as
    slovnet.NER's batches of padded rows (the edges of each row see zeros either way),
    without its im2col copies, transpositions and re-tokenizing: about 3× faster."""

    def __init__(self) -> None:
        from slovnet import NER
        from slovnet.shape import word_shape

        ner = NER.load(str(model_path())).navec(_navec())
        model = ner.infer.model
        self._emb = model.emb
        self._head = model.head
        self._layers = []
        for layer in model.encoder.layers:
            weight = layer.conv.weight.array  # filters × in × kernel (3), padding 1
            assert weight.shape[2] == 3 and layer.conv.padding == 1, "unexpected slovnet model"
            taps = [np.ascontiguousarray(weight[:, :, k].T) for k in range(3)]
            scale = layer.norm.weight.array / layer.norm.std.array
            shift = layer.norm.bias.array - layer.norm.mean.array * scale
            self._layers.append((taps, layer.conv.bias.array, scale, shift))
        self._words = ner.infer.encoder.words_vocab
        self._shapes = ner.infer.encoder.shapes_vocab
        self._tags = ner.infer.decoder.tags_vocab.items
        self._shape = word_shape
        self._ids = lru_cache(maxsize=200_000)(self._encode)

    def _encode(self, word: str) -> tuple[int, int]:
        return self._words.encode(word.lower()), self._shapes.encode(self._shape(word))

    def __call__(self, rows: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags ("B-PER", "I-LOC", "O", …) of each row of words."""
        out: list[list[str]] = [[] for _ in rows]
        kept = [i for i, row in enumerate(rows) if row]
        if not kept:
            return out
        ids = [self._ids(w) for i in kept for w in rows[i]]
        words = self._emb(np.array([w for w, _ in ids]), np.array([s for _, s in ids]))
        # Layout: zero, row, zero, row, …, zero; `where` maps each row's words into it.
        starts = np.cumsum([0] + [len(rows[i]) + 1 for i in kept])
        where = np.concatenate([np.arange(len(rows[i])) + starts[k] + 1 for k, i in enumerate(kept)])
        gaps = starts
        x = np.zeros((starts[-1] + 1, words.shape[1]), dtype=np.float32)
        x[where] = words
        for taps, bias, scale, shift in self._layers:
            y = np.zeros((len(x), len(bias)), dtype=np.float32)
            inner = y[1:-1]
            inner += x[:-2] @ taps[0]
            inner += x[1:-1] @ taps[1]
            inner += x[2:] @ taps[2]
            inner += bias
            np.maximum(inner, 0, out=inner)
            inner *= scale
            inner += shift
            y[gaps] = 0
            x = y
        emissions = self._head(x[where])
        width = max(len(rows[i]) for i in kept)
        batch = np.zeros((len(kept), width, emissions.shape[1]), dtype=np.float32)
        mask = np.zeros((len(kept), width), dtype=bool)
        pos = 0
        for k, i in enumerate(kept):
            n = len(rows[i])
            batch[k, :n] = emissions[pos:pos + n]
            mask[k, :n] = True
            pos += n
        for i, tags in zip(kept, self._head.crf.decode(batch, mask)):
            out[i] = [self._tags[t] for t in tags]
        return out


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    """Loaded once per process, when first needed (about a second beside the vectors)."""
    return _Tagger()


# ---------------------------------------------------------------------------- mentions

_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "INTJ"}
_PROPER_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}
_JUNK_CHARS = set("©/\\|@#<>[]{}=_*+^~$%")
_OPENING = set("«\"“„'(-–—")


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


@remembered()
def _is_function_word(token: str) -> bool:
    return token.islower() and parse(token)[0].tag.POS in _FUNCTION_POS


def mentions(text: str, sentences: Sequence[Sentence]) -> tuple[Mention, ...]:
    """People (PER), organisations (ORG) and places (LOC) named in a document's text,
    in text order; offsets are into `text` (Document.text), as the sentences' are."""
    rows: list[list[tuple[int, int, str, int]]] = []  # per block: (start, end, token, sentence)
    block = None
    for s in sentences:
        if s.block != block or not rows:
            rows.append([])
            block = s.block
        rows[-1].extend((s.start + t.start, s.start + t.end, t.text, s.index) for t in adapt_tokens(s.text))
    rows = [row for row in rows if row]
    if not any(_is_word(t[2]) and t[2][:1].isupper() for row in rows for t in row):
        return ()
    tags = _tagger()([[t[2] for t in row] for row in rows])
    found: list[tuple[int, int, EntityType, int, bool]] = []
    for row, row_tags in zip(rows, tags):
        for first, last, kind in _spans(row, row_tags):
            span = _trim(row, first, last)
            if span is None:
                continue
            first, last = span
            sentence = row[first][3]
            opening = sentences[sentence].start
            at_start = all(t[2] in _OPENING for t in row[:first] if t[3] == sentence and t[0] >= opening)
            found.append((row[first][0], row[last][1], kind, sentence, at_start))  # type: ignore[arg-type]
    found = _join_org_place(found, text)
    found = [f for f in found if not _junk(text[f[0]:f[1]], f[2], f[4])]
    # Two passes: names whose normal form is certain («Алиев», «Марии Захаровой») settle
    # those that could be read two ways («Алиева»: his genitive or her nominative).
    first = {f[:2]: _normal_alone(text[f[0]:f[1]], f[2]) for f in found}
    attested = Counter(fold(w.text) for normal, certain in first.values() if certain for w in adapt_words(normal))
    settled: dict[str, str] = {}
    out = []
    for start, end, kind, sentence, _ in found:
        normal, certain = first[(start, end)]
        if not certain and kind == "PER":
            name = text[start:end]
            if name not in settled:
                settled[name] = _normal(name, kind, attested)[0]
            normal = settled[name]
        if normal:
            out.append(Mention(sentence, start, end, text[start:end], kind, normal))
    return tuple(out)


def _join_org_place(found: list, text: str) -> list:
    """An organisation and the state it belongs to, which the model tags apart: «МИД» +
    «РФ» → «МИД РФ», «Минобороны» + «России» → «Минобороны России»."""
    out: list = []
    for item in found:
        if out:
            start, end, kind, sentence, at_start = out[-1]
            if (kind == "ORG" and item[2] == "LOC" and item[3] == sentence and text[end:item[0]] == " "
                    and any(p.tag.case == "gent" for p in parse(adapt_words(text[item[0]:item[1]])[0].text.lower()))):
                out[-1] = (start, item[1], kind, sentence, at_start)
                continue
        out.append(item)
    return out


def _spans(row: list[tuple[int, int, str, int]], tags: list[str]) -> Iterable[tuple[int, int, str]]:
    """(first token, last token, type) of each tagged run, read as slovnet reads BIO tags
    (a run starts at B-, and an I- with nothing open is ignored), never across sentences."""
    current: list | None = None
    for k, ((_, _, _, sentence), tag) in enumerate(zip(row, tags)):
        part, _, kind = tag.partition("-")
        if current and (part != "I" or kind != current[2] or sentence != row[current[0]][3]):
            yield tuple(current)  # type: ignore[misc]
            current = None
        if part == "B":
            current = [k, k, kind]
        elif part == "I" and current:
            current[1] = k
    if current:
        yield tuple(current)  # type: ignore[misc]


def _trim(row: list[tuple[int, int, str, int]], first: int, last: int) -> tuple[int, int] | None:
    """Without punctuation or a preposition at either end («в Баку» → «Баку»); an
    initial keeps its full stop."""
    while first <= last and (not _is_word(row[first][2]) or _is_function_word(row[first][2])):
        first += 1
    for k in range(first + 1, last + 1):
        if row[k][2] in "([":  # «Минобороны США (РУМО»: the name ends before a bracket
            last = k - 1
            break
    while last >= first and not _is_word(row[last][2]):
        if row[last][2] == "." and last > first and _is_initial(row[last - 1][2]) and row[last - 1][1] == row[last][0]:
            break
        last -= 1
    return (first, last) if first <= last else None


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _junk(text: str, kind: str, at_start: bool) -> bool:
    """What the model tags that names no one: one letter, lower case («фотобанкПрезидент»),
    page furniture («ОБНОВЛЕНО», «© Sputnik /»), a common word that is capitalised only
    because a sentence starts with it («Американцы», «Невиновному»), a post taken for an
    organisation («Председатель Правительства»)."""
    words = [w.text for w in adapt_words(text)]
    if not words or sum(c.isalpha() for c in text) < 2 or not text[0].isupper():
        return True
    if "\n" in text or any(c in _JUNK_CHARS for c in text):
        return True
    if kind == "PER" and (all(_is_initial(w) for w in words) or any(w[:1].islower() or _not_a_name(w) for w in words)):
        return True
    if kind != "PER" and len(words) > 1 and _cyrillic(words[0]) and is_known(words[0]):
        top = parse(words[0].lower())[0].tag
        if top.POS == "NOUN" and top.animacy == "anim" and top.number == "sing" and not (_PROPER_TAGS | {"Fixd"}) & top.grammemes:
            return True  # a post, not a body: «Председатель Правительства», «Президент РФ»
    if len(words) == 1 and _cyrillic(words[0]):
        word = words[0]
        common = is_known(word) and not any(_PROPER_TAGS & p.tag.grammemes for p in parse(word.lower()))
        if common and (at_start or (word.isupper() and len(word) > 3)):
            return True
    return False


_NOT_NAME_POS = {"NPRO", "ADJS", "VERB", "INFN", "PRTS", "GRND", "ADVB", "PRED", "NUMR", "CONJ", "PREP", "PRCL", "INTJ"}
_SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ск|цк)(ий|ый|ая|а|ой|ого|ому|у|ым|ом|е|ых|ым|ыми)?$")


def _not_a_name(word: str) -> bool:
    """A dictionary word that no name reads as: «Вами», «Транспортно-транзитная»."""
    if _is_initial(word) or not _cyrillic(word):
        return False
    low = word.lower()
    if not (is_known(low) or ("-" in low and all(is_known(part) for part in low.split("-") if part))):
        return False
    parses = parse(low)
    if any(_NAME_TAGS & p.tag.grammemes for p in parses):
        return False
    top = parses[0].tag.POS
    return top in _NOT_NAME_POS or (top in ("ADJF", "PRTF") and not _SURNAME_END.search(low))


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


# ---------------------------------------------------------------------------- normal forms


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


@remembered()
def _is_abbreviation(word: str) -> bool:
    """«МИД», «РФ», «ТАСС», «НАТО»: upper case and not an ordinary word in capitals («БАКУ»)."""
    if len(word) < 2 or not word.isupper():
        return False
    if not _cyrillic(word) or len(word) <= 3 or not is_known(word):
        return True
    return bool({"Abbr", "Orgn"} & parse(word.lower())[0].tag.grammemes)


_ABBR_STEM = re.compile(r"^([А-ЯЁ]{2,})[а-яё]{1,3}$")  # «МИДа», «МВДшный»: the abbreviation


def _phrase(words: list[str]) -> list[str]:
    """A place or organisation: the head noun in the nominative, the adjectives before it
    agreeing with it, everything after it as written («Министерства иностранных дел РФ» →
    «Министерство иностранных дел РФ»)."""
    if not words:
        return words
    head = len(words) - 1
    for i, w in enumerate(words):
        if not _cyrillic(w) or _is_abbreviation(w) or _ABBR_STEM.match(w) or i == len(words) - 1:
            head = i
            break
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parse(w.lower())):
            head = i
            break
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
        return words
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


# ---------------------------------------------------------------------------- merging

# Names of one state or union: the first is the name shown. Only these are listed; «МИД РФ»
# and «МИД России» become one by the rule that replaces a listed name inside a longer one.
STATES: tuple[tuple[str, ...], ...] = (
    ("Россия", "РФ", "Российская Федерация"),
    ("США", "Соединённые Штаты", "Соединённые Штаты Америки"),
    ("Великобритания", "Британия", "Соединённое Королевство"),
    ("Белоруссия", "Беларусь"),
    ("Евросоюз", "ЕС", "Европейский союз"),
    ("Азербайджан", "Азербайджанская Республика"),
)


@remembered(list, tuple)
def _lemmas(name: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in _words(name))


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
    lemmas = list(_lemmas(name))
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


def _short_forms(names_by_doc: dict[str, set[str]]) -> dict[tuple[str, ...], str]:
    """Lemmas of a run of words -> the abbreviation they spell: the listed ones, and a run
    whose initials spell an abbreviation written in the same document («Совместный механизм
    расследования» and «СМР»), if no other run spells it and it spells nothing else.
    Abbreviations of listed names («РФ», «МИД») are never given another long form."""
    short = {_lemmas(long): fold(abbr) for abbr, long in SHORT_FORMS}
    reserved = set(short.values()) | {fold(a) for names in STATES for a in names if _is_abbreviation(a)}
    spelled: dict[tuple[str, ...], set[str]] = defaultdict(set)
    runs: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for names in names_by_doc.values():
        abbrs = {fold(w) for n in names for w in _words(n) if _is_abbreviation(w) and _cyrillic(w)}
        abbrs -= reserved
        if not abbrs:
            continue
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
                    letters = "".join(fold(words[k])[0] for k in range(i, j) if not skip[k])
                    if letters in abbrs:
                        spelled[lemmas[i:j]].add(letters)
                        runs[letters].add(lemmas[i:j])
    for run, abbrs in spelled.items():
        if len(abbrs) == 1 and len(runs[next(iter(abbrs))]) == 1:
            short.setdefault(run, next(iter(abbrs)))
    return short


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


def merge(mentions: Iterable[tuple[str, Mention]]) -> tuple[Entity, ...]:
    """Entities of the briefing from (document id, mention) pairs: the most mentioned first.

    People: full names that are forms of one name are one person («Никол Пашинян»,
    «Никола Пашиняна»); a surname alone («Алиев», «И. Алиев») or a first name with or
    without a patronymic («Владимир Владимирович») joins the one person it fits among
    those its own document names in full, or else among the briefing's; when two people
    fit, a surname stays an entity of its own and a first name is dropped, as is a first
    name no one fits. Places and organisations: one when their keys meet (_place_key).
    An entity's type is the one most of its mentions have."""
    items = list(mentions)
    # A person's full name that the model once took for an organisation or place is the person.
    people = {fold(m.normal) for _, m in items if m.type == "PER" and _name_parts(m.normal).full}
    person = [m.type == "PER" or fold(m.normal) in people for _, m in items]
    groups = _merge_people([x for x, p in zip(items, person) if p])
    groups += _merge_places([x for x, p in zip(items, person) if not p])
    return _entities(groups)


def entities_of(analyses: Iterable, cache: Path | None = None) -> tuple[Entity, ...]:
    """merge() over analysed documents (briefing.records.Analysis); with `cache` (a JSON
    file), the word-level answers of the last build are reused (_Remembered)."""
    if cache:
        _load_remembered(cache)
    entities = merge((a.document.id, m) for a in analyses for m in a.entities)
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
        if len(chosen) == 1:
            persons[chosen[0]].items.append((doc, m))
        elif name.surname:
            # No one, or more than one person, it could be: it stays a surname of its own.
            alone[(name.surname, name.initials[:1] if not fitting else "?")].append((doc, m))
    out: list[Group] = []
    for p in persons:
        shown = [m for _, m in p.items if names[m.normal].full]
        out.append((p.items, _best_name(shown, prefer=lambda m: not names[m.normal].patronymic)))
    # Surnames on their own: forms of one surname are one, and a bare one joins the one
    # initial written with it («Алиев» and «И. Алиев», where the briefing has no «Ильхам Алиев»).
    for cluster in _clusters([f"{i}|{s}" for s, i in alone], lambda a, b: _meet(a.split("|")[1], b.split("|")[1])):
        parts = defaultdict(list)
        for key in cluster:
            initial, surname = key.split("|")
            parts[initial].extend(alone[(surname, initial)])
        initials = [k for k in parts if k not in ("", "?")]
        if len(initials) == 1 and "" in parts:
            parts[initials[0]].extend(parts.pop(""))
        out += [(group, None) for group in parts.values()]
    return out


def _best_name(ms: list[Mention], prefer=lambda m: True) -> str:
    """The normal form to show: preferred forms first, then one the texts also write as it
    is (a nominative seen), then the most frequent."""
    counts = Counter(m.normal for m in ms)
    seen = Counter(m.normal for m in ms if fold(m.text) == fold(m.normal))
    chosen = {m.normal: prefer(m) for m in ms}
    return max(counts, key=lambda n: (chosen[n], seen[n], counts[n], -len(n), n))


def _merge_places(items: list[tuple[str, Mention]]) -> list[Group]:
    names_by_doc: dict[str, set[str]] = defaultdict(set)
    for doc, m in items:
        names_by_doc[doc].add(m.normal)
    short = _short_forms(names_by_doc)
    groups: dict[tuple[str, ...], list[tuple[str, Mention]]] = defaultdict(list)
    keys: dict[str, tuple[str, ...]] = {}
    for doc, m in items:
        key = keys.get(m.normal)
        if key is None:
            key = keys[m.normal] = _place_key(m.normal, short)
        groups[key].append((doc, m))
    shown = {"#" + fold(names[0]): names[0] for names in STATES}
    out: list[Group] = []
    for key, group in groups.items():
        name = shown.get(key[0]) if len(key) == 1 else None
        if name is not None and not any(fold(m.normal) == fold(name) for _, m in group):
            name = None
        out.append((group, name))
    return out


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

"""Tagging: slovnet's news NER model run on our own tokens, and the people, organisations and
places a document names, each with its normal form.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ...records import EntityType, Mention, Sentence
from ..russian import adapt_tokens, adapt_words, fold, is_known, parse
from ..vectors import _navec, navec_path
from .normal import _NAME_TAGS, _normal, _normal_alone
from .words import _cyrillic, _is_function_word, _is_initial, _is_word


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


_PROPER_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}
_JUNK_CHARS = set("©/\\|@#<>[]{}=_*+^~$%")
_OPENING = set("«\"“„'(-–—")


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

"""Stage 3, analyse: sentences, lemmas, keywords, summary and named entities of each document.

`analyse(doc, settings)` is a pure function of the cleaned document and the
analysis settings, so results are cached on disk by a hash of both and
computed in parallel when there are many documents.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..cache import prune, write_json
from ..config import AnalysisSettings
from ..forked import settle
from ..nlp.entities import mentions
from ..nlp.lexicon import LEXICON
from ..nlp.keywords import MODEL_VERSION as KEYWORD_MODEL, extract_keywords, proper_lemmas
from ..records import Analysis, Block, Document, Keyword, Mention, Sentence
from ..nlp.russian import adapt_sentences, adapt_words, is_content, lemma, lemma_parts, script
from ..nlp.summarize import MODEL_VERSION as SUMMARY_MODEL, Candidate, summarize

# Bump when the analysis changes its output for the same input: old cache entries die.
ANALYSIS_VERSION = "8"
PARALLEL_FROM = 8  # below this many documents to compute, a pool costs more than it saves
MIN_WORDS, MAX_WORDS = 6, 80


def block_offsets(blocks: tuple[Block, ...]) -> list[int]:
    """Where each block starts in Document.text (see records.join_blocks)."""
    offsets, pos = [], 0
    for i, block in enumerate(blocks):
        if i:
            pos += 1 if block.kind == "item" and blocks[i - 1].kind == "item" else 2
        offsets.append(pos)
        pos += len(block.text)
    return offsets


# 'В.Путин: ', 'И. Алиев: ', 'Мария Захарова: ' opening a line of a transcript.
# A single capitalised word is no name here: 'Итог: стороны подписали соглашение'.
_SPEAKER = re.compile(r"(?:(?:[А-ЯЁA-Z]\.\s?){1,2}[А-ЯЁA-Z][\w-]*|[А-ЯЁA-Z][\w-]*(?:\s[А-ЯЁA-Z][\w-]*){1,2}):\s")


def spoken_words(text: str, words: int) -> int:
    """Words a sentence says, not counting a speaker's name before it: 'И.Алиев: Спасибо
    большое, Владимир Владимирович.' says four, too few to stand in a summary."""
    label = _SPEAKER.match(text)
    return words - len(adapt_words(label.group())) if label else words


_CLOSING, _FINAL, _CONTINUING = "»\"”)", ".!…", ",;:)]"


def _eligible(text: str, block: Block, words: int, language: str) -> bool:
    """Prose of a readable length, in the document's language, that ends as a sentence
    ends (not in a list, a question, a quoted subheading or a cut-off 'отметил, что'),
    does not start mid-sentence (lower case, or ', что…' where a link was lost), and does
    not break a longer quotation (unbalanced quote marks)."""
    return (
        block.kind != "heading"
        and MIN_WORDS <= words <= MAX_WORDS
        and text.rstrip().rstrip(_CLOSING)[-1:] in _FINAL
        and not text[:1].islower()
        and text[:1] not in _CONTINUING
        and text.count("«") == text.count("»")
        and text.count('"') % 2 == 0
        and script(text) == language
    )


@dataclass(frozen=True)
class Prepared:
    """What keywords and summary are computed from: sentences as candidates, lemma stream."""

    sentences: tuple[Sentence, ...]
    candidates: tuple[Candidate, ...]
    stream: tuple[str, ...]
    proper: frozenset[str]
    title: frozenset[str]
    title_words: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[tuple[str, ...], ...]:
        """Word tokens of each sentence (every sentence has a candidate)."""
        return tuple(c.tokens for c in self.candidates)


def prepare(doc: Document) -> Prepared:
    sentences: list[Sentence] = []
    candidates: list[Candidate] = []
    title_words = tuple(w.text for w in adapt_words(doc.title))
    stream: list[str] = [p for w in title_words for p in lemma_parts(w)]
    sentence_words: list[list[str]] = []
    language = script(doc.text)
    prose_blocks = -1
    for b, (block, start) in enumerate(zip(doc.blocks, block_offsets(doc.blocks))):
        prose_blocks += block.kind != "heading"
        for i, span in enumerate(adapt_sentences(block.text)):
            words = [w.text for w in adapt_words(span.text)]
            sentence = Sentence(len(sentences), start + span.start, start + span.end, span.text, b)
            sentences.append(sentence)
            sentence_words.append(words)
            content = tuple(lemma(w) for w in words if is_content(w))
            eligible = _eligible(span.text, block, spoken_words(span.text, len(words)), language)
            candidates.append(Candidate(sentence, content, eligible, max(prose_blocks, 0), i == 0, tuple(words)))
            stream.append("")
            stream.extend(p for w in words for p in lemma_parts(w))
    if not any(c.eligible for c in candidates):
        # Text without readable sentences (no punctuation, only long runs): any prose will do.
        candidates = [replace(c, eligible=doc.blocks[c.sentence.block].kind != "heading") for c in candidates]
    title = frozenset(lemma(w) for w in title_words if is_content(w))
    proper = frozenset(proper_lemmas(sentence_words))
    return Prepared(tuple(sentences), tuple(candidates), tuple(stream), proper, title, title_words)


def keywords_of(doc: Document, p: Prepared, settings: AnalysisSettings) -> tuple[Keyword, ...]:
    blocks = [b.text for b in doc.blocks]
    texts = [s.text for s in p.sentences]
    return extract_keywords(doc.title, blocks, [list(w) for w in p.words], texts, settings, set(p.proper))


def analyse(doc: Document, settings: AnalysisSettings) -> Analysis:
    p = prepare(doc)
    keywords = keywords_of(doc, p, settings)
    summary = summarize(list(p.candidates), keywords, set(p.title), settings.summary_sentences, p.title_words)
    return Analysis(doc, p.sentences, p.stream, keywords, summary, mentions(doc.text, p.sentences))


def cache_key(doc: Document, settings: AnalysisSettings) -> str:
    # The blocks as asdict() gives them, written out: asdict copies deeply and took most of the key's time.
    payload = json.dumps(
        [ANALYSIS_VERSION, LEXICON.version, KEYWORD_MODEL, SUMMARY_MODEL, doc.title,
         [{"kind": b.kind, "text": b.text} for b in doc.blocks], asdict(settings)],
        ensure_ascii=False, sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _to_json(analysis: Analysis) -> dict[str, Any]:
    return {
        "sentences": [asdict(s) for s in analysis.sentences],
        "lemmas": list(analysis.lemmas),
        "keywords": [asdict(k) for k in analysis.keywords],
        "summary": [s.index for s in analysis.summary],
        "entities": [[m.sentence, m.start, m.end, m.type, m.normal] for m in analysis.entities],
    }


def _from_json(doc: Document, data: dict[str, Any]) -> Analysis:
    """An analysis as the cache stores it. Every build holds every document's lemma stream
    until grouping: each lemma (and each entity's name and type) is one string shared by
    all documents (sys.intern), not one per occurrence: about 70 KB less a document."""
    intern = sys.intern
    sentences = tuple(Sentence(**s) for s in data["sentences"])
    keywords = tuple(Keyword(k["text"], tuple(k["key"]), k["score"]) for k in data["keywords"])
    summary = tuple(sentences[i] for i in data["summary"])
    text = doc.text
    entities = tuple(Mention(i, start, end, intern(text[start:end]), intern(kind), intern(normal))
                     for i, start, end, kind, normal in data["entities"])
    return Analysis(doc, sentences, tuple(map(intern, data["lemmas"])), keywords, summary, entities)


def _read_cache(path: Path, doc: Document) -> Analysis | None:
    try:
        return _from_json(doc, json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _one_thread_per_worker() -> None:
    # Two processes each starting a BLAS thread per core run slower than one process.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"


def _analyse_packed(args: tuple[Document, AnalysisSettings]) -> Analysis:
    return analyse(*args)


def analyse_all(
    docs: Iterable[Document],
    settings: AnalysisSettings,
    cache_dir: Path | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Analysis]:
    """Analyse every document, reusing cached results; order is preserved.

    Each fresh analysis is stored as soon as it is made, so an interrupted build keeps
    its work; entries no document uses any more are removed at the end.
    `progress(done, total)` is called after each fresh analysis."""
    docs = list(docs)
    keys = [cache_key(doc, settings) for doc in docs] if cache_dir else []
    results: dict[int, Analysis] = {}
    todo: list[int] = []
    for i, doc in enumerate(docs):
        cached = _read_cache(cache_dir / f"{keys[i]}.json", doc) if cache_dir else None
        if cached is not None:
            results[i] = cached
        else:
            todo.append(i)
    for n, (i, analysis) in enumerate(zip(todo, _analyse_each([docs[i] for i in todo], settings, workers)), 1):
        data = _to_json(analysis)
        if cache_dir:
            write_json(cache_dir / f"{keys[i]}.json", data)
        results[i] = _from_json(docs[i], data)  # as a later build reads it: the same objects, shared strings
        if progress:
            progress(n, len(todo))
    if cache_dir:
        prune(cache_dir, {f"{k}.json" for k in keys})
    if todo:
        release_models()
    return [results[i] for i in range(len(docs))]


def release_models() -> None:
    """Let the word vectors and the NER model go (about 150 MB): no stage after the analysis
    uses them, and a build that analysed a few documents in-process would carry them to its
    end, through rendering and publishing, its largest moments."""
    from ..nlp import vectors
    from ..nlp.entities import tagging

    loaded = tagging._tagger.cache_info().currsize + vectors._navec.cache_info().currsize
    tagging._tagger.cache_clear()
    vectors._navec.cache_clear()
    if loaded:  # a full collection walks every object the build holds: only when it frees something
        gc.collect()


def _analyse_each(docs: list[Document], settings: AnalysisSettings, workers: int) -> Iterator[Analysis]:
    if workers > 1 and len(docs) >= PARALLEL_FROM:
        settle()  # the workers are forked copies of this process
        with ProcessPoolExecutor(max_workers=workers, initializer=_one_thread_per_worker) as pool:
            yield from pool.map(_analyse_packed, [(doc, settings) for doc in docs], chunksize=4)
    else:
        yield from (analyse(doc, settings) for doc in docs)

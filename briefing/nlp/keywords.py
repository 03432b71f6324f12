"""Keywords: candidates from YAKE, the text's nouns and its names, ranked by a small model.

Candidates are (1) YAKE's phrases, (2) every noun, (3) runs of capitalised words
that are names ("Дональд Трамп", "Нижний Новгород"); a surname alone counts as a
mention of the full name found elsewhere in the text. Each is shown in its readable
normal form (phrases.display_form) and identified by its lemma sequence.
The names of one thing are one candidate (the entity merge's STATES: «РФ» is «Россия»; an
abbreviation and the phrase of the text it spells). Words that fit any story («страна»,
«президент») are no keyword alone.
They are rated (higher is better) by a logistic model over features a reader would
name (frequency, first position, in the title, a name, YAKE's rank, how rare the
words are in news: lexicon.py…, and how seldom news editors made the phrase a tag when
their article had it: PRIOR), whose weights
ship in keyword_model.json and are retrained reproducibly with
`python -m briefing.bench train-keywords`. Deterministic; ties keep text order.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yake

from ..config import AnalysisSettings
from .lexicon import LEXICON
from .linear import LogisticModel
from .phrases import display_form
from ..records import Keyword
from .russian import adapt_words, fold, lemma, parse, script
from .entities.merging import STATES
from .entities.normal import normal_form as person_name


# Words too generic to be a keyword alone or to start one.
GENERIC = frozenset(
    "млрд млн тыс трлн процент доллар евро рубль год месяц неделя день число раз время "
    "часть ряд вопрос сторона итог рамка тема слово образ случай".split()
) | frozenset(  # news agencies are where a report comes from, not what it is about
    "риа тасс итар-тасс интерфакс reuters afp bloomberg dpa ap".split()
)
CURRENCIES = frozenset({"доллар", "цент", "фунт", "евро", "юань"})
# Words that say nothing of a story alone (a title, a word that fits any story: issue 24),
# though a phrase may hold them: «торговые отношения», «президент Азербайджана».
VAGUE_ALONE = frozenset(
    "президент страна человек дело решение место глава представитель житель работа ситуация "
    "результат информация отношение проблема данные заявление процесс условие возможность момент власть".split()
)
_NAME_TAGS = {"Name", "Surn", "Patr"}
# How rarely news editors make a phrase a tag when their text has it ("keyphraseness", as
# KEA calls it, kept below zero): smoothed log-odds against all candidates, negative part only.
# Learnt from the training articles' tags (`train-keywords`, leave-one-out there) and shipped
# in the model file for the phrases it lowers: «страна», «матч», «территория» are seldom a tag.
# The positive part (RT's favourite tags: «спорт», «допинг») raised F1@10 on RT's own tags by
# 0.045 but not on another paper's (NG), and put «спорт» on a story about Moscow's parks.
PRIOR = ("never_a_tag",)
FEATURES = (
    "log_frequency", "frequency_share", "first_position", "spread", "in_title", "in_first_sentence",
    "one_word", "two_words", "three_words", "proper", "person", "place", "organisation", "latin",
    "noun", "yake_inverse_rank", "from_yake", "from_names", "frequency_rank_inverse",
    "adjective_led", "mentioned_once", "idf_mean", "idf_min", "idf_max", *PRIOR,
)
MODEL_FILE = Path(__file__).with_name("keyword_model.json")
MODEL = LogisticModel(MODEL_FILE, FEATURES, "python -m briefing.bench train-keywords")
MODEL_VERSION = MODEL.version


def proper_lemmas(sentences: Iterable[list[str]]) -> set[str]:
    """Lemmas of words the text capitalises somewhere other than a sentence start."""
    found: set[str] = set()
    for words in sentences:
        for word in words[1:]:
            if word[:1].isupper():
                found.add(lemma(word))
    return found


def yake_input(title: str, blocks: Iterable[str]) -> str:
    """Title and blocks, each closed with a full stop so YAKE never joins across them."""
    parts = [title, *blocks]
    return "\n".join(p if p.endswith((".", "!", "?", "…", ":", ";")) else p + "." for p in parts if p)


@dataclass
class Candidate:
    key: tuple[str, ...]
    shown: str
    positions: list[int] = field(default_factory=list)  # token index of each mention
    yake_rank: int | None = None
    from_names: bool = False
    tags: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _stopwords(lan: str) -> frozenset[str]:
    return frozenset(w.lower() for w in getattr(yake.KeywordExtractor(lan=lan), "stopword_set", ()))


@lru_cache(maxsize=100_000)
def _tags(word: str) -> frozenset[str]:
    tag = parse(fold(word))[0].tag
    return _tag_set(str(tag), tag.POS or "")


@lru_cache(maxsize=None)
def _tag_set(tag: str, pos: str) -> frozenset[str]:
    """One set per distinct tag (a few thousand), shared by the words that have it."""
    return frozenset(tag.replace(" ", ",").split(",")) | {pos}


def _is_word(token: str) -> bool:
    return any(c.isalpha() for c in token) and not any(c.isdigit() for c in token) and len(token) > 1


_CAPITALISED_RUN = re.compile(r"[A-ZА-ЯЁ][\w-]*(?:[ \u00a0]+[A-ZА-ЯЁ][\w-]*)+")


def _person(words: list[str]) -> bool:
    """'Дональд Трамп', 'Михаил Владимирович Мишустин', 'Donald Trump': a first name, then
    patronymic or surname (or words pymorphy does not know, as foreign surnames are), ending
    on a surname."""
    if all("LATN" in _tags(w) for w in words):
        return True
    first, rest = _tags(words[0]), [_tags(w) for w in words[1:]]
    if "Patr" in rest[-1] and "Surn" not in rest[-1]:
        return False  # «Владимир Владимирович»: a first name and patronymic name no one alone
    return "Name" in first and all(t & {"Surn", "Patr", "UNKN"} or "NOUN" not in t for t in rest)


def _name_runs(text: str) -> list[tuple[int, list[str]]]:
    """Person names written in the sentence: (word offset, words), at most three words."""
    runs = []
    for m in _CAPITALISED_RUN.finditer(text):
        words = m.group().split()
        offset = len(text[: m.start()].split())
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                window = words[i : i + size]
                if all(_is_word(w) and not w.isupper() for w in window) and _person(window):
                    runs.append((offset + i, window))
    return runs


def _single_form(word: str, tags: frozenset[str]) -> str:
    """A noun alone in its dictionary form: 'США', 'Москва', 'переговоры', 'Санкт-Петербург'."""
    normal = parse(fold(word))[0].normal_form
    if "plur" in tags and "Name" in tags and word.lower().endswith(("ов", "ев", "ин", "ын")):
        return word  # 'Асадов': a surname pymorphy reads as the plural of a first name
    if len(word) > 1 and word.isupper():
        return word  # an abbreviation as written: 'ИГ', not pymorphy's 'ИГО'; 'США', 'МИД'
    if tags & {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} or "LATN" in tags:
        return "-".join(p[:1].upper() + p[1:] for p in normal.split("-")) if "LATN" not in tags else word
    return normal


def candidates(
    title: str, sentences: list[list[str]], texts: list[str], yake_phrases: list[str], proper: set[str]
) -> tuple[list[Candidate], int]:
    """Every candidate with its mentions; the total number of tokens."""
    found: dict[tuple[str, ...], Candidate] = {}
    pair_forms: dict[str, str | None] = {}
    stream: list[str] = []
    token = 0
    all_sentences = [[w.text for w in adapt_words(title)], *sentences]
    for words, text in zip(all_sentences, [title, *texts]):
        for offset, run in _name_runs(text):
            run_start = token + offset
            shown = _name_form(" ".join(run))
            if shown:
                key = lemma_key(shown)
                c = found.setdefault(key, Candidate(key, shown, from_names=True))
                c.positions.append(run_start)
        tags_of = [_tags(w) if _is_word(w) else None for w in words]  # None: not a word
        for i in range(len(words) - 1):
            first, second = tags_of[i], tags_of[i + 1]
            if first is None or second is None or "ADJF" not in first or "NOUN" not in second:
                continue
            pair = _adjective_noun(words[i], words[i + 1], proper, pair_forms)
            if pair:
                key = lemma_key(pair)
                if key[-1] not in GENERIC:
                    found.setdefault(key, Candidate(key, pair)).positions.append(token + i)
        for j, (w, tags) in enumerate(zip(words, tags_of)):
            stream.append(fold(lemma(w)) if tags is not None else "")
            tags = tags or frozenset()
            latin_name = "LATN" in tags and w[:1].isupper() and w.lower() not in _stopwords("en")
            if "NOUN" in tags or latin_name:
                key = (fold(lemma(w)),)
                currency = j > 0 and stream[-2] in CURRENCIES  # «долларов США» is money, not the USA
                if key[0] not in GENERIC and key[0] not in VAGUE_ALONE and not currency:
                    if key not in found:
                        found[key] = Candidate(key, _single_form(w, tags), tags=tags)
                    found[key].positions.append(token)
            token += 1
    for rank, phrase in enumerate(yake_phrases):
        shown = display_form(phrase, proper)
        if not shown:
            continue
        key = lemma_key(shown)
        if key[0] in GENERIC or key == (key[0],) and key[0] in VAGUE_ALONE:
            continue
        c = found.get(key)
        if c is None or not c.positions:
            at = [i for i in range(len(stream) - len(key) + 1) if tuple(stream[i : i + len(key)]) == key]
            if at and all(i and stream[i - 1] in CURRENCIES for i in at):
                continue  # only ever «долларов США»
            c = found.setdefault(key, Candidate(key, shown))
            c.positions = at
        c.yake_rank = rank if c.yake_rank is None else c.yake_rank
    _credit_surnames(found)
    _merge_aliases(found)
    return [c for c in found.values() if c.positions or c.yake_rank is not None], max(token, 1)


# Names of one thing a keyword list should give once. The entity merge's states (STATES:
# «Россия», «РФ», «Российская Федерация»), and whole keywords that only stand alone for a
# state: «Америка» is the USA in the news, but not inside «Латинская Америка».
KEYWORD_ALIASES: tuple[tuple[str, ...], ...] = (("США", "Америка"),)


@lru_cache(maxsize=1)
def _aliases() -> dict[tuple[str, ...], tuple[tuple[str, ...], str]]:
    """Lemma key of a listed name -> (the lemma key of its group's first name, that name)."""
    table: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
    for names in (*STATES, *KEYWORD_ALIASES):
        first = (lemma_key(names[0]), names[0])
        for name in names:
            table.setdefault(lemma_key(name), first)
    return table


def alias_of(key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The key of the group of names of one state that `key` is in, or None."""
    found = _aliases().get(key)
    return found[0] if found else None


def lemma_key(name: str) -> tuple[str, ...]:
    """A phrase's identity: its words' lemmas."""
    return tuple(fold(lemma(w)) for w in name.split())


def initials(shown: str) -> str:
    """«Исламское государство» → «ИГ», «Министерство иностранных дел» → «МИД»."""
    return "".join(w[:1] for w in shown.split() if w[:1].isalpha()).upper()


def _merge_aliases(found: dict[tuple[str, ...], Candidate]) -> None:
    """One candidate per thing: the listed names of a state become one («РФ» and «Россия»),
    and an abbreviation joins the phrase of this text that it abbreviates («ИГ» and
    «Исламское государство»). The merged candidate has every mention; it is shown as the
    group's first name (as the entity pages name the state) and, for an abbreviation, as
    the phrase, which a reader understands without the text."""
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    spelled_out: set[tuple[str, ...]] = set()
    table = _aliases()
    for key in found:
        if key in table:
            groups.setdefault(table[key][0], []).append(key)
    spelled = {initials(c.shown): key for key, c in found.items() if len(key) >= 2 and not c.from_names}
    for key, c in found.items():
        if len(key) == 1 and 2 <= len(c.shown) <= 6 and c.shown.isupper() and key not in table:
            long = spelled.get(c.shown)
            if long is not None and long not in table:
                groups.setdefault(long, [long]).append(key)
                spelled_out.add(long)
    for target, keys in groups.items():
        if keys == [target]:
            continue
        members = [found[k] for k in keys]
        shown = found[target].shown if target in spelled_out else table[target][1]
        merged = Candidate(
            target, shown, sorted({p for c in members for p in c.positions}),
            min((c.yake_rank for c in members if c.yake_rank is not None), default=None),
            any(c.from_names for c in members), max(members, key=lambda c: len(c.positions)).tags,
        )
        for k in keys:
            del found[k]
        found[target] = merged


def _adjective_noun(first: str, second: str, proper: set[str], forms: dict[str, str | None]) -> str | None:
    """'ядерной программы' -> 'ядерная программа': an agreeing adjective (ADJF) and noun,
    words both, as the caller has checked. `forms` remembers the pairs of one document (the
    form depends on the document's proper names: a cache across documents held a copy of
    those per pair: tracemalloc counted 105 MB of them after 300 documents)."""
    pair = f"{first} {second}"
    if pair not in forms:
        forms[pair] = display_form(pair, proper)
    return forms[pair]


@lru_cache(maxsize=50_000)
def _name_form(run: str) -> str | None:
    """A person's name in the nominative of the person's gender, as the entity pages write
    it («Реджепа Тайипа Эрдогана» → «Реджеп Тайип Эрдоган»)."""
    return person_name(run, "PER") or None


def _credit_surnames(found: dict[tuple[str, ...], Candidate]) -> None:
    """'Трамп' alone is a mention of 'Дональд Трамп' when the text names him in full."""
    for key, c in list(found.items()):
        if c.from_names and len(key) >= 2:
            alone = found.get((key[-1],))
            if alone is not None:
                c.positions = sorted(set(c.positions) | set(alone.positions))


@dataclass(frozen=True)
class TagPrior:
    """Per lemma key (words joined by spaces): [articles where it was a tag, articles where it
    was a candidate] (in the model file: "tagged seen"); `rate`: the share of candidates that
    are tags; `smoothing`: the weight of that rate in each key's estimate."""
    keys: dict[str, list[int]]
    rate: float
    smoothing: float

    @classmethod
    def shipped(cls) -> "TagPrior":
        data = MODEL.data.get("tag_prior") or {}
        keys = {k: [int(n) for n in v.split()] for k, v in data.get("keys", {}).items()}
        return cls(keys, data.get("rate", 0.5), data.get("smoothing", 1.0))


NO_PRIOR = TagPrior({}, 0.5, 1.0)


def prior_columns(key: tuple[str, ...], table: TagPrior, own: tuple[int, int] = (0, 0)) -> list[float]:
    """The PRIOR features of one candidate; `own` is the article's own count, taken out
    when the table was counted on the article itself (training)."""
    return [min(tag_odds(key, table, own), 0.0)]


def tag_odds(key: tuple[str, ...], table: TagPrior, own: tuple[int, int] = (0, 0)) -> float:
    """Smoothed log-odds that the phrase is a tag where it is a candidate, against the rate
    of all candidates: 0 for a phrase never seen."""
    tagged, seen = table.keys.get(" ".join(key), (0, 0))
    tagged, seen = tagged - own[0], seen - own[1]
    a, rate = table.smoothing, table.rate
    return math.log((tagged + a * rate) / (seen - tagged + a * (1 - rate))) - math.log(rate / (1 - rate))


def features(cands: list[Candidate], title_key: tuple[str, ...], first_sentence: set[str], total: int,
             table: TagPrior = NO_PRIOR) -> list[list[float]]:
    counts = [len(c.positions) for c in cands]
    top = max(counts, default=1) or 1
    order = sorted(range(len(cands)), key=lambda i: -counts[i])
    frequency_rank = {i: r for r, i in enumerate(order)}
    rows = []
    for i, c in enumerate(cands):
        n = len(c.key)
        tags = c.tags or _tags(c.shown.split()[0])
        positions = c.positions or [total]
        in_title = any(tuple(title_key[j : j + n]) == c.key for j in range(len(title_key) - n + 1))
        idf = [LEXICON.idf(word) for word in c.key]  # how rare in news: 'допинг' says more than 'Россия'
        rows.append([
            math.log1p(counts[i]),
            counts[i] / top,
            min(positions) / total,
            (max(positions) - min(positions)) / total,
            float(in_title),
            float(all(k in first_sentence for k in c.key)),
            float(n == 1), float(n == 2), float(n >= 3),
            float(c.shown[:1].isupper()),
            float(bool(_NAME_TAGS & tags)),
            float("Geox" in tags),
            float("Orgn" in tags),
            float(not any("а" <= ch <= "я" for ch in c.shown.lower())),
            float("NOUN" in tags),
            1 / (1 + c.yake_rank) if c.yake_rank is not None else 0.0,
            float(c.yake_rank is not None),
            float(c.from_names),
            1 / (1 + frequency_rank[i]),
            float(n >= 2 and "ADJF" in _tags(c.shown.split()[0])),
            float(counts[i] <= 1),
            sum(idf) / n, min(idf), max(idf),
            *prior_columns(c.key, table),
        ])
    return rows


@lru_cache(maxsize=1)
def _shipped_prior() -> TagPrior:
    return TagPrior.shipped()


def rate(rows: list[list[float]]) -> list[float]:
    return MODEL.rate(rows)


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return len(outer) > n and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _is_name(keyword: Keyword) -> bool:
    return len(keyword.key) > 1 and all(w[:1].isupper() for w in keyword.text.split())


def select(ranked: list[Keyword], count: int) -> tuple[Keyword, ...]:
    """Best first; drop repeats of a lemma sequence, phrases inside or overlapping a
    better phrase, and single words inside a name ('Алиев' when 'Ильхам Алиев' is there).
    A phrase is compared only with the chosen ones sharing a word with it (both tests need
    one), found through an index of chosen words: all pairs took 4 % of the analysis."""
    chosen: list[Keyword] = []
    keys: set[tuple[str, ...]] = set()
    having: dict[str, list[tuple[str, ...]]] = {}  # word -> keys of chosen phrases with it
    for kw in ranked:
        if kw.key in keys:
            continue
        if len(kw.key) > 1:
            words = set(kw.key)
            near = {c for w in words for c in having.get(w, ())}
            if any(_contains(c, kw.key) or len(words & set(c)) >= 2 for c in near):
                continue  # inside a better phrase, or a variant of one: 'содействие нормализации'
        chosen.append(kw)
        keys.add(kw.key)
        for w in set(kw.key):
            having.setdefault(w, []).append(kw.key)
    in_names = {w for c in chosen if _is_name(c) for w in c.key}
    kept = [c for c in chosen if not (len(c.key) == 1 and c.key[0] in in_names)]
    return tuple(kept[:count])


def yake_phrases(text: str, settings: AnalysisSettings) -> list[str]:
    extractor = yake.KeywordExtractor(
        lan=script(text), n=settings.max_words, dedup_lim=settings.dedup_lim,
        window_size=settings.window_size, top=settings.keywords * 4,
    )
    stopwords = {w.lower() for w in getattr(extractor, "stopword_set", ())}
    return [
        phrase for phrase, _ in extractor.extract_keywords(text)
        if not any(len(w) < 2 or any(c.isdigit() for c in w) or w.lower() in stopwords for w in phrase.split())
    ]


def prepare_candidates(
    title: str, blocks: Iterable[str], sentences: list[list[str]], texts: list[str],
    settings: AnalysisSettings, proper: set[str], table: TagPrior | None = None,
) -> tuple[list[Candidate], list[list[float]]]:
    """Candidates and their feature rows (also what the trainer learns from, with `table`
    NO_PRIOR: it fills the PRIOR columns itself)."""
    blocks = list(blocks)
    cands, total = candidates(title, sentences, texts, yake_phrases(yake_input(title, blocks), settings), proper)
    title_key = tuple(fold(lemma(w.text)) for w in adapt_words(title))
    first = {fold(lemma(w)) for w in (sentences[0] if sentences else [])}
    return cands, features(cands, title_key, first, total, _shipped_prior() if table is None else table)


def extract_keywords(
    title: str, blocks: Iterable[str], sentences: list[list[str]], texts: list[str],
    settings: AnalysisSettings, proper: set[str],
) -> tuple[Keyword, ...]:
    """Top keywords, most relevant first; score = the model's rating, in (0, 1)."""
    cands, rows = prepare_candidates(title, blocks, sentences, texts, settings, proper)
    scores = rate(rows)
    order = sorted(range(len(cands)), key=lambda i: (-scores[i], min(cands[i].positions or [0])))
    ranked = [Keyword(cands[i].shown, cands[i].key, round(scores[i], 6)) for i in order]
    return select(ranked, settings.keywords)

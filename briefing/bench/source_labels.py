"""The hand-labelled source sample (briefing/bench/source_labels.tsv), issue 23, Deliver 4.

100 articles from the development data (RT parts 0-5 and NG 0-1 of
../shared/eval-data/ru_kw_eval_datasets; never RT 6-7), to be built WITHOUT their url: the
label is the source a reader may be shown from the text alone, i.e. only an attribution that
is the document's own (a wire dateline at its start, a credit line at its end), else none.
The TSV holds ids, labels and short notes, never article text. See SOURCE_LABELS.md.

`source_sample(data)` redraws the sample deterministically (no random state: a seeded hash
orders the candidates), `source_labels()` reads the labels."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from briefing.bench.data import Story, _records, labels_by_id, read_tsv

DEFAULT_PATH = Path(__file__).with_name("source_labels.tsv")
HEADER = ["id", "source", "note"]
SEED = "issue-23-sources"
RT_PARTS = tuple(f"russia_today_{i}" for i in range(6))  # RT 6-7 are held-out test data
NG_PARTS = ("ng_0", "ng_1")
# (publisher, stratum) -> how many articles: 70 RT / 30 NG; half with a cue at an end ("line":
# a short end paragraph with a cue, the look of a credit line; "cue": any end paragraph with a
# cue), half at random. Strata are drawn in this order, each from what the earlier ones left.
# NG has only 12 articles with a cue line (RT 310): all are taken.
QUOTA = {("rt", "line"): 14, ("rt", "cue"): 21, ("rt", "random"): 35,
         ("ng", "line"): 12, ("ng", "cue"): 3, ("ng", "random"): 15}
EDGE = 2  # paragraphs looked at at each end (RT texts open with a subheading, close with footnotes)
LINE = 100  # characters: an end paragraph this short with a cue looks like a credit line
# A reporting verb or an agency name: an article whose edge paragraphs carry one MAY have an
# attribution of its own, so these are over-sampled; the label is decided by reading.
CUE = re.compile(
    r"(?<!\w)(?:(?i:сообща\w*|переда[её]т|передают|по данным|по информации|по сообщению|по материалам"
    r"|источник:|агентств\w*)"
    r"|ТАСС|РИА|Интерфакс\w*|ИНТЕРФАКС\w*|Reuters|Рейтер\w*|AFP|Франс[ -]Пресс|Bloomberg|Associated Press"
    r"|AP|RT|Sputnik|Прайм|ПРАЙМ|DPA|dpa|Синьхуа)(?!\w)")
ID_RE = re.compile(r"(russia_today_[0-5]|ng_[01])-\d{5}")


def paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped: the records' paragraphs."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def has_cue(text: str) -> bool:
    """A reporting verb or agency name in the first or last EDGE paragraphs."""
    paras = paragraphs(text)
    return any(CUE.search(p) for p in paras[:EDGE] + paras[-EDGE:])


def has_cue_line(text: str) -> bool:
    """One of the first or last EDGE paragraphs is at most LINE characters long and has a cue:
    a credit line («По информации Интерфакса»), or a look-alike (a photo credit «Reuters», an
    embedded tweet's «— RT», a byline)."""
    paras = paragraphs(text)
    return any(len(p) <= LINE and CUE.search(p) for p in paras[:EDGE] + paras[-EDGE:])


STRATA = {"line": has_cue_line, "cue": has_cue, "random": lambda text: True}


def _pool(data: Path) -> dict[str, list[Story]]:
    """Every development record with text, as a Story (id `<file stem>-<index:05d>`, the index
    counted as in data.stories); NG records repeating an earlier text are dropped."""
    pool: dict[str, list[Story]] = {"rt": [], "ng": []}
    seen: set[str] = set()
    for publisher, names in (("rt", RT_PARTS), ("ng", NG_PARTS)):
        for name in names:
            for i, rec in enumerate(_records(data / "ru_kw_eval_datasets" / f"{name}.jsonlines.zip")):
                content = rec.get("content") or ""
                if not content.strip() or content in seen:
                    continue
                seen.add(content)
                date = rec.get("date") or rec.get("published")
                pool[publisher].append(Story(f"{name}-{i:05d}", (rec.get("title") or "").strip(), content,
                                             (rec.get("url") or "").strip(), str(date) if date else None))
    return pool


def _rank(stratum: str, story_id: str) -> str:
    """A seeded pseudo-random order, drawn afresh for each stratum (so the random stratum is not
    simply the articles that ranked below the cue draw)."""
    return hashlib.sha256(f"{SEED}:{stratum}:{story_id}".encode()).hexdigest()


def source_strata(data: Path) -> dict[str, str]:
    """Story id -> the stratum it was drawn in, for the labelled sample: per publisher and in
    the order of STRATA, QUOTA[(publisher, stratum)] articles passing the stratum's test among
    those not drawn yet, the lowest by the stratum's own seeded hash."""
    return {s.id: stratum for stratum, s in _draw(data)}


def source_sample(data: Path, n: int = 100) -> list[Story]:
    """The labelled sample (see source_strata), in id order. `n` must be 100, the sum of the
    quotas: it is a parameter only so that a caller says what it expects."""
    if n != sum(QUOTA.values()):
        raise ValueError(f"the labelled sample has {sum(QUOTA.values())} articles, not {n}")
    return sorted((s for _, s in _draw(data)), key=lambda s: s.id)


def _draw(data: Path) -> list[tuple[str, Story]]:
    chosen: list[tuple[str, Story]] = []
    for publisher, stories in _pool(data).items():
        taken: set[str] = set()
        for stratum, test in STRATA.items():
            candidates = [s for s in stories if s.id not in taken and test(s.content)]
            drawn = sorted(candidates, key=lambda s: _rank(stratum, s.id))[:QUOTA[(publisher, stratum)]]
            taken.update(s.id for s in drawn)
            chosen += [(stratum, s) for s in drawn]
    return chosen


def load_rows(path: Path = DEFAULT_PATH) -> list[dict[str, str]]:
    """Every row of the TSV as a dict keyed by the header; raises ValueError on a malformed file."""
    return read_tsv(path, HEADER)


def parse_source(cell: str) -> frozenset[str]:
    """Empty: no source may be shown; else the acceptable spellings, separated by `|`."""
    cell = cell.strip()
    if not cell:
        return frozenset()
    names = frozenset(x.strip() for x in cell.split("|"))
    if "" in names:
        raise ValueError(f"empty alternative in {cell!r}")
    return names


def source_labels(path: Path = DEFAULT_PATH) -> dict[str, frozenset[str]]:
    """Article id -> the acceptable spellings of its own source (empty set: show no source)."""
    return labels_by_id(load_rows(path), ID_RE, "source", parse_source)

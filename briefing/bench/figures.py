"""python -m briefing.bench figures --data DIR [--limit N] [--samples FILE] [--seed S]: the figures a
dossier would show, read from the sentences of the first N RT development articles with the
facts functions (no build: RT articles are undated, so a period is only what a sentence
writes with its own year), under the rule before issue 24 (a unit and any measure) and this
one (briefing/nlp/facts/readable.py: a measure on the checked list, in a unit it comes in).

It prints the counts and a seeded random sample of SAMPLE figures shown under each rule, as
they would read on a page, for a hand check; --samples FILE also writes every measure found
with its count and one sentence (what the checked list was read from).
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from ..nlp.facts import figure_periods, figures, measure_label, written
from ..nlp.russian import adapt_sentences
from .data import stories

SAMPLE = 60
SEED = 24


def _shown(data: Path, limit: int) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str, str]], Counter, dict]:
    """(old, new) shown figures as (article, figure, measure as shown, sentence), the measures
    found and one sentence for each."""
    old, new = [], []
    measures: Counter[str] = Counter()
    example: dict[str, str] = {}
    for story in stories(data, "dev", limit):
        for paragraph in story.content.split("\n"):
            for s in adapt_sentences(paragraph):
                if not any(c.isdigit() for c in s.text):
                    continue
                found = figures(s.text)
                for f, period in zip(found, figure_periods(s.text, found)):
                    if f.unit and f.measure:
                        measures[f.measure] += 1
                        example.setdefault(f.measure, s.text)
                        change = " (изменение)" if f.change else ""
                        old.append((story.id, f.text, f.measure + change, s.text))
                    if label := measure_label(f):
                        change = ", изменение" if f.change else ""
                        when = f" ({period.human()})" if period else ""
                        new.append((story.id, written(f), label + change + when, s.text))
    return old, new, measures, example


def run(data: Path, limit: int | None, samples: Path | None, seed: int = SEED) -> str:
    old, new, measures, example = _shown(data, limit or 300)
    lines = [f"figures with a unit and a measure (rule before issue 24): {len(old)}; "
             f"shown now: {len(new)}; distinct measures found: {len(measures)}", ""]
    for name, shown in (("before", old), ("now", new)):
        picked = random.Random(seed).sample(shown, min(SAMPLE, len(shown)))
        lines.append(f"## {name}: {len(picked)} of {len(shown)} at random (seed {seed})")
        for n, (doc, text, measure, sentence) in enumerate(picked, 1):
            lines.append(f"{n:2d}. {doc} **{text}** — {measure}. «{sentence[:240]}»")
        lines.append("")
    if samples:
        samples.write_text("".join(f"{n}\t{m}\t{example[m][:200]}\n" for m, n in measures.most_common()), encoding="utf-8")
    return "\n".join(lines)

"""python -m briefing.bench cleaning --data DIR [--samples FILE]

What each cleaning rule (briefing/stages/clean.py RULES) removed or rewrote over every
article of ../shared/eval-data (RT and NG), and code left in the text before and after.
"""

from __future__ import annotations

import difflib
import heapq
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..stages.clean import RULES, apply_rules, drop_page_script
from .data import _records

# Looser than drop_page_script and independent of it: a line with any of these is counted.
_CODE = re.compile(
    r"jwplayer|function\s*\(|\bvar\s+\w+\s*=|[{};]{3,}|\b(?:window|document)\.\w"
    r"|\{\s*\"[\w-]+\"\s*:|[\w-]\s*\{\s*[a-z-]+\s*:\s*[^\s;{}]"
)
_CODE_LIKE = re.compile(r"[{}=;<>]|//")


def code_left(text: str) -> int:
    """Lines of `text` that still look like script or style (goal: 0 after cleaning)."""
    return sum(1 for line in text.split("\n") if _CODE.search(line))


def every_article(data: Path) -> Iterator[tuple[str, str]]:
    """(id, content) of every record with text, RT parts then NG, in file order."""
    for path in sorted((data / "ru_kw_eval_datasets").glob("*.jsonlines.zip")):
        for i, rec in enumerate(_records(path)):
            if (rec.get("content") or "").strip():
                yield f"{path.name.split('.')[0]}:{i}", rec["content"]


def _lines(text: str) -> Counter[str]:
    return Counter(line for line in text.split("\n") if line.strip())


@dataclass
class RuleCount:
    documents: int = 0
    removed: int = 0  # lines fewer after the rule
    rewritten: int = 0  # lines after the rule that were not there before (edited or joined)


@dataclass
class Tally:
    rules: dict[str, RuleCount] = field(default_factory=lambda: {r.name: RuleCount() for r in RULES})
    removals: list[tuple[str, str]] = field(default_factory=list)  # (id, what drop_page_script took)

    def trace(self, path: str, rule: str, before: str, after: str) -> None:
        gone = sum((_lines(before) - _lines(after)).values())
        new = sum((_lines(after) - _lines(before)).values())
        count = self.rules[rule]
        count.documents += 1
        count.removed += gone - new
        count.rewritten += new
        if rule == "drop_page_script":
            self.removals += [(path, chunk) for chunk in _removed_chunks(before, after)]


def _removed_chunks(before: str, after: str) -> list[str]:
    """Each run of lines the rule removed or changed, as it stood before."""
    a, b = before.split("\n"), after.split("\n")
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return ["\n".join(a[i1:i2]) for tag, i1, i2, _, _ in ops if tag in ("delete", "replace") and "".join(a[i1:i2]).strip()]


def _keep_near_misses(heap: list[tuple[bool, int, str, str]], doc: str, text: str, k: int = 30) -> None:
    """The `k` kept lines most like code: flagged by the loose detector first, then by the
    number of '{}=;<>' and '//' in them (not brackets: prose has many)."""
    for line in text.split("\n"):
        marks = len(_CODE_LIKE.findall(line))
        if marks:
            item = (bool(_CODE.search(line)), marks, doc, line)
            if len(heap) < k:
                heapq.heappush(heap, item)
            else:
                heapq.heappushpop(heap, item)


def run(data: Path, samples: Path | None = None, seed: int = 23) -> str:
    tally = Tally()
    near: list[tuple[bool, int, str, str]] = []
    docs = before_lines = before_docs = after_lines = after_docs = 0
    rule_seconds = all_seconds = 0.0
    for doc_id, content in every_article(data):
        started = time.perf_counter()
        drop_page_script(content)
        rule_seconds += time.perf_counter() - started
        started = time.perf_counter()
        text = apply_rules(content, "txt")
        all_seconds += time.perf_counter() - started
        text = apply_rules(content, "txt", doc_id, tally.trace)  # again, traced: not timed
        left_before, left_after = code_left(content), code_left(text)
        docs += 1
        before_lines, before_docs = before_lines + left_before, before_docs + bool(left_before)
        after_lines, after_docs = after_lines + left_after, after_docs + bool(left_after)
        _keep_near_misses(near, doc_id, text)
    out = [f"{docs} articles (every record with text in {data / 'ru_kw_eval_datasets'}), every rule in order", "",
           "| rule | documents changed | lines removed | lines rewritten |", "|---|---|---|---|"]
    for rule in RULES:
        c = tally.rules[rule.name]
        out.append(f"| {rule.name} | {c.documents} | {c.removed} | {c.rewritten} |")
    out += ["", "| code left (lines matching the loose detector) | lines | documents |", "|---|---|---|",
            f"| before cleaning | {before_lines} | {before_docs} |", f"| after cleaning | {after_lines} | {after_docs} |",
            "", "| time, one process | seconds | ms per document |", "|---|---|---|",
            f"| drop_page_script | {rule_seconds:.2f} | {1000 * rule_seconds / max(docs, 1):.3f} |",
            f"| all rules | {all_seconds:.2f} | {1000 * all_seconds / max(docs, 1):.3f} |"]
    if samples is not None:
        picked = random.Random(seed).sample(tally.removals, min(30, len(tally.removals)))
        lines = ["# 30 removals by drop_page_script (random, seed %d)" % seed, ""]
        lines += [f"## {doc}\n{chunk[:600]}\n" for doc, chunk in picked]
        lines += ["# 30 near misses: kept lines the loose detector flags, then the most code-like", ""]
        lines += [f"## {doc}\n{line[:600]}\n" for _, _, doc, line in sorted(near, reverse=True)]
        samples.write_text("\n".join(lines), encoding="utf-8")
    return "\n".join(out)

"""The benchmark plumbing on the real evaluation data (../shared/eval-data, or EVAL_DATA).

Our CI has that data beside the checkout; a user's clone and GitHub's runners do not,
and there these tests are skipped with the reason. The data is read, never copied.
"""

from __future__ import annotations

from briefing.bench.__main__ import run
from briefing.bench.data import SPLITS, articles
from conftest import require_eval_data


def test_every_split_file_is_readable():
    data = require_eval_data()
    for split, parts in SPLITS.items():
        for part in parts:
            first = articles(data, split, limit=1, part=part)
            assert first and first[0].content.strip() and first[0].summary, part


def test_quality_benchmark_runs_on_real_articles():
    data = require_eval_data()
    table = run(data, "test", 4, None, workers=1)
    assert table.startswith("split test: 4 articles with a summary")
    ours = table.split("| ours |")[1].split("\n")[0]
    rouge1 = float(ours.split("|")[1])
    assert 5.0 < rouge1 < 80.0  # real leads share words with real articles; 100 would mean a leak

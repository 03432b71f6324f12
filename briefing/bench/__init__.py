"""Benchmarks: quality of summaries and keywords on real news, beside standard baselines.

    python -m briefing.bench quality --data ../shared/eval-data --split dev|test [--limit N]
"""

"""The dossier development set parses and is well-formed (reads only the TSV,
never ../shared)."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.bench.dossier_labels import (DEFAULT_PATH, DOSSIERS, ID_RE, KINDS, load_short_news,
                                           load_labels, load_rows, parse_labels)

# The RT 0-5 / NG data holds few Russia–Azerbaijan articles (see DOSSIER_LABELS.md):
# these are the real per-dossier positive counts found, pinned as minimums.
MIN_POSITIVES = {"karabakh": 8, "trade": 9, "humanitarian": 1, "north_south": 1}


def test_tsv_parses_with_unique_well_formed_ids():
    rows = load_rows()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(ID_RE.fullmatch(i) for i in ids)
    assert not any(i.startswith(("russia_today_6", "russia_today_7")) for i in ids)
    assert len(rows) >= 200
    assert {r["kind"] for r in rows} <= KINDS
    assert all(0 < len(r["note"]) <= 80 for r in rows)


def test_labels_are_known_dossiers_and_positives_are_present():
    labels = load_labels()
    assert len(labels) >= 200
    assert all(ls <= DOSSIERS for ls in labels.values())
    counts = Counter(d for ls in labels.values() for d in ls)
    for dossier, minimum in MIN_POSITIVES.items():
        assert counts[dossier] >= minimum, (dossier, counts[dossier])
    assert sum(1 for ls in labels.values() if not ls) >= 100  # the negatives


def test_parse_labels():
    assert parse_labels("-") == frozenset()
    assert parse_labels("karabakh,trade") == {"karabakh", "trade"}
    with pytest.raises(ValueError):
        parse_labels("karabakh,sport")


def test_load_labels_rejects_duplicates_and_bad_ids(tmp_path):
    header = "id\tlabels\tkind\tnote\n"
    dup = tmp_path / "dup.tsv"
    dup.write_text(header + "ng_0:1\t-\trandom\tx\nng_0:1\ttrade\trandom\ty\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_labels(dup)
    held_out = tmp_path / "test_split.tsv"
    held_out.write_text(header + "russia_today_6:3\t-\trandom\tx\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_labels(held_out)
    assert DEFAULT_PATH.name == "dossier_labels.tsv"


def test_dossier_benchmark_scores():
    from briefing.bench.dossiers import scores

    gold = {"a": frozenset({"x"}), "b": frozenset(), "c": frozenset({"x", "y"})}
    predicted = {"a": {"x"}, "b": {"x"}, "c": {"y"}}
    got = scores(predicted, gold, ["x", "y"])
    assert got["x"][3:] == (1, 1, 1) and got["y"][3:] == (1, 0, 0)
    p, r, f, *_ = got["micro"]
    assert (round(p, 3), round(r, 3), round(f, 3)) == (0.667, 0.667, 0.667)


def test_benchmark_seed_labels_are_the_promised_ones():
    from briefing.bench.dossiers import SEED_LABELS
    from conftest import SEED_IDS
    from test_group import EXPECTED

    assert {SEED_IDS[doc]: labels for doc, labels in SEED_LABELS.items()} == EXPECTED


def test_short_news_parse_with_forty_indirect_and_twenty_passing():
    rows = load_short_news()
    kinds = Counter(r["kind"] for r in rows)
    assert kinds == {"indirect": 40, "passing": 20}
    labels = Counter(d for r in rows for d in parse_labels(r["labels"]))
    assert labels == {"karabakh": 10, "north_south": 10, "trade": 10, "humanitarian": 11}
    assert all(len(r["text"].split(". ")) <= 3 for r in rows)

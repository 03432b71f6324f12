"""The hand-labelled source sample (briefing/bench/source_labels.tsv, SOURCE_LABELS.md)
parses, and on the evaluation data (skipped without it) is exactly what source_sample draws."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.bench.data import _records
from briefing.bench.source_labels import (CUE, ID_RE, QUOTA, has_cue_line, load_rows, parse_source,
                                          source_labels, source_sample, source_strata)
from conftest import require_eval_data


def test_tsv_parses_with_100_unique_dev_ids():
    rows = load_rows()
    ids = [r["id"] for r in rows]
    assert len(ids) == 100 == len(set(ids))
    assert all(ID_RE.fullmatch(i) for i in ids)
    assert not any(i.startswith(("russia_today_6", "russia_today_7")) for i in ids)
    assert all(0 < len(r["note"]) <= 80 for r in rows)
    labels = source_labels()
    assert len(labels) == 100
    assert sum(1 for names in labels.values() if names) == 4  # see SOURCE_LABELS.md, Counts
    assert labels["ng_0-00229"] == {"Интерфакс"}
    assert labels["russia_today_0-00876"] == frozenset()  # a last-line photo credit is no source


def test_parse_source_and_loader_errors(tmp_path):
    assert parse_source("") == frozenset()
    assert parse_source("РИА Новости|РИА") == {"РИА Новости", "РИА"}
    with pytest.raises(ValueError):
        parse_source("ТАСС|")
    header = "id\tsource\tnote\n"
    dup = tmp_path / "dup.tsv"
    dup.write_text(header + "ng_0-00001\t\tx\nng_0-00001\tТАСС\ty\n", encoding="utf-8")
    with pytest.raises(ValueError):
        source_labels(dup)
    held_out = tmp_path / "held_out.tsv"
    held_out.write_text(header + "russia_today_6-00003\t\tx\n", encoding="utf-8")
    with pytest.raises(ValueError):
        source_labels(held_out)


def test_cue_matches_names_as_words():
    assert CUE.search("сообщает Reuters") and CUE.search("Интерфакс-Сибирь") and CUE.search("рассказал RT")
    assert not CUE.search("сериал") and not CUE.search("праймериз") and not CUE.search("RTД")
    assert has_cue_line("Текст статьи.\nПо информации Интерфакса")


def test_the_sample_is_the_labelled_set_and_every_id_is_in_the_data():
    data = require_eval_data()
    sample = source_sample(data)
    assert [s.id for s in sample] == sorted(source_labels())
    strata = source_strata(data)
    assert Counter((i.startswith("ng"), s) for i, s in strata.items()) == Counter(
        {(publisher == "ng", stratum): n for (publisher, stratum), n in QUOTA.items()})
    by_file: dict[str, set[int]] = {}
    for story in sample:
        stem, index = story.id.rsplit("-", 1)
        by_file.setdefault(stem, set()).add(int(index))
    for stem, indexes in by_file.items():
        records = list(_records(data / "ru_kw_eval_datasets" / f"{stem}.jsonlines.zip"))
        for story in (s for s in sample if s.id.rsplit("-", 1)[0] == stem):
            assert records[int(story.id.rsplit("-", 1)[1])]["content"] == story.content
        assert max(indexes) < len(records)
    with pytest.raises(ValueError):
        source_sample(data, n=50)

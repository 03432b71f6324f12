"""Word vectors (navec through briefing.nlp.vectors) and the sentence rater's semantic columns."""

import importlib.util

import numpy as np
import pytest

from briefing.nlp import vectors
from briefing.nlp.summarize import FEATURES, SEMANTIC, Candidate, semantic_columns
from briefing.records import Sentence
from briefing.nlp.vectors import DIMENSIONS, sentence_vector


def test_sentence_vectors_are_unit_length_and_put_related_words_together():
    capital = sentence_vector(["Москва", "столица", "России"])
    city = sentence_vector(["Петербург", "крупный", "город"])
    fruit = sentence_vector(["банан", "спелый", "фрукт"])
    assert capital.shape == (DIMENSIONS,)
    assert np.linalg.norm(capital) == pytest.approx(1.0, abs=1e-5)
    assert capital @ city > capital @ fruit + 0.3


def test_unknown_words_give_a_zero_vector_and_yo_falls_back_to_ye():
    assert not sentence_vector([]).any()
    assert not sentence_vector(["ыыхщцззк", "2fz9q"]).any()
    # 'щёлково' is not in navec's vocabulary, 'щелково' is
    assert sentence_vector(["Щёлково"]) == pytest.approx(sentence_vector(["щелково"]))


def test_a_missing_vector_file_names_the_package_to_install(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FileNotFoundError, match="install natasha"):
        vectors.navec_path()


def _candidate(i: int, words: str) -> Candidate:
    return Candidate(Sentence(i, 0, 0, words, 0), (), True, tokens=tuple(words.split()))


def test_semantic_columns_compare_each_sentence_with_the_text_and_the_title():
    pool = [_candidate(0, "Правительство повысит налоги на доходы и налоговые ставки для бизнеса"),
            _candidate(1, "Новые налоги и налоговые льготы обсудят депутаты в бюджетном комитете"),
            _candidate(2, "Футбольный клуб выиграл кубок, забив два гола в финальном матче"),
            _candidate(3, "Налоговая реформа затронет доходы граждан и бюджет регионов")]
    rows = semantic_columns(pool, ("Налоговая", "реформа", "правительства"))
    assert len(rows) == 4 and all(len(r) == len(SEMANTIC) + DIMENSIONS for r in rows)
    columns = {name: [r[i] for r in rows] for i, name in enumerate(SEMANTIC)}
    assert columns["vector_first"][0] == pytest.approx(1.0, abs=1e-5)
    others = [0, 1, 3]  # about taxes; sentence 2 is about football, off the topic of the title and the text
    assert columns["vector_title"][2] < min(columns["vector_title"][i] for i in others)
    assert columns["vector_rest"][2] < min(columns["vector_rest"][i] for i in others)
    assert columns["vector_document"][2] < min(columns["vector_document"][i] for i in others)
    assert rows[0][len(SEMANTIC):] == pytest.approx(sentence_vector(pool[0].tokens).tolist())
    assert semantic_columns([], ()) == []
    assert FEATURES[-DIMENSIONS - len(SEMANTIC)] == SEMANTIC[0]

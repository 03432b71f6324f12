"""The yardstick itself: ROUGE and keyword scores pinned on hand-computed cases,
and the quality benchmark run end to end on a tiny made-up data set."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from briefing.bench.__main__ import run
from briefing.bench.baselines import lexrank, oracle
from briefing.bench.keyword_eval import prf_at_k
from briefing.bench.rouge import lcs_length, rouge, rouge_l, rouge_n, tokens


def approx(x: float) -> pytest.approx:
    return pytest.approx(x, abs=1e-9)


@pytest.mark.parametrize("candidate, reference, r1, r2, rl", [
    ("", "кошка спит", 0.0, 0.0, 0.0),
    ("кошка сидит на окне", "кошка спит на окне", 75.0, 100 / 3, 75.0),
    # Google's rouge_score would call these identical (it drops Cyrillic): they share 'в' and '2020'.
    ("Путин приехал в 2020", "Байден уехал в 2020", 50.0, 100 / 3, 50.0),
    ("Ёлка, ЁЛКА!", "елка елка", 100.0, 100.0, 100.0),
    ("да да да", "да", 50.0, 0.0, 50.0),
])
def test_rouge_hand_computed(candidate, reference, r1, r2, rl):
    scores = rouge(candidate, reference)
    assert (scores["rouge1"], scores["rouge2"], scores["rougeL"]) == (approx(r1), approx(r2), approx(rl))


def test_rouge_parts():
    assert tokens("Ёж, «ёлка» и 2,5 млн.") == ["еж", "елка", "и", "2", "5", "млн"]
    assert rouge_n(["a", "b", "c"], ["a", "b"], 1).precision == approx(2 / 3)
    assert rouge_n(["a", "b", "c"], ["a", "b"], 1).recall == approx(1.0)
    assert lcs_length(list("abcd"), list("bd")) == 2 and lcs_length([], list("ab")) == 0
    assert rouge_l(list("abcd"), list("xbyd")).f1 == approx(0.5)


def test_keyword_scores_on_lemmatised_phrases():
    score = prf_at_k(["Ильхам Алиев", "Карабахе"], ["ильхам алиев", "нагорный карабах", "карабах"])
    assert score == (approx(1.0), approx(2 / 3), approx(0.8))
    assert prf_at_k([f"слово{i}" for i in range(10)] + ["карабах"], ["карабах"]).f1 == 0.0  # only the first 10 count
    assert prf_at_k([], ["карабах"]) == (0.0, 0.0, 0.0)


def test_oracle_and_lexrank():
    sentences = ["Кошка спит на окне.", "Собака лает во дворе.", "Кошка ест рыбу."]
    assert oracle(sentences, "Кошка спит на окне и ест рыбу.", k=3) == [0, 2]
    assert lexrank(sentences, k=3) == sentences
    assert len(lexrank(sentences * 2, k=2)) == 2


ARTICLE = (
    "Премьер-министры России и Азербайджана провели переговоры в Москве. Стороны обсудили торговлю и "
    "транспортный коридор Север-Юг.\nТоварооборот двух стран вырос на 7 процентов. Министры подписали "
    "соглашение о сотрудничестве в области связи.\n Также по теме \n Другая статья: заголовок \n"
    " Текст другой статьи, обрезанный... \nВ Баку отметили рост инвестиций. Следующая встреча пройдёт в Баку."
)


def test_quality_benchmark_runs_on_a_tiny_data_set(tmp_path):
    folder = tmp_path / "ru_kw_eval_datasets"
    folder.mkdir()
    for part in ("russia_today_6", "russia_today_7"):
        records = [
            {"title": f"Переговоры в Москве {i}", "content": ARTICLE, "url": "",
             "summary": "Россия и Азербайджан обсудили торговлю и коридор Север-Юг.",
             "keywords": ["азербайджан", "торговля", "москва"]}
            for i in range(3)
        ]
        with zipfile.ZipFile(folder / f"{part}.jsonlines.zip", "w") as z:
            z.writestr(f"{part}.jsonlines", "\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    table = run(tmp_path, "test", None, tmp_path / "samples.md", workers=1)
    assert table.startswith("split test: 6 articles with a summary")
    for row in ["| ours |", "| lead-3 |", "| lexrank |", "| oracle (≤3) |", "| yake raw n=3 |", "| top-10 nouns |",
                "| ours: clean + full analysis |"]:
        assert row in table
    assert "| ours | " in table and "0 of 6 |" in table.split("| ours |")[1].split("\n")[0]
    assert "Другая статья" not in (tmp_path / "samples.md").read_text(encoding="utf-8")

"""The yardstick itself: ROUGE and keyword scores pinned on hand-computed cases,
and the quality benchmark run end to end on a tiny made-up data set."""

from __future__ import annotations

import json
import math
import re
import zipfile
from pathlib import Path

import pytest

from briefing.bench.__main__ import run
from briefing.bench.baselines import lexrank, oracle
from briefing.bench.cleaning import code_left, run as cleaning
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


def _tiny_data_set(root: Path, parts: tuple[str, ...], count: int = 3, distinct: bool = False) -> None:
    """`count` records per part; `distinct` ends each text with its own sentence (a site
    skips a document whose text another one already has)."""
    folder = root / "ru_kw_eval_datasets"
    folder.mkdir()
    for part in parts:
        records = [
            {"title": f"Переговоры в Москве {i}", "url": "",
             "content": ARTICLE + (f" Это выпуск номер {i + 1} из {count}." if distinct else ""),
             "summary": "Россия и Азербайджан обсудили торговлю и коридор Север-Юг.",
             "keywords": ["азербайджан", "торговля", "москва"]}
            for i in range(count)
        ]
        with zipfile.ZipFile(folder / f"{part}.jsonlines.zip", "w") as z:
            z.writestr(f"{part}.jsonlines", "\n".join(json.dumps(r, ensure_ascii=False) for r in records))


def test_quality_benchmark_runs_on_a_tiny_data_set(tmp_path):
    _tiny_data_set(tmp_path, ("russia_today_6", "russia_today_7"))
    table = run(tmp_path, "test", None, tmp_path / "samples.md", workers=1)
    assert table.startswith("split test: 6 articles with a summary")
    for row in ["| ours |", "| lead-3 |", "| lexrank |", "| oracle (≤3) |", "| yake raw n=3 |", "| top-10 nouns |",
                "| ours: clean + full analysis |"]:
        assert row in table
    assert "| ours | " in table and "0 of 6 |" in table.split("| ours |")[1].split("\n")[0]
    assert "Другая статья" not in (tmp_path / "samples.md").read_text(encoding="utf-8")
    assert "| keywords | documents | synonym pair | patronymic only | generic | glued | wrong case | any |" in table


def test_the_keyword_benchmark_scores_ngs_tags(tmp_path):
    """`bench keywords`: NG has tags but no summaries; one article per text."""
    from briefing.bench.__main__ import run_keywords

    _tiny_data_set(tmp_path, ("ng_0", "ng_1"), distinct=True)
    table = run_keywords(tmp_path, None, None, workers=1)
    assert table.startswith("NG: 3 articles with tags")  # the two parts hold the same three texts
    assert "| ours |" in table and "| top-10 nouns |" in table and "| keywords | documents | synonym pair" in table


def test_the_quality_benchmark_scores_an_earlier_checkouts_keywords_in_the_same_run(tmp_path):
    """--before DIR: that checkout's keywords (here: this one's) get the same scores as ours."""
    _tiny_data_set(tmp_path, ("russia_today_6", "russia_today_7"))
    table = run(tmp_path, "test", 2, None, workers=1, before=Path(__file__).resolve().parents[1])
    name = Path(__file__).resolve().parents[1].name
    f1 = table.split("keywords, macro")[1].split("noise in keyword lists")[0]
    noise = table.split("noise in keyword lists")[1].split("| speed")[0]
    for section in (f1, noise):
        rows = {line.split(" | ")[0].removeprefix("| "): line.split(" | ", 1)[1]
                for line in section.splitlines() if line.startswith("| ")}
        assert rows[f"ours at {name}"] == rows["ours"]


SCALE_ROWS = {
    "cold build (empty cache, no site)": r"[\d.]+ s, peak RSS \d+ MB",
    "document page HTML, median": r"[\d.]+ KB",
    "document page HTML, max": r"[\d.]+ KB",
    "site size per document": r"[\d.]+ KB",
    "total site size": r"[\d.]+ MB",
    "one search query «коридору»": r"n/a|[\d.]+ KB",
    "everything but analysis, cold (the cold build's other phases)": r"[\d.]+ s",
    "before page caching: full mkdocs build + Pagefind of the same Markdown, 3 docs": r"[\d.]+ s",
    "search index, ours: every document, empty cache": r"[\d.]+ s, peak RSS \d+ MB",
    "search index, ours: every document, terms cached (a rebuild)": r"[\d.]+ s, peak RSS \d+ MB",
    "search index, Pagefind 1.5.2 on the same document pages": r"[\d.]+ s, peak RSS \d+ MB",
    "no-change rebuild": r"[\d.]+ s, peak RSS \d+ MB",
    "no-change rebuild: site vs the cold build": r"equal",
    "peak RSS, largest process of any build": r"\d+ MB",
    "raw YAKE (n=3, top 10), 3 articles": r"[\d.]+ s, \d+ ms/doc",
    "our clean + analyse, sample of 3": r"[\d.]+ s, \d+ ms/doc",
    "analysis / raw YAKE (same sample)": r"[\d.]+×",
} | {
    f"{step} one document{suffix}": pattern
    for step in ("add", "edit", "remove")
    for suffix, pattern in (("", r"[\d.]+ s, peak RSS \d+ MB"), (": site vs a clean build", r"equal"))
}


def test_scale_benchmark_runs_on_a_tiny_data_set(tmp_path):
    """Every figure reported and readable; every incremental site equal to a clean build."""
    from briefing.bench.scale import run as scale

    _tiny_data_set(tmp_path, ("russia_today_0",), count=4, distinct=True)
    table = scale(tmp_path, 3, sample=3, verify=True)
    rows = {line.split(" | ")[0].removeprefix("| "): line.split(" | ")[1]
            for line in table.splitlines() if line.startswith("| ") and not line.startswith("| figure")}
    assert rows.keys() == SCALE_ROWS.keys()
    for figure, pattern in SCALE_ROWS.items():
        assert re.fullmatch(pattern, rows[figure]), (figure, rows[figure])
    assert "cold build's last line: Built " in table and ": 3 documents," in table
    phases = table.split("Phase times printed by each build:\n")[1].splitlines()
    assert phases[0].startswith("- cold build (empty cache, no site): Times: load ")
    assert phases[1].startswith("- no-change rebuild: Nothing changed since the last build")
    assert len(phases) == 5


def test_retraining_is_reproducible_and_fits_the_code(tmp_path, monkeypatch):
    """`make train` in miniature: lexicon, keyword model, sentence model, twice; the files
    are byte-identical, and each holds what the code reads (its own feature list)."""
    from briefing.nlp import keywords, lexicon, summarize
    from briefing.bench import train

    _tiny_data_set(tmp_path, tuple(f"russia_today_{i}" for i in range(6)))
    outputs = []
    for attempt in ("a", "b"):
        files = {name: tmp_path / f"{attempt}-{name}.json" for name in ("lexicon", "keyword", "summary")}
        monkeypatch.setattr(train, "LEXICON_FILE", files["lexicon"])
        monkeypatch.setattr(train, "KEYWORD_FILE", files["keyword"])
        monkeypatch.setattr(train, "MODEL_FILE", files["summary"])
        for what in ("lexicon", "keyword", "summary"):
            train.train(tmp_path, 18, workers=1, what=what)
        outputs.append({name: path.read_bytes() for name, path in files.items()})
    assert outputs[0] == outputs[1]
    lexicon_data = json.loads(outputs[0]["lexicon"])
    assert lexicon_data["documents"] == 18 and lexicon_data["df"]["азербайджан"] == 18
    assert tuple(json.loads(outputs[0]["keyword"])["features"]) == keywords.FEATURES
    model = json.loads(outputs[0]["summary"])
    assert tuple(model["features"]) == summarize.FEATURES
    assert model["examples"] > 0 and 0 < model["positives"] < model["examples"]
    assert lexicon.MIN_DF <= min(lexicon_data["df"].values())


def test_lemma_log_odds_favour_lemmas_of_oracle_sentences():
    from briefing.bench.train import log_odds
    from briefing.nlp.summarize import LOG_ODDS_MIN_DF, LOG_ODDS_PRIOR

    article = ([], [1, 0, 0, 0], [("заявить", "министр"), ("впрочем", "министр"), ("впрочем",), ("погода",)])
    table = log_odds([article] * LOG_ODDS_MIN_DF)
    assert table["заявить"] > table["министр"] > table["впрочем"]
    # 'министр' is in one summary sentence and one other (n of each); a quarter of all sentences are summary ones
    n, a, rate = LOG_ODDS_MIN_DF, LOG_ODDS_PRIOR, 0.25
    assert table["министр"] == pytest.approx(math.log((n + a * rate) / (n + a * (1 - rate))) - math.log(rate / (1 - rate)), abs=1e-3)
    assert log_odds([article] * (LOG_ODDS_MIN_DF - 1)) == {}  # too few articles to say


def test_the_trainer_fills_the_lexical_columns_where_the_rater_reads_them():
    from briefing.stages.analyse import keywords_of, prepare
    from briefing.bench.train import fill_lexical
    from briefing.stages.clean import clean
    from briefing.config import AnalysisSettings
    from briefing.records import Document
    from briefing.nlp.summarize import features

    text = ("Министр заявил, что переговоры прошли успешно и стороны договорились о новой встрече.\n\n"
            "Впрочем, погода в столице в тот день была пасмурной и прохладной, как и накануне вечером.\n\n"
            "Министр также сообщил журналистам, что соглашение будет подписано уже в следующем месяце.")
    doc = clean(Document("a", "a", "txt", text, title="Министр заявил о переговорах"))
    p = prepare(doc)
    pool = [c for c in p.candidates if c.eligible]
    keywords = keywords_of(doc, p, AnalysisSettings())
    table = {"заявить": 1.5, "сообщить": 0.7, "впрочем": -2.0, "погода": -0.5}
    rows = features(pool, keywords, set(p.title), log_odds={}, title_words=p.title_words)
    fill_lexical([(rows, [0] * len(pool), [c.lemmas for c in pool])], table)
    assert rows == features(pool, keywords, set(p.title), log_odds=table, title_words=p.title_words)
    assert rows != features(pool, keywords, set(p.title), log_odds={}, title_words=p.title_words)


SCRIPT = (' jwplayer.key="kESrsgUL==";\n jwplayer("js-mediaplayer-1").setup({ file: "v.mp4",'
          " events: { onPlay: function(){ ga('send', 'event', 'JWPLAYER-GA'); } } });")


def test_code_left_counts_lines_that_look_like_script():
    assert code_left(SCRIPT) == 2
    assert code_left("body{min-height:500px}\nvar x = 1;\nwindow.VK") == 3
    assert code_left("Цены: хлеб — 30 руб.; молоко — 60 руб.\nФункция f(x) растёт {см. рис. 1}.") == 0


def test_cleaning_benchmark_counts_what_each_rule_did(tmp_path):
    folder = tmp_path / "ru_kw_eval_datasets"
    folder.mkdir()
    records = [{"title": "С плеером", "content": "Первый абзац.\n\n" + SCRIPT + "\n\n" + ARTICLE},
               {"title": "Без плеера", "content": ARTICLE}, {"title": "Пустая", "content": " "}]
    with zipfile.ZipFile(folder / "russia_today_0.jsonlines.zip", "w") as z:
        z.writestr("russia_today_0.jsonlines", "\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    table = cleaning(tmp_path, tmp_path / "samples.md")
    assert table.startswith("2 articles")
    assert "| drop_page_script | 1 | 2 | 0 |" in table
    assert "| drop_teasers | 2 | 6 | 0 |" in table  # marker, headline, snippet
    assert "| before cleaning | 2 | 1 |" in table and "| after cleaning | 0 | 0 |" in table
    samples = (tmp_path / "samples.md").read_text(encoding="utf-8")
    assert "## russia_today_0:0\n jwplayer.key=" in samples


@pytest.mark.parametrize("keywords, classes", [
    (["Россия", "РФ", "Сирия"], {"synonym pair"}),
    (["Америка", "США"], {"synonym pair"}),
    (["США", "Соединённые штаты"], {"synonym pair"}),
    (["ИГ", "Исламское государство"], {"synonym pair"}),
    (["Владимир Владимирович", "газ"], {"patronymic only"}),
    (["страна", "транзит"], {"generic"}),
    (["Москва Путин"], {"glued"}),
    (["США Трамп"], {"glued"}),
    (["Россия Владимира Путина"], {"glued"}),
    (["Олимпийские Игры"], {"wrong case"}),
    (["Ильхам Алиев", "Нагорный Карабах", "МИД России", "транспортный коридор Север-Юг", "Олимпийские игры"], set()),
])
def test_keyword_noise_classes(keywords, classes):
    from briefing.bench.keyword_noise import count

    assert count(keywords) == classes


def test_the_tag_prior_is_counted_without_the_article_itself_and_read_where_the_rater_reads_it():
    """train-keywords: how seldom a candidate was a tag, per key (negative log-odds only),
    leave-one-out in training; the product reads the same column from the shipped table."""
    from briefing.bench.train import PRIOR_MIN_SEEN, fill_prior, tag_prior
    from briefing.nlp.keywords import FEATURES, NO_PRIOR, PRIOR, TagPrior, prior_columns

    width = len(FEATURES)
    articles = [([[0.0] * width, [0.0] * width], [1, 0], ["спорт", "страна"]) for _ in range(PRIOR_MIN_SEEN)]
    articles.append(([[0.0] * width, [0.0] * width], [0, 0], ["страна", "допинг"]))
    table = tag_prior(articles)
    assert table.keys == {"страна": [0, PRIOR_MIN_SEEN + 1]}  # «спорт» is no lower than any phrase; «допинг» seen once
    fill_prior(articles, table)
    start = FEATURES.index(PRIOR[0])
    sport, country = (row[start : start + len(PRIOR)] for row in articles[0][0])
    assert sport == [0.0] and country[0] < 0
    # leave-one-out: each article's «страна» is judged on the other ten
    assert country == prior_columns(("страна",), TagPrior({"страна": [0, PRIOR_MIN_SEEN]}, table.rate, table.smoothing))
    assert prior_columns(("страна",), table)[0] < country[0]
    assert prior_columns(("страна",), NO_PRIOR) == [0.0]
    shipped = TagPrior.shipped()
    assert shipped.keys and all(v[0] < v[1] for v in shipped.keys.values())
    assert prior_columns(("матч",), shipped)[0] < 0 == prior_columns(("допинг",), shipped)[0]


def test_the_standalone_oracle_keeps_the_selections_constraints():
    """The sentence model's labels (train-summary) are what the selection could take: a
    leaning sentence only with the one before it, never an interviewer's sentence."""
    from briefing.bench.baselines import oracle, standalone_oracle

    sentences = ["Погода была хорошей.", "Однако товарооборот России и Азербайджана вырос до 4 млрд долларов.",
                 "Стороны обсудили транзит через Каспий.", "Что вы думаете о транзите через Каспий?"]
    reference = "Товарооборот России и Азербайджана вырос до 4 млрд долларов. Что вы думаете о транзите через Каспий?"
    leans, follows = [False, True, False, False], [False, True, True, True]
    assert oracle(sentences, reference, k=1) == [1]
    assert standalone_oracle(sentences, reference, leans, follows, k=1) == [3]  # the pair does not fit one
    assert standalone_oracle(sentences, reference, leans, follows, asked={3}, k=1) == [2]
    assert standalone_oracle(sentences, reference, leans, follows, asked={3}, k=2) == [0, 1]

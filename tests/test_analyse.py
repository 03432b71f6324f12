import pytest

from briefing.stages.analyse import _eligible, analyse, analyse_all, block_offsets, spoken_words
from briefing.config import AnalysisSettings
from briefing.nlp.keywords import display_form, select
from briefing.nlp.russian import lemma
from briefing.records import Block, Document, Keyword
from briefing.nlp.russian import adapt_sentences, adapt_words
from briefing.nlp.summarize import overlap, resolve_count


@pytest.mark.parametrize("text, sentences", [
    ("", []),
    ("Одно предложение.", ["Одно предложение."]),
    ("В.Путин: [Наши отношения] находятся в очень хорошем состоянии. Всё исполняется.",
     ["В.Путин: [Наши отношения] находятся в очень хорошем состоянии.", "Всё исполняется."]),
    ("Президент РФ В. Путин принял участие. Товарооборот составил 4,1 млрд долл. в 2023 г. и вырос.",
     ["Президент РФ В. Путин принял участие.", "Товарооборот составил 4,1 млрд долл. в 2023 г. и вырос."]),
    ("\"Конечно, мы дорожим отношениями. Это важно\", - сказал Мишустин. Далее.",
     ["\"Конечно, мы дорожим отношениями.", "Это важно\", - сказал Мишустин.", "Далее."]),
])
def test_sentences(text, sentences):
    assert [s.text for s in adapt_sentences(text)] == sentences


@pytest.mark.parametrize("phrase, normal", [
    ("Ильхамом Алиевым", "Ильхам Алиев"),
    ("Нагорном Карабахе", "Нагорный Карабах"),
    ("Нагорного Карабаха", "Нагорный Карабах"),
    ("транспортного коридора Север-Юг", "транспортный коридор Север-Юг"),
    ("шестого Каспийского саммита", "шестой Каспийский саммит"),
    ("процесс нормализации отношений", "процесс нормализации отношений"),
    ("нормализации отношений", "нормализация отношений"),
    ("Джейхун Байрамов", "Джейхун Байрамов"),
    ("Асадов", "Асадов"),
    ("переговорах", "переговоры"),
    ("провели переговоры", None),
    ("Азербайджана Сергей Лавров", None),
    ("Федерации Михаила Мишустина", None),
    ("полях шестого Каспийского", None),
    ("Мишустин и Али", None),
    ("нашего Председателя Правительства", None),
    # issue 24: common words keep lower case; glued names and pieces of names are no phrase
    ("Соединённых Штатов", "Соединённые Штаты"),
    ("Россия Владимира Путина", None),
    ("Германия Ангела Меркель", None),
    ("президент России Владимира", None),
    ("Sunday Times сообщила", None),
    ("газета The Sunday", None),
    ("Hero The", None),
    ("Serena Williams", "Serena Williams"),
])
def test_display_form(phrase, normal):
    proper = {lemma(w) for w in phrase.split() if w[:1].isupper()}  # as if seen mid-sentence
    assert display_form(phrase, proper) == normal


def test_a_common_word_after_the_first_keeps_lower_case():
    """The text writes «на Играх» somewhere: «игра» is capitalised mid-sentence, but this
    phrase writes it in lower case («Олимпийские Игры» was shown before issue 24)."""
    proper = {"олимпийский", "игра", "соединить", "штат", "совет", "федерация"}
    assert display_form("олимпийских играх", proper) == "Олимпийские игры"
    assert display_form("Олимпийских играх", proper) == "Олимпийские игры"
    assert display_form("Совета Федерации", proper) == "Совет Федерации"


def kw(text: str, *key: str, score: float = 1.0) -> Keyword:
    return Keyword(text, tuple(key), score)


def test_select_drops_repeats_variants_and_name_parts():
    chosen = select([
        kw("Ильхам Алиев", "ильхам", "алиев"),
        kw("процесс нормализации отношений", "процесс", "нормализация", "отношение"),
        kw("Алиев", "алиев"),
        kw("нормализация отношений", "нормализация", "отношение"),
        kw("Ильхам Алиев", "ильхам", "алиев"),
        kw("Армения", "армения"),
    ], 10)
    assert [k.text for k in chosen] == ["Ильхам Алиев", "процесс нормализации отношений", "Армения"]


def test_resolve_count():
    assert (resolve_count(3, 40), resolve_count("20%", 40), resolve_count("1%", 10)) == (3, 8, 1)
    with pytest.raises(ValueError):
        resolve_count("много", 10)


def test_block_offsets_match_text():
    blocks = (Block("heading", "Заголовок"), Block("item", "раз"), Block("item", "два"), Block("paragraph", "Текст."))
    doc = Document("d", "d.txt", "txt", "", blocks=blocks)
    assert [doc.text[o : o + len(b.text)] for o, b in zip(block_offsets(blocks), blocks)] == [b.text for b in blocks]


def test_single_sentence_document():
    doc = Document("d", "d.txt", "txt", "", title="Заголовок",
                   blocks=(Block("paragraph", "Стороны обсудили развитие торговли и транспортного коридора."),))
    a = analyse(doc, AnalysisSettings())
    assert [s.text for s in a.summary] == ["Стороны обсудили развитие торговли и транспортного коридора."]


@pytest.mark.parametrize("text, spoken", [
    ("И.Алиев: Спасибо большое, Владимир Владимирович.", 4),
    ("В. В. Путин: Спасибо большое, Ильхам Гейдарович.", 4),
    ("Мария Захарова: мы ждём ответа от коллег в Вашингтоне.", 7),
    ("Итог: стороны подписали соглашение о торговле.", 6),  # one capitalised word is no speaker
    ("Москва договорилась с Баку о поставках газа.", 7),
])
def test_a_speakers_name_does_not_count_towards_a_sentences_length(text, spoken):
    assert spoken_words(text, len(adapt_words(text))) == spoken


@pytest.mark.parametrize("text, eligible", [
    ("Стороны подписали соглашение о поставках газа до 2030 года.", True),
    ("«Мы подпишем соглашение о поставках газа уже в этом году», — сказал министр.", True),
    ("Министр сказал: «Соглашение о поставках газа будет подписано!»", True),
    ("Соглашение о поставках газа будет подписано в этом году…", True),
    ("«Я сам принял решение уйти в отставку»", False),  # a quoted subheading
    ("В частности, глава МВД отметил, что", False),  # cut off where a link was lost
    ("Стороны подписали соглашение о поставках газа до 2030 года", False),
    ("Когда же стороны подпишут соглашение о поставках газа?", False),
    ("Стороны договорились о следующем по поставкам газа:", False),
    (", что на месте министра он поступил бы так же.", False),  # starts where a link was lost
    ("), он ходил на все судебные заседания в этом году.", False),
    ("и подписали соглашение о поставках газа до 2030 года.", False),
])
def test_summary_candidates_are_whole_sentences(text, eligible):
    assert _eligible(text, Block("paragraph", text), len(adapt_words(text)), "ru") is eligible


def test_a_text_without_sentence_ends_still_gets_a_summary():
    doc = Document("d", "d.txt", "txt", "", title="Заметки",
                   blocks=(Block("paragraph", "Стороны подписали соглашение о поставках газа до 2030 года"),))
    assert [s.text for s in analyse(doc, AnalysisSettings()).summary] == [doc.blocks[0].text]


def test_a_transcripts_pleasantries_stay_out_of_the_summary():
    lines = ["В.Путин: Уважаемый Ильхам Гейдарович, рад вас видеть.",
             "И.Алиев: Спасибо большое, Владимир Владимирович.",
             "В.Путин: Товарооборот между нашими странами вырос на треть и достиг рекордных четырёх миллиардов долларов."]
    doc = Document("d", "d.txt", "txt", "", title="Беседа", blocks=tuple(Block("paragraph", t) for t in lines))
    assert "И.Алиев: Спасибо большое, Владимир Владимирович." not in [s.text for s in analyse(doc, AnalysisSettings()).summary]


def test_abbreviations_are_shown_as_written_and_news_agencies_are_no_keywords():
    text = ("Боевики ИГ атаковали Пальмиру, сообщает ТАСС со ссылкой на РИА Новости. "
            "Армия Сирии отбила атаку ИГ под Пальмирой, передаёт Reuters. "
            "По данным ТАСС и РИА Новости, ИГ потеряло в боях за Пальмиру технику.")
    doc = Document("d", "d.txt", "txt", "", title="Пальмира", blocks=(Block("paragraph", text),))
    shown = [k.text for k in analyse(doc, AnalysisSettings()).keywords]
    assert "ИГ" in shown and "ИГО" not in shown  # pymorphy reads 'ИГ' as a form of 'иго'
    assert not {"ТАСС", "РИА Новости", "РИА", "Reuters"} & set(shown)


def test_seed_summaries_are_verbatim_ordered_and_distinct(seed_analyses):
    for a in seed_analyses:
        text = a.document.text
        assert len(a.summary) == 3
        assert [s.index for s in a.summary] == sorted(s.index for s in a.summary)
        for s in a.summary:
            assert text[s.start : s.end] == s.text
        lemmas = [set(s.text.lower().split()) for s in a.summary]
        assert all(overlap(x, y) < 0.9 for i, x in enumerate(lemmas) for y in lemmas[i + 1 :])


def test_seed_keywords_are_readable_and_unique(seed_analyses):
    by_id = {a.document.id: a for a in seed_analyses}
    for a in seed_analyses:
        keys = [k.key for k in a.keywords]
        assert len(keys) == len(set(keys)) and 5 <= len(keys) <= 10
        assert [k.score for k in a.keywords] == sorted((k.score for k in a.keywords), reverse=True)
    kremlin = [k.text for k in by_id["2022-06-29-beseda-s-aliyevym"].keywords]
    assert "Ильхам Алиев" in kremlin and "Ильхамом Алиевым" not in kremlin
    for a in seed_analyses:  # what is shown is the normal form of what is counted
        for k in a.keywords:
            assert tuple(lemma(w) for w in k.text.split()) == k.key, k


def test_analysis_is_pure_cached_and_parallel_safe(seed_docs, tmp_path):
    settings = AnalysisSettings()
    first = analyse_all(seed_docs, settings, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == len(seed_docs)
    cached = analyse_all(seed_docs, settings, tmp_path)
    assert cached == first
    many = [Document(f"{d.id}-{i}", d.path, d.format, d.body, d.title, blocks=d.blocks) for i in range(2) for d in seed_docs]
    parallel = analyse_all(many, settings, None, workers=2)
    serial = analyse_all(many, settings, None, workers=1)
    assert [(a.keywords, a.summary) for a in parallel] == [(a.keywords, a.summary) for a in serial]
    other = analyse_all(seed_docs, AnalysisSettings(summary_sentences=2), tmp_path)
    assert all(len(a.summary) == 2 for a in other)


def test_the_cache_keeps_what_the_build_used_and_reports_progress(seed_docs, tmp_path):
    settings = AnalysisSettings()
    analyse_all(seed_docs, settings, tmp_path)
    (tmp_path / "stale.123.tmp").write_text("half-written", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    analyse_all(seed_docs[:2], settings, tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert len(list(tmp_path.iterdir())) == 2 and seen == []  # both cached: nothing fresh to report
    analyse_all(seed_docs[:3], settings, tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert len(list(tmp_path.iterdir())) == 3 and seen == [(1, 1)]


def test_a_sentence_opening_with_a_pronoun_comes_only_after_the_one_it_points_back_to():
    from briefing.nlp.summarize import Candidate, summarize
    from briefing.records import Sentence

    texts = ["Пресс-секретарь президента Дмитрий Песков ответил на вопросы журналистов в Кремле.",
             "Он сообщил, что президент России Владимир Путин в курсе катастрофы вертолёта.",
             "Крушение вертолёта Ми-28Н произошло ночью в районе сирийского города Хомс.",
             "Они заявили, что причиной катастрофы вертолёта стал технический сбой на борту."]
    pool = [Candidate(Sentence(i, 0, 0, t, 0), tuple(lemma(w.text) for w in adapt_words(t)), True,
                      tokens=tuple(w.text for w in adapt_words(t))) for i, t in enumerate(texts)]
    for k in (1, 2, 3):
        chosen = {s.index for s in summarize(pool, (), {"катастрофа", "вертолет"}, k)}
        assert len(chosen) == k
        assert (1 not in chosen or 0 in chosen) and (3 not in chosen or 2 in chosen)
    assert {s.index for s in summarize(pool, (), set(), 4)} == {0, 1, 2, 3}
    assert [s.index for s in summarize(pool[1:3], (), set(), 2)] == [2]  # Песков's sentence is not a candidate
    alone = summarize(pool[1:2], (), set(), 3)
    assert [s.index for s in alone] == [1]  # nothing else to say: the pronoun sentence stays


def test_documents_share_one_string_per_lemma_and_entity_name(seed_docs, tmp_path):
    """Fresh or cached, an analysis holds each lemma and entity name as the one string all
    documents share (sys.intern): a briefing holds every lemma stream until grouping."""
    from briefing.config import AnalysisSettings

    for attempt in ("fresh", "cached"):
        analyses = analyse_all(seed_docs, AnalysisSettings(), tmp_path)
        strings: dict[str, int] = {}
        for a in analyses:
            for w in a.lemmas + tuple(m.normal for m in a.entities) + tuple(m.text for m in a.entities):
                assert strings.setdefault(w, id(w)) == id(w), (attempt, w)
        assert "россия" in strings, attempt


def test_the_models_are_let_go_after_analysing(seed_docs, tmp_path):
    """No stage after the analysis uses the word vectors or the NER model (about 150 MB)."""
    from briefing.nlp import vectors
    from briefing.nlp.entities import tagging
    from briefing.config import AnalysisSettings

    analyse_all(seed_docs[:1], AnalysisSettings(), tmp_path)
    assert tagging._tagger.cache_info().currsize == 0 and vectors._navec.cache_info().currsize == 0


def test_an_adjective_noun_pair_takes_its_form_from_its_own_documents_proper_names():
    """The pair's form depends on the document's proper names: one document's answer is never
    another's (a cache across documents once held a copy of every document's names per pair)."""
    from briefing.nlp.keywords import candidates

    def pairs(proper: set[str]) -> set[str]:
        found, _ = candidates("", [["на", "Красной", "площади"]], ["на Красной площади"], [], proper)
        return {c.shown for c in found if " " in c.shown}

    assert pairs({lemma("Красной")}) == {"Красная площадь"}
    assert pairs(set()) == {"красная площадь"}
    assert pairs({lemma("Красной")}) == {"Красная площадь"}


def _keywords(title: str, *paragraphs: str) -> list[str]:
    doc = Document("d", "d.txt", "txt", "", title=title, blocks=tuple(Block("paragraph", p) for p in paragraphs))
    return [k.text for k in analyse(doc, AnalysisSettings()).keywords]


def test_one_keyword_for_the_names_of_one_state_and_for_an_abbreviation_and_its_phrase():
    shown = _keywords(
        "Москва и Вашингтон",
        "Россия готова к диалогу с США, заявили в МИД РФ. Российская Федерация ждёт ответа от Соединённых Штатов.",
        "Боевики группировки «Исламское государство» (ИГ) отступили. Позиции ИГ в Сирии ослабли, Россия и Америка спорят.",
    )
    assert "Россия" in shown and not {"РФ", "Российская Федерация"} & set(shown)
    assert "США" in shown and not {"Соединённые Штаты", "Америка"} & set(shown)
    assert not ({"ИГ", "ИГО"} & set(shown) and "Исламское государство" in shown)


def test_a_first_name_and_patronymic_alone_are_no_keyword():
    shown = _keywords(
        "Беседа",
        "И.Алиев: Спасибо большое, Владимир Владимирович. Владимир Владимирович, мы рады.",
        "В.Путин: Ильхам Гейдарович, товарооборот вырос. Владимир Владимирович Путин и Ильхам Алиев обсудили транзит.",
    )
    assert "Владимир Владимирович" not in shown and "Ильхам Гейдарович" not in shown

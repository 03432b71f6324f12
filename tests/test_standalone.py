"""Sentences that lean on the one before them, interviews, and what the summary takes of both."""

import pytest

from briefing.config import AnalysisSettings
from briefing.nlp.russian import adapt_words, lemma
from briefing.nlp.standalone import CONNECTIVE, FRAGMENT, POINTER, interviewer_sentences, lean
from briefing.nlp.summarize import Candidate, select, summarize
from briefing.records import Block, Document, Sentence
from briefing.stages.analyse import analyse


@pytest.mark.parametrize("text, kind", [
    ("Однако, несмотря на санкции, товарооборот вырос на 15%.", CONNECTIVE),
    ("Стороны, однако, не договорились о цене газа.", None),  # «однако» inside: it does not open the sentence
    ("Но в Москве надеются, что препятствия будут устранены.", CONNECTIVE),
    ("При этом министр подчеркнул, что позиция России не изменилась.", CONNECTIVE),
    ("Кроме того, стороны обсудили поставки газа в Европу.", CONNECTIVE),
    ("Тем не менее переговоры продолжатся в следующем месяце.", CONNECTIVE),
    ("Также у Госдепартамента нет доказательств участия России.", CONNECTIVE),
    ("А. Иванов возглавил российскую делегацию на переговорах.", None),  # an initial, not «а»
    ("Так, по данным ведомства, число пострадавших выросло до 20.", CONNECTIVE),
    ("Так называемое Исламское государство взяло ответственность на себя.", None),
    ("Нет, «Движение пяти звёзд» выступает не за выход из Евросоюза.", CONNECTIVE),  # answers a question
    ("Нет данных о пострадавших в результате землетрясения.", None),
    ("Хотя стороны не договорились, переговоры продолжатся в Баку.", None),  # a whole concessive sentence
    ("По его словам, оснований для этого нет.", POINTER),
    ("Как он отметил, переговоры продолжатся в ближайшее время.", POINTER),
    ("Ранее он заявлял о готовности к переговорам с Баку.", POINTER),
    ("В 2015 году он возглавил министерство обороны страны.", POINTER),
    ("В Кремле его назвали провокацией и потребовали объяснений.", POINTER),
    ("Её слова подтвердили в министерстве иностранных дел.", POINTER),
    ("Путин и его коллега обсудили ситуацию в Сирии.", None),  # «его» is Putin's colleague
    ("По словам министра, он не знал о планах компании.", None),  # «он» may be the minister
    ("Министр Сергей Лавров заявил, что он не видит препятствий.", None),
    ("Это решение вызвало критику в Евросоюзе и в США.", POINTER),
    ("Эти страны не поддержали резолюцию Совета Безопасности ООН.", POINTER),  # which countries?
    ("Такие меры приняты впервые за десять лет.", POINTER),
    ("Об этом RT сообщила председатель организации Мария Воропаева.", POINTER),
    ("После этого самолёт совершил экстренную посадку в Баку.", POINTER),
    ("Там же прошли переговоры глав МИД двух стран.", POINTER),
    ("В этом году товарооборот России и Азербайджана вырос на 20%.", None),  # the time of writing
    ("На этой неделе министр посетил Баку с рабочим визитом.", None),
    ("Тот факт, что Россия не участвует, ничего не меняет.", None),  # «тот» points forward
    ("Президент России Владимир Путин провёл переговоры с Ильхамом Алиевым.", None),
    ("В результате обстрела погибли три человека, ещё пятеро ранены.", None),
    ("— RT) с поставкой в декабре 2017 года.", FRAGMENT),
    ("RT) день рождения, он всех угощает.", FRAGMENT),
    (". — RT), потому что смотрели видео их танцев.", FRAGMENT),
    ("…и подписали соглашение о поставках газа.", FRAGMENT),
    ("— на данный момент это столкновение эгоистичных государств.", FRAGMENT),
    ("— Мы давно предлагаем расширить полномочия парламента.", None),  # an answer's dash, not a fragment
    ("«Мы подпишем соглашение в этом году», — сказал министр.", None),
])
def test_lean(text, kind):
    assert lean(text) == kind


def candidates(texts: list[str], blocks: list[int] | None = None) -> list[Candidate]:
    blocks = blocks or list(range(len(texts)))
    return [Candidate(Sentence(i, 0, 0, t, b), tuple(lemma(w.text) for w in adapt_words(t)), not t.rstrip().endswith("?"),
                      tokens=tuple(w.text for w in adapt_words(t))) for i, (t, b) in enumerate(zip(texts, blocks))]


NEWS = ["Россия и Азербайджан подписали соглашение о строительстве моста через реку Самур.",
        "Однако сроки строительства моста через Самур пока не согласованы сторонами.",
        "Министр транспорта заявил журналистам, что финансирование проекта уже выделено.",
        "По его словам, первые работы на мосту через Самур начнутся весной.",
        "Проект моста через Самур обсуждается правительствами двух стран с 2019 года."]


@pytest.mark.parametrize("ratings", [
    [0.1, 0.9, 0.2, 0.8, 0.3],  # the leaning sentences rated highest
    [0.5, 0.9, 0.2, 0.8, 0.3],
    [0.1, 0.2, 0.3, 0.9, 0.8],
])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_a_summary_never_opens_on_a_lean_nor_holds_one_without_its_predecessor(ratings, k):
    pool = candidates(NEWS)
    chosen = select(pool, ratings, k)
    assert 0 < len(chosen) <= k
    assert lean(NEWS[chosen[0]]) is None
    assert all(lean(NEWS[i]) is None or i - 1 in chosen for i in chosen)


def test_a_leaning_sentence_comes_with_its_predecessor_when_both_fit():
    pool = candidates(NEWS)
    assert select(pool, [0.1, 0.9, 0.2, 0.3, 0.4], 3) == [0, 1, 4]  # «Однако…» brings its predecessor
    assert select(pool, [0.1, 0.9, 0.2, 0.3, 0.4], 1) == [4]  # no room for the pair
    assert select(pool, [0.5, 0.4, 0.3, 0.9, 0.1], 3) == [0, 2, 3]  # «По его словам» after the minister


def test_a_sentence_leaning_on_one_that_leans_itself_is_left_out():
    texts = ["Однако министр не стал называть сроки строительства нового моста.",
             "По его словам, сроки строительства моста зависят от финансирования.",
             "Россия и Азербайджан подписали соглашение о строительстве моста через Самур."]
    assert select(candidates(texts), [0.2, 0.9, 0.5], 2) == [2]


def test_only_leaning_sentences_still_give_a_summary():
    texts = ["Однако сроки строительства моста через Самур пока не согласованы.",
             "При этом финансирование проекта моста уже выделено правительством."]
    assert select(candidates(texts), [0.3, 0.6], 2) == [1]


INTERVIEW = [
    (0, "Глава Минтранса рассказал RT о строительстве моста через реку Самур."),
    (1, "— Когда начнётся строительство моста через Самур?"),
    (2, "— Строительство моста начнётся весной, проект уже согласован."),
    (3, "— Вы говорили, что финансирование проекта задерживается."),
    (4, "Как это скажется на сроках строительства моста?"),
    (5, "— Финансирование моста выделено в полном объёме, задержек не будет."),
    (6, "— Какие ещё мосты построят на границе с Азербайджаном?"),
    (7, "— Второй мост через Самур появится у села Ялама к 2027 году."),
    (8, "RT: Расскажите о пропускной способности нового пункта пропуска."),
    (9, "— Пункт пропуска будет принимать до трёх тысяч грузовиков в сутки."),
]


def test_an_interviews_questions_are_the_interviewers():
    assert interviewer_sentences([(b, t) for b, t in INTERVIEW]) == frozenset({1, 3, 4, 6, 8})
    news = [(0, NEWS[0]), (1, "Что это значит для торговли двух стран?"), (2, NEWS[2]), (3, "Кто заплатит за мост?"),
            (4, NEWS[4]), (5, "Когда его откроют?")]
    assert interviewer_sentences(news) == frozenset()  # rhetorical questions, no dialogue: no interview


def test_an_interview_is_summarised_by_its_answers():
    doc = Document("i", "i.txt", "txt", "", title="Интервью главы Минтранса о мосте через Самур",
                   blocks=tuple(Block("paragraph", t) for _, t in INTERVIEW))
    summary = [s.text for s in analyse(doc, AnalysisSettings()).summary]
    assert len(summary) == 3
    asked = {INTERVIEW[i][1] for i in (1, 3, 4, 6, 8)}
    assert not asked & set(summary), summary


def test_an_interview_of_questions_only_still_gets_a_summary():
    texts = ["— Вы говорили, что финансирование моста через Самур задерживается.", "Как это скажется на сроках?",
             "— Вы обещали построить второй мост через Самур к 2027 году.", "Успеете ли вы?",
             "RT: Расскажите о пропускной способности нового пункта пропуска."]
    pool = candidates(texts, [0, 0, 1, 1, 2])
    asked = interviewer_sentences((c.sentence.block, c.sentence.text) for c in pool)
    assert asked == frozenset(range(5))
    assert summarize(pool, (), set(), 2)  # nothing but the interviewer: the interviewer it is

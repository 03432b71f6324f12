"""Provenance: datelines, the text's own attribution, the URL's host, and which wins."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.stages.clean import clean
from briefing.nlp.provenance import Dateline, Found, apply, drop_datelines, find_attribution, find_dateline, url_host
from briefing.records import Block, Document, PartialDate

# (text, place, date, agency, the text left): one row per dateline form.
DATELINES = [
    ("БАКУ, 14 ноября 2024 — Президенты обсудили торговлю.", "Баку", PartialDate(2024, 11, 14), "", "Президенты обсудили торговлю."),
    ("МОСКВА, 20 мая — РИА Новости. Министры встретились.", "Москва", PartialDate(None, 5, 20), "РИА Новости", "Министры встретились."),
    ("Баку. 5 марта. ИНТЕРФАКС - Премьеры провели встречу.", "Баку", PartialDate(None, 3, 5), "ИНТЕРФАКС", "Премьеры провели встречу."),
    ("БАКУ, 18 авг — Sputnik. Российская сторона готова.", "Баку", PartialDate(None, 8, 18), "Sputnik", "Российская сторона готова."),
    ("МОСКВА, 5 мая - РИА Новости. Текст.", "Москва", PartialDate(None, 5, 5), "РИА Новости", "Текст."),
    ("МОСКВА, 20 мая. /ТАСС/. Лавров провёл переговоры.", "Москва", PartialDate(None, 5, 20), "ТАСС", "Лавров провёл переговоры."),
    ("ВАШИНГТОН, 3 июня. /Корр. ТАСС Иван Петров/. Сенат принял закон.", "Вашингтон", PartialDate(None, 6, 3), "ТАСС", "Сенат принял закон."),
    ("РОСТОВ-НА-ДОНУ, 1 сентября 2023 года — Открылась выставка.", "Ростов-на-Дону", PartialDate(2023, 9, 1), "", "Открылась выставка."),
    ("НЬЮ-ЙОРК, 2 окт — Интерфакс-Азербайджан. Генассамблея ООН.", "Нью-Йорк", PartialDate(None, 10, 2), "Интерфакс-Азербайджан", "Генассамблея ООН."),
    ("Москва. 20 мая. INTERFAX.RU - Текст сообщения.", "Москва", PartialDate(None, 5, 20), "INTERFAX.RU", "Текст сообщения."),
    ("Лид статьи без даты.\nБАКУ, 18 авг — Sputnik. Второй абзац.", "Баку", PartialDate(None, 8, 18), "Sputnik", "Лид статьи без даты.\nВторой абзац."),
    ("МОСКВА, 20 мая — РИА Новости, Мария Иванова. Текст.", "Москва", PartialDate(None, 5, 20), "РИА Новости", "Текст."),
    ("БАКУ, 14 ноября 2024 —\nТекст со следующей строки.", "Баку", PartialDate(2024, 11, 14), "", "Текст со следующей строки."),
]


@pytest.mark.parametrize("text, place, date, agency, left", DATELINES, ids=[row[0][:24] for row in DATELINES])
def test_dateline(text, place, date, agency, left):
    assert find_dateline(text) == Dateline(place, date, agency)
    assert drop_datelines(text) == left


@pytest.mark.parametrize("text", [
    "В Баку 14 ноября 2024 года прошли переговоры.",
    "Министры встретились 20 мая — РИА Новости сообщили об этом.",
    "Он сказал: МОСКВА, 20 мая — это важная дата.",  # not at the start of a line
    "США, 2024 год — рекордный по числу сделок.",
])
def test_not_a_dateline(text):
    assert find_dateline(text) is None
    assert drop_datelines(text) == text


# (the first paragraph, the source the text names, or "" when it names none)
ATTRIBUTIONS = [
    ("По итогам встречи подписан ряд документов. Об этом сообщается на сайте кабмина РФ.", "Кабмин РФ"),
    ("Министры обсудили процесс нормализации, сообщает МИД РФ.", "МИД РФ"),
    ("Как сообщает АЗЕРТАДЖ со ссылкой на пресс-службу Кабинета Министров, премьеры встретились.", "АЗЕРТАДЖ"),
    ("Переговоры пройдут в Кремле, передаёт ТАСС.", "ТАСС"),
    ("По данным Reuters, сделка сорвалась.", "Reuters"),
    ("По информации агентства Bloomberg, компания закроет завод.", "Bloomberg"),
    ("Об этом пишет газета «Известия».", "Известия"),
    ("Об этом говорится в заявлении «Нафтогаза».", "Нафтогаз"),
    ("Об этом сообщили в пресс-службе Кремля.", "Пресс-служба Кремля"),
    ("Об этом говорится в новом докладе Министерства сельского хозяйства США.", "Министерство сельского хозяйства США"),
    ("Как сообщает американский телеканал CNN, встреча отменена.", "CNN"),
    ("Об этом сообщили в МИД России.", "МИД России"),
    ("Об этом сообщается в Telegram-канале Минобороны.", "Минобороны"),
    ("Как сообщает Укринформ, заседание перенесли.", "Укринформ"),
    # no source: a person, a role, someone told, no one in particular, nothing that names
    ("Об этом сообщил пресс-секретарь президента Дмитрий Песков.", ""),
    ("Об этом сообщил глава Минфина.", ""),
    ("Об этом сообщил Маск.", ""),
    ("«Доза ничтожно мала», — сообщил «Чемпионату» источник.", ""),
    ("По данным СМИ, переговоры продолжатся.", ""),
    ("Стороны сообщили журналистам, что договорились.", ""),
    ("Об этом сообщается.", ""),
]


@pytest.mark.parametrize("text, source", ATTRIBUTIONS, ids=[row[0][:30] for row in ATTRIBUTIONS])
def test_attribution(text, source):
    assert find_attribution((Block("paragraph", text),)) == source


def test_attribution_is_read_in_the_first_paragraphs_only():
    quoted = Block("paragraph", "Ранее об этом сообщал Reuters.")
    lead = [Block("paragraph", f"Абзац {i} без источника.") for i in range(3)]
    assert find_attribution((Block("heading", "Заголовок"), *lead[:2], quoted)) == "Reuters"
    assert find_attribution((*lead, quoted)) == ""


@pytest.mark.parametrize("url, host", [
    ("http://kremlin.ru/events/president/news/copy/68782", "kremlin.ru"),
    ("https://www.mid.ru/ru/foreign_policy/news/", "mid.ru"),
    ("not a url", ""),
])
def test_url_host(url, host):
    assert url_host(url) == host


def _doc(**fields) -> Document:
    return Document("d", "d.txt", "txt", "", **fields)


@pytest.mark.parametrize("fields, found, source, origin", [
    ({"source": "МИД России", "source_origin": "front matter", "url": "https://x.ru/a"},
     Found(Dateline("Москва", None, "ТАСС"), "Reuters"), "МИД России", "front matter"),
    ({"url": "https://x.ru/a"}, Found(Dateline("Москва", None, "ТАСС"), "Reuters"), "ТАСС", "dateline"),
    ({"url": "https://x.ru/a"}, Found(Dateline("Москва", None, ""), "Reuters"), "Reuters", "text"),
    ({"url": "https://www.x.ru/a"}, Found(None, ""), "x.ru", "url"),
    ({}, Found(None, ""), "", ""),
])
def test_the_best_known_source_wins(fields, found, source, origin):
    doc = apply(_doc(**fields), found)
    assert (doc.source, doc.source_origin) == (source, origin)


def test_a_dateline_dates_a_document_the_front_matter_does_not():
    dateline = Found(Dateline("Баку", PartialDate(None, 5, 20), ""))
    assert apply(_doc(date=PartialDate(2021, 5, 20), date_origin="front matter"), dateline).date_origin == "front matter"
    from_text = apply(_doc(date=PartialDate(2019, 1, 1), date_origin="text"), dateline)
    assert (from_text.date, from_text.date_origin, from_text.place) == (PartialDate(None, 5, 20), "dateline", "Баку")
    same_day = apply(_doc(date=PartialDate(2021, 5, 20), date_origin="text"), dateline)
    assert (same_day.date, same_day.date_origin) == (PartialDate(2021, 5, 20), "text")  # the same day, with its year


def test_clean_takes_the_dateline_out_of_the_text_and_into_the_record():
    doc = Document("d", "d.txt", "txt", "Заголовок статьи\nМОСКВА, 20 мая — РИА Новости. Министры встретились в Москве, сообщает МИД.")
    cleaned = clean(doc)
    assert cleaned.text == "Министры встретились в Москве, сообщает МИД."
    assert (cleaned.place, cleaned.date, cleaned.date_origin) == ("Москва", PartialDate(None, 5, 20), "dateline")
    assert (cleaned.source, cleaned.source_origin) == ("РИА Новости", "dateline")
    without = clean(replace(doc, body=doc.body.replace("МОСКВА, 20 мая — РИА Новости. ", "")))
    assert (without.source, without.source_origin, without.place) == ("МИД", "text", "")


# Every seed: its source, where it came from, and whether its pages link the original.
SEED_SOURCES = {
    "2021-05-20-premery-rf-i-azerbaydzhana-v-moskve": ("Кабмин РФ", "text", ""),
    "2022-06-29-beseda-s-aliyevym": ("kremlin.ru", "front matter", "http://kremlin.ru/events/president/news/copy/68782"),
    "2022-07-20-lavrov-i-bayramov": ("МИД РФ", "text", ""),
    "2024-03-05-premery-v-baku": ("АЗЕРТАДЖ", "text", ""),
    "2024-08-18-putin-i-aliev-v-baku": ("Sputnik Азербайджан", "front matter", ""),
}


def test_every_seed_names_its_source(seed_docs):
    assert {d.id: (d.source, d.source_origin, d.url) for d in seed_docs} == SEED_SOURCES
    putin = next(d for d in seed_docs if d.id == "2024-08-18-putin-i-aliev-v-baku")
    assert putin.place == "Баку" and "БАКУ, 18 авг" not in putin.text


def test_the_clean_cache_keeps_provenance(seed_docs, tmp_path):
    from briefing.stages.clean import clean_all
    from briefing.stages.load import load_documents

    from conftest import CORPUS

    raw = load_documents(CORPUS, 10**6).documents
    first, _ = clean_all(raw, cache_dir=tmp_path)
    again, _ = clean_all(raw, cache_dir=tmp_path)
    fresh, _ = clean_all(raw)
    assert first == again == fresh

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
    # the url names its publisher, over anything the text says
    ({"url": "https://russian.rt.com/world/article/1-x"}, Found(Dateline("Москва", None, "ТАСС"), "Reuters"), "RT", "url"),
    ({"url": "https://amp.ng.ru/?p=http://www.ng.ru/cis/2017-04-13/1_x.html"}, Found(None, "Reuters"), "Независимая газета", "url"),
    ({"url": "https://www.x.ru/a"}, Found(Dateline("Москва", None, "ТАСС"), "Reuters"), "x.ru", "url"),
    # no url: the header's dateline, then the text's own attribution
    ({}, Found(Dateline("Москва", None, "ТАСС"), "Reuters"), "ТАСС", "dateline"),
    ({}, Found(Dateline("Москва", None, ""), "Reuters"), "Reuters", "text"),
    ({}, Found(None, ""), "", ""),
])
def test_the_best_known_source_wins(fields, found, source, origin):
    doc, _ = apply(_doc(**fields), found)
    assert (doc.source, doc.source_origin) == (source, origin)


def test_the_users_table_names_their_hosts():
    doc, _ = apply(_doc(url="https://news.example.org/a"), Found(), {"example.org": "Пример"})
    assert (doc.source, doc.source_origin) == ("Пример", "url")
    doc, _ = apply(_doc(url="https://tass.ru/politika/1"), Found(), {"tass.ru": "ТАСС (Москва)"})
    assert doc.source == "ТАСС (Москва)"  # the user's table first


ENTERED = "2024-11-20T10:00:00+03:00"


# What the document says of its own date -> the date shown and where it came from.
@pytest.mark.parametrize("fields, found, date, origin", [
    # front matter wins
    ({"date": PartialDate(2021, 5, 20), "date_origin": "front matter"}, Found(header_date=PartialDate(2019, 1, 1)),
     PartialDate(2021, 5, 20), "front matter"),
    # a date line in the header, then a dateline, then the url
    ({"url": "http://www.ng.ru/politics/2018-03-22/1_x.html"}, Found(header_date=PartialDate(2018, 3, 21)), PartialDate(2018, 3, 21), "header"),
    ({"url": "http://www.ng.ru/politics/2018-03-22/1_x.html"}, Found(Dateline("Баку", PartialDate(2018, 3, 20), "")), PartialDate(2018, 3, 20), "dateline"),
    ({"url": "http://www.ng.ru/politics/2018-03-22/1_x.html"}, Found(), PartialDate(2018, 3, 22), "url"),
    ({"url": "https://example.org/2017/05/12/news"}, Found(), PartialDate(2017, 5, 12), "url"),
    # a day without a year: the entry date's year when it is within 60 days before the entry...
    ({"added": ENTERED}, Found(Dateline("Баку", PartialDate(None, 11, 14), "")), PartialDate(2024, 11, 14), "dateline"),
    ({"added": "2025-01-05T10:00:00Z"}, Found(Dateline("Баку", PartialDate(None, 12, 30), "")), PartialDate(2024, 12, 30), "dateline"),
    # ...else it stays without one, unless a full date of the same document says more
    ({"added": ENTERED}, Found(Dateline("Баку", PartialDate(None, 5, 20), "")), PartialDate(None, 5, 20), "dateline"),
    ({"added": ENTERED, "url": "https://a.ru/2024/05/20/x"}, Found(Dateline("Баку", PartialDate(None, 5, 20), "")),
     PartialDate(2024, 5, 20), "url"),
    # history and the future are not publication dates: undated
    ({"added": ENTERED}, Found(header_date=PartialDate(1941, 6, 22)), None, ""),
    ({"added": ENTERED}, Found(header_date=PartialDate(2025, 3, 1)), None, ""),
    ({"added": ENTERED, "url": "https://a.ru/1912/08/12/x"}, Found(), None, ""),
    ({"added": ENTERED}, Found(header_date=PartialDate(1941, 6, 22), dateline=Dateline("Баку", PartialDate(2024, 11, 1), "")),
     PartialDate(2024, 11, 1), "dateline"),
    # nothing of its own: undated (a date in the body is an event, read elsewhere)
    ({"added": ENTERED}, Found(), None, ""),
])
def test_a_document_is_dated_by_its_header_or_address_only(fields, found, date, origin):
    doc, _ = apply(_doc(**fields), found)
    assert (doc.date, doc.date_origin) == (date, origin)


def test_a_refused_date_is_a_warning():
    _, problems = apply(_doc(added=ENTERED), Found(header_date=PartialDate(1941, 6, 22)))
    assert problems == ("date line date 22 июня 1941 is before 1990: not taken as the publication date",)
    _, problems = apply(_doc(added=ENTERED, url="https://a.ru/2025/03/01/x"), Found())
    assert problems == ("url date 1 марта 2025 is after the day the file entered the repository (2024-11-20): "
                        "not taken as the publication date",)
    doc, problems = apply(_doc(added=ENTERED, date=PartialDate(2030, 1, 1), date_origin="front matter"), Found())
    assert doc.date is None and problems[0].startswith("front matter: date 1 января 2030 is after the day")


def test_clean_takes_the_dateline_out_of_the_text_and_into_the_record():
    doc = Document("d", "d.txt", "txt", "Заголовок статьи\nМОСКВА, 20 мая — РИА Новости. Министры встретились в Москве, сообщает МИД.")
    cleaned = clean(doc)
    assert cleaned.text == "Министры встретились в Москве, сообщает МИД."
    assert (cleaned.place, cleaned.date, cleaned.date_origin) == ("Москва", PartialDate(None, 5, 20), "dateline")
    assert (cleaned.source, cleaned.source_origin) == ("РИА Новости", "dateline")
    without = clean(replace(doc, body=doc.body.replace("МОСКВА, 20 мая — РИА Новости. ", "")))
    assert (without.source, without.source_origin, without.place) == ("", "", "")  # «сообщает МИД» is what the story says


BODY = ("Министры иностранных дел двух стран провели переговоры в Москве и обсудили сотрудничество. "
        "Стороны договорились продолжить консультации.")


# Whole documents -> (date, date origin, source, source origin), through the clean stage.
@pytest.mark.parametrize("text, expected", [
    # a date line between the title and the text (the kremlin.ru seed's form)
    (f"Заголовок\n\n2022-06-29 22:30:00\n\nАшхабад\n\n{BODY}", (PartialDate(2022, 6, 29), "header", "", "")),
    (f"Заголовок\n18 августа 2024, 14:30\n{BODY}", (PartialDate(2024, 8, 18), "header", "", "")),
    # a date in the body is an event it mentions, not the day it was published
    (f"Заголовок\n{BODY} Встреча прошла 20 мая 2017 года. Договор подписан 12 августа 1912 года.", (None, "", "", "")),
    (f"Заголовок\n{BODY}\n\n2018-03-22 10:00:00\n\n{BODY}", (None, "", "", "")),
    # a dateline further down opens a quoted wire item: not this document's
    (f"Заголовок\n{BODY}\n\n{BODY}\n\nБАКУ, 14 ноября 2024 — Президенты встретились в Баку и обсудили торговлю. Это важно.",
     (None, "", "", "")),
    # ...but a lead may come before the dateline
    (f"Заголовок\n{BODY}\n\nБАКУ, 14 ноября 2024 — Президенты встретились в Баку и обсудили торговлю. Это важно.",
     (PartialDate(2024, 11, 14), "dateline", "", "")),
    # the document's own attribution: a closing credit line; «Об этом сообщает ТАСС» relays
    (f"Заголовок\n{BODY} Об этом сообщает ТАСС.\n\n{BODY}", (None, "", "", "")),
    (f"Заголовок\n{BODY}\n\n{BODY}\n\nПо информации Интерфакса", (None, "", "Интерфакс", "text")),
    (f"Заголовок\n{BODY}\n\n{BODY}\n\n(ТАСС)", (None, "", "ТАСС", "text")),
    (f"Заголовок\n{BODY}\n\n{BODY}\n\nРИА Новости", (None, "", "", "")),  # a photo credit's form
    (f"Заголовок\n{BODY}\n\n{BODY}\n\nИсточник: Интерфакс", (None, "", "Интерфакс", "text")),
    (f"Заголовок\n{BODY}\n\n{BODY}\n\n/РИА Новости/", (None, "", "РИА Новости", "text")),
    # claims it quotes are not its source
    (f"Заголовок\nПо данным Турции, {BODY[0].lower()}{BODY[1:]}", (None, "", "", "")),
    (f"Заголовок\n{BODY[:-1]}, сообщает The Guardian.\n\nКак передаёт Reuters, стороны довольны итогами.", (None, "", "", "")),
])
def test_date_and_source_of_whole_documents(text, expected):
    doc = clean(Document("d", "d.txt", "txt", text, added=ENTERED))
    assert (doc.date, doc.date_origin, doc.source, doc.source_origin) == expected


def test_a_doubled_url_prefix_is_repaired_with_a_warning(tmp_path):
    from briefing.stages.clean import clean_all
    from briefing.stages.load import load_documents

    (tmp_path / "a.txt").write_text("---\nurl: https://russian.rt.comhttps://russian.rt.com/world/article/1-x\n---\nЗаголовок\n" + BODY,
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Другой заголовок\n" + BODY + " Ещё одно предложение.\n\nhttps://russian.rt.comhttps://russian.rt.com/a/2-y\n",
                                    encoding="utf-8")
    loaded = load_documents(tmp_path, 10**6)
    docs, problems = clean_all(loaded.documents)
    assert {d.path: (d.url, d.source) for d in docs} == {
        "a.txt": ("https://russian.rt.com/world/article/1-x", "RT"), "b.txt": ("https://russian.rt.com/a/2-y", "RT")}
    assert [str(p) for p in (*loaded.problems, *problems)] == [
        "a.txt: front matter: url: doubled address prefix 'https://russian.rt.com' removed: https://russian.rt.com/world/article/1-x",
        "b.txt: last line: doubled address prefix 'https://russian.rt.com' removed: https://russian.rt.com/a/2-y",
    ]


# Every seed: its source, where it came from, and whether its pages link the original.
SEED_SOURCES = {
    "2021-05-20-premery-rf-i-azerbaydzhana-v-moskve": ("", "", ""),  # «Об этом сообщается на сайте кабмина РФ»: relayed
    "2022-06-29-beseda-s-aliyevym": ("kremlin.ru", "front matter", "http://kremlin.ru/events/president/news/copy/68782"),
    # «…, сообщает МИД РФ.», «Как сообщает АЗЕРТАДЖ со ссылкой на …»: what the story relays,
    # not a wire line of its own; no front matter, no url: no source rather than a guess
    "2022-07-20-lavrov-i-bayramov": ("", "", ""),
    "2024-03-05-premery-v-baku": ("", "", ""),
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

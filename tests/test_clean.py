import pytest

from briefing.stages.clean import (
    RULES, clean, clean_all, decode_html_entities, drop_bare_times_and_numbers, drop_boilerplate_lines,
    drop_datelines, drop_legal_disclaimers, drop_page_script, drop_photo_credits, drop_social_embeds, drop_teasers, join_hyphenated_breaks,
    join_inline_link_lines, join_wrapped_lines,
    normalize_spaces, take_trailing_url, txt_blocks, md_blocks,
)
from briefing.errors import ContentError
from briefing.records import Block, Document

# An RT video: JW Player's setup as the scraped text has it (shortened), between two paragraphs.
JW_PLAYER = (
    ' jwplayer.key="kESrsgULvYO7r2MfUelqj3vs+2i8JdQBqjGNmA==";\n'
    ' jwplayer("js-mediaplayer-58e7efcf_2").setup({ advertising: (function() {\n'
    " if(window.location.pathname.indexOf('/preview/Article/') + 1 > 0) { return {}; }\n"
    '   return { client: "vast", tag: \'https://an.yandex.ru/meta/237738?imp-id=1\' + encodeURIComponent(location.href), } })(),'
    ' file:        "https://cdnv.rt.com/russian/video/2017.04/58e7efcf.mp4", // stretching: \'fill\',\n'
    ' // title:       "\\u041F\\u0440\\u043E", aspectratio: "16:9", skin: { name: "five", inactive: "#FFFFFF"\n'
    ' }, width:       "100%", sharing: { heading : "Поделиться Видео", code: encodeURI(\'<div style="position: relative;'
    'padding-top: 25px;"><iframe src="\' + location.host + \'/video"></iframe></div>\'), link: "/world/article/376514" },'
    " events: { onPlay: function(){ if(ga) { ga('send', 'event', 'JWPLAYER-GA', 'CLICK PLAY', location.href); }"
    " var playingVideoId = 'js-mediaplayer-58e7efcf_2'; // id текущего плеера pauseMedia(playingVideoId); //запускаем функцию"
    " остановки Код функции ниже по коду }, onComplete: function(){ if(ga) { ga('send', 'event', 'JWPLAYER-GA', 'COMPLETE'); } } } });"
    "  function pauseMedia(playingMediaId) { var players = document.querySelectorAll('.jwplayer, object');\n"
    " for (var i = 0, max = players.length; i < max; i++) { if( jwplayer(players[i]).getState() === \"playing\" ) {"
    " jwplayer(players[i]).play(false); //or jwplayer(this).stop(); } } }\n"
)

# One row per behaviour: (rule, input, expected). Seeds' own tricky spots included.
CASES = [
    (drop_page_script, "Текст до плеера.\n\n" + JW_PLAYER + "\n Подпись к видео \nТекст после.", "Текст до плеера.\n\n\n Подпись к видео \nТекст после."),
    (drop_page_script, "Конец абзаца.\n  (function(d, s, id) { var js = d.createElement(s); js.src = \"//vk.com/js/api/openapi.js?145\"; }(document, 'script', 'vk_openapi_js'));"
     "  (function() {    if (!window.VK) setTimeout(arguments.callee, 50);  }());\nНовый абзац.", "Конец абзаца.\nНовый абзац."),
    (drop_page_script, "Как сообщает агентство. (function(){ var a = 1; track(a); })(); Дальше текст.", "Как сообщает агентство. Дальше текст."),
    (drop_page_script, "Так и закончилось. VK.Widgets.Poll(\"vk_poll\", {width: 300}, \"2463_5e58\");", "Так и закончилось."),
    (drop_page_script, 'var ads = {"slot": 1, "size": [300, 250]};\nЗаголовок\nТекст.', "Заголовок\nТекст."),
    (drop_page_script, "body{min-height:500px}.pb-full .pb_feed {display: none !important}\nТекст.", "Текст."),
    (drop_page_script, 'Текст.\n {"comparisonItem":[{"keyword":"World War 3","geo":""}],"category":0} \nЕщё.', "Текст.\nЕщё."),
    (drop_page_script, "Функция f(x) = x² растёт; при x = 0 она равна нулю {см. рис. 1}.", "Функция f(x) = x² растёт; при x = 0 она равна нулю {см. рис. 1}."),
    (drop_page_script, "— возмущается {Mannessy}. #санкции #{Россия}", "— возмущается {Mannessy}. #санкции #{Россия}"),
    (drop_page_script, "Цены: хлеб (батон) — 30 руб.; молоко = 60 руб.; сыр — 500 руб.", "Цены: хлеб (батон) — 30 руб.; молоко = 60 руб.; сыр — 500 руб."),
    (drop_page_script, 'Он ввёл console.log("Привет"); и получил ошибку.', 'Он ввёл console.log("Привет"); и получил ошибку.'),
    (drop_page_script, "Запись вида key {name: value} описана в RFC 8259 (JSON).", "Запись вида key {name: value} описана в RFC 8259 (JSON)."),
    (drop_page_script, "Пример:\n\n```js\nvar x = {a: 1}; foo(x); bar(x);\n```\nКонец.", "Пример:\n\n```js\nvar x = {a: 1}; foo(x); bar(x);\n```\nКонец."),
    (normalize_spaces, "с\u00a0Президентом \u200bАзербайджана  \nДалее", "с Президентом Азербайджана\nДалее"),
    (decode_html_entities, "&lt;…&gt;", "<…>"),
    (decode_html_entities, "AT&T без сущностей", "AT&T без сущностей"),
    (join_hyphenated_breaks, "важность поступа-\n\n\n\nтельного развития", "важность поступательного развития"),
    (join_hyphenated_breaks, "совмест-\n\nных проектов", "совместных проектов"),
    (join_hyphenated_breaks, "авто-\n\nдорожной", "автодорожной"),
    (join_hyphenated_breaks, "азербайджано-\nроссийского", "азербайджано-российского"),
    (join_hyphenated_breaks, "торгово-экономическое и Север-Юг", "торгово-экономическое и Север-Юг"),
    (join_hyphenated_breaks, "коридор Север-\nЮг", "коридор Север-\nЮг"),
    (drop_photo_credits, "© Sputnik / Михаил Климентьев / Перейти в фотобанкПрезидент РФ\nТекст.", "Текст."),
    (drop_photo_credits, "Президент РФ В. Путин - Sputnik Азербайджан, 1920, 18.08.2024\nТекст.", "Текст."),
    (drop_photo_credits, "Текст.\n AFP \nReuters / Global Look Press\nФото: ТАСС\nЕщё.", "Текст.\nЕщё."),
    (drop_photo_credits, "Агентство AFP сообщило.", "Агентство AFP сообщило."),
    (drop_photo_credits, "Текст.\n Акция у консульства в Киеве, 14 февраля 2018 г. \n Facebook \n © chor.komitet   \nЕщё.",
     "Текст.\nЕщё."),
    (drop_photo_credits, "Текст.\n Верующие во время Пасхи в Киеве\r\n \n globallookpress.com \n © Anatolii Stepanov \nЕщё.",
     "Текст.\nЕщё."),
    (drop_photo_credits, "Текст.\n Блокадный Ленинград \n РИА Новости \nДальше.", "Текст.\nДальше."),
    (drop_photo_credits, "По данным\n Reuters \n, рост продолжился.", "По данным\n Reuters \n, рост продолжился."),
    (join_inline_link_lines, "Об этом заявил\n Пётр Порошенко \nво время визита.", "Об этом заявил Пётр Порошенко во время визита."),
    (join_inline_link_lines, "Как сказал\n Алекс Салмонд, бывший министр \nШотландии\n (где базы), всё.", "Как сказал Алекс Салмонд, бывший министр Шотландии (где базы), всё."),
    (join_inline_link_lines, "Конец абзаца.\n Подпись \nНовый абзац.", "Конец абзаца.\n Подпись \nНовый абзац."),
    (join_inline_link_lines, "Матч дня\nВстреча открывала программу.", "Матч дня\nВстреча открывала программу."),
    (join_inline_link_lines, "«Хочу напомнить заявление \nМинобороны\n о том, что по машине никто не стрелял.",
     "«Хочу напомнить заявление Минобороны о том, что по машине никто не стрелял."),
    (join_inline_link_lines, "RT представил первый панорамный \nдокументальный фильм о Донецке\n, снятый дроном.",
     "RT представил первый панорамный документальный фильм о Донецке, снятый дроном."),
    (join_inline_link_lines, " Подпись к фото \nНовый абзац.", " Подпись к фото \nНовый абзац."),
    (join_inline_link_lines, "Ибрагимович выиграл для МЮ Кубок лиги \nГлавным событием выходных стал финал.",
     "Ибрагимович выиграл для МЮ Кубок лиги \nГлавным событием выходных стал финал."),
    (join_inline_link_lines, "Налоговый поворот\nДля возрождения промышленности.", "Налоговый поворот\nДля возрождения промышленности."),
    (drop_social_embeds, "Текст.\nЗырянов провёл тренировку!\nПодробности: \nhttps://t.co/W0IX\npic.twitter.com/D71f\n— «Зенит»-2 (@zenit_spb2) \n18 января 2018 г.\nДальше.", "Текст.\nДальше."),
    (drop_teasers, "Текст.\n\nЧитайте также:", "Текст.\n"),
    (drop_teasers, "Текст.\nТакже по теме\nАлиев и Путин проведут встречу\nДальше текст.", "Текст.\nДальше текст."),
    (drop_teasers, "По теме переговоров стороны договорились.", "По теме переговоров стороны договорились."),
    (drop_teasers, "Текст.\n Также по теме \n Трамп прокомментировал призывы \n Трамп призвал найти организаторов акций. \nДальше текст.", "Текст.\nДальше текст."),
    (drop_teasers, "Текст.\nЧитайте также:\nАлиев и Путин проведут встречу\nСтороны обсудили торговлю.", "Текст.\nСтороны обсудили торговлю."),
    (drop_teasers, "Текст.\n Также по теме \n Клиент всегда прав: в России может появиться уполномоченный \n Правительству предложили разработать закон, в соответствии с которым... \nЭксперт добавляет.", "Текст.\nЭксперт добавляет."),
    (drop_boilerplate_lines, "Новости\nЗаголовок\nПодписаться\nЛента новостей\nТекст.", "Заголовок\nТекст."),
    (drop_bare_times_and_numbers, "Текст.\n09:55\n0\n2022-06-29 22:30:00\nВ 09:55 начали.", "Текст.\nВ 09:55 начали."),
    (drop_datelines, "БАКУ, 18 авг — Sputnik. Российская сторона готова.", "Российская сторона готова."),
    (drop_datelines, "МОСКВА, 5 мая - РИА Новости. Текст.", "Текст."),
    (drop_legal_disclaimers, "Текст.\n«Исламское государство» (ИГ) — террористическая группировка, запрещённая на территории России.\nЕщё.", "Текст.\nЕщё."),
    (drop_legal_disclaimers, "* Террористическая организация, запрещена в России\nЕщё.", "Ещё."),
    (drop_legal_disclaimers, "Суд признал организацию террористической и запретил её в России, сообщили в ведомстве. Подробности позже.", "Суд признал организацию террористической и запретил её в России, сообщили в ведомстве. Подробности позже."),
    (join_wrapped_lines, "Строка без точки\nпродолжается здесь.\nНовая строка.", "Строка без точки продолжается здесь.\nНовая строка."),
]


@pytest.mark.parametrize("rule, text, expected", CASES, ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_rule(rule, text, expected):
    assert rule(text) == expected


def test_every_rule_has_a_test_row():
    tested = {c[0].__name__ for c in CASES}
    assert {r.name for r in RULES} <= tested


@pytest.mark.parametrize("text, url", [
    ("Текст.\n\n\nhttp://kremlin.ru/events/president/news/copy/68782", "http://kremlin.ru/events/president/news/copy/68782"),
    ("Текст со ссылкой http://a.ru внутри.", ""),
])
def test_trailing_url(text, url):
    assert take_trailing_url(text)[1] == url


def test_txt_blocks_keep_lists_and_find_headings():
    text = "По итогам встречи подписаны документы:\n\n  • Меморандум о взаимопонимании;\n  • Соглашение о связи.\n\nРегулярные встречи\nТекст абзаца."
    assert txt_blocks(text) == [
        Block("paragraph", "По итогам встречи подписаны документы:"),
        Block("item", "Меморандум о взаимопонимании;"),
        Block("item", "Соглашение о связи."),
        Block("heading", "Регулярные встречи"),
        Block("paragraph", "Текст абзаца."),
    ]


def test_md_blocks_drop_markup_keep_text():
    text = (
        "# Заголовок\n\nАбзац со [ссылкой](https://a.ru) и <b>тегом</b> &amp; сущностью.\n\n"
        "Не ссылка: [клик](javascript:alert(1))\n\n- пункт один\n- пункт два\n\n<script>alert(1)</script>\n"
    )
    assert md_blocks(text) == [
        Block("heading", "Заголовок"),
        Block("paragraph", "Абзац со ссылкой и тегом & сущностью."),
        Block("paragraph", "Не ссылка: [клик](javascript:alert(1))"),
        Block("item", "пункт один"),
        Block("item", "пункт два"),
    ]


def doc(body: str, fmt: str = "txt", **kw) -> Document:
    return Document(id="d", path="d." + fmt, format=fmt, body=body, **kw)


def test_title_is_first_line_and_does_not_run_into_text():
    cleaned = clean(doc("\n\nЗаголовок статьи\nПервое предложение текста. Второе."))
    assert cleaned.title == "Заголовок статьи"
    assert cleaned.text == "Первое предложение текста. Второе."


def test_front_matter_title_wins_and_its_repeat_is_dropped():
    cleaned = clean(doc("Рубрика\nЗаголовок из метаданных\nТекст статьи.", title="Заголовок из метаданных"))
    assert [b.text for b in cleaned.blocks] == ["Рубрика", "Текст статьи."]


def test_update_marker_and_trailing_headline_are_dropped():
    cleaned = clean(doc("Путин и Алиев обсудят урегулирование - ОБНОВЛЕНО\nТекст статьи.\nАлиев и Путин проведут встречу на полях ШОС"))
    assert cleaned.title == "Путин и Алиев обсудят урегулирование"
    assert cleaned.text == "Текст статьи."


def test_nothing_left_is_an_error():
    with pytest.raises(ContentError) as exc:
        clean(doc("Заголовок\nПодписаться\n09:55"))
    assert str(exc.value) == "d.txt: no text left after cleaning (only a title, boilerplate or markup)"


def test_seed_noise_is_gone(seed_docs):
    text = "\n".join(d.title + "\n" + d.text for d in seed_docs)
    for noise in ["Читайте также", "Подписаться", "Лента новостей", "Перейти в фотобанк", "09:55", "&lt;",
                  "поступа-", "ОБНОВЛЕНО", "1920, 18.08.2024", "http://kremlin.ru", "БАКУ, 18 авг"]:
        assert noise not in text, noise
    for kept in ["поступательного", "автодорожной", "торгово-экономическое", "Север-Юг", "Север - Юг"]:
        assert kept in text, kept


def test_trace_names_the_rule(seed_docs):
    seen = []
    clean(doc("Заголовок.\nНачало поступа-\n\nтельного развития. Текст.\n09:55"), trace=lambda p, r, b, a: seen.append(r))
    assert seen == ["join_hyphenated_breaks", "drop_bare_times_and_numbers"]


def test_the_clean_cache_gives_what_cleaning_gives_and_keeps_reporting(tmp_path):
    from briefing.stages.load import load_documents

    from conftest import CORPUS

    raw = list(load_documents(CORPUS, 10**6).documents)
    empty = Document("empty", "empty.md", "md", "# Только заголовок\n")
    flat = Document("flat", "flat.txt", "txt", "Заметки\nвстреча в Баку прошла в среду\nобсуждали коридор")
    def shown(result):
        return result[0], [str(p) for p in result[1]]

    fresh = shown(clean_all([*raw, empty, flat]))
    first = shown(clean_all([*raw, empty, flat], cache_dir=tmp_path))
    again = shown(clean_all([*raw, empty, flat], cache_dir=tmp_path))
    assert fresh == first == again
    assert again[1] == [
        "empty.md: no text left after cleaning (only a title, boilerplate or markup)",
        "flat.txt: no sentence punctuation (. ! ? …): each line or paragraph is taken as one sentence",
    ]
    assert len(list(tmp_path.iterdir())) == len(raw) + 2
    clean_all(raw[:1], cache_dir=tmp_path)
    assert len(list(tmp_path.iterdir())) == 1  # entries no document uses are dropped


def test_cleaned_documents_keep_no_raw_body(seed_docs):
    """The blocks are the text after cleaning: the raw body is let go (memory at scale)."""
    assert seed_docs and all(d.body == "" and d.text and d.blocks for d in seed_docs)

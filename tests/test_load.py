import os
from pathlib import Path

import pytest

from briefing.nlp.dates import find_date, parse_date
from briefing.nlp.slugs import slugify
from briefing.stages.load import load_documents
from briefing.records import PartialDate
from conftest import CORPUS, SEED_FILES, SEEDS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", None),
        ("без даты", None),
        ("2022-06-29 22:30:00\n\nАшхабад", PartialDate(2022, 6, 29)),
        ("Sputnik Азербайджан, 1920, 18.08.2024", PartialDate(2024, 8, 18)),
        ("БАКУ, 18 авг — Sputnik.", PartialDate(None, 8, 18)),
        ("Асадов 20 мая на переговорах", PartialDate(None, 5, 20)),
        ("от 9 ноября 2020 г.", PartialDate(2020, 11, 9)),
        ("32 мая и 10 суток", None),
        ("сначала 5 марта, затем 2024-01-02", PartialDate(None, 3, 5)),
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_partial_date_is_never_completed():
    d = PartialDate(None, 5, 20)
    assert (d.iso(), d.human()) == ("--05-20", "20 мая")
    assert PartialDate(2024, 8, 18).human() == "18 августа 2024"


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", PartialDate(2024, 3, 5)), ("05.03.2024", PartialDate(2024, 3, 5)), ("вчера", None), (5, None),
])
def test_parse_front_matter_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, slug", [
    ("2024-08-18-putin-i-aliev-v-baku", "2024-08-18-putin-i-aliev-v-baku"),
    ("Путин и Алиев в Баку", "putin-i-aliyev-v-baku"),
    ("sub/Файл с пробелами «и» 'кавычками'", "sub-fayl-s-probelami-i-kavychkami"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_fixture_corpus_carries_the_seeds_verbatim():
    if not SEEDS.is_dir():
        pytest.skip(f"the seed originals are not here ({SEEDS}: only our CI has them)")
    for name, seed in SEED_FILES.items():
        shipped = (CORPUS / name).read_text(encoding="utf-8")
        assert shipped.startswith("---\n")
        body = shipped.split("\n---\n", 1)[1]
        assert body == (SEEDS / seed).read_text(encoding="utf-8"), name


def test_seed_metadata(seed_docs):
    by_id = {d.id: d for d in seed_docs}
    kremlin = by_id["2022-06-29-beseda-s-aliyevym"]
    assert (kremlin.date, kremlin.date_origin, kremlin.source) == (PartialDate(2022, 6, 29), "header", "kremlin.ru")
    assert kremlin.url == "http://kremlin.ru/events/president/news/copy/68782"
    assert by_id["2024-08-18-putin-i-aliev-v-baku"].source == "Sputnik Азербайджан"
    assert by_id["2021-05-20-premery-rf-i-azerbaydzhana-v-moskve"].date == PartialDate(2021, 5, 20)


def write(folder: Path, name: str, data: bytes | str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


RU = "Премьер-министры России и Азербайджана провели переговоры в Москве. Стороны обсудили торговлю."


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", "", "empty.txt: empty document"),
        ("blank.md", " \n\t\n", "blank.md: empty document"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt: binary data (a PNG image), not text"),
        ("paper.md", b"%PDF-1.7\n\x00\x01", "paper.md: binary data (a PDF file), not text"),
        ("open.md", "---\ntitle: x\n\nтекст", "open.md: front matter is not closed: no '---' line after the opening one"),
        ("bad.md", "---\ntitle: [x\n---\nтекст", "bad.md: front matter is not valid YAML at line 3: expected ',' or ']', but got '<stream end>'"),
        ("list.md", "---\n- a\n---\nтекст", "list.md: front matter must be a mapping of keys (title, date, …), got list"),
        ("only.md", "---\ntitle: x\n---\n", "only.md: empty document: no text after the front matter"),
    ],
)
def test_unusable_documents_are_reported_and_skipped(tmp_path, name, data, message):
    write(tmp_path, name, data)
    write(tmp_path, "good.txt", RU)
    loaded = load_documents(tmp_path, 10**6)
    assert [d.path for d in loaded.documents] == ["good.txt"]
    assert [str(p) for p in loaded.problems] == [message]


@pytest.mark.parametrize(
    "data, warning",
    [
        (("\ufeff" + RU).encode("utf-8"), None),
        (RU.encode("utf-16"), None),
        (RU.encode("cp1251"), "doc.txt: not UTF-8: decoded as Windows-1251"),
        (RU.encode("koi8_r"), "doc.txt: not UTF-8: decoded as KOI8-R"),
        (RU.encode("utf-8").replace("Стороны".encode(), b"\xff" + "Стороны".encode()), "doc.txt: 1 invalid UTF-8 byte sequence(s) replaced with '\ufffd'"),
    ],
)
def test_encodings(tmp_path, data, warning):
    write(tmp_path, "doc.txt", data)
    loaded = load_documents(tmp_path, 10**6)
    assert loaded.documents[0].body.replace("\ufffd", "") == RU
    assert [str(p) for p in loaded.problems] == ([warning] if warning else [])


def test_front_matter_fields_and_wrong_types(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Заголовок\ndate: вчера\nthemes: 5\nurl: javascript:alert(1)\nauthor: X\n---\n" + RU)
    loaded = load_documents(tmp_path, 10**6)
    doc = loaded.documents[0]
    assert (doc.title, doc.date, doc.themes, doc.url) == ("Заголовок", None, None, "")
    assert [str(p) for p in loaded.problems] == [
        "a.md: front matter: date: expected a date such as 2024-03-05, got 'вчера'",
        "a.md: front matter: themes: expected a list of dossier ids, got 5",
        "a.md: front matter: url: not a usable address (scheme javascript: (only http and https are linked)), not linked: 'javascript:alert(1)'",
        "a.md: front matter: unknown key 'author' ignored (known: title, date, source, url, themes)",
    ]


@pytest.mark.parametrize("front, date, warning", [
    ("date: 2024-13-05", None, "x.md: front matter: date: expected a date such as 2024-03-05, got '2024-13-05'"),
    ("date: 2024-02-30", None, "x.md: front matter: date: expected a date such as 2024-03-05, got '2024-02-30'"),
    ("date: 2024-03-05 25:00:00", PartialDate(2024, 3, 5), None),  # the time is never used
    ("date: 2024-03-05", PartialDate(2024, 3, 5), None),
    ("date: 2024-03-05T10:30:00Z", PartialDate(2024, 3, 5), None),
    ("title: 2024-13-05", None, None),
    ("date: {y: 2024}", None, "x.md: front matter: date: expected a date such as 2024-03-05, got {'y': 2024}"),
    ("source: yes", None, "x.md: front matter: source: expected text, got True"),
    ("source: ~", None, "x.md: front matter: source: expected text, got None"),
])
def test_a_front_matter_typo_is_a_warning_and_the_document_builds(tmp_path, front, date, warning):
    write(tmp_path, "x.md", f"---\n{front}\n---\n" + RU)
    loaded = load_documents(tmp_path, 10**6)
    assert [d.date for d in loaded.documents] == [date]
    assert [str(p) for p in loaded.problems] == ([warning] if warning else [])


def test_a_value_yaml_cannot_construct_skips_only_its_document(tmp_path):
    write(tmp_path, "x.md", "---\nsource: !!int abc\n---\n" + RU)
    write(tmp_path, "good.txt", RU + " Другой текст.")
    loaded = load_documents(tmp_path, 10**6)
    assert [d.path for d in loaded.documents] == ["good.txt"]
    assert [str(p) for p in loaded.problems] == ["x.md: front matter has a value YAML cannot read: invalid literal for int() with base 10: 'abc'"]


def test_size_limit(tmp_path):
    write(tmp_path, "big.txt", RU * 100)
    loaded = load_documents(tmp_path, 1000)
    assert [str(p) for p in loaded.problems] == ["big.txt: 17 500 bytes is over limits.max_document_bytes (1 000): skipped"]


def test_slug_clashes_get_distinct_stable_ids(tmp_path):
    write(tmp_path, "Путин.txt", RU)
    write(tmp_path, "putin.md", RU)
    write(tmp_path, "sub dir/Ёлка «1».txt", RU)
    ids = [d.id for d in load_documents(tmp_path, 10**6).documents]
    assert ids == ["putin", "putin-2", "sub-dir-yolka-1"]


def test_symlink_outside_content_is_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(RU, encoding="utf-8")
    content = tmp_path / "content"
    write(content, "good.txt", RU)
    os.symlink(outside, content / "link.txt")
    loaded = load_documents(content, 10**6)
    assert [d.path for d in loaded.documents] == ["good.txt"]
    assert [str(p) for p in loaded.problems] == ["link.txt: symbolic link to a file outside the content folder: not followed"]


@pytest.mark.parametrize("url, problem", [
    ("https://russian.rt.com/world/article/1-a?x=1#f", ""),
    ("http://kremlin.ru/events/president/news/1", ""),
    ("http://президент.рф/news", ""),  # a Cyrillic host, through IDNA
    ("https://www.ng.ru/politics/2018-03-22/1_x.html", ""),
    ("http://1.2.3.4/x", ""),
    ("http://kreml]]></content><script>alert(6)</script>n.ru/events/", "contains ']'"),
    ("javascript:alert(1)", "scheme javascript: (only http and https are linked)"),
    ("data:text/html,<b>", "contains '<'"),
    ("ftp://example.org/file", "scheme ftp: (only http and https are linked)"),
    ("http://[::1]]:80/", "contains '['"),
    ('https://example.org/news?q="><script>', "contains '\"'"),
    ("https://example.org/a'onmouseover='x", "contains \"'\""),
    ("http://example.org/path with spaces", "contains ' '"),
    ("https://example.org/{{ x }}", "contains '{'"),
    ("http://localhost/", "host 'localhost' is not a host name"),
    ("http://999.1.1.1/", "host '999.1.1.1' is not a host name"),
    ("http://-bad-.ru/", "host '-bad-.ru' is not a host name"),
    ("https://a.ru:99999/", "Port out of range 0-65535"),
    ("http://user:secret@host.ru/", "user name or password in the address"),
    ("https:///path", "no host"),
    ("", "empty"),
])
def test_url_problem(url, problem):
    from briefing.stages.load import url_problem

    assert url_problem(url) == problem

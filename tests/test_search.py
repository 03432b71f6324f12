"""briefing.site.search: the site's own search index (the browser side is in test_browser.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.site import search
from briefing.site.search import Searchable, also, index_documents, stem, terms, words

DOCS = [
    Searchable.of_text("documents/koridor/", "Коридор «Север — Юг»", "Стороны обсудили развитие транспортного коридора.\nПереговоры продолжатся."),
    Searchable.of_text("documents/krokus/", "Соболезнования", 'Теракт в "Крокус сити холле" осудили лидеры «каспийской пятёрки».'),
    Searchable.of_text("documents/alijev/", "Беседа", "Владимир Путин провёл переговоры с Ильхамом Алиевым о коридоре."),
]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def unzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def postings(site: Path) -> dict[str, dict[int, int]]:
    """Every term of the index with its documents and counts, decoded from the chunks."""
    meta = json.loads(unzip(site / "search" / "meta.json.gz"))
    found: dict[str, dict[int, int]] = {}
    for n in range(len(meta["chunks"])):
        lines = unzip(site / "search" / "t" / f"{n}.gz").split("\n")
        assert lines[0].split("\t")[0] == meta["chunks"][n]  # each chunk starts at the term meta names
        for line in lines:
            term, numbers = line.split("\t")
            values = [int(v) for v in numbers.split(",")]
            docs, doc = {}, 0
            for gap, count in zip(values[::2], values[1::2]):
                doc += gap
                docs[doc] = count
            found[term] = docs
    return found


def test_words_are_lower_case_with_e_for_yo_and_no_stress_marks_or_quotes():
    assert words('«Пятёрки» "Крокус"-холл, узна\u0301л 2023 г.') == ["пятерки", "крокус", "холл", "узнал", "2023", "г"]


@pytest.mark.parametrize("forms", [("коридору", "коридора", "коридор"), ("переговорам", "переговорах", "переговоры"),
                                   ("соглашению", "соглашение"), ("товарообороту", "товарооборота"), ("пятерки", "пятерке")])
def test_inflected_forms_share_a_stem(forms):
    assert len({stem(w) for w in forms}) == 1


@pytest.mark.parametrize("forms", [("алиев", "алиева", "алиеву", "алиевым"), ("лавров", "лаврова", "лаврову"),
                                   ("газ", "газа", "газом", "газе"), ("нефть", "нефти", "нефтью"), ("иран", "ирана", "ирану"),
                                   ("мир", "мира", "миру", "миром"), ("ильхам", "ильхама"), ("грузия", "грузии", "грузией"),
                                   ("медведев", "медведева", "медведеву"), ("кадыров", "кадырова"), ("готов", "готова")])
def test_names_and_short_words_keep_their_forms_together(forms):
    assert len({stem(w) for w in forms}) == 1


@pytest.mark.parametrize("word, other", [("алиев", "аль"), ("лавров", "лаврушина"), ("лавров", "лаврентию"),
                                         ("груз", "грузия"), ("газ", "газета"), ("сша", "сш"), ("медведев", "медведь")])
def test_a_short_snowball_stem_does_not_join_unrelated_words(word, other):
    assert stem(word) != stem(other)


def test_no_term_is_cut_below_the_light_stem():
    # Snowball: «алиев» -> «ал», «аль» -> «ал»; the term keeps the word less its ending
    assert stem("алиев") == "алиев" and stem("аль") == "аль" and stem("сша") == "сша"
    assert all(len(stem(w)) >= min(len(w), search.LIGHT_KEEP) for w in ["ал", "газы", "нами", "мира", "оон"])


def test_a_genitive_plural_in_ov_counts_under_snowballs_stem_too():
    # «переговоров» is its own term (as «Медведев» is) and also counts as «переговор», so
    # «переговорах» finds it; a short stem is not used so («газов» is not «газ»)
    assert stem("переговоров") == "переговоров" and also("переговоров") == stem("переговорах")
    assert also("газов") is None and also("алиев") is None and also("коридору") is None
    length, counted, whole = terms("", "Итоги переговоров. Медведев и Медведеву.")
    assert counted[stem("переговорах")] == counted["переговоров"] == 1
    assert counted[stem("медведева")] == 2 and "медведев" in whole and "переговор" not in whole


def test_title_words_count_more_than_text_words():
    length, counted, _ = terms("Коридор", "Коридор и порт.")
    assert counted[stem("коридор")] == 1 + search.TITLE_WEIGHT
    assert counted[stem("порт")] == 1 and length == 3 + search.TITLE_WEIGHT


def test_the_index_finds_each_document_under_the_stems_of_its_words(tmp_path):
    index_documents(tmp_path, DOCS, tmp_path / "cache")
    found = postings(tmp_path)
    ids = {d.url: i for i, d in enumerate(sorted(DOCS, key=lambda d: d.url))}
    assert set(found[stem("коридору")]) == {ids["documents/koridor/"], ids["documents/alijev/"]}
    # once in the text, once in the title; the number is odd: «коридор» itself is in the title
    assert found[stem("коридору")][ids["documents/koridor/"]] == 2 * (1 + search.TITLE_WEIGHT) + 1
    assert found[stem("коридору")][ids["documents/alijev/"]] == 2  # «коридоре» only
    assert set(found[stem("пятерки")]) == {ids["documents/krokus/"]}
    assert set(found["крокус"]) == {ids["documents/krokus/"]}
    fragment = json.loads(unzip(tmp_path / "search" / "d" / f"{ids['documents/krokus/']}.gz"))
    assert fragment == {"u": "documents/krokus/", "t": "Соболезнования", "x": DOCS[1].text}


def test_a_fragment_carries_the_date_and_source_it_has(tmp_path):
    docs = [Searchable.of_text("documents/a/", "А", "Текст.", "20 мая 2024", "RT"), Searchable.of_text("documents/b/", "Б", "Текст.", "", "RT"),
            Searchable.of_text("documents/c/", "В", "Текст.", "20 мая 2024")]
    index_documents(tmp_path, docs, tmp_path / "cache")
    fragments = [json.loads(unzip(tmp_path / "search" / "d" / f"{i}.gz")) for i in range(3)]
    assert [(f.get("d"), f.get("s")) for f in fragments] == [("20 мая 2024", "RT"), (None, "RT"), ("20 мая 2024", None)]
    # a new date is a new cache entry
    stats = index_documents(tmp_path / "again", [Searchable.of_text("documents/a/", "А", "Текст.", "21 мая 2024", "RT")] + docs[1:], tmp_path / "cache")
    assert stats.new == 1


def test_the_index_is_byte_identical_whatever_the_order_or_the_cache(tmp_path):
    index_documents(tmp_path / "a", DOCS, tmp_path / "cache-a")
    index_documents(tmp_path / "b", DOCS[::-1], tmp_path / "cache-b")
    again = index_documents(tmp_path / "c", DOCS, tmp_path / "cache-a")  # every document's terms from the cache
    assert again.new == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b") == tree(tmp_path / "c")


def test_adding_a_document_gives_the_index_a_clean_build_gives(tmp_path):
    cache = tmp_path / "cache"
    index_documents(tmp_path / "before", DOCS[:2], cache)
    stats = index_documents(tmp_path / "after", DOCS, cache)
    assert stats.new == 1
    index_documents(tmp_path / "clean", DOCS, tmp_path / "clean-cache")
    assert tree(tmp_path / "after") == tree(tmp_path / "clean")
    # the removed document's entries leave the cache with it
    index_documents(tmp_path / "removed", DOCS[1:], cache)
    assert len(list(cache.glob("*.terms"))) == 2 and len(list(cache.glob("*.gz"))) == 2


def test_a_broken_cache_entry_is_made_again(tmp_path):
    cache = tmp_path / "cache"
    index_documents(tmp_path / "a", DOCS, cache)
    for path in cache.glob("*.terms"):
        path.write_text("not a terms file", encoding="utf-8")
    stats = index_documents(tmp_path / "b", DOCS, cache)
    assert stats.new == len(DOCS)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_chunks_split_in_utf16_order_and_never_split_a_term(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "CHUNK_CHARS", 60)
    many = DOCS + [Searchable.of_text("documents/emoji/", "Знак", "Символ 😀 и ｆｕｌｌ ширина, ещё Zürich.")]
    stats = index_documents(tmp_path, many, tmp_path / "cache")
    meta = json.loads(unzip(tmp_path / "search" / "meta.json.gz"))
    assert stats.chunks == len(meta["chunks"]) > 5
    firsts = meta["chunks"]
    assert firsts == sorted(firsts, key=lambda t: t.encode("utf-16-be"))
    found = postings(tmp_path)
    assert len(found) == stats.terms
    assert sum(len(d) for d in found.values()) == sum(len(terms(d.title, d.text)[1]) for d in many)


def test_a_link_with_a_space_is_refused(tmp_path):
    with pytest.raises(BriefingError, match="^search: a document link holds a space"):
        index_documents(tmp_path, [Searchable.of_text("documents/a b/", "x", "y")], tmp_path / "cache")


def test_what_an_older_search_index_left_in_the_cache_is_removed(tmp_path):
    cache = tmp_path / "cache"
    (cache / "5976e42d").mkdir(parents=True)
    (cache / "5976e42d" / "pagefind.js").write_text("old", encoding="utf-8")
    index_documents(tmp_path / "site", DOCS, cache)
    assert sorted(p.suffix for p in cache.iterdir()) == [".gz"] * 3 + [".terms"] * 3


def test_a_result_without_a_source_name_shows_the_host_of_its_address():
    assert search._source("Sputnik Азербайджан", "https://az.sputniknews.ru/x") == "Sputnik Азербайджан"
    assert search._source("", "https://russian.rt.com/world/article/1") == "russian.rt.com"
    assert search._source("", "") == ""

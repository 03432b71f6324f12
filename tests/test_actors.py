"""Entity pages on the seed site: one page per person, organisation and place, what each
page lists, and the links from documents and keywords."""

import re
from dataclasses import replace

import pytest

from briefing.stages import actors as A
from briefing.nlp.entities import entities_of
from briefing.records import Entity, Mention
from briefing.stages.render import render

REQUIRED = ["Владимир Путин", "Ильхам Алиев", "Михаил Мишустин", "Али Асадов", "Сергей Лавров",
            "Джейхун Байрамов", "Никол Пашинян", "МИД РФ", "Баку", "Ереван"]


@pytest.fixture(scope="module")
def pages(seed_analyses, seed_dossiers, config):
    return render(seed_analyses, seed_dossiers, config)


@pytest.fixture(scope="module")
def entities(seed_analyses):
    return entities_of(seed_analyses)


def _titles(pages):
    return {path: re.search(r"^# (.*)$", text, flags=re.M).group(1) for path, text in pages.items()
            if re.fullmatch(r"entities/[^/]+\.md", path) and path != "entities/index.md"}


@pytest.mark.parametrize("name", REQUIRED)
def test_each_required_actor_has_exactly_one_page(pages, entities, name):
    by_name = [e for e in entities if e.name == name or name in e.aliases]
    assert len(by_name) == 1, name
    titles = _titles(pages)
    assert list(titles.values()).count(by_name[0].name) == 1


def test_mid_rossii_is_mid_rf(entities):
    mid = [e for e in entities if "МИД" in e.name and ("РФ" in e.name or "России" in e.name)]
    assert len(mid) == 1


def test_an_entity_page_quotes_its_mentions_and_lists_dossiers_and_company(pages, entities, seed_analyses):
    aliyev = next(e for e in entities if e.name == "Ильхам Алиев")
    page = pages[f"entities/{aliyev.id}.md"]
    assert "## В досье" in page and "## Чаще всего вместе с" in page and "## Упоминания" in page
    assert "[Карабахское урегулирование](../dossiers/karabakh.md)" in page
    assert "[Владимир Путин](vladimir-putin.md)" in page
    quoted = re.findall(r"^- «(.*)» — \[", page, flags=re.M)
    texts = {s.text for a in seed_analyses for s in a.sentences}
    assert quoted and all(q.replace("**", "").replace("\\", "") in texts for q in quoted)
    assert all("**" in q for q in quoted)  # the name is marked in its sentence


def test_documents_link_the_entities_they_name(pages, entities):
    page = pages["documents/2024-03-05-premery-v-baku.md"]
    assert "## Люди, организации, места" in page
    assert "[Али Асадов](../entities/ali-asadov.md)" in page
    assert "[Михаил Мишустин](../entities/mikhail-mishustin.md)" in page


def test_a_keyword_that_names_an_entity_links_to_its_page(pages):
    line = next(x for x in pages["documents/2024-03-05-premery-v-baku.md"].splitlines() if x.startswith("**Ключевые слова:**"))
    assert "[Михаил Мишустин](../entities/mikhail-mishustin.md)" in line
    assert "[сотрудничество](../keywords/" in line  # a keyword that names no one keeps its index link


def test_index_by_type_with_counts(pages):
    index = pages["entities/index.md"]
    assert index.index("## Люди") < index.index("## Организации") < index.index("## Места")
    assert "[Владимир Путин](vladimir-putin.md) — 4 документа" in index
    for slug in ("people", "organisations", "places"):
        assert f"entities/by-type/{slug}.md" in pages


def test_navigation_has_the_entity_index(pages):
    assert "Люди, организации, места: entities/index.md" in pages["mkdocs.yml"]


def _entity(i: int, docs: int) -> Entity:
    m = Mention(0, 0, 1, "x", "PER", f"Имя{i}")
    return Entity(f"e{i}", f"Имя{i}", "PER", (), tuple((f"d{j}", m) for j in range(docs)))


def test_pages_are_capped_in_a_large_briefing(monkeypatch):
    entities = tuple(_entity(i, 1 + i % 3) for i in range(60))
    assert len(A.with_pages(entities, 50)) == 60  # a small briefing: everyone named gets a page
    large = A.with_pages(entities, 1000)
    assert large and all(len(e.documents) >= A.MIN_DOCUMENTS for e in large)
    monkeypatch.setattr(A, "MAX_PAGES", 10)
    capped = A.with_pages(entities, 1000)
    assert len(capped) == 10 and all(len(e.documents) == 3 for e in capped)  # the most named


def test_a_key_two_entities_share_links_to_neither():
    a, b = _entity(1, 1), _entity(2, 1)
    a = replace(a, aliases=("Общий",))
    b = replace(b, aliases=("Общий",))
    keys = A.entity_keys([a, b])
    assert ("общий",) not in keys and ("имя1",) in keys


@pytest.mark.parametrize("name, surname", [
    ("Ильхам Алиев", "Алиев"), ("Эрдоган", "Эрдоган"), ("Владимир Владимирович Путин", "Путин"),
    ("Путин Владимир Владимирович", "Путин"), ("Алексей Петрович Ермолович", "Ермолович"),
    ("Жан-Поль Сартр", "Сартр"), ("Николай Римский-Корсаков", "Римский-Корсаков"),
    ("Башар аль-Асад", "Асад"), ("Мухаммед ибн Салман", "Салман"), ("Урсула фон дер Ляйен", "Ляйен"),
    ("Шарль де Голль", "Голль"), ("В. Путин", "Путин"),
])
def test_a_person_is_filed_under_the_surname(name, surname):
    assert A.surname(name) == surname


def _named(name: str, kind: str, docs: int, mentions: int | None = None) -> Entity:
    m = Mention(0, 0, 1, "x", kind, name)
    docs_of = [f"d{j}" for j in range(docs)] + ["d0"] * ((mentions or docs) - docs)
    return Entity(name.lower().replace(" ", "-"), name, kind, (), tuple((d, m) for d in docs_of))


def test_people_go_by_surname_organisations_and_places_by_name(pages):
    people = pages["entities/by-type/people.md"]
    listed = re.findall(r"^- \[([^\]]+)\]", people, flags=re.M)
    assert listed == ["Ильхам Алиев", "Али Асадов", "Джейхун Байрамов", "Сергей Лавров", "Михаил Мишустин",
                      "Никол Пашинян", "Владимир Путин"]
    places = re.findall(r"^- \[([^\]]+)\]", pages["entities/by-type/places.md"], flags=re.M)
    assert places == sorted(places, key=lambda n: n.lower().replace("ё", "е"))


def test_the_most_named_keep_their_order_and_break_ties_by_surname():
    from briefing.stages.render import most_named

    cast = [A.Actor(e, e.documents, (), 0, (), ()) for e in (
        _named("Андрей Яковлев", "PER", 2), _named("Яков Андреев", "PER", 2), _named("Борис Борисов", "PER", 3),
        _named("Анна Петрова", "PER", 2, mentions=5))]
    assert [a.entity.name for a in most_named(cast)] == ["Борис Борисов", "Анна Петрова", "Яков Андреев", "Андрей Яковлев"]
    places = [A.Actor(e, e.documents, (), 0, (), ()) for e in (_named("Южный Кавказ", "LOC", 1), _named("Баку", "LOC", 1))]
    assert [a.entity.name for a in most_named(places)] == ["Баку", "Южный Кавказ"]


def test_the_hidden_mentions_are_counted_in_russian(seed_analyses, seed_dossiers, config, monkeypatch):
    monkeypatch.setattr(A, "MENTIONS_SHOWN", 1)
    pages = render(seed_analyses, seed_dossiers, config)
    hidden = [re.search(r"ещё .*", text)[0] for path, text in pages.items() if path.startswith("entities/") and "ещё " in text]
    assert "ещё 1 предложение с упоминаниями не показано." in hidden
    assert "ещё 2 предложения с упоминаниями не показаны." in hidden
    assert not [h for h in hidden if h.startswith("ещё 1 ") and "показаны" in h]

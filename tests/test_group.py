from dataclasses import replace

import pytest

from briefing.group import count_terms, group, term_key
from conftest import SEED_IDS

# The assignment the product promises on the seed corpus.
EXPECTED = {
    "000": {"karabakh", "trade"},
    "001": {"trade", "north_south", "humanitarian"},
    "002": {"karabakh", "north_south", "trade", "humanitarian"},
    "003": {"karabakh", "north_south"},
    "004": {"karabakh", "trade"},
}


def test_seed_dossiers(seed_dossiers):
    got = {seed: set() for seed in EXPECTED}
    for d in seed_dossiers:
        for m in d.members:
            got[SEED_IDS[m.document]].add(d.id)
    assert got == EXPECTED


def test_reasons_are_kept(seed_dossiers):
    karabakh = next(d for d in seed_dossiers if d.id == "karabakh")
    kremlin = next(m for m in karabakh.members if m.document == "2022-06-29-beseda-s-aliyevym")
    assert dict(kremlin.matched)["карабахский"] == 1 and kremlin.score >= 2.0
    assert "«карабахский»" in kremlin.reason()


def test_members_newest_first(seed_dossiers):
    for d in seed_dossiers:
        ids = [m.document for m in d.members]
        assert ids == sorted(ids, reverse=True)  # ids start with the date


@pytest.mark.parametrize("stream, terms, counts", [
    ((), ["Карабах"], {}),
    (("нагорный", "карабах", "", "карабах"), ["Нагорный Карабах", "Карабах"], {"Нагорный Карабах": 1, "Карабах": 1}),
    (("север", "юг", "", "север", "юг"), ["Север-Юг"], {"Север-Юг": 2}),
    (("мирный", "", "договор"), ["мирный договор"], {}),
])
def test_count_terms(stream, terms, counts):
    assert count_terms(stream, terms) == counts


def test_term_forms_meet():
    assert term_key("Нагорного Карабаха") == term_key("Нагорный Карабах") == ("нагорный", "карабах")
    assert term_key("Север - Юг") == term_key("Север-Юг")


def test_front_matter_themes_override(seed_analyses, config):
    a = seed_analyses[0]
    forced = replace(a, document=replace(a.document, themes=("humanitarian", "nonexistent")))
    dossiers, problems = group([forced], config.themes, config.min_score)
    assert [d.id for d in dossiers if d.members] == ["humanitarian"]
    assert dossiers[3].members[0].by_front_matter
    assert [str(p) for p in problems] == [
        f"{a.document.path}: front matter: themes: unknown dossier 'nonexistent' (known: humanitarian, karabakh, north_south, trade)"
    ]


def test_empty_corpus(config):
    dossiers, problems = group([], config.themes, config.min_score)
    assert [len(d.members) for d in dossiers] == [0, 0, 0, 0] and not problems

from dataclasses import replace

import pytest

from briefing.stages.analyse import analyse
from briefing.stages.clean import clean
from briefing.config import AnalysisSettings, GroupingSettings
from briefing.stages.group import count_terms, group, term_key
from briefing.records import Document
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
    assert dict(kremlin.matched)["карабахский"] == 1 and 0 < kremlin.score < 0.2
    assert kremlin.basis == "paragraph" and "«карабахский»" in kremlin.reason()
    # The evidence names the sentences that speak of the dossier, with their terms.
    assert (12, ("карабахский", "урегулирование")) in kremlin.evidence


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
    dossiers, problems = group([forced], config.themes, config.grouping)
    assert [d.id for d in dossiers if d.members] == ["humanitarian"]
    assert dossiers[3].members[0].by_front_matter
    assert [str(p) for p in problems] == [
        f"{a.document.path}: front matter: themes: unknown dossier 'nonexistent' (known: humanitarian, karabakh, north_south, trade)"
    ]


def test_empty_corpus(config):
    dossiers, problems = group([], config.themes, config.grouping)
    assert [len(d.members) for d in dossiers] == [0, 0, 0, 0] and not problems


FILLER = ("Стороны обсудили график встреч на будущий год и договорились продолжить диалог. "
          "Делегации обменялись мнениями о текущей повестке двусторонних отношений. ")
CORRIDOR = ("Отдельно обсуждался международный транспортный коридор «Север — Юг». "
            "Строительство железной дороги Решт — Астара позволит увеличить транзит грузов через Азербайджан. "
            "Стороны условились ускорить открытие нового пункта пропуска.")


def _grouped(config, title: str, paragraphs: list[str], focus: tuple[str, ...]) -> set[str]:
    doc = clean(Document("x", "x.txt", "txt", "\n\n".join(paragraphs), title=title))
    settings = GroupingSettings(focus=focus, min_terms=2)
    dossiers, _ = group([analyse(doc, AnalysisSettings())], config.themes, settings)
    return {d.id for d in dossiers if d.members}


AZ = ("Азербайджан", "азербайджанский", "Баку", "Алиев")


@pytest.mark.parametrize("case, title, paragraphs, focus, want", [
    ("a paragraph of its own joins",
     "Премьер-министры встретились в Баку", [FILLER * 3, CORRIDOR, FILLER * 3], AZ, {"north_south"}),
    ("a passing mention does not",
     "Премьер-министры встретились в Баку",
     [FILLER * 3, "Упоминался и транзит. " + FILLER * 2 + "Речь шла и про коридор.", FILLER * 3], AZ, set()),
    ("the same paragraph outside the focus does not",
     "Россия и Казахстан обсудили сотрудничество",
     [FILLER * 3, CORRIDOR.replace("через Азербайджан", "через Казахстан"), FILLER * 3], AZ, set()),
    ("without a focus every document concerns it",
     "Россия и Казахстан обсудили сотрудничество",
     [FILLER * 3, CORRIDOR.replace("через Азербайджан", "через Казахстан"), FILLER * 3], (), {"north_south"}),
])
def test_subject_not_mention(config, case, title, paragraphs, focus, want):
    assert _grouped(config, title, paragraphs, focus) == want, case


def test_excluded_phrases_count_for_nothing(config):
    """«коридор» in «Южный газовый коридор» is no transport corridor: with the phrase
    excluded, the paragraph no longer holds two north_south terms."""
    gas = ("Южный газовый коридор доставит газ в Европу. Для Азербайджана «Южный газовый коридор» "
           "важнее любого транзита через Иран. Баку ждёт первых поставок.")
    paragraphs = [FILLER * 3, gas, FILLER * 3]
    north_south = next(t for t in config.themes if t.id == "north_south")
    assert "Южный газовый коридор" in north_south.exclude
    assert "north_south" not in _grouped(config, "Газ из Баку", paragraphs, AZ)
    bare = replace(config, themes=tuple(replace(t, exclude=()) for t in config.themes))
    assert "north_south" in _grouped(bare, "Газ из Баку", paragraphs, AZ)


def test_a_term_said_three_times_makes_a_paragraph(config):
    oil = ("Первая партия нефти пришла из Азербайджана. Танкер доставил азербайджанскую нефть в Одессу. "
           "Оттуда нефть повезли на завод.")
    assert "trade" in _grouped(config, "Визит в Минск", [FILLER * 3, oil, FILLER * 3], AZ)
    once = "Первая партия нефти пришла из Азербайджана. Танкер пришёл в Одессу. Оттуда груз повезли на завод."
    assert "trade" not in _grouped(config, "Визит в Минск", [FILLER * 3, once, FILLER * 3], AZ)

"""briefing.stages.digest: what a dossier page says about its theme (key points, timeline, figures,
distinctive keywords), on the seed corpus and on small made-up members."""

import re
from dataclasses import replace

import pytest

from briefing.stages.digest import TITLES, Digest, KeyFigure, Point, _figures, _readable_figures, _series, digest, distinctive_keywords, sentence_lemmas
from briefing.nlp.russian import lemma
from briefing.stages.group import term_key
from briefing.records import PartialDate
from briefing.stages.render import figure_charts, timeline
from briefing.site.charts import bar_chart


def _digests(seed_analyses, seed_dossiers, config):
    return digest(seed_analyses, seed_dossiers, config.grouping.focus)


def test_key_points_are_verbatim_members_sentences_without_repeats(seed_analyses, seed_dossiers, config):
    by_id = {a.document.id: a for a in seed_analyses}
    for d in seed_dossiers:
        dg = _digests(seed_analyses, seed_dossiers, config)[d.id]
        members = {m.document for m in d.members}
        assert dg.key_points, d.id
        for p in dg.key_points:
            assert p.document in members
            assert by_id[p.document].sentences[p.sentence].text == p.text
        lemmas = [sentence_lemmas(by_id[p.document])[p.sentence] for p in dg.key_points]
        for i, a in enumerate(lemmas):
            for b in lemmas[:i]:
                assert len(a & b) <= 0.5 * len(a | b)


def test_key_points_speak_of_the_dossier(seed_analyses, seed_dossiers, config):
    """Every key point holds at least one of its dossier's terms: the trade page shows
    trade sentences, not the visit's sentences about Armenia."""
    for d in seed_dossiers:
        dg = _digests(seed_analyses, seed_dossiers, config)[d.id]
        evidence = {(m.document, i) for m in d.members for i, _ in m.evidence}
        assert all((p.document, p.sentence) in evidence for p in dg.key_points)


def test_distinctive_keywords_differ_and_skip_the_focus(seed_analyses, seed_dossiers, config):
    digests = _digests(seed_analyses, seed_dossiers, config)
    focus = {term_key(t) for t in config.grouping.focus}
    lists = [tuple(k.key for k in dg.distinctive) for dg in digests.values()]
    assert all(lists) and len(set(lists)) == len(lists)
    assert not any(key in focus for keys in lists for key in keys)
    tops = {keys[0] for keys in lists}
    assert ("россия",) not in tops and ("азербайджан",) not in tops


def test_distinctive_keywords_are_subjects_not_people(seed_analyses, seed_dossiers, config):
    """Issue 24: the trade dossier's were «Ильхам Алиев · Михаил Мишустин», the humanitarian
    one's «премьер-министр, Ильхам Алиев, Мишустин»."""
    digests = _digests(seed_analyses, seed_dossiers, config)
    people = {lemma(w) for a in seed_analyses for m in a.entities if m.type == "PER" for w in m.normal.split()}
    shown = [k for dg in digests.values() for k in dg.distinctive]
    assert shown
    for k in shown:
        assert not (k.text[:1].isupper() and all(w in people for w in k.key)), k
        assert not (len(k.key) == 1 and k.key[0] in TITLES), k


def test_distinctive_keywords_are_over_represented(seed_analyses):
    """A keyword every document has is never distinctive; one only the members have is."""
    everywhere = {k.key for k in seed_analyses[0].keywords}
    for a in seed_analyses[1:]:
        everywhere &= {k.key for k in a.keywords}
    members = {seed_analyses[0].document.id, seed_analyses[1].document.id}
    got = {k.key for k in distinctive_keywords(members, seed_analyses)}
    assert got and not got & everywhere


def test_timeline_places_dated_events_at_their_own_date(seed_analyses, seed_dossiers, config):
    digests = _digests(seed_analyses, seed_dossiers, config)
    by_id = {a.document.id: a for a in seed_analyses}
    trade = next(d for d in seed_dossiers if d.id == "trade")
    years = timeline(trade, digests["trade"], by_id, 20)
    flat = [item for _, items in years for item in items]
    assert [item.sort for item in flat] == sorted(item.sort for item in flat)
    events = [item for item in flat if item.event]
    assert any(item.when == "2023 г." and "4,1 млрд" in item.text for item in events)
    members = [item for item in flat if not item.event]
    assert {item.document for item in members} == {m.document for m in trade.members}
    for label, items in years:
        assert all(str(item.sort[0]) == label for item in items)


def test_a_partial_date_is_never_completed(seed_analyses, seed_dossiers, config):
    for dg in _digests(seed_analyses, seed_dossiers, config).values():
        for e in dg.events:
            assert e.when.year is not None  # only events with a written year go on a timeline
            assert e.date_text in e.point.text


def _key_figures(texts: dict[str, str], a) -> tuple[dict, list[KeyFigure]]:
    """Made-up members, one sentence each, dated by their key ("" for an undated one)."""
    by_id, found = {}, []
    for n, (iso, text) in enumerate(texts.items()):
        date = PartialDate(*map(int, iso.split("-"))) if iso else None
        doc_id = f"doc-{n}"
        by_id[doc_id] = replace(a, document=replace(a.document, id=doc_id, date=date))
        found.append(KeyFigure(Point(doc_id, 0, text, 1.0), _readable_figures(Point(doc_id, 0, text, 1.0), by_id)))
    return by_id, found


def test_a_quantity_given_for_several_periods_gets_a_chart_labelled_by_period(seed_analyses):
    texts = {
        "2024-08-01": "За первое полугодие этого года товарооборот составил $2 млрд.",
        "2023-03-01": "Товарооборот в 2022 году составил 3 млрд долл.",
        "2022-03-01": "В 2021 году объём торговли составил 2,5 млрд долларов.",
        "2020-05-01": "Товарооборот составил 9 млрд долларов.",  # no period written: no point, the report's date is none
        "": "За первое полугодие этого года товарооборот составил $1 млрд.",  # undated: «этого года» has no year
    }
    _, found = _key_figures(texts, seed_analyses[0])
    [series] = _series(found)
    assert (series.measure, series.label, series.unit) == ("товарооборот", "товарооборот", "USD")
    assert [(p.human(), v) for p, v, _ in series.points] == [("2021", 2.5e9), ("2022", 3e9), ("первое полугодие 2024", 2e9)]
    [chart] = figure_charts(replace(_empty_digest(), series=(series,)))
    assert re.findall(r'font-size="12" fill="currentColor">([^<]*)</text>', chart) == ["2021", "2022", "I пол. 2024"]
    assert chart.count("fill-opacity:0.4") == 1  # the half-year is drawn lighter, and the caption says why
    assert re.search(r"<figcaption>Товарооборот, USD\. Светлые столбцы[^<]*</figcaption>$", chart)
    svg = bar_chart("товарооборот, USD", [(p.short(), v) for p, v, _ in series.points], "")
    assert svg.count("<rect") == 3 and "2,5 млрд" in svg and "fill-opacity" not in svg
    assert "var(--md-primary-fg-color)" in svg and 'fill="currentColor"' in svg  # follows the dark theme
    assert "<script" not in svg


def test_one_period_is_no_chart_and_a_change_is_no_point(seed_analyses):
    texts = {"2024-08-01": "В 2023 году товарооборот составил 4,1 млрд долларов.",
             "2024-03-01": "В 2022 году товарооборот вырос на 7 %."}
    assert _series(_key_figures(texts, seed_analyses[0])[1]) == []


def _empty_digest():
    return Digest("x", (), {}, (), (), (), ())


def test_figures_one_item_a_sentence_each_figure_once(seed_analyses):
    texts = {"2024-08-18": "Товарооборот достиг $4 млрд, а инвестиции составили $6 млрд.",
             "2024-08-19": "Инвестиции составили $6 млрд, а в Азербайджане живут 26 армян."}
    _, found = _key_figures(texts, seed_analyses[0])
    shown = _figures(found)
    assert [[(s.text, s.measure) for s in kf.figures] for kf in shown] == [[("$4 млрд", "товарооборот"), ("$6 млрд", "инвестиции")]]


def test_the_seed_trade_dossier_shows_readable_figures_and_a_turnover_chart(seed_analyses, seed_dossiers, config):
    trade = _digests(seed_analyses, seed_dossiers, config)["trade"]
    points = [(kf.point.document, kf.point.sentence) for kf in trade.figures]
    assert len(points) == len(set(points))  # a sentence is quoted once
    shown = [s for kf in trade.figures for s in kf.figures]
    assert all(s.measure and not s.text.endswith("млрд.") for s in shown)
    assert ("4,1 млрд долларов", "товарооборот", "2023") in {(s.text, s.measure, s.period and s.period.human()) for s in shown}
    assert ("$6 млрд", "инвестиции", None) in {(s.text, s.measure, s.period) for s in shown}
    [series] = trade.series
    assert series.measure == "товарооборот" and [p.human() for p, _, _ in series.points] == ["2023", "первое полугодие 2024"]


def test_chart_text_is_escaped():
    svg = bar_chart("<b>x</b>", [("<i>", 1.0)], "&")
    assert "<b>" not in svg and "<i>" not in svg and "&amp;" in svg


@pytest.mark.parametrize("unit, values, written", [
    ("турист", (1, 22, 25, 2.5, 6e5, 1.2e6), ["1 турист", "22 туриста", "25 туристов", "2,5 туриста", "600 тыс. туристов", "1,2 млн туристов"]),
    ("человек", (21, 5), ["21 человек", "5 человек"]),
    ("миля", (21, 3), ["21 миля", "3 мили"]),
    ("км", (21, 5), ["21 км", "5 км"]),
    ("%", (2.5,), ["2,5 %"]),
    ("USD", (4.1e9,), ["4,1 млрд"]),
])
def test_a_chart_writes_a_counted_noun_in_the_form_its_number_takes(unit, values, written):
    from briefing.stages.render import _chart_unit

    svg = bar_chart(f"число, {unit}", [(str(i), v) for i, v in enumerate(values)], _chart_unit(unit))
    assert re.findall(r'font-size="13" fill="currentColor">([^<]*)</text>', svg) == written


def test_figure_charts_only_for_series(seed_analyses, seed_dossiers, config):
    for dg in _digests(seed_analyses, seed_dossiers, config).values():
        assert len(figure_charts(dg)) == len(dg.series)


def test_readable_skips_a_sentence_cut_from_its_quotation(seed_analyses, seed_dossiers, config):
    """«Ключевыми задачами … 2020-2022 годов", - говорится в документе.» closes a quotation
    opened a sentence earlier: shown alone it would be a broken quote."""
    for dg in _digests(seed_analyses, seed_dossiers, config).values():
        for p in dg.key_points:
            assert p.text.count('"') % 2 == 0 and p.text.count("«") == p.text.count("»")


def test_empty_dossier_has_an_empty_digest(seed_analyses, seed_dossiers, config):
    empty = [replace(d, members=()) for d in seed_dossiers]
    for dg in digest(seed_analyses, empty, config.grouping.focus).values():
        assert not (dg.key_points or dg.events or dg.figures or dg.series or dg.distinctive or dg.best)

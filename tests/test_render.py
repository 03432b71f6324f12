"""Golden files for what we generate: the Markdown pages and mkdocs.yml of the seed site.

Refresh after an intended change with `make golden`, then review `git diff tests/golden`.
"""

import itertools
import json
import os
from pathlib import Path

import pytest

from briefing.stages.render import md, render

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages(seed_analyses, seed_dossiers, config):
    return render(seed_analyses, seed_dossiers, config)


def test_golden_files(pages):
    if UPDATE:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
    for name, text in pages.items():
        path = GOLDEN / name
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file for {name}: run `make golden`"
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file: run `make golden` and review the diff"
    stored = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert stored == set(pages), "golden files for pages no longer generated: run `make golden`"


def test_pages_link_both_ways(pages):
    doc = pages["documents/2022-06-29-beseda-s-aliyevym.md"]
    assert "(../dossiers/karabakh.md)" in doc and "(../keywords/p.md#kw-peregovory)" in doc
    assert "[Ильхам Алиев](../entities/ilkham-aliyev.md)" in doc  # a keyword that names an entity
    keywords = next(line for line in doc.splitlines() if line.startswith("**Ключевые слова:**"))
    assert keywords.count("(../entities/vladimir-putin.md)") == 1  # «Владимир Владимирович» is Putin too: once
    assert "(../documents/2022-06-29-beseda-s-aliyevym.md)" in pages["dossiers/karabakh.md"]
    assert "(../documents/2022-06-29-beseda-s-aliyevym.md)" in pages["keywords/i.md"]
    assert "(i.md#kw-ilkham-aliyev)" in pages["keywords/index.md"]


def test_navigation_lists_no_document(pages):
    nav = pages["mkdocs.yml"].split("\nnav:\n", 1)[1]
    assert "documents/index.md" in nav and "dossiers/karabakh.md" in nav
    assert "documents/2022" not in nav and "documents/2024" not in nav


def test_long_lists_go_by_month_and_no_page_lists_every_document(seed_analyses, seed_dossiers, config, monkeypatch):
    from dataclasses import replace

    from briefing.stages import render as render_module
    from briefing.records import PartialDate

    undated = replace(seed_analyses[0], document=replace(seed_analyses[0].document, id="undated", date=PartialDate(None, 5, 20)))
    analyses = [*seed_analyses, undated]
    monkeypatch.setattr(render_module, "LIST_ALL_UP_TO", 2)
    monkeypatch.setattr(render_module, "DOSSIER_IN_FULL", 1)
    pages = render(analyses, seed_dossiers, config)
    archive = sorted(p for p in pages if p.startswith("documents/archive/"))
    assert archive == ["documents/archive/2021-05.md", "documents/archive/2022-06.md", "documents/archive/2022-07.md",
                       "documents/archive/2024-03.md", "documents/archive/2024-08.md", "documents/archive/undated.md"]
    index = pages["documents/index.md"]
    assert "[Август 2024](archive/2024-08.md) — 1 документ" in index and "## Без даты" in index
    assert ("В брифинге 6 документов, по месяцам, новые сверху; документы без даты публикации — в конце, "
            "последние добавленные первыми.") in index
    nothing_dated = [replace(a, document=replace(a.document, date=None)) for a in analyses]
    assert ("В брифинге 6 документов; ни у одного нет даты публикации: они идут последние добавленные первыми."
            in render(nothing_dated, seed_dossiers, config)["documents/index.md"])
    assert "documents/2024-08-18-putin-i-aliev-v-baku" not in index
    listed = [a.document.id for a in analyses for part in archive if f"(../{a.document.id}.md)" in pages[part]]
    assert sorted(listed) == sorted(a.document.id for a in analyses)  # each document on exactly one month page
    karabakh = pages["dossiers/karabakh.md"]
    assert "## Более ранние документы" in karabakh and "### Июнь 2022" in karabakh
    middle = pages["documents/archive/2022-07.md"]
    assert "[← Март 2024](2024-03.md) · [Все документы](../index.md) · [Июнь 2022 →](2022-06.md)" in middle


def test_a_keyword_lists_its_newest_documents_and_counts_the_rest(seed_analyses, seed_dossiers, config, monkeypatch):
    from briefing.stages import render as render_module

    monkeypatch.setattr(render_module, "INDEX_DOCUMENTS_SHOWN", 2)
    page = render(seed_analyses, seed_dossiers, config)["keywords/r.md"]
    russia = page.split("## Россия")[1].split("## ")[0]
    assert russia.count("](../documents/") == 2
    assert "- … и ещё 3 документа: найдите «Россия» в поиске" in russia


@pytest.mark.parametrize("n, text, where", [
    (0, "0 документов", "в 0 документах"), (1, "1 документ", "в 1 документе"), (2, "2 документа", "в 2 документах"),
    (4, "4 документа", "в 4 документах"), (5, "5 документов", "в 5 документах"), (11, "11 документов", "в 11 документах"),
    (12, "12 документов", "в 12 документах"), (14, "14 документов", "в 14 документах"), (21, "21 документ", "в 21 документе"),
    (22, "22 документа", "в 22 документах"), (25, "25 документов", "в 25 документах"), (101, "101 документ", "в 101 документе"),
    (104, "104 документа", "в 104 документах"), (111, "111 документов", "в 111 документах"),
    (112, "112 документов", "в 112 документах"), (1021, "1021 документ", "в 1021 документе"),
])
def test_plural(n, text, where):
    from briefing.records import plural

    assert plural(n, "документ", "документа", "документов") == text
    assert "в " + plural(n, "документе", "документах", "документах") == where


@pytest.mark.parametrize("n, form", [(1, "Последний"), (21, "Последний"), (22, "Последние"), (25, "Последние"), (11, "Последние")])
def test_plural_form_is_the_word_alone(n, form):
    from briefing.records import plural_form

    assert plural_form(n, "Последний", "Последние", "Последние") == form
    assert plural_form(2.5, "документ", "документа", "документов") == "документа"  # a fraction: «2,5 документа»
    assert plural_form(-21, "градус", "градуса", "градусов") == "градус"


def test_search_counts_with_the_same_rule():
    """theme/assets/search.js writes «Найдено N документов» with its own plural(): the rule
    is briefing.records.plural_form's, number for number."""
    import re
    import shutil
    import subprocess

    from briefing.records import plural_form

    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed")
    script = (Path(__file__).resolve().parent.parent / "templates/theme/assets/search.js").read_text(encoding="utf-8")
    helper = re.search(r"^  const plural = \(n, one, few, many\) => \{.*?^  \};$", script, flags=re.S | re.M).group(0)
    numbers = list(range(0, 250)) + [1001, 1011, 1021, 1111, 1112, 1122]
    run = helper + f"\nconsole.log(JSON.stringify({numbers}.map((n) => plural(n, 'one', 'few', 'many'))));"
    out = subprocess.run([node, "-e", run], capture_output=True, text=True, timeout=30, check=True).stdout
    assert json.loads(out) == [plural_form(n, "one", "few", "many") for n in numbers]


def _briefing(seed_analyses, n):
    """n documents: the seeds (which the seed dossiers hold), then the seeds again under new ids."""
    from dataclasses import replace

    return [a if i < len(seed_analyses) else replace(a, document=replace(a.document, id=f"{a.document.id}-{i}"))
            for i, a in zip(range(n), itertools.cycle(seed_analyses))]


@pytest.mark.parametrize("n, phrase", [(21, "В брифинге **21** документ в **4** досье."),
                                       (22, "В брифинге **22** документа в **4** досье."),
                                       (25, "В брифинге **25** документов в **4** досье.")])
def test_the_home_page_counts_documents_in_russian(seed_analyses, seed_dossiers, config, n, phrase):
    home = render(_briefing(seed_analyses, n), seed_dossiers, config)["index.md"]
    assert phrase in home


@pytest.mark.parametrize("n, phrase", [(21, "Последний 21 документ брифинга в порядке"),
                                       (22, "Последние 22 документа брифинга в порядке"),
                                       (25, "Последние 25 документов брифинга в порядке")])
def test_what_is_new_counts_the_documents_it_shows_in_russian(seed_analyses, seed_dossiers, config, monkeypatch, n, phrase):
    from briefing.stages import render as render_module

    monkeypatch.setattr(render_module, "NEWEST", n)
    pages = render(_briefing(seed_analyses, n + 3), seed_dossiers, config)
    assert phrase in pages["new.md"]
    assert pages["new.md"].count("](documents/") == n


def test_related_documents_come_from_shared_keywords_not_all_pairs(seed_analyses, seed_dossiers, monkeypatch):
    from briefing.stages import render as render_module

    everything = render_module.related_documents(seed_analyses, seed_dossiers)
    assert all(len(r) <= render_module.RELATED_DOCUMENTS for r in everything.values())
    monkeypatch.setattr(render_module, "RELATED_MAX_POSTINGS", 1)  # every list is too common: no candidates
    assert all(r == [] for r in render_module.related_documents(seed_analyses, seed_dossiers).values())


def test_mkdocs_yml_is_russian_searchable_and_self_contained(pages):
    yml = pages["mkdocs.yml"]
    for line in ["language: ru", "font: false", "custom_dir: theme", "plugins: []", "pymdownx.slugs.slugify",
                 'site_url: "https://example.github.io/briefing/"']:
        assert line in yml
    assert "- search" not in yml  # the site's own index searches it, not Material's lunr
    for deprecated in ["social", "privacy", "blog", "tags", "offline", "optimize", "typeset", "info", "meta", "group"]:
        assert f"- {deprecated}" not in yml


@pytest.mark.parametrize("text, escaped", [
    ("обычный текст", "обычный текст"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[ссылка](javascript:alert(1))", "\\[ссылка\\](javascript:alert(1))"),
    ("*жирный* _курсив_ `код`", "\\*жирный\\* \\_курсив\\_ \\`код\\`"),
    ("# не заголовок", "\\# не заголовок"),
    ("- не список", "\\- не список"),
    ("1. не список", "1\\. не список"),
    ("a | b", "a \\| b"),
    ("AT&T", "AT&amp;T"),
])
def test_md_escape(text, escaped):
    assert md(text) == escaped


@pytest.mark.parametrize("text, escaped", [
    ("обычный текст", "обычный текст"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('"кавычки" & \'апостроф\'', "&quot;кавычки&quot; &amp; &#x27;апостроф&#x27;"),
    ("{{ x }} {: .class }", "&#123;&#123; x &#125;&#125; &#123;: .class &#125;"),
    ("*не курсив* [не ссылка](x)", "*не курсив* [не ссылка](x)"),  # raw HTML blocks are not Markdown
])
def test_html_text_escape(text, escaped):
    from briefing.stages.render import html_text

    assert html_text(text) == escaped


def test_document_text_is_data_never_template(seed_analyses, seed_dossiers, config):
    from dataclasses import replace

    from briefing.records import Block

    a = seed_analyses[0]
    doc = replace(a.document, title="{{ config.site_title }} {% if true %}x{% endif %}",
                  blocks=a.document.blocks + (Block("paragraph", "{{ 7 * 7 }} {# comment #} {% raw %}"),))
    pages = render([replace(a, document=doc), *seed_analyses[1:]], seed_dossiers, config)
    page = pages[f"documents/{doc.id}.md"]
    assert "\\{\\{ config.site\\_title \\}\\} \\{% if true %\\}x\\{% endif %\\}" in page
    assert "<p>&#123;&#123; 7 * 7 &#125;&#125; &#123;# comment #&#125; &#123;% raw %&#125;</p>" in page


def test_the_site_reads_no_lemma_stream(seed_analyses, seed_dossiers, config):
    """build.generate lets every lemma stream go after the digest (memory at scale): the
    pages and briefing.json must not need them."""
    from dataclasses import replace

    from briefing.stages.digest import digest
    from briefing.nlp.entities import entities_of
    from briefing.stages.export import export

    digests = digest(seed_analyses, seed_dossiers, config.grouping.focus)
    entities = entities_of(seed_analyses)
    slim = [replace(a, lemmas=()) for a in seed_analyses]
    assert render(slim, seed_dossiers, config, digests, entities) == render(seed_analyses, seed_dossiers, config, digests, entities)
    assert export(slim, seed_dossiers, digests, entities) == export(seed_analyses, seed_dossiers, digests, entities)


def _rendered_paths(monkeypatch) -> list[str]:
    """Paths of the pages each later render() made with Jinja (the rest came from the store)."""
    from briefing.site import pages as pages_module

    made: list[str] = []
    original = pages_module.PageStore.put

    def put(self, key, markdown):
        made.append(markdown.splitlines()[0])
        original(self, key, markdown)

    monkeypatch.setattr(pages_module.PageStore, "put", put)
    return made


def test_document_and_entity_pages_come_from_the_store_when_their_views_are_unchanged(
        seed_analyses, seed_dossiers, config, tmp_path, monkeypatch):
    from dataclasses import replace

    plain = render(seed_analyses, seed_dossiers, config)
    made = _rendered_paths(monkeypatch)
    first = render(seed_analyses, seed_dossiers, config, cache_dir=tmp_path, workers=1)
    n_views = sum(name.count("/") == 1 and name.startswith(("documents/", "entities/", "keywords/"))
                  and not name.endswith("/index.md") for name in plain)
    assert first == plain and len(made) == n_views
    made.clear()
    assert render(seed_analyses, seed_dossiers, config, cache_dir=tmp_path, workers=2) == plain
    assert made == []  # every document and entity page came from the store
    # A new title: that document's page, and the pages that link to it, are made again; the
    # others come from the store, and the pages are those of a render without a store.
    a = seed_analyses[0]
    retitled = [replace(a, document=replace(a.document, title="Новый заголовок"))] + list(seed_analyses[1:])
    made.clear()
    again = render(retitled, seed_dossiers, config, cache_dir=tmp_path, workers=1)
    assert "# Новый заголовок" in made and 1 < len(made) < n_views
    # The others made again link to it: its new title is on them.
    assert all("Новый заголовок" in again[name] for name in again
               if name.count("/") == 1 and name.startswith(("documents/", "entities/", "keywords/"))
               and not name.endswith("/index.md") and again[name].splitlines()[0] in made
               and not again[name].startswith("# Новый заголовок"))
    assert again == render(retitled, seed_dossiers, config)


def test_a_page_made_from_a_view_cannot_read_the_briefing_beyond_it(seed_analyses, seed_dossiers, config, tmp_path):
    import shutil

    import jinja2

    from briefing.stages.render import TEMPLATES

    shutil.copytree(TEMPLATES, tmp_path / "templates")
    page = tmp_path / "templates" / "document.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "{{ documents | length }}\n", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render(seed_analyses, seed_dossiers, config, templates=tmp_path / "templates")


def test_a_view_key_depends_on_values_not_on_shared_strings():
    from briefing.site.pages import PageStore

    store = PageStore(None, "code")
    word = "".join(["Ба", "ку"])
    shared = {"names": ["Баку", "Баку"], "title": "Баку"}
    apart = {"title": word, "names": [word, "".join(["Ба", "ку"])]}
    assert store.key("t", "p", shared) == store.key("t", "p", apart)
    assert store.key("t", "p", shared) != store.key("t", "p", {**shared, "title": "Москва"})
    assert store.key("t", "p", shared) != store.key("t", "q", shared)


def test_compiled_templates_are_kept_by_name_and_used_only_for_the_same_source_and_salt(tmp_path):
    import jinja2

    from briefing.cache import compiled_templates

    def rendered(folder: str, text: str, cache: Path, salt: str = "code 1") -> tuple[str, int]:
        templates = tmp_path / folder  # a new folder each build, as the theme's copy is
        templates.mkdir(exist_ok=True)
        (templates / "page.html").write_text(text, encoding="utf-8")
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)))
        env.bytecode_cache = compiled_templates(cache, salt)
        compiled = []
        real = env._compile
        env._compile = lambda *args: compiled.append(args) or real(*args)
        return env.get_template("page.html").render(name="Баку"), len(compiled)

    cache = tmp_path / "jinja"
    assert rendered("a", "Привет, {{ name }}", cache) == ("Привет, Баку", 1)
    assert rendered("b", "Привет, {{ name }}", cache) == ("Привет, Баку", 0)  # another folder, the same source
    assert rendered("c", "Пока, {{ name }}", cache) == ("Пока, Баку", 1)  # a changed source is compiled again
    assert len(list(cache.rglob("*.cache"))) == 1
    # Another salt (the code or the versions that make the environment changed): compiled
    # again, and what the old salt kept is gone.
    assert rendered("d", "Пока, {{ name }}", cache, salt="code 2") == ("Пока, Баку", 1)
    assert rendered("e", "Пока, {{ name }}", cache, salt="code 2") == ("Пока, Баку", 0)
    assert len(list(cache.iterdir())) == 1 and len(list(cache.rglob("*.cache"))) == 1


def test_pages_rendered_by_forked_processes_come_back_through_the_store(
        seed_analyses, seed_dossiers, config, tmp_path, monkeypatch):
    import multiprocessing

    from briefing import forked

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here: pages are rendered in one process")
    from briefing.site import pages as pages_module

    plain = render(seed_analyses, seed_dossiers, config)
    monkeypatch.setattr(forked, "AT_LEAST", 2)  # the seed site has fewer pages than a pool is worth
    pids = tmp_path / "pids"
    put = pages_module.PageStore.put

    def put_noting_the_process(self, key, markdown):
        with pids.open("a") as file:
            file.write(f"{os.getpid()}\n")
        put(self, key, markdown)

    monkeypatch.setattr(pages_module.PageStore, "put", put_noting_the_process)
    first = render(seed_analyses, seed_dossiers, config, cache_dir=tmp_path / "store", workers=2)
    assert first == plain
    assert str(os.getpid()) not in pids.read_text().split()  # the pages were made by forked processes
    tmp_path = tmp_path / "store"
    stored = sorted(tmp_path.rglob("*.md"))
    assert len(stored) == sum(name.count("/") == 1 and name.startswith(("documents/", "entities/", "keywords/"))
                              and not name.endswith("/index.md") for name in plain)
    assert render(seed_analyses, seed_dossiers, config, cache_dir=tmp_path, workers=2) == plain
    assert sorted(tmp_path.rglob("*.md")) == stored


def test_briefing_json_holds_each_text_joined_only_when_written(seed_analyses, seed_dossiers, config):
    import io
    import json

    from briefing.stages.digest import digest
    from briefing.stages.export import LateText, export
    from briefing.stages.publish import write_json_stream

    data = export(seed_analyses, seed_dossiers, digest(seed_analyses, seed_dossiers, config.grouping.focus))
    assert all(isinstance(d["text"], LateText) for d in data["documents"])  # no joined copy held
    out = io.StringIO()
    write_json_stream(data, out)
    texts = {a.document.id: a.document.text for a in seed_analyses}
    plain = {**data, "documents": [{**d, "text": texts[d["id"]]} for d in data["documents"]]}
    assert out.getvalue() == json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    with pytest.raises(TypeError, match="^object is not JSON serializable"):  # _late's words, not json's
        write_json_stream({"documents": [{"x": object()}]}, io.StringIO())


def test_a_stored_page_gone_before_it_is_read_back_is_rendered_again(seed_analyses, seed_dossiers, config, tmp_path,
                                                                    monkeypatch):
    """Another build sharing the cache may prune a page between its renderer's put and the read."""
    import multiprocessing

    from briefing import forked
    from briefing.site import pages as pages_module

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here: pages are rendered in one process")
    plain = render(seed_analyses, seed_dossiers, config)
    monkeypatch.setattr(forked, "AT_LEAST", 2)
    monkeypatch.setattr(pages_module.PageStore, "put", lambda self, key, markdown: None)  # stored, then pruned
    monkeypatch.setattr(pages_module.PageStore, "stored", lambda self, key: (_ for _ in ()).throw(FileNotFoundError(key)))
    assert render(seed_analyses, seed_dossiers, config, cache_dir=tmp_path, workers=2) == plain

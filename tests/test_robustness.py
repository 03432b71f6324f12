"""Bad, hostile and broken input: one clear message each, nothing lost, never a half-written site."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.stages.analyse import analyse_all
from briefing.stages.clean import clean_all
from briefing.config import AnalysisSettings
from briefing.errors import ContentError
from briefing.stages.load import load_documents
from conftest import CORPUS, ROOT, project, run_build

# The shapes a hostile title, source, url or text takes to leave the context it lands in
# (the fixtures in tests/fixtures/hostile/ hold each in a realistic document).
HOSTILE_SHAPES = [
    "</title><script>alert(1)</script>", "</script><script>alert(2)</script>", "</style><script>alert(3)</script>",
    "</textarea><svg onload=alert(4)>", "]]></content><script>alert(5)</script>", "--><script>alert(6)</script><!--",
    '" onmouseover="alert(7)" x="', "' onfocus='alert(8)' '", "javascript:alert(9)", "data:text/html,<script>alert(10)</script>",
    "{{ 7*7 }}", "{% raw %}", "{# x #}", "\u2028", "\u2029", "<img src=x onerror=alert(11)>", "[x](javascript:alert(12))",
    "<https://example.org/\" onmouseover=\"alert(13)>", "http://kreml]]></content><script>alert(14)</script>n.ru/events/1",
    "https://example.org/a\"><script>alert(15)</script>", "http://[::1]]:80/", "&lt;script&gt;alert(16)&lt;/script&gt;",
    "\x0b\x1b", "`code`", "*_~|#!", "\\", "https://russian.rt.com/world/article/1-x",
]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_SHAPES), st.sampled_from(["Карабах ", "товарооборот ", "Баку. ", " "])),
                        min_size=1, max_size=5).map("".join)

RU = "Премьер-министры России и Азербайджана провели переговоры в Москве. Стороны обсудили торговлю и транспорт."


@pytest.fixture(scope="module")
def config_file(tmp_path_factory) -> Path:
    return project(tmp_path_factory.mktemp("project"))


def build(config: Path, content: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_build("--content", str(content), "--out", str(out), *extra, config=config)


def messages(folder: Path) -> list[str]:
    loaded = load_documents(folder, 5_000_000)
    _, problems = clean_all(loaded.documents)
    return [str(p) for p in (*loaded.problems, *problems)]


# Each fixture: the files it writes, and the one message it must produce, verbatim.
FIXTURES = {
    "no punctuation": (
        {"notes.txt": "Заметки\nвстреча в Баку прошла в среду\nобсуждали коридор Север-Юг"},
        "notes.txt: no sentence punctuation (. ! ? …): each line or paragraph is taken as one sentence",
    ),
    "duplicate text": (
        {"a.txt": "Заголовок\n" + RU, "b.md": "# Заголовок\n\n" + RU},
        "b.md: same text as a.txt: skipped as a duplicate",
    ),
    "unknown front matter key cannot choose the output path": (
        {"x.md": "---\nslug: ../../escaped\n---\n" + RU},
        "x.md: front matter: unknown key 'slug' ignored (known: title, date, source, url, themes)",
    ),
    "dangling symlink": (
        {"gone.txt": Path("does-not-exist.txt")},
        "gone.txt: cannot be read: No such file or directory",
    ),
}


@pytest.mark.parametrize("name", FIXTURES)
def test_named_fixture_gives_its_message(tmp_path, name):
    files, message = FIXTURES[name]
    for rel, data in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            os.symlink(tmp_path / data, path)
        else:
            path.write_text(data, encoding="utf-8")
    assert message in messages(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    # Tests run as root in CI, where chmod 000 still reads: simulate the refusal instead.
    (tmp_path / "locked.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "open.txt").write_text("Другой текст. " + RU, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    loaded = load_documents(tmp_path, 10**6)
    assert [d.path for d in loaded.documents] == ["open.txt"]
    assert [str(p) for p in loaded.problems] == ["locked.txt: cannot be read: Permission denied"]


def test_a_20_mb_document_is_refused_by_the_size_limit(tmp_path):
    (tmp_path / "huge.txt").write_bytes(("Текст. " * 1_666_667).encode("utf-8"))
    loaded = load_documents(tmp_path, 5_000_000)
    assert [str(p) for p in loaded.problems] == [
        "huge.txt: 20 000 004 bytes is over limits.max_document_bytes (5 000 000): skipped"
    ]


def test_english_document_builds_unmangled(tmp_path):
    text = ("Azerbaijan and Russia discuss the North-South corridor\n\nThe leaders of Russia and Azerbaijan met in Baku "
            "on Sunday. They discussed the North-South transport corridor and trade. Ilham Aliyev said relations were strong.")
    (tmp_path / "english.txt").write_text(text, encoding="utf-8")
    docs, problems = clean_all(load_documents(tmp_path, 10**6).documents)
    [analysis] = analyse_all(docs, AnalysisSettings())
    assert not problems
    assert [s.text for s in analysis.summary][0] == "The leaders of Russia and Azerbaijan met in Baku on Sunday."
    keywords = [k.text for k in analysis.keywords]
    assert any("North-South" in k for k in keywords) and "Ilham Aliyev" in keywords
    assert not {"the", "and", "of"} & {w.lower() for k in keywords for w in k.split()}


def test_odd_file_names_and_nested_folders_build(tmp_path, config_file):
    content = tmp_path / "content"
    for rel in ["with spaces.txt", "Кириллица.md", "quotes «'\"».txt", "a/b/c/deep.txt"]:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Заметка {rel}\nТекст о файле {rel}. {RU}", encoding="utf-8")
    result = build(config_file, content, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.parent.name for p in (tmp_path / "site" / "documents").glob("*/index.html"))
    assert pages == ["a-b-c-deep", "kirillitsa", "quotes", "with-spaces"]


def test_warnings_keep_exit_zero_and_are_counted(tmp_path, config_file):
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.txt").write_text("Заголовок\n" + RU, encoding="utf-8")
    (content / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    result = build(config_file, content, tmp_path / "site")
    assert result.returncode == 0
    assert result.stderr.splitlines() == ["warning: image.md: binary data (a PNG image), not text"]
    assert result.stdout.splitlines()[-1].endswith("1 documents, 4 dossiers, 1 warnings")


def test_killed_build_leaves_the_previous_site(tmp_path, config_file):
    content = tmp_path / "content"
    shutil.copytree(CORPUS, content)
    out = tmp_path / "site"
    assert build(config_file, content, out).returncode == 0
    before = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    (content / "extra.txt").write_text("Новый документ\n" + RU, encoding="utf-8")
    for delay in (0.3, 0.8, 1.3, 1.8, 2.3):
        shutil.rmtree(config_file.parent / ".briefing", ignore_errors=True)
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--config", str(config_file),
                                 "--content", str(content), "--out", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        site = json.loads((out / "briefing.json").read_text(encoding="utf-8"))  # whole, old or new
        assert len(site["documents"]) in (len(before["documents"]), len(before["documents"]) + 1)
        assert (out / "index.html").exists() and (out / "search" / "meta.json.gz").exists()
    assert build(config_file, content, out).returncode == 0
    assert len(json.loads((out / "briefing.json").read_text(encoding="utf-8"))["documents"]) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


HOSTILE = """\
---
title: '"><img src=x onerror="window.__pwned=1"> Заголовок <script>window.__pwned=2</script>'
source: '<b onmouseover="window.__pwned=3">Источник</b>'
url: 'https://example.org/a"onmouseover="window.__pwned=4'
themes: [karabakh]
---
# <script>window.__pwned=5</script> Карабах

Текст про <script>window.__pwned=6</script> Нагорный Карабах и <img src=x onerror="window.__pwned=7"> урегулирование.

<iframe src="javascript:window.__pwned=8"></iframe>

<div onclick="window.__pwned=9">Сырой HTML-блок о мирном договоре.</div>

Ссылки: [нажми](javascript:window.__pwned=10), [данные](data:text/html,<script>window.__pwned=11</script>), ![x](javascript:window.__pwned=12).

Армения и Азербайджан обсуждают делимитацию границы. Стороны провели переговоры в Москве.
"""


@pytest.mark.browser
def test_hostile_content_never_executes(tmp_path, config_file):
    from conftest import require_chromium
    from test_browser import ARGS

    exe = require_chromium()
    content = tmp_path / "content"
    content.mkdir()
    (content / '<img src=x onerror=alert(1)>.md').write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "site"
    assert build(config_file, content, out).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for html in sorted(out.rglob("*.html")):
            page.goto(html.as_uri())
            page.wait_for_load_state("load")
            # Fire the events injected handlers would wait for, on every element.
            page.evaluate("""() => { for (const el of document.querySelectorAll('*')) {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'error', 'load']) {
                    el.dispatchEvent(new Event(type)); } } }""")
            assert page.evaluate("window.__pwned") is None, html
        page.goto((out / "documents" / "img-src-x-onerror-alert-1" / "index.html").as_uri())
        text = page.locator("article").inner_text()
        assert "<script>window.__pwned=6</script>" not in page.content()
        assert "Заголовок <script>window.__pwned=2</script>" in text  # shown as text
        browser.close()
    assert not dialogs


# Random documents: the pipeline raises nothing but our own reported errors, and
# every summary sentence stands verbatim in its document.
# Values PyYAML resolves implicitly (timestamps in and out of range, numbers, booleans,
# nulls, nested maps, anchors and aliases): a typo among them must never stop a build.
IMPLICIT = st.sampled_from([
    "2024-13-05", "2024-02-30", "2024-03-05", "2024-03-05 10:00:00", "2001-12-14t21:59:43.10-05:00",
    "2024-03-05T99:99:99", "9999-12-31", "0001-01-01", "12:30:00", "0x1F", "0o17", "1_000", "1e400", "-.inf",
    ".nan", "3.14", "yes", "No", "on", "~", "null", "", "{a: 1, b: [2, 3]}", "[1, [2, [3]]]", "&a [x, y]", "*a",
    "&b 2024-13-05", "*b", "!!str 5", "'2024-13-05'", "\"дата\"", "[2024-13-05, 2024-01-01]",
])
raw_front = st.lists(
    st.tuples(st.sampled_from(["title", "date", "source", "url", "themes", "x"]), IMPLICIT), max_size=4,
).map(lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs))

documents = st.fixed_dictionaries(
    {
        "name": st.from_regex(r"[a-zа-я0-9 _-]{1,12}", fullmatch=True),
        "suffix": st.sampled_from([".txt", ".md"]),
        "front": st.one_of(
            st.none(),
            st.dictionaries(st.sampled_from(["title", "date", "source", "url", "themes", "x"]),
                            st.one_of(st.text(max_size=20), st.integers(), st.lists(st.text(max_size=5), max_size=3),
                                      st.sampled_from(HOSTILE_SHAPES)),
                            max_size=4),
            raw_front,
        ),
        "body": st.lists(
            st.one_of(
                st.text(alphabet="абвгдеёжзиклмнопрстуфхцчшщыьэюяАБВГДЕ abcXYZ.,!?-—«»\"'\n#*[]()<>&;:0123\u00a0\u200b", max_size=40),
                st.sampled_from(["Карабах ", "товарооборот ", "\n\n", "# ", "- ", "&lt;", "© Sputnik", "09:55\n", "поступа-\n\nтельного "]),
            ),
            max_size=15,
        ).map("".join),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents, min_size=1, max_size=3))
def test_random_documents_never_crash(tmp_path_factory, docs):
    import yaml

    folder = tmp_path_factory.mktemp("random")
    for i, d in enumerate(docs):
        front = d["front"] if isinstance(d["front"], str) else yaml.safe_dump(d["front"], allow_unicode=True)
        front = "" if d["front"] is None else "---\n" + front + "---\n"
        (folder / f"{i}-{d['name']}{d['suffix']}").write_text(front + d["body"], encoding="utf-8")
    loaded = load_documents(folder, 10**6)
    assert all(isinstance(p, ContentError) for p in loaded.problems)
    cleaned, problems = clean_all(loaded.documents)
    assert all(isinstance(p, ContentError) for p in problems)
    for analysis in analyse_all(cleaned, AnalysisSettings()):
        for s in analysis.summary:
            assert analysis.document.text[s.start : s.end] == s.text


class _Markup(HTMLParser):
    """Collects what in a page only a document could have put there: inline scripts (other
    than Material's JSON config), event-handler attributes, script-bearing addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.found.append("inline script")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if (value or "").strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"<{tag} {name}={value[:30]}>")


def injected_markup(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    return parser.found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({
    "title": st.one_of(st.none(), hostile_text), "source": st.one_of(st.none(), hostile_text),
    "url": st.one_of(st.none(), hostile_text), "first": hostile_text, "body": hostile_text, "last": hostile_text,
    "suffix": st.sampled_from([".txt", ".md"]),
}), min_size=1, max_size=3))
def test_hostile_documents_beside_the_seeds_build_and_publish(tmp_path_factory, config_file, docs):
    """The whole build, in this process: the seeds plus random hostile documents are built and
    published, no crash, and no page carries markup a document wrote."""
    import yaml

    import build

    folder = tmp_path_factory.mktemp("fuzz")
    content = folder / "content"
    shutil.copytree(CORPUS, content)
    for i, d in enumerate(docs):
        front = {k: d[k] for k in ("title", "source", "url") if d[k] is not None}
        head = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" if front else ""
        text = f"{d['first']}\n\n{RU} {d['body']} Азербайджан и Армения обсудили Карабах.\n\n{d['last']}\n"
        (content / f"hostile-{i}{d['suffix']}").write_text(head + text, encoding="utf-8")
    out = folder / "site"
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert build.main(["--config", str(config_file), "--content", str(content), "--out", str(out), "--workers", "1"]) == 0
    assert "could not be built" not in said.getvalue()  # every page made it
    for page in out.rglob("*.html"):
        assert not injected_markup(page.read_text(encoding="utf-8")), page
    json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    for feed in out.rglob("feed.xml"):
        ET.parse(feed)


def test_a_page_that_cannot_be_built_is_left_out_and_named(tmp_path, config_file, monkeypatch, capsys):
    """An unexpected error while MkDocs builds one page fails that page, not the build: the
    warning names the page and its document, every other page is published; with --strict
    nothing is written and the previous site stays."""
    import build
    from mkdocs.commands import build as mkdocs_build

    real = mkdocs_build._populate_page

    def populate(page, *args, **kwargs):
        if page.file.src_uri == "documents/2022-07-20-lavrov-i-bayramov.md":
            raise ValueError("Invalid IPv6 URL")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_populate_page", populate)
    out = tmp_path / "site"
    args = ["--config", str(config_file), "--content", str(CORPUS), "--out", str(out), "--workers", "1"]
    assert build.main([*args, "--strict"]) == 1
    assert not out.exists()
    assert "--strict: page(s) could not be built, nothing written: documents/2022-07-20-lavrov-i-bayramov.md" in capsys.readouterr().err
    assert build.main(args) == 0
    said = capsys.readouterr()
    assert ("warning: 2022-07-20-lavrov-i-bayramov.txt: page documents/2022-07-20-lavrov-i-bayramov.md could not be built, "
            "left out of the site: ValueError: Invalid IPv6 URL") in said.err.splitlines()
    assert said.out.splitlines()[-1].endswith("5 documents, 4 dossiers, 1 warnings")
    assert not (out / "documents" / "2022-07-20-lavrov-i-bayramov").exists()
    assert (out / "documents" / "2022-06-29-beseda-s-aliyevym" / "index.html").exists()

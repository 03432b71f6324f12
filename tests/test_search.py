"""briefing.site.search: Pagefind over a built site (the browser side is in test_browser.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.site.search import index_site

PAGE = """<!doctype html><html lang="ru"><head><title>{title}</title></head><body>
<nav>Навигация по сайту</nav><article data-pagefind-body><h1>{title}<a class="headerlink" href="#x">¶</a></h1>
<p>{text}</p><ul data-pagefind-ignore><li>Связанный документ о погоде</li></ul></article></body></html>
"""


def write_site(folder: Path) -> Path:
    pages = {
        "index.html": ("Главная", "Список документов."),
        "documents/koridor/index.html": ("Коридор «Север — Юг»", "Стороны обсудили развитие транспортного коридора."),
        "documents/krokus/index.html": ("Соболезнования", 'Теракт в "Крокус сити холле" осудили лидеры «каспийской пятёрки».'),
    }
    for path, (title, text) in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_is_russian_and_byte_identical_across_runs(tmp_path):
    first, second = write_site(tmp_path / "a" / "site"), write_site(tmp_path / "elsewhere")
    index_site(first)
    index_site(second)
    index_site(second)  # a second run over its own output changes nothing either
    built = tree(first / "pagefind")
    assert built == tree(second / "pagefind")
    assert "pagefind.js" in built and any(name.startswith("wasm.ru") for name in built)
    assert any(name.startswith("pagefind.ru_") and name.endswith(".pf_meta") for name in built)


def test_a_folder_that_is_not_a_site_is_refused(tmp_path):
    with pytest.raises(BriefingError, match=f"^Pagefind: {tmp_path} is not a built site \\(no index.html\\)$"):
        index_site(tmp_path)


def test_a_pagefind_failure_is_a_briefing_error(tmp_path, monkeypatch):
    from briefing.site import search

    site = write_site(tmp_path / "site")
    monkeypatch.setattr(search, "pagefind_command", lambda s: [shutil.which("false") or "false"])
    with pytest.raises(BriefingError, match="^Pagefind failed on .*exit status 1$"):
        index_site(site)

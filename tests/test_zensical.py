"""Ready for Material's end of life (5 May 2027): Zensical, its successor, reads `mkdocs.yml`.

Where `zensical` is installed (requirements-dev.txt pins it; skipped elsewhere), the seed
site's generated Markdown, `mkdocs.yml` and theme overrides are built with it in strict
mode, and every page comes out. The site is not built with it (`briefing/site/html.py` runs
MkDocs' own page steps); this only says a switch would start from a clean build.

What differed with zensical 0.1.2, on the same Markdown (none of it an error):
- its own look ("modern" stylesheets) and its own `search.json` (our index, `search/`, is
  written by our publish step, not by either generator);
- the home page's `<title>` is «Главная - <site name>», MkDocs' is the site name alone;
- `sitemap.xml` without MkDocs' `sitemap.xml.gz`; links written as `./page/`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import project


def zensical() -> str:
    here = Path(sys.executable).parent / "zensical"
    found = str(here) if here.exists() else shutil.which("zensical")
    if not found:
        pytest.skip("zensical is not installed (requirements-dev.txt has it: `make test` installs it)")
    return found


def test_zensical_builds_the_generated_site(tmp_path):
    exe = zensical()
    import build
    from briefing.config import load_config
    from briefing.bench.scale import write_project
    from briefing.stages.publish import THEME

    config = load_config(project(tmp_path / "project"))
    pages = build.generate(replace(config, output_dir=tmp_path / "unused")).pages
    src = tmp_path / "src"
    write_project(pages, src, THEME)
    result = subprocess.run([exe, "build", "--strict", "-f", str(src / "mkdocs.yml")], cwd=src,
                            capture_output=True, text=True, timeout=300)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "error" not in said.lower() and "warning" not in said.lower(), said
    site = src / "site"
    for name in pages:
        if name.endswith(".md"):  # use_directory_urls: a/b.md -> a/b/index.html, a/index.md -> a/index.html
            page = Path(name).with_suffix("")
            html = site / (page.parent if page.name == "index" else page) / "index.html"
            assert html.exists(), f"{name}: no {html.relative_to(site)}"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in home and "data-briefing-search" in home  # our theme overrides are used
    assert (site / "404.html").exists() and (site / "feed.xml").exists()

from pathlib import Path

import pytest

from briefing.config import load_config, parse_config
from briefing.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
P = Path("/x/site_config.yaml")

MINIMAL = """\
site:
  title: T
dossiers:
  - id: a
    title: A
    terms: [x]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        parse_config(text, P)
    return exc.value.problems


def test_the_users_config_validates():
    """site_config.yaml is the user's to change: it must validate, its values are theirs."""
    assert load_config(ROOT / "site_config.yaml").path == ROOT / "site_config.yaml"


def test_fixture_config_validates():
    config = load_config(ROOT / "tests" / "fixtures" / "site_config.yaml")
    assert [t.id for t in config.themes] == ["karabakh", "north_south", "trade", "humanitarian"]
    assert config.analysis.summary_sentences == 3
    assert config.content_dir == ROOT / "tests" / "fixtures" / "corpus"


def test_minimal_config_gets_defaults():
    config = parse_config(MINIMAL, P)
    assert config.analysis.keywords == 10 and config.grouping.min_terms == 2 and config.grouping.focus == ()
    assert config.themes[0].exclude == ()
    assert config.output_dir == Path("/x/site")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("site: [", ["site_config.yaml:1: YAML syntax error: expected the node content, but found '<stream end>'"]),
        ("- 1\n", ["site_config.yaml: expected a mapping of settings at the top, got a list"]),
        (MINIMAL + "sumary:\n  sentences: 3\n",
         ["site_config.yaml:7: sumary: unknown key (known: dossiers, grouping, home, keywords, limits, paths, site, sources, summary)"]),
        (MINIMAL + "summary:\n  sentences: three\n", ["site_config.yaml:8: summary.sentences: expected a whole number, got 'three'"]),
        (MINIMAL + "summary:\n  sentences: 0\n", ["site_config.yaml:8: summary.sentences: must be between 1 and 20, got 0"]),
        (MINIMAL + "keywords:\n  dedupLim: 0.5\n",
         ["site_config.yaml:8: keywords.dedupLim: unknown key (known: count, dedup_lim, max_words, window_size)"]),
        ("dossiers:\n  - id: a\n    title: A\n    terms: [x]\n", ["site_config.yaml: site.title: required key is missing"]),
        (MINIMAL.replace("terms: [x]", "terms: []"), ["site_config.yaml:6: dossiers[0].terms: a dossier needs at least one term"]),
        (MINIMAL.replace("terms: [x]", "terms: 5"), ["site_config.yaml:6: dossiers[0].terms: expected a list, got 5"]),
        (MINIMAL.replace("terms: [x]", "terms: [x]\n    exclude: [y, '']"),
         ["site_config.yaml:7: dossiers[0].exclude: expected a list of non-empty strings"]),
        (MINIMAL + "grouping:\n  focus: Баку\n", ["site_config.yaml:8: grouping.focus: expected a list, got 'Баку'"]),
        (MINIMAL + "grouping:\n  min_score: 2.0\n", ["site_config.yaml:8: grouping.min_score: unknown key (known: focus, min_terms)"]),
        (MINIMAL.replace("id: a", "id: A b"), ["site_config.yaml:4: dossiers[0].id: expected lower-case letters, digits, '-' or '_', got 'A b'"]),
        ("site:\n  title: T\n  url: ftp://x\ndossiers: {}\n",
         ["site_config.yaml:3: site.url: expected an http(s) URL, got 'ftp://x'",
          "site_config.yaml:4: dossiers: expected a list, got a mapping"]),
    ],
)
def test_problems_are_reported_with_file_line_and_key(text, expected):
    assert problems(text) == expected


def test_every_problem_is_reported_at_once():
    text = MINIMAL + "summary:\n  sentences: x\nhome:\n  latest: -1\n"
    assert len(problems(text)) == 2


def test_missing_file():
    with pytest.raises(ConfigError) as exc:
        load_config(Path("/nonexistent/site_config.yaml"))
    assert exc.value.problems == ["/nonexistent/site_config.yaml: config file not found"]


def test_readme_documents_every_config_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys = ["site.title", "site.description", "site.url", "site.repo_url", "paths.content", "paths.output",
            "summary.sentences", "keywords.count", "keywords.max_words", "keywords.dedup_lim",
            "keywords.window_size", "grouping.min_terms", "home.latest", "limits.max_document_bytes",
            "dossiers[].id", "dossiers[].title", "dossiers[].description", "dossiers[].terms", "dossiers[].related", "dossiers[].exclude", "grouping.focus"]
    missing = [k for k in keys if f"`{k}`" not in readme]
    assert not missing

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The suite's builds write no GitHub job summary (in the workflow's test job that is set).
os.environ.pop("GITHUB_STEP_SUMMARY", None)

from briefing.stages.analyse import analyse_all  # noqa: E402
from briefing.stages.clean import clean_all  # noqa: E402
from briefing.config import load_config  # noqa: E402
from briefing.stages.group import group  # noqa: E402
from briefing.stages.load import load_documents  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus"  # the five seed articles: what the suite builds, whatever content/ holds
SHARED = ROOT.parent / "shared"  # beside our CI's checkout only; a user's clone has none
SEEDS = SHARED / "seeds"
EVAL_DATA = Path(os.environ.get("EVAL_DATA", SHARED / "eval-data"))
# corpus file -> seed it carries verbatim (after the front matter)
SEED_FILES = {
    "2021-05-20-premery-rf-i-azerbaydzhana-v-moskve.txt": "000_a7c36eb0b75800da.txt",
    "2024-03-05-premery-v-baku.txt": "001_6e70b530b08c33a1.txt",
    "2024-08-18-putin-i-aliev-v-baku.txt": "002_67d7ee40503da1c6.txt",
    "2022-07-20-lavrov-i-bayramov.txt": "003_a67da3bf217731ba.txt",
    "2022-06-29-beseda-s-aliyevym.txt": "004_a5bfe489c056309c.txt",
}
SEED_IDS = {Path(k).stem: v[:3] for k, v in SEED_FILES.items()}  # document id -> "000" …
# When each seed "entered the repository", fixed for the in-process fixtures (golden pages and
# feeds), whatever history or file times this checkout has: two in one commit, then one a day.
SEED_ADDED = {
    "2021-05-20-premery-rf-i-azerbaydzhana-v-moskve": "2025-01-10T09:00:00+03:00",
    "2022-06-29-beseda-s-aliyevym": "2025-01-10T09:00:00+03:00",
    "2024-08-18-putin-i-aliev-v-baku": "2025-01-11T14:30:00+03:00",
    "2022-07-20-lavrov-i-bayramov": "2025-01-12T08:15:00Z",
    "2024-03-05-premery-v-baku": "2025-01-13T20:00:00+03:00",
}


def project(folder: Path) -> Path:
    """The fixture project (config and corpus) copied into `folder`; returns its config file.
    Builds run there, so their analysis cache never lands in the repository."""
    shutil.copytree(FIXTURES, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".briefing"))
    return folder / "site_config.yaml"


def run_build(*args: str, config: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """build.py as a user runs it, on the given config."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(config), *args],
                          cwd=config.parent, capture_output=True, text=True, timeout=300, env=env)


def require_eval_data() -> Path:
    """../shared/eval-data: present in our CI, absent in a user's clone and on GitHub's runners."""
    if not (EVAL_DATA / "ru_kw_eval_datasets").is_dir():
        pytest.skip(f"evaluation data not found at {EVAL_DATA} (only our CI has it; set EVAL_DATA to run these)")
    return EVAL_DATA


@pytest.fixture(scope="session")
def config():
    return load_config(FIXTURES / "site_config.yaml")


@pytest.fixture(scope="session")
def seed_docs(config):
    loaded = load_documents(config.content_dir, config.max_document_bytes)
    docs, problems = clean_all(loaded.documents)
    assert not loaded.problems and not problems
    return [replace(d, added=SEED_ADDED[d.id], added_origin="git") for d in docs]


@pytest.fixture(scope="session")
def seed_analyses(seed_docs, config):
    return analyse_all(seed_docs, config.analysis)


@pytest.fixture(scope="session")
def seed_dossiers(seed_analyses, config):
    dossiers, problems = group(seed_analyses, config.themes, config.grouping)
    assert not problems
    return dossiers


def chromium() -> str | None:
    candidate = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


def require_chromium() -> str:
    """The browser to drive; skipped locally without one, a failure in CI (.ci/run installs it)."""
    exe = chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    return exe


def require_axe() -> Path:
    """axe-core's axe.min.js, as the pinned axe-playwright-python package ships it (requirements-dev.txt):
    skipped locally without it, a failure in CI (`make test` installs it)."""
    import importlib.util

    spec = importlib.util.find_spec("axe_playwright_python")
    script = Path(spec.origin).parent / "axe.min.js" if spec and spec.origin else None
    if script is None or not script.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: `make test` installs axe-playwright-python from requirements-dev.txt")
        pytest.skip("axe-core not installed (pip install -r requirements-dev.txt)")
    return script

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_match_githubs_schema():
    assert WORKFLOWS
    cli = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(cli), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_workflow_tests_on_pull_requests_and_deploys_from_main():
    flow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [s.get("uses", s.get("run", "")) for job in flow["jobs"].values() for s in job["steps"]]
    assert "make test" in steps and any(s.startswith("make site") for s in steps)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "pull_request" not in flow["jobs"]["deploy"]["if"] and "github.event_name != 'pull_request'" in flow["jobs"]["build"]["if"]


def test_the_site_is_built_from_the_whole_history():
    """A document is new when the first commit that added it says so: a shallow clone would
    date every document by its one commit."""
    flow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    checkout = [s for s in flow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout and checkout[0].get("with", {}).get("fetch-depth") == 0


def _flow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))


def test_the_site_is_built_for_the_pages_address_with_warnings_in_the_summary():
    """The Pages address from actions/configure-pages reaches build.py (used while site.url is
    the shipped placeholder); no --strict, so a warning does not stop the publication."""
    steps = _flow()["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(s for s in steps if s.get("run", "").startswith("make site"))
    assert uses.index(pages["uses"]) < steps.index(build)
    assert "--site-url $PAGES_URL" in build["run"] and "--strict" not in build["run"]
    assert build["env"]["PAGES_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"


def test_a_push_of_documents_alone_is_published_without_the_test_suite():
    """The test job runs when the code changed; the build runs after it, or without it (skipped)
    only when nothing but documents changed; deploy follows a successful build either way."""
    jobs = _flow()["jobs"]
    assert jobs["test"]["if"] == "needs.changes.outputs.code == 'true'"
    assert set(jobs["build"]["needs"]) == {"changes", "test"}
    condition = " ".join(jobs["build"]["if"].split())
    assert condition.startswith("!cancelled() && ")  # a skipped `needs` skips a job unless its `if` says otherwise
    assert "needs.test.result == 'success' || (needs.test.result == 'skipped' && needs.changes.outputs.code == 'false')" in condition
    assert " ".join(jobs["deploy"]["if"].split()) == "${{ !cancelled() && needs.build.result == 'success' }}"


def _git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout.strip()


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A repository: the tool and a document, then a document, then the settings, then code."""
    repo = tmp_path_factory.mktemp("origin")
    _git(repo, "init", "-q")
    commits = {}
    for name, files in [("first", {"briefing/x.py": "1", "content/a.txt": "a"}), ("document", {"content/sub/b.txt": "b"}),
                        ("settings", {"site_config.yaml": "site: {}"}), ("code", {"briefing/x.py": "2"})]:
        for path, text in files.items():
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            (repo / path).write_text(text, encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", name)
        commits[name] = _git(repo, "rev-parse", "HEAD")
    return repo, commits


@pytest.mark.parametrize("event, last, head, code", [
    ("push", "first", "settings", "false"),   # documents and settings since the last success
    ("push", "document", "document", "false"),  # a re-run of a published commit
    ("push", "first", "code", "true"),
    ("push", "settings", "code", "true"),
    ("push", "", "document", "true"),          # no successful run yet, or the API failed
    ("push", "0" * 40, "document", "true"),     # a commit the remote no longer has
    ("pull_request", "first", "document", "true"),
    ("workflow_dispatch", "first", "document", "true"),
])
def test_the_changes_job_tells_documents_from_code(origin, tmp_path, event, last, head, code):
    """The `changes` step as GitHub runs it (bash -e), in a shallow checkout of the pushed
    commit, with `gh` answering the last successful run's commit."""
    repo, commits = origin
    step = next(s for s in _flow()["jobs"]["changes"]["steps"] if s.get("id") == "diff")
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    _git(work, "remote", "add", "origin", f"file://{repo}")
    _git(work, "fetch", "-q", "--depth=1", "origin", commits[head])
    _git(work, "checkout", "-q", "FETCH_HEAD")
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "gh").write_text('#!/bin/sh\ncase "$*" in *"--workflow site.yml --branch main --status success"*) ;; *) exit 2;; esac\n'
                             '[ -n "$LAST" ] && echo "$LAST" || exit 1\n', encoding="utf-8")
    (stub / "gh").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PATH=f"{stub}:{env['PATH']}", EVENT=event, LAST=commits.get(last, last), GITHUB_SHA=commits[head],
               GITHUB_WORKFLOW_REF="someone/briefing/.github/workflows/site.yml@refs/heads/main",
               GITHUB_OUTPUT=str(tmp_path / "output"), GITHUB_STEP_SUMMARY=str(tmp_path / "summary"))
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output").read_text(encoding="utf-8") == f"code={code}\n"
    summary = tmp_path / "summary"
    assert (summary.exists() and "without the test suite" in summary.read_text(encoding="utf-8")) == (code == "false")

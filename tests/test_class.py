"""A course end to end: the learners' template, three students, the roster's grading, the gradebook.

The template is built from this checkout's last commit; the students are git clones of it on
disk, graded the way a matrix job of .github/workflows/grade-class.yml grades them.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kata_harness.catalog import REPO_ROOT, SOLUTIONS_DIR, load_catalog
from kata_harness.repo import Repo
from kata_harness.template import build_template

pytestmark = [pytest.mark.timeout(900), pytest.mark.xdist_group("class")]

# Two katas whose suites need only scikit-learn: cheap enough to grade three times.
LIGHT = [k for k in load_catalog() if set(k.libraries) <= {"sklearn", "numpy", "scipy"}][-2:]


def _run(cwd: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900)
    if check:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def _katas(root: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(root, sys.executable, "-m", "kata_harness.cli", "--root", str(root), *args)


def _git(root: Path, *args: str) -> str:
    return _run(
        root,
        "git",
        "-c",
        "user.name=student",
        "-c",
        "user.email=s@example.invalid",
        "-c",
        "commit.gpgsign=false",
        *args,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return build_template(Repo(REPO_ROOT), tmp_path_factory.mktemp("course") / "template")


def test_template_is_one_commit_without_references_or_maintainer_files(template):
    """The learners' repository has one commit, no solutions/, tests/ or .ci/, and no reference blob."""
    commits = _git(template, "rev-list", "--all").split()
    objects = _git(template, "rev-list", "--objects", "--all")
    references = [
        _run(REPO_ROOT, "git", "hash-object", str(path), check=True).stdout.strip()
        for path in SOLUTIONS_DIR.glob("*/*.py")
    ]

    assert len(commits) == 1
    for absent in ("solutions", "tests", ".ci", "tox.ini", ".github/workflows/grade-class.yml"):
        assert not (template / absent).exists(), f"the template ships {absent}"
    assert [r for r in references if r in objects] == [], "a reference is reachable in the template"
    readme = (template / "README.md").read_text(encoding="utf-8")
    assert "For maintainers" not in readme and "--solutions" not in readme
    assert "ships without reference solutions" in readme


def test_template_checks_pass_in_the_template(template, tmp_path):
    """In the template: the manifest is valid, the stubs fail with short lines, and katas explains."""
    kata = LIGHT[0]
    assignment = tmp_path / "one.toml"
    assignment.write_text(f'[assignment]\nkatas = ["{kata.id}"]\n', encoding="utf-8")

    manifest = _katas(template, "manifest")
    tests = _run(
        template, sys.executable, "-m", "pytest", f"katas/{kata.id}", "-q", "-p", "no:cacheprovider"
    )
    solution = _katas(template, "solution", kata.id, "--force")
    grade = _katas(
        template, "grade", "--assignment", str(assignment), "--json", str(tmp_path / "g.json")
    )

    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    assert tests.returncode == 1 and "is not implemented yet" in tests.stdout, tests.stdout[-2000:]
    assert "error" not in tests.stdout.strip().splitlines()[-1], tests.stdout[-500:]
    assert solution.returncode == 2 and "no reference" in solution.stderr + solution.stdout
    assert grade.returncode == 0, grade.stdout[-2000:] + grade.stderr[-2000:]
    assert "feedback" in grade.stdout + grade.stderr
    assert not list(template.glob("grade*")) and _git(template, "status", "--porcelain") == ""


def _student(template: Path, root: Path, name: str) -> Path:
    repository = root / name
    _run(root, "git", "clone", "-q", str(template), str(repository), check=True)
    return repository


def test_a_class_of_three_is_graded_honestly_and_tampering_gains_nothing(template, tmp_path):
    """Untouched, two katas solved, and a tamperer: the gradebook shows 0, 2 and 0."""
    untouched = _student(template, tmp_path, "una")
    solver = _student(template, tmp_path, "sol")
    for kata in LIGHT:
        shutil.copyfile(
            kata.module_path(SOLUTIONS_DIR), solver / "katas" / kata.id / kata.module_filename
        )
    _git(solver, "commit", "-qam", "two katas")
    tamperer = _student(template, tmp_path, "tam")
    for kata in LIGHT:
        tests = tamperer / "katas" / kata.id / kata.test_filename
        tests.write_text(
            "def test_everything_passes():\n    '''Free points.'''\n", encoding="utf-8"
        )
    grader = tamperer / "kata_harness" / "grading" / "__init__.py"
    grader.write_text(
        grader.read_text() + "\nraise SystemExit('tampered harness')\n", encoding="utf-8"
    )
    workflow = tamperer / ".github" / "workflows" / "grade.yml"
    workflow.write_text("on: push\njobs: {}\n", encoding="utf-8")
    _git(tamperer, "commit", "-qam", "full marks, please")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student,repository\n" + "".join(f"{p.name},{p}\n" for p in (untouched, solver, tamperer)),
        encoding="utf-8",
    )
    assignment = tmp_path / "assignment.toml"
    assignment.write_text(
        '[assignment]\nname = "e2e"\nkatas = [' + ", ".join(f'"{k.id}"' for k in LIGHT) + "]\n"
        "deadline = 2999-01-01T00:00:00Z\nseed = 7\n",
        encoding="utf-8",
    )

    graded = _katas(
        REPO_ROOT,
        "roster",
        "grade",
        str(roster),
        "--assignment",
        str(assignment),
        "--out",
        str(tmp_path / "grades"),
    )
    book = _katas(
        REPO_ROOT,
        "gradebook",
        str(tmp_path / "grades"),
        "--roster",
        str(roster),
        "--assignment",
        str(assignment),
        "--csv",
        str(tmp_path / "book.csv"),
        "--html",
        str(tmp_path / "book.html"),
    )

    assert graded.returncode == 0, graded.stdout[-2000:] + graded.stderr[-3000:]
    assert book.returncode == 0, book.stdout + book.stderr
    rows = {
        r["student"]: r for r in csv.DictReader(io.StringIO((tmp_path / "book.csv").read_text()))
    }
    totals = {name: (rows[name]["status"], rows[name]["total"]) for name in rows}
    assert totals == {"una": ("graded", "0"), "sol": ("graded", "2"), "tam": ("graded", "0")}, (
        totals
    )
    assert rows["sol"]["commit"] == _git(solver, "rev-parse", "HEAD").strip()
    page = (tmp_path / "book.html").read_text(encoding="utf-8")
    assert all(name in page for name in ("una", "sol", "tam")) and 'id="missed-claims"' in page

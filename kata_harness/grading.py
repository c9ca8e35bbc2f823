"""`katas grade`: score the learner's code in ``katas/`` in a way an instructor can trust.

1. The trusted files (tests, conftest.py, catalog, pyproject.toml, harness) are copied into a
   fresh sandbox directory and each copy is checked against ``grading-manifest.json``. Any
   difference stops the grading: nothing is scored from tests a learner could have edited.
2. The sandbox gets those files and the learner's modules, and nothing else: no ``solutions/``,
   no ``tests/mutants/``, no file a learner added (a ``conftest.py`` in a kata folder is never
   loaded).
3. pytest runs in the sandbox under ``python -E`` (no PYTHONPATH or PYTEST_ADDOPTS from the
   environment), with the sandbox's harness first on ``sys.path`` (the installed package may point
   at the original checkout) and an audit hook that refuses to open anything under the original
   checkout's ``solutions/`` or ``tests/mutants/``. Code that imports or reads the reference fails.
4. Each test has a timeout; a kata whose code crashes the interpreter is reported as such and the
   other katas are still graded.

This is a fence against accidents and casual copying, not a security sandbox: code that attacks the
test process itself is out of its scope (see the README).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import re
import shutil
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from kata_harness import manifest
from kata_harness.catalog import Kata
from kata_harness.repo import Repo, file_digest
from kata_harness.runner import KataResult, environment_without_pytest_overrides, run_katas

SCHEMA = "katas-grade/1"
DEFAULT_TIMEOUT = 60.0
FORBIDDEN_DIRS = ("solutions", "tests/mutants", "tests/alternatives")

_BOOTSTRAP = """\
import os, sys
sandbox, forbidden = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
sys.path.insert(0, sandbox)
from kata_harness.grading import install_guard
install_guard([path for path in forbidden.split(os.pathsep) if path])
import pytest
raise SystemExit(pytest.main(sys.argv[1:]))
"""


def install_guard(forbidden: list[str]) -> None:
    """Refuse, for the rest of this process, to open any file under the ``forbidden`` folders."""
    roots = tuple(os.path.realpath(path) for path in forbidden)
    message = (
        "katas grade: {path} is off limits while grading; your code must not read the "
        "reference solutions or the mutants"
    )

    def guard(event: str, args: tuple) -> None:
        if event not in ("open", "os.listdir", "os.scandir"):
            return
        path = args[0] if args else None
        if path is None or isinstance(path, int):
            return
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return
        for root in roots:
            if real == root or real.startswith(root + os.sep):
                raise PermissionError(message.format(path=os.fsdecode(path)))

    sys.addaudithook(guard)


@dataclass
class KataGrade:
    kata: Kata
    result: KataResult
    matches_reference: bool = False

    @property
    def points(self) -> int:
        return self.result.claims_passed

    @property
    def max_points(self) -> int:
        return self.result.claims_total


@dataclass
class GradeReport:
    repo: Repo
    grades: list[KataGrade]
    timeout: float
    manifest_sha256: str
    notes: list[str] = field(default_factory=list)
    graded_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )

    @property
    def points(self) -> int:
        return sum(grade.points for grade in self.grades)

    @property
    def max_points(self) -> int:
        return sum(grade.max_points for grade in self.grades)

    @property
    def percent(self) -> float:
        return round(100 * self.points / self.max_points, 2) if self.max_points else 0.0

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "graded_at": self.graded_at,
            "manifest_sha256": self.manifest_sha256,
            "timeout_seconds": self.timeout,
            "score": {
                "points": self.points,
                "max_points": self.max_points,
                "percent": self.percent,
                "katas_done": sum(g.result.state == "done" for g in self.grades),
                "katas_total": len(self.grades),
            },
            "katas": [
                {
                    "id": grade.kata.id,
                    "title": grade.kata.title,
                    "state": grade.result.state,
                    "claims_passed": grade.result.claims_passed,
                    "claims_total": grade.result.claims_total,
                    "points": grade.points,
                    "max_points": grade.max_points,
                    "problem": grade.result.problem,
                    "matches_reference": grade.matches_reference,
                    "tests": [
                        {
                            "name": test.name,
                            "claim": test.claim,
                            "status": test.status,
                            "message": test.message,
                            "duration_seconds": test.duration,
                        }
                        for test in grade.result.tests
                    ],
                }
                for grade in self.grades
            ],
            "notes": self.notes,
            "versions": tool_versions(self.repo),
        }


def tool_versions(repo: Repo) -> dict[str, str]:
    """Python, the harness and every dependency pyproject.toml names, as installed."""
    versions = {"python": platform.python_version()}
    try:
        versions["ds-interview-katas"] = importlib.metadata.version("ds-interview-katas")
    except importlib.metadata.PackageNotFoundError:
        versions["ds-interview-katas"] = "not installed"
    try:
        project = tomllib.loads((repo.root / "pyproject.toml").read_text(encoding="utf-8"))
        requirements = project.get("project", {}).get("dependencies", [])
    except (OSError, tomllib.TOMLDecodeError):
        requirements = []
    for requirement in requirements:
        name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _build_sandbox(repo: Repo, document: dict, sandbox: Path) -> tuple[Repo, list[str]]:
    """Copy the manifest's files and the learner's modules, and nothing else, into ``sandbox``."""
    notes = []
    for relative in document["files"]:
        source = repo.root / relative
        if source.is_file() and not source.is_symlink():
            target = sandbox / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    copy = Repo(sandbox)
    for kata in copy.katas() if copy.catalog_path.is_file() else ():
        source = repo.module_path(kata)
        if source.is_symlink():
            notes.append(
                f"{repo.relative(source)} is a symbolic link; grading reads only regular files, "
                "so the kata was graded without it"
            )
        elif source.is_file():
            copy.module_path(kata).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy.module_path(kata))
    return copy, notes


def check_trusted_files(repo: Repo, expected_sha256: str | None = None) -> dict:
    """The manifest, after checking it (and, if given, its own hash); raises ManifestError."""
    document = manifest.load(repo)
    if expected_sha256 and manifest.digest(repo) != expected_sha256.strip().lower():
        raise manifest.ManifestError(
            f"{manifest.MANIFEST_NAME} is not the one the instructor published (its SHA-256 is "
            f"{manifest.digest(repo)}, expected {expected_sha256}). Restore it with "
            f"`git checkout -- {manifest.MANIFEST_NAME}` from the course's original commit."
        )
    return document


def refuse_if_changed(repo: Repo, checked: Repo, document: dict) -> None:
    problems = manifest.verify(checked, document)
    if problems:
        listing = "\n".join(f"  {p.path} ({p.reason})" for p in problems)
        advice = "\n".join(
            f"  {line}" for line in manifest.restore_advice(repo, document, problems)
        )
        raise manifest.ManifestError(
            "grading refused: these files differ from what the course published in "
            f"{manifest.MANIFEST_NAME}, so a grade from them could not be trusted:\n{listing}\n"
            f"Restore them, then grade again:\n{advice}"
        )


def grade(
    repo: Repo,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    expected_manifest_sha256: str | None = None,
    output=None,
) -> GradeReport:
    """Grade every kata of the catalog from a sandbox copy; raises ManifestError if it cannot."""
    document = check_trusted_files(repo, expected_manifest_sha256)
    with tempfile.TemporaryDirectory(prefix="katas-grade-") as scratch:
        sandbox_root = Path(scratch) / "repo"
        sandbox_root.mkdir()
        sandbox, notes = _build_sandbox(repo, document, sandbox_root)
        refuse_if_changed(repo, sandbox, document)
        katas = sandbox.katas()
        untouched = [
            kata.id
            for kata in katas
            if sandbox.module_path(kata).is_file()
            and file_digest(sandbox.module_path(kata))
            == manifest.stub_digest(sandbox, kata, document)
        ]
        forbidden = os.pathsep.join(str(repo.root / name) for name in FORBIDDEN_DIRS)
        launcher = [sys.executable, "-E", "-c", _BOOTSTRAP, str(sandbox.root), forbidden]
        results = run_katas(
            sandbox,
            katas,
            count_only=untouched,
            pytest_args=("-q", "--tb=line", "-p", "no:cacheprovider", "--timeout", str(timeout)),
            launcher=launcher,
            env=environment_without_pytest_overrides(),
            output=output,
        )
    grades = []
    for kata in katas:
        learner, reference = repo.module_path(kata), repo.solution_path(kata)
        matches = (
            learner.is_file()
            and reference.is_file()
            and file_digest(learner) == file_digest(reference)
        )
        grades.append(KataGrade(kata, results[kata.id], matches))
        if matches:
            notes.append(f"{repo.relative(learner)} is a byte-for-byte copy of the reference")
    return GradeReport(repo, grades, timeout, manifest.digest(repo), notes)


def junit_xml(report: GradeReport) -> str:
    """The grade as JUnit XML: one test suite per kata, one test case per claim."""
    suites = ET.Element("testsuites", name="katas")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for grade in report.grades:
        result = grade.result
        counts = {
            "tests": max(len(result.tests), 1 if result.problem else 0),
            "failures": sum(t.status == "failed" for t in result.tests),
            "errors": 1 if result.problem else 0,
            "skipped": sum(t.status in ("skipped", "not run") for t in result.tests),
        }
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=grade.kata.id,
            time=f"{sum(t.duration for t in result.tests):.3f}",
            **{key: str(value) for key, value in counts.items()},
        )
        properties = ET.SubElement(suite, "properties")
        for name, value in (
            ("title", grade.kata.title),
            ("points", str(grade.points)),
            ("max_points", str(grade.max_points)),
        ):
            ET.SubElement(properties, "property", name=name, value=value)
        if result.problem:
            case = ET.SubElement(suite, "testcase", classname=f"katas.{grade.kata.id}", name="kata")
            ET.SubElement(case, "error", message=result.problem).text = result.problem
        for test in result.tests:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"katas.{grade.kata.id}",
                name=test.name,
                time=f"{test.duration:.3f}",
            )
            if test.status == "failed":
                ET.SubElement(
                    case, "failure", message=test.message
                ).text = f"Claim: {test.claim}\n{test.message}"
            elif test.status in ("skipped", "not run"):
                ET.SubElement(case, "skipped", message=test.message or test.status)
        for key, value in counts.items():
            totals[key] += value
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def markdown_summary(report: GradeReport) -> str:
    """A short Markdown table, e.g. for a CI job summary."""
    lines = [
        f"## Katas: {report.points}/{report.max_points} claims ({report.percent:.1f}%)",
        "",
        "| Kata | State | Claims | Problem |",
        "| --- | --- | --- | --- |",
    ]
    for grade in report.grades:
        problem = grade.result.problem.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {grade.kata.id} | {grade.result.state} | "
            f"{grade.result.claims_passed}/{grade.result.claims_total} | {problem} |"
        )
    lines += ["", *(f"- {note}" for note in report.notes)]
    return "\n".join(lines).rstrip() + "\n"

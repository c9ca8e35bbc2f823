"""The grade as data: JSON for a gradebook, JUnit XML for CI, and a Markdown summary.

A graded report and a refused one share the schema, so a gradebook can tell "refused" (with the
reasons) from "not submitted" (no file at all). Every claim carries an id, ``<kata>::<test>``,
that stays the same across students and runs.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from kata_harness.catalog import Kata
from kata_harness.runner import KataResult

SCHEMA = "katas-grade/2"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class KataGrade:
    kata: Kata
    result: KataResult
    file: str = ""
    file_sha256: str | None = None
    flags: list[dict] = field(default_factory=list)
    copy: dict = field(default_factory=lambda: {"verdict": "unknown", "similarity": None})
    sandbox_runs: int = 0
    sandbox_seconds: float = 0.0

    @property
    def points(self) -> int:
        return self.result.claims_passed

    @property
    def max_points(self) -> int:
        return self.result.claims_total

    def to_json(self) -> dict:
        result = self.result
        return {
            "id": self.kata.id,
            "title": self.kata.title,
            "file": self.file,
            "file_sha256": self.file_sha256,
            "state": result.state,
            "claims_passed": result.claims_passed,
            "claims_total": result.claims_total,
            "points": self.points,
            "max_points": self.max_points,
            "problem": result.problem,
            "matches_reference": self.copy["verdict"] == "copy",
            "copy": self.copy,
            "flags": self.flags,
            "sandbox_runs": self.sandbox_runs,
            "sandbox_seconds": self.sandbox_seconds,
            "tests": [
                {
                    "claim_id": f"{self.kata.id}::{test.name}",
                    "name": test.name,
                    "claim": test.claim,
                    "status": test.status,
                    "message": test.message,
                    "duration_seconds": test.duration,
                }
                for test in result.tests
            ],
        }


@dataclass
class GradeReport:
    """One grade of one submission: graded (with katas) or refused (with reasons)."""

    mode: str  # "submission": an instructor's grade; "feedback": a learner grading their checkout
    status: str = "graded"  # or "refused"
    grades: list[KataGrade] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    student: str | None = None
    repository: str | None = None
    submission: dict = field(default_factory=dict)
    grader: dict = field(default_factory=dict)
    seed: int | None = None
    sandbox: dict = field(default_factory=dict)
    complete: bool = True
    seconds: float | None = None
    graded_at: str = field(default_factory=now)
    grader_root: Path | None = None

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
        document = {
            "schema": SCHEMA,
            "status": self.status,
            "mode": self.mode,
            "student": self.student,
            "repository": self.repository,
            "graded_at": self.graded_at,
            "submission": self.submission,
            "grader": self.grader,
            "seed": self.seed,
            "sandbox": self.sandbox,
            "complete": self.complete,
            "seconds": self.seconds,
            "reasons": self.reasons,
            "score": {
                "points": self.points,
                "max_points": self.max_points,
                "percent": self.percent,
                "katas_done": sum(g.result.state == "done" for g in self.grades),
                "katas_total": len(self.grades),
            },
            "katas": [grade.to_json() for grade in self.grades],
            "flags": [
                {"kata": grade.kata.id, **flag} for grade in self.grades for flag in grade.flags
            ],
            "notes": self.notes,
            "versions": tool_versions(self.grader_root),
        }
        return document


def tool_versions(root: Path | None) -> dict[str, str]:
    """Python, the harness and every dependency pyproject.toml names, as installed."""
    versions = {"python": platform.python_version()}
    try:
        versions["ds-interview-katas"] = importlib.metadata.version("ds-interview-katas")
    except importlib.metadata.PackageNotFoundError:
        versions["ds-interview-katas"] = "not installed"
    requirements: list[str] = []
    if root is not None:
        try:
            project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
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


def junit_xml(report: GradeReport) -> str:
    """The grade as JUnit XML: one test suite per kata, one test case per claim."""
    suites = ET.Element("testsuites", name="katas")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.status == "refused":
        suite = ET.SubElement(suites, "testsuite", name="grading", tests="1", errors="1")
        case = ET.SubElement(suite, "testcase", classname="katas", name="grading")
        text = "; ".join(report.reasons)
        ET.SubElement(case, "error", message="grading refused").text = text
        totals["tests"] = totals["errors"] = 1
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
    kind = "feedback, not a grade" if report.mode == "feedback" else "grade"
    if report.status == "refused":
        lines = [f"## Katas: grading refused ({kind})", ""]
        lines += [f"- {reason}" for reason in report.reasons]
        return "\n".join(lines).rstrip() + "\n"
    lines = [
        f"## Katas: {report.points}/{report.max_points} claims ({report.percent:.1f}%), {kind}",
        "",
        "| Kata | State | Claims | Flags | Problem |",
        "| --- | --- | --- | --- | --- |",
    ]
    for grade in report.grades:
        problem = grade.result.problem.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {grade.kata.id} | {grade.result.state} | "
            f"{grade.result.claims_passed}/{grade.result.claims_total} | {len(grade.flags)} | "
            f"{problem} |"
        )
    lines += ["", *(f"- {note}" for note in report.notes)]
    return "\n".join(lines).rstrip() + "\n"

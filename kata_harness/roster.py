"""A class roster and how it is graded: the fan-out plan for GitHub Actions, and one student's job.

The roster is a CSV with a header: ``student,repository[,ref]``. The instructor's workflow
(``.github/workflows/grade-class.yml``) calls ``katas roster plan`` for its matrix and
``katas roster grade --chunk K`` in each job; run locally, ``katas roster grade`` without
``--chunk`` grades the whole class the same way, one student after another.

Each student is graded from the instructor's checkout: the student's repository is cloned without
a working tree, the last commit before the deadline is found, and ``katas grade --submission``
reads the kata files at that commit and nothing else. One student's failure (a repository that
cannot be cloned, a grade that crashes) is recorded for that student and the others go on.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kata_harness.assignment import Assignment
from kata_harness.repo import KatasError

# GitHub Actions runs at most 256 jobs per matrix; larger classes share jobs.
MAX_MATRIX_JOBS = 256


@dataclass(frozen=True)
class Student:
    name: str
    repository: str
    ref: str = ""


def read_roster(path: Path) -> list[Student]:
    """The roster's students, in file order; every problem is one message naming the file."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise KatasError(f"cannot read the roster {path}: {error}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise KatasError(f"{path} is not a CSV roster: {error}") from None
    if not rows or not {"student", "repository"} <= set(rows[0]):
        raise KatasError(f"{path}: a roster is a CSV with the header student,repository[,ref]")
    students = [
        Student(
            (row.get("student") or "").strip(),
            (row.get("repository") or "").strip(),
            (row.get("ref") or "").strip(),
        )
        for row in rows
    ]
    names = [s.name for s in students]
    problems = [
        f"line {i + 2} has no student or no repository"
        for i, s in enumerate(students)
        if not (s.name and s.repository)
    ]
    problems += [
        f"{name!r} appears twice" for name in sorted({n for n in names if names.count(n) > 1})
    ]
    if problems:
        raise KatasError(f"{path}: " + "; ".join(problems))
    return students


def chunks(students: list[Student], max_jobs: int = MAX_MATRIX_JOBS) -> list[list[Student]]:
    """The students split into at most ``max_jobs`` groups of nearly equal size, in roster order."""
    if not students:
        return []
    size = math.ceil(len(students) / max_jobs)
    return [students[i : i + size] for i in range(0, len(students), size)]


def plan(students: list[Student], max_jobs: int = MAX_MATRIX_JOBS) -> dict:
    """The matrix for GitHub Actions: one entry per chunk, never more than ``max_jobs``."""
    groups = chunks(students, max_jobs)
    return {
        "include": [
            {"chunk": index, "students": ", ".join(s.name for s in group)}
            for index, group in enumerate(groups)
        ]
    }


def _git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise KatasError(f"git {args[0]} failed: {result.stderr.strip()[-500:]}")
    return result.stdout.strip()


def commit_to_grade(clone: Path, ref: str, deadline: dt.datetime | None) -> str:
    """The last commit on ``ref`` before the deadline, or the tip of ``ref`` without one."""
    tip = ref or "HEAD"
    if deadline is None:
        return _git("rev-parse", "--verify", f"{tip}^{{commit}}", cwd=clone)
    found = _git("rev-list", "-1", f"--before={deadline.isoformat()}", tip, cwd=clone)
    # No commit before the deadline: grade the tip, and the gradebook marks it late.
    return found or _git("rev-parse", "--verify", f"{tip}^{{commit}}", cwd=clone)


def grade_student(
    grader_root: Path,
    student: Student,
    out_dir: Path,
    *,
    assignment_path: Path | None,
    assignment: Assignment | None,
    extra_args: tuple[str, ...] = (),
) -> dict:
    """Clone, pick the commit and run `katas grade --submission` for one student; never raises."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{_safe(student.name)}.json"
    with tempfile.TemporaryDirectory(prefix="katas-student-") as scratch:
        clone = Path(scratch) / "repository"
        try:
            _git("clone", "--quiet", "--no-checkout", student.repository, str(clone))
            commit = commit_to_grade(
                clone, student.ref, assignment.deadline if assignment else None
            )
        except (KatasError, subprocess.TimeoutExpired) as error:
            return {"student": student.name, "outcome": "not graded", "reason": str(error)}
        command = [
            sys.executable,
            "-m",
            "kata_harness.cli",
            "--root",
            str(grader_root),
            "grade",
            "--submission",
            str(clone),
            "--ref",
            commit,
            "--student",
            student.name,
            "--repository",
            student.repository,
            "--json",
            str(target),
            *extra_args,
        ]
        if assignment_path is not None:
            command += ["--assignment", str(assignment_path)]
        completed = subprocess.run(command, capture_output=True, text=True)
    if not target.is_file():
        tail = (completed.stderr or completed.stdout).strip()[-500:]
        return {"student": student.name, "outcome": "not graded", "reason": tail}
    document = json.loads(target.read_text(encoding="utf-8"))
    return {"student": student.name, "outcome": document.get("status", "?"), "file": str(target)}


def _safe(name: str) -> str:
    """A file name for a student: letters, digits, dot, dash and underscore only."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name) or "student"

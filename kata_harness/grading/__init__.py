"""`katas grade`: a grade an instructor can trust, and feedback a learner can run.

- `grade_submission`: the instructor's checkout grades a submission (a directory, a git
  repository at a commit, an archive). Only the 18 kata modules are read from it; the tests, the
  harness, the catalog and the environment are the instructor's. See docs/grading.md.
- `grade_feedback`: a learner grades their own checkout, after its trusted files are checked
  against ``grading-manifest.json``. The same sandbox runs it, but the harness doing the grading is
  the learner's own, so it is feedback, not a grade.

One module per concern: `submission` (reading the submitted files), `sandbox` (the child per kata,
its limits and the watchdog), `grader` (the grading tree, running each kata, reading results with
suspicion), `scan` (static flags and copy detection) and `report` (JSON, JUnit XML, Markdown).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kata_harness import manifest
from kata_harness.grading.grader import Settings, git_commit, grade_tree, trusted_from_tree
from kata_harness.grading.guard import install_guard
from kata_harness.grading.report import SCHEMA, GradeReport, junit_xml, markdown_summary
from kata_harness.grading.sandbox import Limits
from kata_harness.grading.submission import (
    DEFAULT_MAX_BYTES,
    Submission,
    SubmissionError,
    read_submission,
)
from kata_harness.repo import KatasError, Repo

DEFAULT_TIMEOUT = 60.0
FEEDBACK_NOTE = (
    "feedback, not a grade: this checkout graded itself with its own harness; an instructor "
    "grades with `katas grade --submission` from the course's checkout"
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "SCHEMA",
    "GradeReport",
    "Limits",
    "Settings",
    "Submission",
    "SubmissionError",
    "grade_feedback",
    "grade_submission",
    "install_guard",
    "junit_xml",
    "markdown_summary",
    "parse_seed",
]


def parse_seed(text: str | int | None) -> int:
    """An integer seed as given, or one derived from any other text (an instructor's secret)."""
    if text is None or text == "":
        return 0
    if isinstance(text, int):
        return text
    stripped = str(text).strip()
    if stripped.lstrip("-").isdigit():
        return int(stripped)
    return int.from_bytes(hashlib.sha256(stripped.encode("utf-8")).digest()[:4], "big") % (2**31)


def _grader_facts(grader: Repo) -> dict:
    commit, dirty = git_commit(grader.root)
    try:
        manifest_sha256 = manifest.digest(grader)
    except OSError:
        manifest_sha256 = None
    from kata_harness.grading.report import tool_versions

    return {
        "root": str(grader.root),
        "version": tool_versions(None).get("ds-interview-katas"),
        "commit": commit,
        "uncommitted_changes": dirty,
        "manifest_sha256": manifest_sha256,
    }


def _seed_note(seed: int) -> list[str]:
    if 0 <= seed < 100:
        return []
    return [
        f"seed {seed} lies outside 0-99, the range where every claim is checked on the references"
    ]


def grade_submission(
    grader: Repo,
    source: str | Path,
    *,
    ref: str | None = None,
    settings: Settings | None = None,
    student: str | None = None,
    repository: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress=None,
) -> GradeReport:
    """Grade ``source`` with ``grader``'s tests, harness and catalog; never raises for bad input.

    A submission that cannot be read yields a report with status "refused" and the reasons.
    """
    settings = settings or Settings()
    report = GradeReport(
        mode="submission",
        student=student,
        repository=repository or str(source),
        grader=_grader_facts(grader),
        seed=settings.seed,
        grader_root=grader.root,
    )
    report.submission = {"source": str(source), "ref": ref}
    try:
        katas = settings.select(grader.katas())
        submission = read_submission(source, katas, ref=ref, max_bytes=max_bytes)
    except KatasError as error:
        report.status = "refused"
        report.reasons.append(str(error))
        return report
    report.submission = {
        "source": submission.source,
        "kind": submission.kind,
        "ref": submission.ref,
        "commit": submission.commit,
        "commit_time": submission.commit_time,
        "files": {
            sub.path: {
                "sha256": _sha256(sub.content) if sub.content is not None else None,
                "problem": sub.problem,
            }
            for sub in submission.files.values()
        },
        "ignored": submission.ignored,
    }
    if report.grader.get("uncommitted_changes"):
        report.notes.append(
            "the grader's checkout has uncommitted changes; its commit does not describe it fully"
        )
    report.notes += _seed_note(settings.seed)
    stubs = (manifest.load_quietly(grader) or {}).get("stubs") or {}
    return _guarded(
        lambda: grade_tree(
            grader, submission, katas, trusted_from_tree(grader), stubs, settings, report, progress
        ),
        report,
    )


def grade_feedback(
    repo: Repo,
    *,
    settings: Settings | None = None,
    expected_manifest_sha256: str | None = None,
    progress=None,
) -> GradeReport:
    """Grade a learner's own checkout (the katas' current files) after checking its trusted files."""
    settings = settings or Settings()
    report = GradeReport(
        mode="feedback",
        repository=str(repo.root),
        grader=_grader_facts(repo),
        seed=settings.seed,
        grader_root=repo.root,
        notes=[FEEDBACK_NOTE],
    )
    report.submission = {"source": str(repo.root), "kind": "checkout"}
    try:
        document = check_trusted_files(repo, expected_manifest_sha256)
        problems = manifest.verify(repo, document)
        if problems:
            listing = "\n".join(f"  {p.path} ({p.reason})" for p in problems)
            advice = "\n".join(
                f"  {line}" for line in manifest.restore_advice(repo, document, problems)
            )
            raise manifest.ManifestError(
                "grading refused: these files differ from what the course published in "
                f"{manifest.MANIFEST_NAME}, so a grade from them could not be trusted:\n"
                f"{listing}\nRestore them, then grade again:\n{advice}"
            )
        katas = settings.select(repo.katas())
        submission = read_submission(
            repo.root, katas, max_bytes=DEFAULT_MAX_BYTES, working_tree=True
        )
    except KatasError as error:
        report.status = "refused"
        report.reasons.append(str(error))
        return report
    report.submission["files"] = {
        sub.path: {
            "sha256": _sha256(sub.content) if sub.content is not None else None,
            "problem": sub.problem,
        }
        for sub in submission.files.values()
    }
    report.notes += _seed_note(settings.seed)
    trusted = [relative for relative in document["files"]]
    stubs = document.get("stubs") or {}
    return _guarded(
        lambda: grade_tree(repo, submission, katas, trusted, stubs, settings, report, progress),
        report,
    )


def _guarded(grade, report: GradeReport) -> GradeReport:
    try:
        return grade()
    except KatasError as error:
        report.status = "refused"
        report.reasons.append(str(error))
        report.grades = []
        return report


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


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()

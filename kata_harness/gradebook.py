"""`katas gradebook`: a class's grade files gathered into one CSV and one static HTML dashboard.

The CSV has one row per student, for a spreadsheet or an LMS. The HTML page is self-contained (no
script, no request for anything outside the file) and shows the students x katas table, the
distribution of scores, the claims the class misses most and the flags raised while grading.
Every string that came from a submission is escaped.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kata_harness.assignment import Assignment, default_assignment
from kata_harness.repo import KatasError
from kata_harness.roster import Student

STATUSES = ("graded", "late", "refused", "missing")


class GradebookError(KatasError):
    """A grade file or roster that cannot be read."""


@dataclass
class StudentRow:
    student: str
    repository: str = ""
    status: str = "missing"
    commit: str = ""
    commit_time: str = ""
    graded_at: str = ""
    points: dict[str, float] = field(default_factory=dict)  # weighted, per kata
    claims: dict[str, tuple[int, int]] = field(default_factory=dict)  # passed, total per kata
    flags: list[dict] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(self.points.values()), 4)


@dataclass
class MissedClaim:
    claim_id: str
    kata: str
    claim: str
    passed: int
    graded: int

    @property
    def pass_rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


@dataclass
class Gradebook:
    assignment: Assignment
    rows: list[StudentRow]
    missed: list[MissedClaim]
    notes: list[str] = field(default_factory=list)


def _load(path: Path) -> dict:
    try:
        document = json.loads(Path(path).read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GradebookError(f"{path} is not a readable grade file: {error}") from None
    if not isinstance(document, dict) or not str(document.get("schema", "")).startswith(
        "katas-grade/"
    ):
        raise GradebookError(f"{path} is not a grade file written by `katas grade`")
    return document


def _student_of(path: Path, document: dict) -> str:
    return str(document.get("student") or Path(path).stem)


def build(
    paths: list[Path],
    *,
    roster: list[Student] | None = None,
    assignment: Assignment | None = None,
) -> Gradebook:
    """One row per student (the newest grade file wins) and the class-wide claim pass rates."""
    assignment = assignment or default_assignment()
    notes: list[str] = []
    latest: dict[str, tuple[Path, dict]] = {}
    for path in paths:
        document = _load(path)
        student = _student_of(path, document)
        previous = latest.get(student)
        if previous is None:
            latest[student] = (path, document)
            continue
        newer, older = (
            ((path, document), previous)
            if str(document.get("graded_at", "")) >= str(previous[1].get("graded_at", ""))
            else (previous, (path, document))
        )
        latest[student] = newer
        notes.append(f"{student}: graded twice; {newer[0]} counts, the older {older[0]} does not")
    rows: dict[str, StudentRow] = {}
    for student in roster or []:
        rows[student.name] = StudentRow(student.name, student.repository)
    if roster is not None:
        strangers = sorted(set(latest) - set(rows))
        notes += [f"{name} has a grade file but is not on the roster" for name in strangers]
    tally: dict[str, list] = {}
    for student, (_, document) in latest.items():
        row = rows.setdefault(student, StudentRow(student))
        row.repository = str(document.get("repository") or row.repository or "")
        submission = document.get("submission") or {}
        row.commit = str(submission.get("commit") or "")
        row.commit_time = str(submission.get("commit_time") or "")
        row.graded_at = str(document.get("graded_at") or "")
        if document.get("status") == "refused":
            row.status, row.reasons = "refused", [str(r) for r in document.get("reasons", [])]
            continue
        row.status = "late" if assignment.is_late(row.commit_time) else "graded"
        for kata in document.get("katas", []):
            kata_id = kata.get("id")
            if kata_id not in assignment.katas:
                continue
            passed, total = int(kata.get("claims_passed", 0)), int(kata.get("claims_total", 0))
            row.claims[kata_id] = (passed, total)
            row.points[kata_id] = assignment.points(kata_id, passed, total)
            row.flags += [{"kata": kata_id, **flag} for flag in kata.get("flags", [])]
            copy = kata.get("copy") or {}
            if copy.get("verdict") not in (None, "unknown", "original"):
                row.flags.append(
                    {
                        "kata": kata_id,
                        "rule": f"copy: {copy.get('verdict')}",
                        "line": None,
                        "detail": f"similarity {copy.get('similarity')}",
                    }
                )
            for test in kata.get("tests", ()):
                claim_id = test.get("claim_id") or f"{kata_id}::{test.get('name')}"
                entry = tally.get(claim_id)
                if entry is None:
                    entry = tally[claim_id] = [kata_id, test.get("claim", ""), 0, 0]
                if test.get("status") == "passed":
                    entry[2] += 1
                entry[3] += 1
    missed = sorted(
        (
            MissedClaim(cid, kata, claim, passed, graded)
            for cid, (kata, claim, passed, graded) in tally.items()
        ),
        key=lambda m: (m.pass_rate, m.claim_id),
    )
    ordered = sorted(rows.values(), key=lambda r: r.student.lower())
    return Gradebook(assignment, ordered, missed, notes)


def to_csv(book: Gradebook) -> str:
    """One row per student: a column per kata (weighted points), the total and the status."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    katas = list(book.assignment.katas)
    writer.writerow(
        ["student", "repository", "status", "commit", "commit_time", *katas, "total", "max_total"]
    )
    for row in book.rows:
        cells = [_number(row.points[k]) if k in row.points else "" for k in katas]
        total = _number(row.total) if row.status in ("graded", "late") else ""
        writer.writerow(
            [
                row.student,
                row.repository,
                row.status,
                row.commit,
                row.commit_time,
                *cells,
                total,
                _number(book.assignment.max_points),
            ]
        )
    return out.getvalue()


def _number(value: float) -> str:
    return f"{value:g}"


# --- the HTML dashboard -------------------------------------------------------------------------

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
td:first-child { white-space: nowrap; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-graded { color: #1a7f37; } .status-late { color: #9a6700; }
.status-refused { color: #cf222e; font-weight: bold; } .status-missing { color: #777; }
.bar { fill: #4c72b0; } .axis { font-size: 11px; fill: #444; }
"""


def _cell_colour(share: float) -> str:
    # From pale red (nothing passes) to pale green (everything passes).
    red, green = int(255 - 90 * share), int(205 + 40 * share)
    return f"background: rgb({red}, {green}, 200)"


def _histogram(book: Gradebook, bins: int = 10) -> str:
    scores = [
        row.total / book.assignment.max_points
        for row in book.rows
        if row.status in ("graded", "late") and book.assignment.max_points
    ]
    counts = [0] * bins
    for score in scores:
        counts[min(int(score * bins), bins - 1)] += 1
    width, height, tallest = 40 * bins, 160, max(counts, default=0) or 1
    parts = [
        f'<svg id="score-distribution" role="img" width="{width + 20}" height="{height + 40}" '
        f'aria-label="Distribution of scores">'
    ]
    for index, count in enumerate(counts):
        bar = round((height - 10) * count / tallest)
        x = 10 + 40 * index
        parts.append(
            f'<rect class="bar" x="{x + 4}" y="{height - bar}" width="32" height="{bar}">'
            f"<title>{index * 100 // bins}-{(index + 1) * 100 // bins}%: {count}</title></rect>"
        )
        parts.append(
            f'<text class="axis" x="{x + 20}" y="{height - bar - 3}" text-anchor="middle">{count}</text>'
        )
        parts.append(
            f'<text class="axis" x="{x + 20}" y="{height + 15}" text-anchor="middle">{index * 100 // bins}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _students_table(book: Gradebook) -> list[str]:
    e, katas = html.escape, list(book.assignment.katas)
    out = ['<table id="students"><thead><tr><th>Student</th><th>Status</th>']
    out += [f'<th title="{e(k)}">{e(k[:2])}</th>' for k in katas]
    out.append("<th>Total</th><th>Commit</th></tr></thead><tbody>")
    for row in book.rows:
        out.append(
            f'<tr data-student="{e(row.student)}"><td>{e(row.student)}</td>'
            f'<td class="status-{e(row.status)}">{e(row.status)}</td>'
        )
        for kata_id in katas:
            if kata_id not in row.claims:
                out.append("<td></td>")
                continue
            passed, total = row.claims[kata_id]
            share = passed / total if total else 0.0
            out.append(
                f'<td class="num" style="{_cell_colour(share)}" title="{passed}/{total} claims">'
                f"{row.points[kata_id]:.2f}</td>"
            )
        total = f"{row.total:.2f}" if row.status in ("graded", "late") else ""
        out.append(f'<td class="num">{total}</td><td><code>{e(row.commit[:10])}</code></td></tr>')
    out.append("</tbody></table>")
    return out


def _missed_table(book: Gradebook, most_missed: int) -> list[str]:
    e = html.escape
    out = [
        '<table id="missed-claims"><thead><tr><th>Pass rate</th><th>Kata</th><th>Claim</th>'
        "</tr></thead><tbody>"
    ]
    for claim in book.missed[:most_missed]:
        out.append(
            f'<tr><td class="num">{claim.pass_rate:.0%} ({claim.passed}/{claim.graded})</td>'
            f"<td>{e(claim.kata)}</td><td>{e(claim.claim)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _flags_table(book: Gradebook) -> list[str]:
    e = html.escape
    out = [
        '<table id="flags"><thead><tr><th>Student</th><th>Kata</th><th>Flag</th><th>Line</th>'
        "<th>Detail</th></tr></thead><tbody>"
    ]
    for row in book.rows:
        for flag in row.flags:
            line = "" if flag.get("line") is None else str(flag.get("line"))
            out.append(
                f"<tr><td>{e(row.student)}</td><td>{e(str(flag.get('kata', '')))}</td>"
                f"<td>{e(str(flag.get('rule', '')))}</td><td>{e(line)}</td>"
                f"<td>{e(str(flag.get('detail', '')))}</td></tr>"
            )
        if row.status == "refused":
            out.append(
                f"<tr><td>{e(row.student)}</td><td></td><td>refused</td><td></td>"
                f"<td>{e('; '.join(row.reasons))}</td></tr>"
            )
    out.append("</tbody></table>")
    return out


def to_html(book: Gradebook, *, title: str | None = None, most_missed: int = 15) -> str:
    """The class dashboard as one static page: what to teach again comes first."""
    e = html.escape
    heading = title or f"Gradebook: {book.assignment.name}"
    counts = Counter(row.status for row in book.rows)
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(heading)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(heading)}</h1>",
        f"<p>{len(book.rows)} students: {e(summary)}. Points are weighted per kata; "
        f"the maximum is {_number(book.assignment.max_points)}.</p>",
        "<h2>Claims the class misses most</h2>",
        "<p>What to teach again: the claims with the lowest pass rate among graded students.</p>",
        *_missed_table(book, most_missed),
        "<h2>Distribution of scores</h2>",
        _histogram(book),
        "<h2>Students and katas</h2>",
        *_students_table(book),
        "<h2>Flags for review</h2>",
        "<p>Raised by the static scan and the copy detection: a reason to read the code.</p>",
        *_flags_table(book),
    ]
    if book.notes:
        out.append("<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in book.notes) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"

"""A class's grades: assignment files, the roster's fan-out, the gradebook's CSV and dashboard."""

from __future__ import annotations

import csv
import io
import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kata_harness import class_demo, gradebook
from kata_harness.assignment import AssignmentError, load_assignment
from kata_harness.catalog import load_catalog
from kata_harness.cli import app
from kata_harness.grading.report import SCHEMA
from kata_harness.repo import KatasError
from kata_harness.roster import MAX_MATRIX_JOBS, Student, chunks, plan, read_roster

pytestmark = pytest.mark.timeout(300)

FIRST, SECOND = load_catalog()[0].id, load_catalog()[1].id


def _grade(
    student,
    *,
    status="graded",
    passed=(1, 2),
    commit_time="2026-12-07T20:00:00+00:00",
    graded_at="2026-12-08T00:00:00+00:00",
    flags=(),
    copy="original",
):
    katas = []
    for kata_id, (ok, total) in zip((FIRST, SECOND), (passed, (0, 4))):
        katas.append(
            {
                "id": kata_id,
                "claims_passed": ok,
                "claims_total": total,
                "state": "done" if ok == total else "in progress",
                "flags": list(flags) if kata_id == FIRST else [],
                "copy": {"verdict": copy, "similarity": 1.0 if copy == "copy" else None},
                "tests": [
                    {
                        "claim_id": f"{kata_id}::test_{i}",
                        "name": f"test_{i}",
                        "claim": f"claim {i} of {kata_id}",
                        "status": "passed" if i < ok else "failed",
                    }
                    for i in range(total)
                ],
            }
        )
    return {
        "schema": SCHEMA,
        "status": status,
        "student": student,
        "graded_at": graded_at,
        "repository": f"course/{student}",
        "submission": {"commit": "a" * 40, "commit_time": commit_time},
        "reasons": ["a tampered manifest"] if status == "refused" else [],
        "katas": katas if status == "graded" else [],
    }


def _write(folder: Path, document: dict, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or document['student']}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _assignment(tmp_path, body: str) -> Path:
    path = tmp_path / "assignment.toml"
    path.write_text(body, encoding="utf-8")
    return path


# --- assignment ---------------------------------------------------------------------------------


def test_assignment_weights_katas_equally_by_default_and_as_told(tmp_path):
    """Each kata weighs 1 unless weighted; points are the weight times the share of claims passed."""
    assignment = load_assignment(
        _assignment(
            tmp_path,
            f'[assignment]\nkatas = ["{FIRST}", "{SECOND}"]\n'
            f'[assignment.weights]\n"{SECOND}" = 3\n',
        )
    )

    assert assignment.max_points == 4
    assert assignment.points(FIRST, 1, 2) == 0.5 and assignment.points(SECOND, 1, 4) == 0.75


@pytest.mark.parametrize(
    "body, message",
    [
        ('[assignment]\nkatas = ["99_nothing"]\n', "not in katas.toml"),
        ("[assignment]\nkatas = []\n", "non-empty list"),
        (f'[assignment]\nkatas = ["{FIRST}"]\n[assignment.weights]\n"{SECOND}" = 1\n', "omits"),
        (f'[assignment]\nkatas = ["{FIRST}"]\n[assignment.weights]\n"{FIRST}" = -1\n', ">= 0"),
        (f'[assignment]\nkatas = ["{FIRST}"]\ndeadline = 2026-12-08T23:59:00\n', "time zone"),
        (f'[assignment]\nkatas = ["{FIRST}"]\nseed = "guess"\n', "seed must be"),
        ("katas = [\n", "not a readable TOML"),
        ("[other]\n", r"no \[assignment\] table"),
    ],
)
def test_a_bad_assignment_file_gets_one_clear_message(tmp_path, body, message):
    """Every mistake in an assignment file is reported as one sentence naming the file."""
    with pytest.raises(AssignmentError, match=message):
        load_assignment(_assignment(tmp_path, body))


# --- roster -------------------------------------------------------------------------------------


def test_a_large_roster_is_planned_as_at_most_256_jobs_covering_everyone_once():
    """600 students fit the Actions limit of 256 matrix jobs; no student is dropped or doubled."""
    students = [Student(f"s{i}", f"repo{i}") for i in range(600)]

    groups = chunks(students)
    matrix = plan(students)

    assert len(groups) <= MAX_MATRIX_JOBS and len(matrix["include"]) == len(groups)
    assert [s for group in groups for s in group] == students
    assert plan(students[:3])["include"] == [
        {"chunk": 0, "students": "s0"},
        {"chunk": 1, "students": "s1"},
        {"chunk": 2, "students": "s2"},
    ]


def test_a_roster_with_a_duplicate_or_a_missing_repository_is_refused(tmp_path):
    """Two rows for one student, or a row without a repository, stop the roster with the reason."""
    path = tmp_path / "roster.csv"
    path.write_text("student,repository\nann,a\nann,b\nbob,\n", encoding="utf-8")

    with pytest.raises(KatasError, match="'ann' appears twice") as raised:
        read_roster(path)

    assert "line 4 has no student or no repository" in str(raised.value)


# --- gradebook ----------------------------------------------------------------------------------


def test_gradebook_csv_has_a_row_per_student_with_status_commit_and_weighted_points(tmp_path):
    """Graded, late, refused and missing students each get one row a spreadsheet can import."""
    grades = tmp_path / "grades"
    paths = [
        _write(grades, _grade("ann", passed=(2, 2))),
        _write(grades, _grade("bob", commit_time="2026-12-09T10:00:00+00:00")),
        _write(grades, _grade("cy", status="refused")),
    ]
    roster = tmp_path / "roster.csv"
    roster.write_text("student,repository\nann,r/ann\nbob,r/bob\ncy,r/cy\ndee,r/dee\n", "utf-8")
    assignment = load_assignment(
        _assignment(
            tmp_path,
            f'[assignment]\nkatas = ["{FIRST}", "{SECOND}"]\n'
            "deadline = 2026-12-08T23:59:00Z\n"
            f'[assignment.weights]\n"{FIRST}" = 2\n',
        )
    )

    book = gradebook.build(paths, roster=read_roster(roster), assignment=assignment)
    rows = list(csv.DictReader(io.StringIO(gradebook.to_csv(book))))

    by_student = {row["student"]: row for row in rows}
    assert list(by_student) == ["ann", "bob", "cy", "dee"]
    assert {s: r["status"] for s, r in by_student.items()} == {
        "ann": "graded",
        "bob": "late",
        "cy": "refused",
        "dee": "missing",
    }
    assert by_student["ann"][FIRST] == "2" and by_student["ann"][SECOND] == "0"
    assert by_student["ann"]["total"] == "2" and by_student["ann"]["max_total"] == "3"
    assert by_student["bob"][FIRST] == "1" and by_student["ann"]["commit"] == "a" * 40
    assert by_student["dee"]["total"] == "" and by_student["cy"]["total"] == ""


def test_the_newest_grade_of_a_student_counts(tmp_path):
    """A re-graded student is counted once, from the newest grade file, with a note."""
    old = _write(
        tmp_path, _grade("ann", passed=(0, 2), graded_at="2026-12-08T00:00:00+00:00"), "a1"
    )
    new = _write(
        tmp_path, _grade("ann", passed=(2, 2), graded_at="2026-12-09T00:00:00+00:00"), "a2"
    )

    book = gradebook.build([new, old])

    (row,) = book.rows
    assert row.claims[FIRST] == (2, 2) and any("the older" in note for note in book.notes)


def test_missed_claims_are_ranked_by_pass_rate_over_graded_students(tmp_path):
    """The claims the class misses most come first, each with its sentence and pass rate."""
    paths = [
        _write(tmp_path, _grade("ann", passed=(2, 2))),
        _write(tmp_path, _grade("bob", passed=(1, 2))),
        _write(tmp_path, _grade("cy", status="refused")),
    ]

    book = gradebook.build(paths)

    rates = [(m.claim_id, m.passed, m.graded) for m in book.missed]
    assert rates[0][1:] == (0, 2) and rates[-1] == (f"{FIRST}::test_0", 2, 2)
    assert [m.pass_rate for m in book.missed] == sorted(m.pass_rate for m in book.missed)
    assert (f"{FIRST}::test_1", 1, 2) in rates


def test_dashboard_is_self_contained_and_escapes_what_students_wrote(tmp_path):
    """The page loads nothing from elsewhere, runs no script, and shows a student's HTML as text."""
    hostile = '<script>alert("x")</script>'
    paths = [
        _write(
            tmp_path,
            _grade(hostile, flags=[{"rule": "ctypes", "line": 4, "detail": "<img src=x>"}]),
            "h",
        ),
        _write(tmp_path, _grade("bob", copy="copy")),
    ]

    page = gradebook.to_html(gradebook.build(paths))

    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x&gt;" in page
    assert (
        "http://" not in page and "https://" not in page and "src=" not in page.replace("src=x", "")
    )
    assert 'id="missed-claims"' in page and 'id="students"' in page and "copy: copy" in page


def test_an_unreadable_grade_file_is_named(tmp_path):
    """A file that is not a grade file stops the gradebook with its name, not a traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    stranger = tmp_path / "other.json"
    stranger.write_text("[]", encoding="utf-8")

    with pytest.raises(KatasError, match="bad.json is not a readable grade file"):
        gradebook.build([bad])
    with pytest.raises(KatasError, match="not a grade file written by `katas grade`"):
        gradebook.build([stranger])


def test_gradebook_command_writes_csv_and_html_from_a_folder(tmp_path):
    """`katas gradebook FOLDER --csv --html` reads every grade file in the folder."""
    _write(tmp_path / "grades", _grade("ann"))
    _write(tmp_path / "grades", _grade("bob"))

    result = CliRunner().invoke(
        app,
        [
            "gradebook",
            str(tmp_path / "grades"),
            "--csv",
            str(tmp_path / "out" / "g.csv"),
            "--html",
            str(tmp_path / "out" / "g.html"),
        ],
    )

    assert result.exit_code == 0, result.output
    assert "2 students: 2 graded" in result.stdout
    assert (tmp_path / "out" / "g.csv").read_text().count("\n") == 3
    assert "missed-claims" in (tmp_path / "out" / "g.html").read_text()


def test_grade_check_passes_a_done_kata_and_fails_the_others(tmp_path):
    """`katas grade-check` (one Classroom test per kata) exits 0 only for a kata that is done."""
    path = _write(tmp_path, _grade("ann", passed=(2, 2)))

    done = CliRunner().invoke(app, ["grade-check", str(path), FIRST])
    not_done = CliRunner().invoke(app, ["grade-check", str(path), SECOND])
    absent = CliRunner().invoke(app, ["grade-check", str(path), "99_nothing"])

    assert (done.exit_code, not_done.exit_code, absent.exit_code) == (0, 1, 2)


def test_gathering_a_thousand_grade_files_takes_under_five_seconds(tmp_path, benchmark):
    """1,000 students' grade files become a CSV and a dashboard in at most 5 s."""
    paths = class_demo.write_grade_files(tmp_path / "grades", 1000)

    def gather():
        book = gradebook.build(paths)
        return gradebook.to_csv(book), gradebook.to_html(book)

    started = time.perf_counter()
    table, page = benchmark.pedantic(gather, rounds=1, iterations=1)
    seconds = benchmark.stats.stats.max if benchmark.enabled else time.perf_counter() - started

    assert table.count("\n") == 1001 and "missed-claims" in page
    assert seconds <= 5.0, f"gathering 1,000 grade files took {seconds:.2f} s; the goal is 5 s"


def test_dashboard_in_a_real_browser_has_no_console_errors(tmp_path):
    """Headless Chromium loads the dashboard from a file with no console error and renders its views."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip(
            "Chromium is not installed: `apt-get install chromium chromium-driver` (.ci/run does)"
        )
    pytest.importorskip("selenium", reason="selenium comes with `pip install -e .[dev]`")
    from selenium.webdriver.common.by import By

    book = gradebook.build(class_demo.write_grade_files(tmp_path / "grades", 12))
    page = tmp_path / "index.html"
    page.write_text(gradebook.to_html(book), encoding="utf-8")

    with class_demo.headless_chromium() as driver:
        driver.get(page.as_uri())
        driver.save_screenshot(str(tmp_path / "shot.png"))
        errors = class_demo.console_errors(driver)
        students = driver.find_elements(By.CSS_SELECTOR, "#students tbody tr")
        missed = driver.find_elements(By.CSS_SELECTOR, "#missed-claims tbody tr")
        first_claim = missed[0].find_elements(By.TAG_NAME, "td")[2].text

    assert errors == [], errors
    assert len(students) == 12 and len(missed) == 15
    assert first_claim == book.missed[0].claim
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

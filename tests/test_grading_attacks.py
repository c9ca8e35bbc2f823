"""The attack suite for `katas grade --submission`: every attack and bad input from issue 15, each
with its expected outcome (refused, flagged, contained or honest), and each showing that the other
katas keep their points.

The grader is a fake course of 18 katas, as many as the real catalog, with the real harness and
conftest: three small katas that the attacks target and fifteen one-claim fillers, so a grade takes
seconds. The references are the correct submission.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kata_harness import manifest
from kata_harness.catalog import REPO_ROOT
from kata_harness.cli import app
from kata_harness.grading.sandbox import detect
from kata_harness.grading.scan import compare_with_reference, static_flags
from kata_harness.repo import Repo
from kata_harness.stubgen import make_stub

pytestmark = [pytest.mark.timeout(300), pytest.mark.xdist_group("grading-attacks")]

TINY = {
    "01_tiny": (
        '''"""Adding and averaging."""


def add(a, b):
    """The sum of two numbers."""
    return a + b


def mean(values):
    """The arithmetic mean of a non-empty sequence."""
    return sum(values) / len(values)


def summary(values):
    """A dict with the mean and the count of ``values``."""
    return {"mean": mean(values), "count": len(values)}
''',
        '''"""Claims of the tiny kata."""


def test_add_sums_two_numbers(impl):
    """add(2, 3) is 5."""
    assert impl.add(2, 3) == 5


def test_mean_averages_the_values(impl):
    """mean([1, 2, 6]) is 3."""
    assert impl.mean([1, 2, 6]) == 3


def test_summary_holds_the_mean_and_the_count(impl):
    """summary([1, 2, 6]) has mean 3 and count 3."""
    assert impl.summary([1, 2, 6]) == {"mean": 3, "count": 3}
''',
    ),
    "02_other": (
        '''"""Doubling."""


def double(x):
    """Twice ``x``."""
    return 2 * x
''',
        '''"""Claims of the second kata."""


def test_double_doubles(impl):
    """double(4) is 8."""
    assert impl.double(4) == 8


def test_double_keeps_zero(impl):
    """double(0) is 0."""
    assert impl.double(0) == 0
''',
    ),
    "03_seeded": (
        '''"""A seeded draw."""

import numpy as np


def draw(seed):
    """The first integer in [0, 1000) that numpy's default_rng(seed) draws."""
    return int(np.random.default_rng(seed).integers(0, 1000))
''',
        '''"""Claims of the seeded kata."""

import numpy as np


def test_draw_matches_the_generator(impl, seed):
    """draw(seed) is the generator's first integer for the session's seed."""
    assert impl.draw(seed) == int(np.random.default_rng(seed).integers(0, 1000))


def test_draw_is_an_int(impl, seed):
    """draw returns a Python int."""
    assert isinstance(impl.draw(seed), int)
''',
    ),
}
# The rest of a course the size of the real catalog: one claim each, so that every attack shows
# the other 17 katas keeping their points at the cost of a few cheap sandboxes per grade.
for _number in range(len(TINY) + 1, 19):
    TINY[f"{_number:02d}_filler{_number:02d}"] = (
        f'"""Kata number {_number}."""\n\n\ndef number():\n    """The number of this kata."""\n'
        f"    return {_number}\n",
        f'"""Claims of kata {_number}."""\n\n\ndef test_number_is_the_katas_number(impl):\n'
        f'    """number() is {_number}."""\n    assert impl.number() == {_number}\n',
    )
MAX_POINTS = {"01_tiny": 3, "02_other": 2, "03_seeded": 2} | {
    kata_id: 1 for kata_id in TINY if "_filler" in kata_id
}
HINTS = '["A question?", "An answer."]'


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=katas",
            "-c",
            "user.email=katas@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _commit(root: Path, message: str = "work") -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", message)
    return _git(root, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Repo:
    """The instructor's checkout: 18 fake katas, the real harness, committed."""
    root = tmp_path_factory.mktemp("instructor") / "course"
    root.mkdir()
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copyfile(REPO_ROOT / name, root / name)
    shutil.copytree(
        REPO_ROOT / "kata_harness",
        root / "kata_harness",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    catalog = ""
    for kata_id, (reference, tests) in TINY.items():
        slug = kata_id[3:]
        for folder in ("katas", "solutions"):
            (root / folder / kata_id).mkdir(parents=True)
        (root / "solutions" / kata_id / f"{slug}.py").write_text(reference)
        (root / "katas" / kata_id / f"{slug}.py").write_text(
            make_stub(root / "solutions" / kata_id / f"{slug}.py")
        )
        (root / "katas" / kata_id / f"test_{slug}.py").write_text(tests)
        catalog += (
            f'[[kata]]\nid = "{kata_id}"\ntitle = "{slug}"\nquestion = "Why?"\n'
            f"libraries = []\nmarkers = []\nhints = {HINTS}\n\n"
        )
    (root / "katas.toml").write_text(catalog)
    repo = Repo(root)
    manifest.write(repo)
    _git(root, "init", "-q")
    _commit(root, "course")
    return repo


def _learner(
    course: Repo, where: Path, modules: dict[str, str] | None = None, *, solved: bool = True
) -> Path:
    """A learner's clone of the course: references as their work, then ``modules`` over them."""
    root = where / "learner"
    shutil.copytree(course.root, root, ignore=shutil.ignore_patterns(".git", "__pycache__"))
    for kata_id in TINY:
        slug = kata_id[3:]
        if solved:
            shutil.copyfile(
                root / "solutions" / kata_id / f"{slug}.py", root / "katas" / kata_id / f"{slug}.py"
            )
    for kata_id, source in (modules or {}).items():
        (root / "katas" / kata_id / f"{kata_id[3:]}.py").write_text(textwrap.dedent(source))
    _git(root, "init", "-q")
    _commit(root)
    return root


def _grade(course: Repo, source, *args: str, out: Path) -> tuple[int, dict | None, str]:
    json_path = out / "grade.json"
    result = CliRunner().invoke(
        app,
        [
            "--root",
            str(course.root),
            "grade",
            "--submission",
            str(source),
            "--json",
            str(json_path),
            *args,
        ],
        env={"COLUMNS": "200"},
    )
    assert "Traceback" not in result.output, result.output
    document = json.loads(json_path.read_text()) if json_path.exists() else None
    return result.exit_code, document, result.output


def _points(document: dict) -> dict[str, int]:
    return {kata["id"]: kata["points"] for kata in document["katas"]}


def _kata(document: dict, kata_id: str) -> dict:
    (kata,) = [k for k in document["katas"] if k["id"] == kata_id]
    return kata


def _others_keep_their_points(document: dict, attacked: str) -> None:
    for kata_id, points in _points(document).items():
        if kata_id != attacked:
            assert points == MAX_POINTS[kata_id], (
                f"{kata_id} lost points to an attack in {attacked}: {_kata(document, kata_id)}"
            )


def _rules(document: dict, kata_id: str) -> set[str]:
    return {flag["rule"] for flag in _kata(document, kata_id)["flags"]}


def _leftovers(marker: str) -> list[int]:
    """Processes whose command line holds ``marker``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(int(entry))
    return found


def _helpers_started_outside(module: Path, marker: str) -> bool:
    """Run the module in a plain interpreter: does its helper start? (It is killed at once.)"""
    process = subprocess.Popen(
        [sys.executable, "-c", f"exec(open({str(module)!r}).read())"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    found: list[int] = []
    for _ in range(100):
        found = _leftovers(f"sleep\0{marker}")
        if found:
            break
        time.sleep(0.1)
    for pid in found:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return bool(found)


needs_bwrap = pytest.mark.skipif(
    detect().name != "bwrap", reason="bubblewrap is not installed (apt-get install bubblewrap)"
)


# --- honest -----------------------------------------------------------------------------------


def test_the_references_grade_to_full_marks_with_the_commit_and_the_sandbox_recorded(
    course, tmp_path
):
    """A correct submission scores every claim; the JSON ties the grade to commit, files, grader."""
    learner = _learner(course, tmp_path)
    commit = _git(learner, "rev-parse", "HEAD").strip()

    code, document, output = _grade(course, learner, "--student", "ada", out=tmp_path)

    assert code == 0, output
    assert document["status"] == "graded" and document["mode"] == "submission"
    assert _points(document) == MAX_POINTS
    assert document["flags"] == [], "honest code raised flags"
    assert document["student"] == "ada"
    assert document["submission"]["commit"] == commit and document["submission"]["kind"] == "git"
    assert document["submission"]["commit_time"]
    files = document["submission"]["files"]
    assert set(files) == {f"katas/{k}/{k[3:]}.py" for k in TINY} and all(
        len(f["sha256"]) == 64 for f in files.values()
    )
    assert document["grader"]["commit"] == _git(course.root, "rev-parse", "HEAD").strip()
    assert document["sandbox"]["tool"] in ("bwrap", "unshare", "plain")
    assert document["seed"] == 0
    claim_ids = [t["claim_id"] for t in _kata(document, "02_other")["tests"]]
    assert claim_ids == ["02_other::test_double_doubles", "02_other::test_double_keeps_zero"]


def test_untouched_stubs_score_zero_and_a_commit_can_be_chosen(course, tmp_path):
    """--ref grades an older commit: the stubs as cloned score nothing, HEAD scores everything."""
    learner = _learner(course, tmp_path, solved=False)
    first = _git(learner, "rev-parse", "HEAD").strip()
    for kata_id in TINY:
        slug = kata_id[3:]
        shutil.copyfile(
            learner / "solutions" / kata_id / f"{slug}.py",
            learner / "katas" / kata_id / f"{slug}.py",
        )
    _commit(learner, "solved")

    _, at_first, _ = _grade(course, learner, "--ref", first, out=tmp_path)

    assert _points(at_first) == {kata_id: 0 for kata_id in TINY}
    assert {k["id"]: k["claims_total"] for k in at_first["katas"]} == MAX_POINTS
    assert at_first["submission"]["commit"] == first


def test_uncommitted_work_is_not_graded(course, tmp_path):
    """The grade is the commit's blobs: a solved file left uncommitted does not count."""
    learner = _learner(course, tmp_path, {"02_other": "def double(x):\n    return 0\n"})
    shutil.copyfile(
        course.solution_path(course.resolve("02")), learner / "katas" / "02_other" / "other.py"
    )

    _, document, _ = _grade(course, learner, out=tmp_path)

    assert _points(document)["02_other"] == 1  # double(0) == 0 holds for `return 0`


@pytest.mark.parametrize("kind", ["tar.gz", "zip", "directory"])
def test_an_archive_or_a_plain_directory_grades_like_the_repository(course, tmp_path, kind):
    """A tar.gz or zip (with a top-level folder, as GitHub makes them) or a directory: same grade."""
    learner = _learner(course, tmp_path)
    shutil.rmtree(learner / ".git")
    if kind == "tar.gz":
        source = tmp_path / "submission.tar.gz"
        with tarfile.open(source, "w:gz") as archive:
            archive.add(learner, arcname="learner-main")
    elif kind == "zip":
        source = tmp_path / "submission.zip"
        with zipfile.ZipFile(source, "w") as archive:
            for path in learner.rglob("*"):
                if path.is_file():
                    archive.write(path, "learner-main/" + path.relative_to(learner).as_posix())
    else:
        source = learner

    code, document, output = _grade(course, source, out=tmp_path)

    assert code == 0, output
    assert document["submission"]["kind"] == ("directory" if kind == "directory" else "archive")
    assert _points(document) == MAX_POINTS


# --- the learner's repository cannot change what grades it ------------------------------------------


def test_a_repository_that_edits_harness_manifest_setup_workflow_and_tests_gains_nothing(
    course, tmp_path
):
    """Stubs plus an edited harness, rewritten manifest, .pth-dropping setup.py, workflow and
    tests: the grade is the stubs' grade, zero."""
    learner = _learner(course, tmp_path, solved=False)
    grader_file = learner / "kata_harness" / "grading" / "grader.py"
    grader_file.write_text(
        grader_file.read_text().replace('"failed", message)', '"passed", message)')
    )
    (learner / "katas" / "01_tiny" / "test_tiny.py").write_text(
        "def test_add_sums_two_numbers():\n    '''Always.'''\n"
    )
    (learner / "setup.py").write_text(
        "import pathlib, site\n"
        "pathlib.Path(site.getsitepackages()[0], 'zz_katas.pth').write_text('import os')\n"
        "from setuptools import setup\nsetup()\n"
    )
    (learner / ".github" / "workflows").mkdir(parents=True)
    (learner / ".github" / "workflows" / "grade.yml").write_text("on: push\njobs: {}\n")
    manifest.write(Repo(learner))
    (learner / "katas" / "01_tiny" / "conftest.py").write_text(
        "import pytest\n\n@pytest.hookimpl(wrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    report = yield\n    report.outcome = 'passed'\n    return report\n"
    )
    _commit(learner, "full marks, please")

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    assert _points(document) == {kata_id: 0 for kata_id in TINY}
    assert _kata(document, "01_tiny")["claims_total"] == 3
    assert any("katas/01_tiny/conftest.py was ignored" in note for note in document["notes"])


def test_a_background_process_cannot_rewrite_the_grade_after_it_is_written(course, tmp_path):
    """Code that leaves a process to rewrite grade.json later: the process is gone with its kata,
    and the file written by the parent stays as written."""
    out = tmp_path / "out"
    target = out / "grade.json"
    learner = _learner(
        course,
        tmp_path,
        {
            "02_other": f"""
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c",
            "import time, pathlib; time.sleep(3); "
            "pathlib.Path({str(target)!r}).write_text('{{\\"forged\\": 1}}')  # katas-forger-7141"],
            start_new_session=True)

        def double(x):
            return 2 * x
    """
        },
    )

    _, document, _ = _grade(course, learner, out=out)
    time.sleep(5)

    assert json.loads(target.read_text()) == document and document["status"] == "graded"
    assert not _leftovers("katas-forger-7141")
    assert "subprocess" in _rules(document, "02_other")


# --- bad input that is not cheating: contained --------------------------------------------------


@pytest.mark.parametrize(
    ("body", "raised"),
    [
        ("import sys\nsys.exit(0)\n", "SystemExit"),
        ("raise KeyboardInterrupt\n", "KeyboardInterrupt"),
        ("class Odd(BaseException):\n    pass\n\n\nraise Odd('at import')\n", "Odd"),
    ],
    ids=["sys.exit", "KeyboardInterrupt", "BaseException"],
)
def test_a_base_exception_at_import_is_a_load_error_for_that_kata_alone(
    course, tmp_path, body, raised
):
    """SystemExit, KeyboardInterrupt or any BaseException at import: that kata scores zero with a
    load error; the katas graded after it keep their points."""
    learner = _learner(course, tmp_path, {"01_tiny": body})

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    tiny = _kata(document, "01_tiny")
    assert tiny["points"] == 0 and tiny["claims_total"] == 3
    assert all(f"importing it raised {raised}" in t["message"] for t in tiny["tests"]), tiny
    _others_keep_their_points(document, "01_tiny")


def test_a_loop_that_swallows_the_timeout_is_killed_and_the_kata_resumes(course, tmp_path):
    """An endless loop that catches pytest-timeout's exception: the parent's watchdog kills the
    test, the kata's other claims run in a fresh child, and the grade finishes."""
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": """
        def add(a, b):
            while True:
                try:
                    while True:
                        pass
                except BaseException:
                    pass


        def mean(values):
            return sum(values) / len(values)


        def summary(values):
            return {"mean": mean(values), "count": len(values)}
    """
        },
    )

    started = time.monotonic()
    code, document, output = _grade(course, learner, "--timeout", "2", out=tmp_path)

    assert code == 0, output
    assert time.monotonic() - started < 120
    tiny = _kata(document, "01_tiny")
    statuses = {t["name"]: t["status"] for t in tiny["tests"]}
    assert statuses == {
        "test_add_sums_two_numbers": "failed",
        "test_mean_averages_the_values": "passed",
        "test_summary_holds_the_mean_and_the_count": "passed",
    }, tiny
    assert "the grader stopped it" in tiny["tests"][0]["message"]
    assert tiny["sandbox_runs"] == 2
    _others_keep_their_points(document, "01_tiny")


def test_a_memory_leak_costs_only_the_leaking_claim(course, tmp_path):
    """A function that allocates without end hits the address-space limit in its own kata."""
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": """
        _kept = []


        def add(a, b):
            while True:
                _kept.append(bytearray(64 * 1024 * 1024))


        def mean(values):
            return sum(values) / len(values)


        def summary(values):
            return {"mean": mean(values), "count": len(values)}
    """
        },
    )

    code, document, output = _grade(course, learner, "--memory-mb", "1024", out=tmp_path)

    assert code == 0, output
    tiny = _kata(document, "01_tiny")
    assert tiny["points"] == 2 and tiny["tests"][0]["status"] == "failed", tiny
    assert "MemoryError" in tiny["tests"][0]["message"] or "abruptly" in tiny["tests"][0]["message"]
    _others_keep_their_points(document, "01_tiny")


def test_a_cleanup_one_folder_too_high_deletes_nothing_and_costs_nothing(course, tmp_path):
    """rmtree of the folder above the kata's: the grading tree is read-only, every kata scores."""
    reference = course.solution_path(course.resolve("01")).read_text()
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": (
                "import shutil\nfrom pathlib import Path\n\n"
                "shutil.rmtree(Path(__file__).resolve().parents[1], ignore_errors=True)\n"
                "shutil.rmtree(Path(__file__).resolve().parents[2] / 'kata_harness', ignore_errors=True)\n"
                + reference
            )
        },
    )

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    assert _points(document) == MAX_POINTS
    assert (course.root / "katas" / "02_other" / "test_other.py").is_file()


def test_code_that_writes_to_the_real_checkouts_changes_neither(course, tmp_path):
    """A module that overwrites files in the submission and in the grader's checkout by their
    absolute paths: both are out of the sandbox's sight; nothing changes."""
    learner_root = tmp_path / "learner"
    targets = [
        learner_root / "katas" / "02_other" / "other.py",
        course.root / "katas" / "02_other" / "test_other.py",
        course.root / "katas" / "02_other" / "other.py",
    ]
    before = {path: path.read_bytes() for path in targets if path.exists()}
    reference = course.solution_path(course.resolve("01")).read_text()
    writes = "".join(
        f"try:\n    open({str(path)!r}, 'w').write('def double(x):\\n    return 0\\n')\n"
        "except OSError:\n    pass\n"
        for path in targets
    )
    learner = _learner(course, tmp_path, {"01_tiny": writes + reference})
    before.update({targets[0]: targets[0].read_bytes()})

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    assert {path: path.read_bytes() for path in before} == before
    assert _points(document) == MAX_POINTS


@pytest.mark.parametrize(
    ("helper", "marker"),
    [
        ("import subprocess\nsubprocess.Popen(['sleep', '3141'])\n", "3141"),
        (
            "import os\nif os.fork() == 0:\n    os.setsid()\n    os.execv('/bin/sleep', ['sleep', '3142'])\n",
            "3142",
        ),
        (
            "import multiprocessing, os\n\n\ndef _hold():\n    os.execv('/bin/sleep', ['sleep', '3143'])\n\n\n"
            "multiprocessing.get_context('fork').Process(target=_hold).start()\n",
            "3143",
        ),
    ],
    ids=["Popen", "fork", "multiprocessing"],
)
def test_helper_processes_neither_hold_the_grade_nor_outlive_it(course, tmp_path, helper, marker):
    """A Popen, forked or multiprocessing helper that would run for an hour: the grade finishes in
    seconds, no helper is left, and the katas keep their points."""
    reference = course.solution_path(course.resolve("02")).read_text()
    learner = _learner(course, tmp_path, {"02_other": helper + "\n\n" + reference})
    started_outside = _helpers_started_outside(learner / "katas" / "02_other" / "other.py", marker)

    started = time.monotonic()
    code, document, output = _grade(course, learner, out=tmp_path)
    elapsed = time.monotonic() - started

    assert started_outside, "the helper must really start when the module runs outside grading"
    assert code == 0, output
    assert elapsed < 90, f"the grade took {elapsed:.0f} s: a helper held it"
    assert not _leftovers(f"sleep\0{marker}"), "a helper process outlived the grade"
    assert _kata(document, "02_other")["points"] >= 1
    _others_keep_their_points(document, "02_other")


def test_the_overall_deadline_ends_the_grade_and_says_so(course, tmp_path):
    """With a per-test timeout longer than the deadline, the deadline still ends the grade."""
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": """
        import time


        def add(a, b):
            time.sleep(600)
    """
        },
    )

    started = time.monotonic()
    code, document, _ = _grade(
        course, learner, "--timeout", "500", "--deadline", "15", out=tmp_path
    )

    assert code == 0 and time.monotonic() - started < 90
    assert document["complete"] is False
    assert any("overall deadline" in note for note in document["notes"])


# --- reading the reference: contained ---------------------------------------------------------


_READERS = {
    "git": """
        import subprocess
        for _where in {roots!r}:
            _done = subprocess.run(["git", "-C", _where, "show", "HEAD:solutions/01_tiny/tiny.py"],
                                   capture_output=True, text=True)
            if _done.returncode == 0:
                exec(_done.stdout)
                break
    """,
    "ctypes": """
        import ctypes, os
        _libc = ctypes.CDLL(None)
        for _where in {roots!r}:
            _fd = _libc.open(os.path.join(_where, "solutions/01_tiny/tiny.py").encode(), 0)
            if _fd >= 0:
                _buffer = ctypes.create_string_buffer(100000)
                _size = _libc.read(_fd, _buffer, 100000)
                exec(_buffer.raw[:_size].decode())
                break
    """,
    "installed package": """
        import importlib.metadata, importlib.util, json
        from pathlib import Path
        _places = [Path(importlib.util.find_spec("kata_harness").origin).parents[1]]
        try:
            _url = json.loads(importlib.metadata.distribution("ds-interview-katas")
                              .read_text("direct_url.json"))["url"]
            _places.append(Path(_url.removeprefix("file://")))
        except Exception:
            pass
        for _place in _places + [Path(p) for p in {roots!r}]:
            _file = _place / "solutions" / "01_tiny" / "tiny.py"
            if _file.is_file():
                exec(_file.read_text())
                break
    """,
}


@pytest.mark.parametrize("route", list(_READERS))
def test_the_reference_cannot_be_read_from_inside_the_sandbox(course, tmp_path, route):
    """git show, raw system calls through ctypes, or the installed package's location: each finds
    the reference outside the sandbox and nothing inside it; the route is flagged."""
    roots = [str(course.root), str(tmp_path / "learner")]
    learner = _learner(course, tmp_path, {"01_tiny": _READERS[route].format(roots=roots)})
    module = learner / "katas" / "01_tiny" / "tiny.py"
    outside = subprocess.run(
        [sys.executable, "-c", f"exec(open({str(module)!r}).read()); print(add(2, 3))"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(course.root)},
    )

    code, document, output = _grade(course, learner, out=tmp_path)

    assert outside.stdout.strip() == "5", f"the attack must work outside the sandbox: {outside}"
    assert code == 0, output
    assert _kata(document, "01_tiny")["points"] == 0, _kata(document, "01_tiny")
    assert _rules(document, "01_tiny") & {"subprocess", "ctypes", "importlib.metadata"}
    _others_keep_their_points(document, "01_tiny")


# --- detection: flagged ---------------------------------------------------------------------------


def test_a_reference_with_a_comment_appended_is_flagged_as_a_copy(course, tmp_path):
    """Comments, docstrings and renamed locals do not hide a copy; the copy is graded, and named."""
    reference = course.solution_path(course.resolve("01")).read_text()
    disguised = (
        reference.replace("values", "numbers").replace('"""The sum of two numbers."""', "")
        + "\n# my own work\n"
    )
    learner = _learner(course, tmp_path, {"01_tiny": disguised})

    _, document, _ = _grade(course, learner, out=tmp_path)

    tiny = _kata(document, "01_tiny")
    assert tiny["copy"]["verdict"] == "copy" and tiny["matches_reference"] is True
    assert any("katas/01_tiny/tiny.py is the reference" in note for note in document["notes"])
    assert _points(document) == MAX_POINTS


def test_copy_detection_says_unknown_without_a_reference_and_distinct_for_other_code():
    """No reference: "unknown"; an honest rewrite: "distinct"."""
    reference = TINY["01_tiny"][0].encode()
    rewrite = (
        b"import statistics\n\ndef add(a, b):\n    return sum((a, b))\n\n"
        b"def mean(values):\n    return statistics.fmean(values)\n"
    )

    assert compare_with_reference(reference, None).verdict == "unknown"
    assert compare_with_reference(rewrite, reference).verdict == "distinct"


def test_the_static_scan_names_every_listed_technique():
    """Each technique the issue lists is flagged with its line."""
    source = textwrap.dedent("""\
        import kata_harness.recorder
        import _pytest.reports
        import pytest
        import pluggy
        import atexit
        import gc
        import ctypes
        import subprocess
        import importlib.metadata
        import sys, os, inspect
        frame = sys._getframe(1)
        caller = inspect.currentframe().f_back
        os.fork()
        open("/proc/self/maps")
    """)

    rules = {flag.rule: flag.line for flag in static_flags(source)}

    for rule, line in {
        "kata_harness": 1,
        "_pytest": 2,
        "pytest": 3,
        "pluggy": 4,
        "atexit": 5,
        "gc": 6,
        "ctypes": 7,
        "subprocess": 8,
        "importlib.metadata": 9,
        "sys._getframe": 11,
        "inspect.currentframe": 12,
        "frame walking": 12,
        "os.fork": 13,
        "/proc": 14,
    }.items():
        assert rules.get(rule) == line, f"{rule} not flagged at line {line}: {rules}"


def test_results_forged_through_the_events_channel_are_ignored_and_flagged(course, tmp_path):
    """A module that writes "passed" for every claim into the recorder's events, now and from an
    atexit hook: the lines are ignored, the honest score stands, and the attempt is flagged."""
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": """
        import atexit, json, sys

        _path = sys.argv[sys.argv.index("--katas-events") + 1]
        _names = ["test_add_sums_two_numbers", "test_mean_averages_the_values",
                  "test_summary_holds_the_mean_and_the_count"]


        def _forge():
            with open(_path, "a") as events:
                for kata in ("01_tiny", "02_other"):
                    for name in _names:
                        events.write(json.dumps({"event": "result", "kata": kata, "name": name,
                                                 "status": "passed", "message": "",
                                                 "duration": 0.0}) + "\\n")


        _forge()
        atexit.register(_forge)


        def add(a, b):
            return 0


        def mean(values):
            return 0


        def summary(values):
            return {}
    """
        },
    )

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    assert _kata(document, "01_tiny")["points"] == 0
    assert {"atexit", "forged results"} <= _rules(document, "01_tiny")
    _others_keep_their_points(document, "01_tiny")


def test_patching_pytest_from_a_kata_module_is_flagged(course, tmp_path):
    """The limit of prevention: code in the test process can patch pytest's reports. The grade
    cannot stop it; the scan puts it in front of the instructor."""
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": """
        import _pytest.reports

        _original = _pytest.reports.TestReport.__init__


        def _always_passed(self, *args, **kwargs):
            _original(self, *args, **kwargs)
            self.outcome = "passed"
            self.longrepr = None


        _pytest.reports.TestReport.__init__ = _always_passed


        def add(a, b):
            return 0
    """
        },
    )

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    assert "_pytest" in _rules(document, "01_tiny")
    assert any(flag["kata"] == "01_tiny" for flag in document["flags"])
    _others_keep_their_points(document, "01_tiny")


# --- a seed the learner does not know -----------------------------------------------------------------


def test_a_secret_seed_fails_memorised_outputs(course, tmp_path):
    """Output memorised for seed 0 passes at seed 0 and fails under the instructor's secret."""
    memorised = int(__import__("numpy").random.default_rng(0).integers(0, 1000))
    learner = _learner(
        course, tmp_path, {"03_seeded": f"def draw(seed):\n    return {memorised}\n"}
    )

    _, public, _ = _grade(course, learner, out=tmp_path / "public")
    _, secret, _ = _grade(course, learner, "--seed", "course-2026-secret", out=tmp_path / "secret")

    assert _kata(public, "03_seeded")["points"] == 2
    assert _kata(secret, "03_seeded")["points"] == 1
    assert secret["seed"] != 0 and isinstance(secret["seed"], int)
    _others_keep_their_points(secret, "03_seeded")


# --- bad submissions: refused or named --------------------------------------------------------------


@pytest.mark.parametrize("case", ["missing path", "bad ref", "broken archive", "not an archive"])
def test_an_unreadable_submission_is_refused_with_a_json_that_says_why(course, tmp_path, case):
    """Exit 3 and a JSON with status "refused" and the reason, so a gradebook can tell it from
    "not submitted"."""
    source, args = tmp_path / "nowhere", []
    if case == "bad ref":
        source, args = _learner(course, tmp_path), ["--ref", "no-such-branch"]
    elif case == "broken archive":
        source = tmp_path / "submission.tar.gz"
        source.write_bytes(b"\x1f\x8b not really gzip")
    elif case == "not an archive":
        source = tmp_path / "notes.txt"
        source.write_text("hello")

    code, document, output = _grade(course, source, *args, out=tmp_path)

    assert code == 3, output
    assert document["status"] == "refused" and document["reasons"], document
    assert document["katas"] == [] and document["score"]["points"] == 0


def test_a_symlink_a_huge_file_and_a_missing_file_cost_their_kata_only(course, tmp_path):
    """Only regular files under the size cap are read; each problem is named on its kata."""
    learner = _learner(course, tmp_path)
    module = learner / "katas" / "01_tiny" / "tiny.py"
    module.unlink()
    module.symlink_to(learner / "solutions" / "01_tiny" / "tiny.py")
    (learner / "katas" / "02_other" / "other.py").write_text("x = 1\n" * 200_000)
    (learner / "katas" / "03_seeded" / "seeded.py").unlink()
    _commit(learner, "odd files")

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    assert "symbolic link" in _kata(document, "01_tiny")["problem"]
    assert "over the" in _kata(document, "02_other")["problem"]
    assert "is not in commit" in _kata(document, "03_seeded")["problem"]
    assert _points(document) == MAX_POINTS | {"01_tiny": 0, "02_other": 0, "03_seeded": 0}
    assert _kata(document, "01_tiny")["claims_total"] == 3


# --- other sandboxes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tool", ["plain", "unshare"])
def test_the_fallback_sandboxes_grade_and_contain_a_deletion_and_say_so(course, tmp_path, tool):
    """Without bubblewrap: unshare or plain process isolation, named in the report; a cleanup one
    folder too high still costs no other kata a claim."""
    if tool == "unshare" and shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    reference = course.solution_path(course.resolve("01")).read_text()
    learner = _learner(
        course,
        tmp_path,
        {
            "01_tiny": (
                "import shutil\nfrom pathlib import Path\n\n"
                "shutil.rmtree(Path(__file__).resolve().parents[1], ignore_errors=True)\n"
                + reference
            )
        },
    )

    code, document, output = _grade(course, learner, "--sandbox", tool, out=tmp_path)

    if code == 3 and "does not work" in output:
        pytest.skip(f"{tool} does not work on this machine: {output}")
    assert code == 0, output
    assert document["sandbox"]["tool"] == tool
    assert any(note.startswith("sandbox: ") for note in document["notes"])
    _others_keep_their_points(document, "01_tiny")


@needs_bwrap
def test_the_bwrap_sandbox_has_no_network_and_a_read_only_tree(course, tmp_path):
    """Inside bubblewrap, connecting out fails, loopback works, and the grading tree is read-only."""
    learner = _learner(
        course,
        tmp_path,
        {
            "02_other": """
        import socket, os

        def double(x):
            try:
                socket.create_connection(("1.1.1.1", 53), timeout=2).close()
                return -1
            except OSError:
                pass
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.close()
            if os.access(__file__, os.W_OK):
                return -2
            return 2 * x
    """
        },
    )

    _, document, _ = _grade(course, learner, out=tmp_path)

    assert _points(document) == MAX_POINTS, document["katas"]


def test_too_many_processes_stop_that_kata_only(course, tmp_path):
    """A module that starts more helpers than the process limit: its kata is stopped (by the kernel
    for an ordinary user, by the watchdog for root), and the other katas keep their points."""
    reference = course.solution_path(course.resolve("02")).read_text()
    learner = _learner(
        course,
        tmp_path,
        {
            "02_other": (
                "import subprocess, time\n\n"
                "try:\n"
                "    for _ in range(150):\n"
                "        subprocess.Popen(['sleep', '3144'])\n"
                "except OSError:\n"
                "    raise SystemExit('no more processes')\n"
                "time.sleep(5)\n\n" + reference
            )
        },
    )

    code, document, output = _grade(course, learner, out=tmp_path)

    assert code == 0, output
    other = _kata(document, "02_other")
    assert other["points"] == 0, other
    assert "processes" in other["tests"][0]["message"], other["tests"][0]
    assert not _leftovers("sleep\03144")
    _others_keep_their_points(document, "02_other")


def test_a_plain_grade_leaves_no_orphan_sweep_behind_for_parallel_katas(course, tmp_path):
    """After a plain-process grade (which adopts orphans), a grade of two katas at a time still
    scores everything: no kata's fresh child is mistaken for another's orphan."""
    learner = _learner(course, tmp_path)

    _, plain, _ = _grade(course, learner, "--sandbox", "plain", out=tmp_path / "plain")
    _, parallel, _ = _grade(course, learner, "--jobs", "2", out=tmp_path / "parallel")

    assert _points(plain) == MAX_POINTS, plain["katas"]
    assert _points(parallel) == MAX_POINTS, parallel["katas"]
    assert not _is_subreaper(), "the grading process stayed a child subreaper"


def _is_subreaper() -> bool:
    value = ctypes.c_int(0)
    ctypes.CDLL(None).prctl(37, ctypes.byref(value), 0, 0, 0)  # PR_GET_CHILD_SUBREAPER
    return bool(value.value)

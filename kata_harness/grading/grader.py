"""Grading: the grader's own tests, harness and catalog over the submitted kata modules, one
sandboxed child per kata, and the results read back with suspicion.

The parent trusts only what it can check:

- the list of claims is what pytest collected before any learner code ran (the learner's module
  is imported by the ``impl`` fixture, at the first test), checked against the test functions the
  test file defines;
- a result counts only for the test that the same child announced as running, once; a second
  result for a test keeps the worse one; results for another kata, after the session finished, or
  for tests that never started are ignored and counted as flags;
- a test that outlives its timeout is killed by the parent, and the kata resumes in a new child
  from the next test; so does a kata whose child crashed.
"""

from __future__ import annotations

import ast
import concurrent.futures
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kata_harness import manifest
from kata_harness.catalog import Kata
from kata_harness.grading import sandbox as sandboxing
from kata_harness.grading.report import GradeReport, KataGrade
from kata_harness.grading.scan import compare_with_reference, static_flags
from kata_harness.grading.submission import Submission
from kata_harness.repo import Repo, text_digest
from kata_harness.runner import UNTOUCHED_STUB, KataResult, TestOutcome

HIDDEN_FROM_CHILDREN = ("solutions", "tests/mutants", "tests/alternatives", ".git")
MAX_RUNS_PER_KATA = 6


@dataclass
class Settings:
    limits: sandboxing.Limits = field(default_factory=sandboxing.Limits)
    seed: int = 0
    deadline_seconds: float = 3600.0
    jobs: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    sandbox: str = "auto"
    # The katas to grade (an assignment's subset), or None for every kata in the catalog.
    only: tuple[str, ...] | None = None

    def select(self, katas):
        return tuple(k for k in katas if self.only is None or k.id in self.only)


# --- the grading tree ---------------------------------------------------------------------------


def build_tree(repo: Repo, trusted: list[str], modules: dict[str, bytes], scratch: Path) -> Path:
    """The grader's trusted files plus the submitted modules, and nothing else, under scratch."""
    tree = scratch / "tree"
    tree.mkdir(parents=True)
    for relative in trusted:
        source = repo.root / relative
        if source.is_file() and not source.is_symlink():
            target = tree / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for relative, content in modules.items():
        target = tree / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    _read_only(tree)
    return tree


def _read_only(tree: Path) -> None:
    for folder, _, names in os.walk(tree):
        for name in names:
            os.chmod(Path(folder) / name, 0o444)
        os.chmod(folder, 0o555)


def _writable(tree: Path) -> None:
    if tree.exists():
        for folder, _, _ in os.walk(tree):
            os.chmod(folder, 0o755)


# --- claims the test file defines ------------------------------------------------------------


def defined_tests(test_file: Path) -> set[str]:
    """The test functions a kata's test file defines at top level (the claims it can make)."""
    try:
        tree = ast.parse(test_file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    return {
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name.startswith("test")
    }


# --- one kata -------------------------------------------------------------------------------------


@dataclass
class KataRun:
    result: KataResult
    runs: int = 0
    flags: list[dict] = field(default_factory=list)
    seconds: float = 0.0  # wall time of its children, start-up and imports included


def _pytest_args(
    inside: str,
    kata: Kata,
    selection: list[str] | None,
    settings: Settings,
    count_only: list[str] | None = None,
) -> list[str]:
    tests = selection or [f"{inside}/katas/{kata.id}/{kata.test_filename}"]
    args = [
        *tests,
        "-c",
        f"{inside}/pyproject.toml",
        "--rootdir",
        inside,
        "-p",
        "kata_harness.recorder",
        "--katas-events",
        "{events}",
        "--continue-on-collection-errors",
        "-q",
        "--tb=line",
        "-p",
        "no:cacheprovider",
        "--timeout",
        str(settings.limits.timeout),
        "--seed",
        str(settings.seed),
    ]
    if count_only:
        args += ["--katas-count-only", ",".join(count_only)]
    return args


def _child(
    tool,
    tree: Path,
    args_for,
    settings: Settings,
    deadline: float,
    hidden: list[str],
    forbidden: list[str],
) -> sandboxing.ChildRun:
    """Run one child on the tree (a private copy unless bubblewrap makes it read-only)."""
    with tempfile.TemporaryDirectory(prefix="katas-child-") as scratch_name:
        scratch = Path(scratch_name)
        run_tree = tree
        if tool.name == "plain":
            run_tree = sandboxing.private_tree(tree, scratch)
        work = scratch / "work"
        work.mkdir()
        os.chmod(scratch, 0o777)
        os.chmod(work, 0o777)
        command, inside = sandboxing.command_for(
            tool, run_tree, [], hidden=hidden, forbidden=forbidden
        )
        command = command + args_for(inside)
        env = sandboxing.child_environment(tool, work)
        try:
            return sandboxing.run_child(
                command,
                env=env,
                cwd=work,
                limits=settings.limits,
                deadline=deadline,
                adopt_orphans=tool.name == "plain",
            )
        finally:
            if run_tree is not tree:
                _writable(run_tree)


def _node_ids(inside: str, kata: Kata, names: list[str] | None) -> list[str] | None:
    if names is None:
        return None
    return [f"{inside}/katas/{kata.id}/{kata.test_filename}::{name}" for name in names]


def run_kata(
    kata: Kata,
    tree: Path,
    tool,
    settings: Settings,
    deadline: float,
    hidden: list[str],
    forbidden: list[str],
) -> KataRun:
    """Every claim of one kata in its own child(ren); resumes after a kill or a crash."""
    defined = defined_tests(tree / "katas" / kata.id / kata.test_filename)
    collected: list[dict] | None = None
    outcomes: dict[str, TestOutcome] = {}
    flags: list[dict] = []
    problem = ""
    runs = 0
    names: list[str] | None = None  # None: the whole test file; later, the claims still to run
    ignored = 0
    seconds = 0.0
    while True:
        runs += 1
        child = _child(
            tool,
            tree,
            lambda inside, names=names: _pytest_args(
                inside, kata, _node_ids(inside, kata, names), settings
            ),
            settings,
            deadline,
            hidden,
            forbidden,
        )
        first, results, ignored_here, running, collect_error = _read_events(
            kata, child, defined, collected
        )
        ignored += ignored_here + child.late_events
        seconds += child.seconds
        if collected is None:
            collected = first
            if not collected:
                if collect_error:
                    detail = collect_error
                elif child.killed == "startup":
                    detail = f"pytest did not start within {settings.limits.startup_seconds:.0f} s"
                elif child.killed == "deadline":
                    detail = "the overall grading deadline was reached before the kata ran"
                else:
                    detail = _last_lines(child.output_tail) or "no output"
                problem = f"the kata's tests could not be collected: {detail}"
                break
        progress = False
        for name, outcome in results.items():
            if name not in outcomes:
                outcomes[name] = outcome
                progress = True
        stuck = child.killed_in or running
        if stuck and stuck not in outcomes and any(t["name"] == stuck for t in collected):
            outcomes[stuck] = TestOutcome(
                stuck, _claim_of(collected, stuck), "failed", _stopped_message(child, settings)
            )
            progress = True
        remaining = [t["name"] for t in collected if t["name"] not in outcomes]
        if not remaining:
            break
        if child.killed == "deadline" or time.monotonic() >= deadline:
            problem = "the overall grading deadline was reached; the claims left did not run"
            break
        if not progress or runs >= MAX_RUNS_PER_KATA:
            problem = (
                f"pytest stopped before these claims ran (exit code {child.returncode}): "
                f"{_last_lines(child.output_tail) or 'no output'}"
            )
            break
        names = remaining
    tests = []
    for test in collected or []:
        outcome = outcomes.get(test["name"])
        tests.append(outcome or TestOutcome(test["name"], test["claim"], "not run", "did not run"))
    if ignored:
        flags.append(
            {
                "rule": "forged results",
                "line": 0,
                "detail": f"{ignored} result line(s) that no running test could have written were "
                "ignored (results for other katas, for tests not running, repeated, or after the "
                "session ended)",
            }
        )
    missing = defined - {t["name"].split("[", 1)[0] for t in collected or []}
    if collected is not None and missing:
        for name in sorted(missing):
            tests.append(TestOutcome(name, name, "failed", "this claim was not collected"))
        flags.append(
            {
                "rule": "claims not collected",
                "line": 0,
                "detail": f"tests the kata defines were not collected: {', '.join(sorted(missing))}",
            }
        )
    return KataRun(KataResult(kata.id, tests, ran=True, problem=problem), runs, flags, seconds)


def _read_events(kata: Kata, child, defined: set[str], trusted: list[dict] | None):
    """(collected, results, ignored, running test, collection error) from one child's events."""
    collected: list[dict] | None = None
    results: dict[str, TestOutcome] = {}
    ignored = 0
    running: str | None = None
    collect_error = ""
    started_any = False
    finished = False
    last: dict | None = None
    known = {t["name"] for t in trusted} if trusted is not None else None
    for event in child.events:
        kind = event.get("event")
        if event.get("late"):
            name = str(event.get("name"))
            if kind == "result" and name in results and event.get("status") == "failed":
                results[name].status, results[name].message = (
                    "failed",
                    str(event.get("message", "")),
                )
            continue  # counted by the child as late
        if (
            kind == "collected"
            and not started_any
            and collected is None
            and event.get("kata") == kata.id
        ):
            tests = [
                {"name": str(t.get("name")), "claim": str(t.get("claim"))}
                for t in event.get("tests", [])
                if isinstance(t, dict) and str(t.get("name", "")).split("[", 1)[0] in defined
            ]
            if known is not None:
                tests = [t for t in tests if t["name"] in known]
            collected = tests
        elif kind == "collect_error" and not started_any:
            if event.get("kata") in (kata.id, None):
                collect_error = _collection_problem(str(event.get("message", "")))
        elif kind == "start" and event.get("kata") == kata.id:
            started_any = True
            running = str(event.get("name"))
        elif kind == "result":
            name = str(event.get("name"))
            status = event.get("status")
            if event.get("kata") != kata.id or status not in ("passed", "failed", "skipped"):
                ignored += 1
                continue
            if name != running and name not in results:
                ignored += 1
                continue
            outcome = TestOutcome(
                name,
                _claim_of(trusted or collected or [], name),
                status,
                str(event.get("message", ""))[:2000],
                float(event.get("duration", 0.0))
                if isinstance(event.get("duration"), (int, float))
                else 0.0,
            )
            if name in results:
                ignored += 1
                if results[name].status == "passed":
                    results[name] = outcome  # the worse of two results for one test
            else:
                results[name] = outcome
            running = None
        elif kind in ("collected", "collect_error", "start"):
            ignored += 1
        elif kind == "finished":
            finished = True
        last = event
    if not finished and last is not None and last.get("event") == "result":
        # Between a result and the next test only pytest runs; a child that died right after a
        # result may have written that result itself before exiting.
        name = str(last.get("name"))
        if name in results and results[name].status == "passed":
            del results[name]
            running = name
    pool = {t["name"] for t in (trusted or collected or [])}
    for name in [n for n in results if n not in pool]:
        del results[name]
        ignored += 1
    return collected, results, ignored, running, collect_error


def _claim_of(collected: list[dict], name: str) -> str:
    for test in collected:
        if test["name"] == name:
            return test["claim"]
    return name


def _stopped_message(child, settings: Settings) -> str:
    if child.killed == "timeout":
        return (
            f"timed out: still running after {settings.limits.watchdog_seconds:.1f} s, so the "
            f"grader stopped it (the limit is {settings.limits.timeout:g} s a test); look for a "
            "loop that never ends or that catches the timeout"
        )
    if child.killed == "deadline":
        return "stopped at the overall grading deadline"
    if child.killed == "processes":
        return f"stopped: the code started more than {settings.limits.processes} processes"
    return (
        f"the test process stopped abruptly in this test (exit code {child.returncode}); does "
        f"your code exit, run out of memory or crash the interpreter? Last output: "
        f"{_last_lines(child.output_tail) or 'none'}"
    )


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-count:])


def _collection_problem(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line.removeprefix("E").strip() for line in lines if line.startswith("E ")]
    return errors[-1] if errors else (lines[-1] if lines else "unknown error")


def count_claims(
    katas: list[Kata],
    tree: Path,
    tool,
    settings: Settings,
    deadline: float,
    hidden: list[str],
    forbidden: list[str],
) -> dict[str, list[dict]]:
    """Collect (not run) the tests of katas with no learner work: one child, no learner code."""
    if not katas:
        return {}

    def args_for(inside: str) -> list[str]:
        files = [f"{inside}/katas/{k.id}/{k.test_filename}" for k in katas]
        args = _pytest_args(inside, katas[0], files, settings, count_only=[k.id for k in katas])
        return args

    child = _child(tool, tree, args_for, settings, deadline, hidden, forbidden)
    counted: dict[str, list[dict]] = {}
    for kata in katas:
        defined = defined_tests(tree / "katas" / kata.id / kata.test_filename)
        for event in child.events:
            if event.get("event") == "collected" and event.get("kata") == kata.id:
                counted[kata.id] = [
                    {"name": str(t["name"]), "claim": str(t["claim"])}
                    for t in event["tests"]
                    if str(t.get("name", "")).split("[", 1)[0] in defined
                ]
                break
    return counted


# The claims of a kata depend only on the grading tree's trusted files and the seed, so a class's
# grades count each untouched kata once (collecting TensorFlow's katas costs seconds).
CLAIMS_CACHE = "grade-claims.json"


def _claims_key(tree: Path, kata: Kata, settings: Settings) -> str:
    digest = hashlib.sha256(f"seed={settings.seed}\n".encode())
    for folder, _, names in sorted(os.walk(tree)):
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(tree).as_posix()
            if relative.startswith("katas/") and not relative.startswith(f"katas/{kata.id}/"):
                continue
            if relative == f"katas/{kata.id}/{kata.module_filename}":
                continue
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cached_claims(grader: Repo, tree: Path, katas: list[Kata], settings: Settings) -> dict:
    try:
        cache = json.loads((grader.state_dir / CLAIMS_CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = {}
    for kata in katas:
        entry = cache.get(kata.id) if isinstance(cache, dict) else None
        if isinstance(entry, dict) and entry.get("key") == _claims_key(tree, kata, settings):
            found[kata.id] = entry["tests"]
    return found


def _remember_claims(grader: Repo, tree: Path, counted: dict, settings: Settings) -> None:
    if not counted:
        return
    path = grader.state_dir / CLAIMS_CACHE
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(cache, dict):
            cache = {}
    except (OSError, ValueError):
        cache = {}
    katas = {kata.id: kata for kata in grader.katas()}
    for kata_id, tests in counted.items():
        if tests and kata_id in katas:
            cache[kata_id] = {"key": _claims_key(tree, katas[kata_id], settings), "tests": tests}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(cache), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


# --- the whole grade --------------------------------------------------------------------------------


def git_commit(root: Path) -> tuple[str | None, bool | None]:
    """(HEAD's SHA, whether tracked files differ from it) for the grader's checkout."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None, None
    return head, bool(dirty)


def hidden_paths(grader: Repo, submission_source: str | None) -> list[str]:
    """What the unshare tool covers up, and what the audit hook refuses in the plain tool."""
    paths = {str(grader.root.resolve())}
    paths.update(str((grader.root / name).resolve()) for name in HIDDEN_FROM_CHILDREN)
    if submission_source:
        paths.add(str(Path(submission_source).resolve()))
    installed = _installed_location()
    if installed:
        paths.add(installed)
    return sorted(_around_python(paths))


def _around_python(paths: set[str]) -> set[str]:
    """The same folders, except that one holding Python (a .venv in the checkout) is hidden
    piece by piece around it, so the child can still start its interpreter."""
    prefix = Path(sys.prefix).resolve()
    kept: set[str] = set()
    for path in paths:
        folder = Path(path)
        if folder != prefix and folder in prefix.parents:
            step = prefix.relative_to(folder).parts[0]
            kept.update(
                str(child) for child in folder.iterdir() if child.name != step and child.is_dir()
            )
        else:
            kept.add(path)
    return kept


def _installed_location() -> str | None:
    """The checkout the installed package points at (an editable install), if any."""
    import importlib.util

    spec = importlib.util.find_spec("kata_harness")
    if spec is None or not spec.origin:
        return None
    return str(Path(spec.origin).resolve().parent.parent)


def grade_tree(
    grader: Repo,
    submission: Submission,
    katas: tuple[Kata, ...],
    trusted: list[str],
    stubs: dict[str, str],
    settings: Settings,
    report: GradeReport,
    progress=None,
) -> GradeReport:
    """Grade every kata of ``katas`` against ``submission``; fills in and returns ``report``."""
    started = time.monotonic()
    deadline = started + settings.deadline_seconds
    tool = sandboxing.detect(settings.sandbox)
    report.sandbox = {
        **tool.to_json(),
        "limits": settings.limits.to_json(),
        "deadline_seconds": settings.deadline_seconds,
    }
    if tool.name != "bwrap":
        report.notes.append(f"sandbox: {tool.note}")
    modules = {
        sub.path: sub.content for sub in submission.files.values() if sub.content is not None
    }
    hidden = hidden_paths(grader, submission.source if submission.kind != "archive" else None)
    forbidden = [str((grader.root / name).resolve()) for name in HIDDEN_FROM_CHILDREN]
    installed = _installed_location()
    if installed:
        forbidden += [str(Path(installed) / name) for name in HIDDEN_FROM_CHILDREN]
    if submission.kind == "directory":
        forbidden += [
            str(Path(submission.source).resolve() / name) for name in HIDDEN_FROM_CHILDREN
        ]
    with tempfile.TemporaryDirectory(prefix="katas-grade-") as scratch_name:
        scratch = Path(scratch_name)
        os.chmod(scratch, 0o755)
        tree = build_tree(grader, trusted, modules, scratch)
        try:
            to_run, to_count = [], []
            for kata in katas:
                submitted = submission.files[kata.id]
                if submitted.content is None:
                    to_count.append(kata)
                elif stubs.get(submitted.path) == text_digest(submitted.content):
                    to_count.append(kata)
                else:
                    to_run.append(kata)
            results: dict[str, KataRun] = {}
            counted = _cached_claims(grader, tree, to_count, settings)
            missing = [kata for kata in to_count if kata.id not in counted]
            fresh = count_claims(missing, tree, tool, settings, deadline, hidden, forbidden)
            counted.update(fresh)
            _remember_claims(grader, tree, fresh, settings)
            for kata in to_count:
                submitted = submission.files[kata.id]
                message = submitted.problem or UNTOUCHED_STUB
                tests = [
                    TestOutcome(t["name"], t["claim"], "failed", message)
                    for t in counted.get(kata.id, [])
                ]
                results[kata.id] = KataRun(
                    KataResult(
                        kata.id, tests, ran=submitted.content is None, problem=submitted.problem
                    ),
                    runs=0,
                )
                if progress is not None:
                    progress(kata, results[kata.id].result)

            def one(kata: Kata) -> KataRun:
                run = run_kata(kata, tree, tool, settings, deadline, hidden, forbidden)
                if progress is not None:
                    progress(kata, run.result)
                return run

            # Plain processes: one kata at a time, so that an orphan adopted here is the kata's.
            jobs = 1 if tool.name == "plain" else max(1, settings.jobs)
            with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
                for kata, run in zip(to_run, pool.map(one, to_run)):
                    results[kata.id] = run
        finally:
            _writable(tree)
    report.complete = time.monotonic() < deadline
    if not report.complete:
        report.notes.append(
            f"the overall deadline of {settings.deadline_seconds:g} s was reached: claims that did "
            "not run count as failed"
        )
    for kata in katas:
        submitted = submission.files[kata.id]
        run = results[kata.id]
        reference = grader.solution_path(kata)
        reference_bytes = reference.read_bytes() if reference.is_file() else None
        copy = compare_with_reference(submitted.content, reference_bytes)
        flags = (
            [flag.to_json() for flag in static_flags(submitted.content)]
            if submitted.content
            else []
        )
        report.grades.append(
            KataGrade(
                kata,
                run.result,
                file=submitted.path,
                file_sha256=(
                    hashlib.sha256(submitted.content).hexdigest()
                    if submitted.content is not None
                    else None
                ),
                flags=flags + run.flags,
                copy=copy.to_json(),
                sandbox_runs=run.runs,
                sandbox_seconds=round(run.seconds, 2),
            )
        )
        if copy.verdict == "copy":
            report.notes.append(
                f"{submitted.path} is the reference once comments, docstrings and names are set aside"
            )
        elif copy.verdict == "similar":
            report.notes.append(
                f"{submitted.path} is {copy.similarity:.0%} similar to the reference (normalised code)"
            )
    for name in submission.ignored:
        report.notes.append(f"{name} was ignored: grading reads only the kata modules")
    report.seconds = round(time.monotonic() - started, 2)
    return report


def trusted_from_tree(repo: Repo) -> list[str]:
    """The grader checkout's trusted files, from its tree (its tests, harness, catalog, config)."""
    return [repo.relative(path) for path in manifest.trusted_files(repo) if path.is_file()]


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False

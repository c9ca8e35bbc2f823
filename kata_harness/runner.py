"""Run katas' tests in a child pytest and turn what the recorder saw into one result per kata.

One child runs every kata asked for, so the libraries load once. If learner code kills that child
(``os._exit``, a crash in native code), the katas that finished keep their results, the kata that
was running is reported with the test it stopped in, and the rest run again in a new child.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kata_harness.catalog import Kata
from kata_harness.repo import Repo

UNTOUCHED_STUB = "not started: the file is still the untouched stub"


@dataclass
class TestOutcome:
    """One claim: its test, its one-sentence statement and how it ended."""

    __test__ = False  # not a pytest test class

    name: str
    claim: str
    status: str  # passed, failed, skipped, not run
    message: str = ""
    duration: float = 0.0


@dataclass
class KataResult:
    """Every claim of one kata against one implementation, plus any kata-wide problem."""

    kata_id: str
    tests: list[TestOutcome] = field(default_factory=list)
    ran: bool = True  # False when the kata was only collected (an untouched stub)
    problem: str = ""  # a kata-wide problem: missing file, collection error, crash

    @property
    def claims_total(self) -> int:
        return len(self.tests)

    @property
    def claims_passed(self) -> int:
        return sum(test.status == "passed" for test in self.tests)

    @property
    def state(self) -> str:
        if self.problem:
            return "needs attention"
        if not self.ran or self.claims_total == 0:
            return "not started"
        if self.claims_passed == self.claims_total:
            return "done"
        return "in progress"

    def common_message(self) -> str:
        """The problem, or the one message every failing test shares (a syntax error, say)."""
        if self.problem:
            return self.problem
        messages = {t.message for t in self.tests if t.status == "failed"}
        if len(messages) == 1 and self.claims_passed == 0 and self.ran:
            return messages.pop()
        return ""

    def to_dict(self) -> dict:
        return {
            "kata_id": self.kata_id,
            "ran": self.ran,
            "problem": self.problem,
            "tests": [asdict(test) for test in self.tests],
        }

    @classmethod
    def from_dict(cls, data: dict) -> KataResult:
        return cls(
            kata_id=str(data["kata_id"]),
            ran=bool(data["ran"]),
            problem=str(data["problem"]),
            tests=[TestOutcome(**test) for test in data["tests"]],
        )


@dataclass
class PytestRun:
    """What one pytest run left behind: its events, exit code and last output."""

    events: list[dict]
    returncode: int
    output_tail: str


def _pytest_once(
    repo: Repo,
    test_paths: list[Path],
    *,
    count_only: set[str],
    pytest_args: Sequence[str],
    launcher: Sequence[str],
    env: dict[str, str],
    output: Callable[[str], None] | None,
) -> PytestRun:
    with tempfile.TemporaryDirectory(prefix="katas-events-") as scratch:
        events_path = Path(scratch) / "events.jsonl"
        command = [
            *launcher,
            *map(str, test_paths),
            *repo.pytest_config_args(),
            "-p",
            "kata_harness.recorder",
            "--katas-events",
            str(events_path),
            "--continue-on-collection-errors",
            *pytest_args,
        ]
        if count_only:
            command += ["--katas-count-only", ",".join(sorted(count_only))]
        process = subprocess.Popen(
            command,
            cwd=repo.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        tail = b""
        while chunk := process.stdout.read1(65536):
            if output is not None:
                output(chunk.decode("utf-8", "replace"))
            tail = (tail + chunk)[-4000:]
        returncode = process.wait()
        events = []
        if events_path.exists():
            for line in events_path.read_text(encoding="utf-8").splitlines():
                try:
                    events.append(json.loads(line))
                except json.JSONDecodeError:
                    break  # a line cut short by a crash
    return PytestRun(events, returncode, tail.decode("utf-8", "replace"))


def missing_test_file(repo: Repo, kata: Kata) -> KataResult:
    """The result for a kata whose test file is gone: nothing can run, nothing is guessed."""
    shown = repo.relative(repo.test_path(kata))
    return KataResult(
        kata.id,
        ran=False,
        problem=f"the test file {shown} is missing; restore it with `git checkout -- {shown}`",
    )


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-count:])


def _settle(kata_id: str, collected: list[dict], results: dict[str, dict], ran: bool) -> KataResult:
    tests = []
    for test in collected:
        outcome = results.get(test["name"])
        if outcome is not None:
            tests.append(
                TestOutcome(
                    test["name"],
                    test["claim"],
                    outcome["status"],
                    outcome["message"],
                    outcome["duration"],
                )
            )
        elif not ran:
            tests.append(TestOutcome(test["name"], test["claim"], "failed", UNTOUCHED_STUB))
        else:
            tests.append(TestOutcome(test["name"], test["claim"], "not run", "did not run"))
    return KataResult(kata_id, tests, ran=ran)


def interpret(
    repo: Repo, run: PytestRun, remaining: dict[str, Kata], count_only: set[str]
) -> dict[str, KataResult]:
    """The katas a run settled: finished, failed to collect, or the one running when it died."""
    settled: dict[str, KataResult] = {}
    collected: dict[str, list[dict]] = {}
    errors: dict[str, str] = {}
    results: dict[str, dict[str, dict]] = {}
    running: dict | None = None
    finished = False
    for event in run.events:
        kind = event["event"]
        if kind == "collected":
            collected.setdefault(event["kata"], []).extend(event["tests"])
        elif kind == "collect_error" and event.get("kata"):
            errors[event["kata"]] = _collection_problem(event["message"])
        elif kind == "start":
            running = event
        elif kind == "result":
            results.setdefault(event["kata"], {})[event["name"]] = event
            running = None
        elif kind == "finished":
            finished = True

    for kata_id in list(remaining):
        tests = collected.get(kata_id, [])
        done = results.get(kata_id, {})
        ran = kata_id not in count_only
        if kata_id in errors:
            result = _settle(kata_id, tests, done, ran)
            result.problem = errors[kata_id]
        elif running is not None and running["kata"] == kata_id:
            result = _settle(kata_id, tests, done, ran)
            result.problem = (
                f"the test process stopped abruptly in {running['name']} (exit code "
                f"{run.returncode}); does your code call os._exit or crash the interpreter? "
                f"Last output: {_last_lines(run.output_tail) or 'none'}"
            )
        elif finished or (tests and (not ran or len(done) == len(tests))):
            result = _settle(kata_id, tests, done, ran)
            if not tests:
                result.problem = f"no tests were collected from {repo.relative(repo.test_path(remaining[kata_id]))}"
        else:
            continue  # not reached before the child died: run it again
        settled[kata_id] = result
    return settled


def run_katas(
    repo: Repo,
    katas: Iterable[Kata],
    *,
    count_only: Iterable[str] = (),
    pytest_args: Sequence[str] = ("-q", "--tb=line", "-p", "no:cacheprovider"),
    launcher: Sequence[str] | None = None,
    env: dict[str, str] | None = None,
    output: Callable[[str], None] | None = None,
) -> dict[str, KataResult]:
    """Run (or, for ``count_only``, just collect) each kata's tests; one result per kata id.

    ``launcher`` is the command that starts pytest (``python -m pytest`` by default) and ``env``
    its environment.
    """
    launcher = list(launcher or [sys.executable, "-m", "pytest"])
    env = env if env is not None else repo.subprocess_env()
    count_only = set(count_only)
    remaining = {kata.id: kata for kata in katas}
    settled: dict[str, KataResult] = {}
    for kata_id, kata in list(remaining.items()):
        if not repo.test_path(kata).is_file():
            settled[kata_id] = missing_test_file(repo, kata)
            del remaining[kata_id]

    while remaining:
        run = _pytest_once(
            repo,
            [repo.test_path(kata) for kata in remaining.values()],
            count_only=count_only & set(remaining),
            pytest_args=pytest_args,
            launcher=launcher,
            env=env,
            output=output,
        )
        newly = interpret(repo, run, remaining, count_only)
        settled.update(newly)
        for kata_id in newly:
            del remaining[kata_id]
        progress = bool(newly)
        if not progress:
            message = f"pytest could not run (exit code {run.returncode}): " + (
                _last_lines(run.output_tail, 6) or "no output"
            )
            for kata_id in remaining:
                settled[kata_id] = KataResult(kata_id, problem=message)
            break
    return settled


def _collection_problem(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line.removeprefix("E").strip() for line in lines if line.startswith("E ")]
    detail = errors[-1] if errors else (lines[-1] if lines else "unknown error")
    return f"the kata's tests could not be collected: {detail}"


def environment_without_pytest_overrides(env: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment without the variables that smuggle options into pytest."""
    env = dict(os.environ if env is None else env)
    for name in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        env.pop(name, None)
    return env

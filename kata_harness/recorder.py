"""A pytest plugin that records, per kata, which claims were collected and how each one ended.

The `katas` command runs pytest with ``-p kata_harness.recorder --katas-events FILE``. Every event
is appended to FILE as one JSON line and flushed at once, so if learner code kills the test
process, the events written so far still say which katas finished and where it stopped.
``--katas-count-only IDS`` collects those katas (to count their claims) without running them.

The watch loop uses `Recorder` in-process instead, reading its events from memory.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

MAX_MESSAGE = 500
# Errors a test raises itself while using what the learner's function returned.
_RETURN_TYPE_ERRORS = (TypeError, AttributeError, KeyError, IndexError)
RETURN_TYPE_NOTE = (
    " (raised inside the test while it used what your code returned: check the type your "
    "function returns against its docstring)"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("katas-recorder", "recording results for the katas command")
    group.addoption("--katas-events", metavar="FILE", help="append one JSON line per event here")
    group.addoption(
        "--katas-count-only",
        metavar="IDS",
        default="",
        help="comma-separated kata ids to collect (and count) without running",
    )


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("--katas-events")
    if path:
        count_only = {i for i in config.getoption("--katas-count-only").split(",") if i}
        config.pluginmanager.register(Recorder(Path(path), count_only), "katas-recorder-instance")


def kata_id_of(path: Path) -> str | None:
    """``NN_slug`` for a file in ``katas/NN_slug/``, else None."""
    parent = Path(path).parent
    if parent.parent.name == "katas" and parent.name[:2].isdigit():
        return parent.name
    return None


def claim_of(item: pytest.Item) -> str:
    """The first paragraph of the test's docstring, on one line: the claim it makes."""
    doc = getattr(getattr(item, "obj", None), "__doc__", None) or item.name
    return " ".join(doc.strip().split("\n\n")[0].split())


def short_message(report: pytest.TestReport | pytest.CollectReport) -> str:
    """One readable message for a failure or skip: the assertion's text, not the traceback."""
    longrepr = report.longrepr
    if isinstance(longrepr, str):
        text = longrepr
    elif isinstance(longrepr, tuple):  # a skip: (path, line, reason)
        text = str(longrepr[2])
    else:
        crash = getattr(longrepr, "reprcrash", None)
        text = crash.message if crash is not None else str(longrepr)
    lines = []
    for number, line in enumerate(text.strip().splitlines()):
        # Pytest's assertion rewriting appends "assert x == y" lines; the message says more.
        if number and line.lstrip().startswith(("assert ", "+ ", "where ", "+  where")):
            break
        lines.append(line.strip())
    message = " ".join(line for line in lines if line)
    for prefix in ("AssertionError: ", "Failed: ", "Skipped: "):
        message = message.removeprefix(prefix)
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return message or report.outcome


class Recorder:
    """Keeps each test's outcome and message; optionally appends them to an events file."""

    def __init__(self, events_path: Path | None = None, count_only: set[str] | None = None):
        self.events: list[dict] = []
        self.count_only = count_only or set()
        self._file = open(events_path, "a", encoding="utf-8") if events_path else None  # noqa: SIM115
        self._reports: dict[str, list] = {}
        self._notes: dict[str, str] = {}
        self._started: dict[str, float] = {}

    def _emit(self, **event) -> None:
        self.events.append(event)
        if self._file is not None:
            self._file.write(json.dumps(event) + "\n")
            self._file.flush()

    # --- collection ---------------------------------------------------------------------------

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]):
        by_kata: dict[str, list[dict]] = {}
        for item in items:
            kata = kata_id_of(item.path)
            if kata is not None:
                by_kata.setdefault(kata, []).append(
                    {"name": item.nodeid.split("::", 1)[-1], "claim": claim_of(item)}
                )
        for kata, tests in by_kata.items():
            self._emit(event="collected", kata=kata, tests=tests)
        if self.count_only:
            kept = [item for item in items if kata_id_of(item.path) not in self.count_only]
            dropped = [item for item in items if kata_id_of(item.path) in self.count_only]
            if dropped:
                config.hook.pytest_deselected(items=dropped)
                items[:] = kept

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            path = Path(str(report.fspath)) if report.fspath else None
            self._emit(
                event="collect_error",
                kata=kata_id_of(path) if path else None,
                path=report.nodeid,
                message=report.longreprtext.strip()[-2000:],
            )

    # --- running ------------------------------------------------------------------------------

    def pytest_runtest_logstart(self, nodeid: str, location) -> None:
        self._started[nodeid] = time.perf_counter()
        self._reports[nodeid] = []
        kata = kata_id_of(Path(location[0]))
        self._emit(event="start", kata=kata, name=nodeid.split("::", 1)[-1])

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        excinfo = call.excinfo
        if (
            report.failed
            and excinfo is not None
            and excinfo.errisinstance(_RETURN_TYPE_ERRORS)
            and not isinstance(report.longrepr, str)
            and excinfo.traceback
            and Path(str(excinfo.traceback[-1].path)) == Path(item.path)
        ):
            self._notes[item.nodeid] = RETURN_TYPE_NOTE
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._reports.setdefault(report.nodeid, []).append(report)

    def pytest_runtest_logfinish(self, nodeid: str, location) -> None:
        reports = self._reports.pop(nodeid, [])
        status, message = "passed", ""
        for report in reports:
            if report.failed:
                status, message = "failed", short_message(report) + self._notes.pop(nodeid, "")
                break
            if report.skipped:
                status, message = "skipped", short_message(report)
        if not any(r.when == "call" for r in reports) and status == "passed":
            status = "failed"
        duration = time.perf_counter() - self._started.pop(nodeid, time.perf_counter())
        self._emit(
            event="result",
            kata=kata_id_of(Path(location[0])),
            name=nodeid.split("::", 1)[-1],
            status=status,
            message=message,
            duration=round(duration, 4),
        )

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self._emit(event="finished", exitstatus=int(exitstatus))
        if self._file is not None:
            self._file.close()
            self._file = None

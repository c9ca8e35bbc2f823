"""Run one kata's tests against one implementation, in this process, and collect the outcomes.

The meta-checks call this many times (reference, pristine stub, every mutant). Running pytest
in-process means scikit-learn or TensorFlow are imported once, not once per implementation.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kata_harness.catalog import REPO_ROOT, Kata


@dataclass
class KataRun:
    """Outcomes of one kata's tests against one implementation, keyed by test name."""

    exit_code: int = 0
    outcomes: dict[str, str] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> list[str]:
        return [name for name, outcome in self.outcomes.items() if outcome == "failed"]

    def not_passed(self) -> list[str]:
        return [name for name, outcome in self.outcomes.items() if outcome != "passed"]

    def not_failed(self) -> list[str]:
        return [name for name, outcome in self.outcomes.items() if outcome != "failed"]

    def describe(self, names: list[str]) -> str:
        return "\n".join(
            f"  {name}: {self.messages.get(name, self.outcomes[name])}" for name in names
        )


class _OutcomeRecorder:
    """A pytest plugin that keeps each test's overall outcome and the first line of its failure."""

    def __init__(self, run: KataRun):
        self.run = run

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        name = report.nodeid.split("::", 1)[-1]
        if report.failed:
            self.run.outcomes[name] = "failed"
            lines = report.longreprtext.strip().splitlines()
            self.run.messages.setdefault(name, lines[-1] if lines else "failed")
        elif report.skipped:
            self.run.outcomes.setdefault(name, "skipped")
        elif report.when == "call":
            self.run.outcomes.setdefault(name, "passed")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.run.outcomes[f"<collecting {report.nodeid}>"] = "failed"
            self.run.messages[f"<collecting {report.nodeid}>"] = report.longreprtext.strip()


def run_kata(
    kata: Kata, impl_dir: Path, *, stop_at_first_failure: bool = False, extra_args: tuple = ()
) -> KataRun:
    """Run the kata's test file against ``impl_dir/NN_slug/<slug>.py`` and return every outcome."""
    run = KataRun()
    args = [
        str(kata.test_path),
        "--impl-dir",
        str(impl_dir),
        "--rootdir",
        str(REPO_ROOT),
        "-c",
        str(REPO_ROOT / "pyproject.toml"),
        "-q",
        "--no-header",
        "--tb=line",
        "-p",
        "no:cacheprovider",
        # Inside an xdist worker the nested run must not act as a worker itself.
        "-p",
        "no:xdist.plugin",
        # The outer test's timeout guards the whole run; a nested alarm would cancel it.
        "--timeout",
        "0",
    ]
    if stop_at_first_failure:
        args.append("--exitfirst")
    args.extend(extra_args)
    run.exit_code = int(pytest.main(args, plugins=[_OutcomeRecorder(run)]))
    return run


# Byte-code caches are the interpreter's, not a test's; everything else a run leaves is a leak.
_NOT_A_LEAK = ("__pycache__/", ".pytest_cache/")


def work_tree_entries() -> set[str]:
    """Every changed, untracked or ignored path in the checkout, as ``git status`` lists them."""
    listing = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--ignored"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {line for line in listing.splitlines() if not any(p in line for p in _NOT_A_LEAK)}


def pristine_stub_source(kata: Kata) -> str:
    """The stub as committed, so the check holds even after a learner has edited ``katas/``."""
    relative = kata.folder.relative_to(REPO_ROOT) / kata.module_filename
    try:
        return subprocess.run(
            ["git", "show", f"HEAD:{relative.as_posix()}"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        # Not committed yet (a kata being written) or no git: the working copy is all there is.
        return (kata.folder / kata.module_filename).read_text(encoding="utf-8")


def install_as_implementation(kata: Kata, source: str, impl_dir: Path) -> Path:
    """Lay ``source`` out as ``impl_dir/NN_slug/<slug>.py`` so ``--impl-dir impl_dir`` tests it."""
    target = kata.module_path(impl_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    return impl_dir

"""`katas watch`: re-run a kata each time its file is saved, from a warm interpreter.

The watcher (watchfiles) runs in the `katas` process. The tests run in a long-lived worker process,
``python -m kata_harness.watch --worker ROOT TIMEOUT``, that has already imported the kata's
catalog ``libraries`` (scikit-learn, TensorFlow, ...) and, after the first run, its test module.
Each run is ``pytest.main`` inside that worker; the learner's module is imported afresh every time
(kata_harness.implementation loads it from its file), so a save is always what gets tested.

The worker is a separate process rather than a fork of a warm parent (TensorFlow and fork do not
mix), and a separate process from the watcher so that learner code that kills its interpreter
(``os._exit``, a native crash) costs one restart, not the watch session.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kata_harness.catalog import Kata
from kata_harness.repo import Repo, file_digest
from kata_harness.runner import KataResult, PytestRun, interpret, missing_test_file

LOG_NAME = "watch-worker.log"


# --- inside the worker ----------------------------------------------------------------------


def _forget_module_loaded_from(path: Path) -> None:
    target = os.path.realpath(path)
    for name, module in list(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        if filename and os.path.realpath(filename) == target:
            del sys.modules[name]


def run_in_process(
    repo: Repo, kata: Kata, timeout: float, test_digests: dict[str, str] | None = None
) -> KataResult:
    """Run one kata's tests with ``pytest.main`` in this process and return its result.

    pytest keeps an imported test module for later runs in the same process; ``test_digests``
    remembers each test file's hash so that an edited test file is imported again.
    """
    import pytest

    from kata_harness.recorder import Recorder

    test_path = repo.test_path(kata)
    if not test_path.is_file():
        return missing_test_file(repo, kata)
    if test_digests is not None:
        digest = file_digest(test_path)
        if test_digests.get(kata.id, digest) != digest:
            _forget_module_loaded_from(test_path)
        test_digests[kata.id] = digest
    recorder = Recorder()
    args = [
        str(test_path),
        *repo.pytest_config_args(),
        "-p",
        "no:cacheprovider",
        "-q",
        "--no-header",
        "--tb=line",
        "--timeout",
        str(timeout),
    ]
    exit_code = int(pytest.main(args, plugins=[recorder]))
    settled = interpret(repo, PytestRun(recorder.events, exit_code, ""), {kata.id: kata}, set())
    return settled.get(kata.id) or KataResult(
        kata.id, problem=f"pytest stopped with exit code {exit_code} before running any test"
    )


def _preload(libraries: Iterable[str]) -> list[str]:
    failed = []
    for name in libraries:
        try:
            importlib.import_module(name)
        except Exception as error:  # a missing library is reported, not fatal
            failed.append(f"{name}: {type(error).__name__}: {error}")
    return failed


def _run_conftest_early(repo: Repo) -> None:
    """Execute conftest.py once before any library loads, as a cold pytest run would.

    conftest.py sets process-wide settings that only count before numpy is imported (it caps
    BLAS/OpenMP threads); preloading scikit-learn first would bypass them. Errors are left for
    the first pytest run to report.
    """
    path = repo.root / "conftest.py"
    spec = importlib.util.spec_from_file_location("_katas_conftest_preload", path)
    if spec is None or spec.loader is None:
        return
    try:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    except Exception:  # reported by pytest itself on the first run
        pass


def worker_main(root: str, timeout: float) -> int:
    """Serve JSON-line requests on stdin: preload libraries, run a kata, quit."""
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the watcher's to handle
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # pytest's own report and stray prints must not mix with the replies
    os.close(devnull)
    repo = Repo(Path(root))
    _run_conftest_early(repo)
    test_digests: dict[str, str] = {}
    for line in sys.stdin:
        request = json.loads(line)
        started = time.perf_counter()
        try:
            if request["op"] == "quit":
                break
            if request["op"] == "preload":
                reply = {"op": "preloaded", "failed": _preload(request["libraries"])}
            elif request["op"] == "run":
                kata = repo.resolve(request["kata"])
                result = run_in_process(repo, kata, timeout, test_digests)
                reply = {"op": "result", "result": result.to_dict()}
            else:
                reply = {"op": "error", "message": f"unknown request {request['op']!r}"}
        except Exception as error:  # report and keep serving
            reply = {"op": "error", "message": f"{type(error).__name__}: {error}"}
        reply["seconds"] = time.perf_counter() - started
        reply["pid"] = os.getpid()
        replies.write(json.dumps(reply) + "\n")
        _settle_heap()
    return 0


def _settle_heap() -> None:
    """Collect this run's garbage, then freeze what is left, while the learner is editing.

    pytest ends every session with several full ``gc.collect()`` passes; with scikit-learn or
    TensorFlow loaded those scan millions of objects (over a second here). Frozen objects are
    skipped, so each run pays only for the objects it created.
    """
    gc.collect()
    gc.freeze()


# --- in the watcher ---------------------------------------------------------------------------


class WarmInterpreter:
    """A worker process that keeps the libraries imported between runs; restarted if it dies."""

    def __init__(self, repo: Repo, *, timeout: float = 60.0, run_deadline: float | None = None):
        self.repo = repo
        self.timeout = timeout
        self.run_deadline = run_deadline or max(600.0, 30 * timeout)
        self.log_path = repo.state_dir / LOG_NAME
        self.process: subprocess.Popen | None = None
        self.preloaded: set[str] = set()
        self.starts = 0
        self._replies: queue.Queue = queue.Queue()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.alive else None

    def start(self, libraries: Iterable[str] = ()) -> list[str]:
        """Start the worker and import ``libraries`` in it; returns the ones that failed."""
        self.close()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kata_harness.watch", "--worker", str(self.repo.root)]
                + [str(self.timeout)],
                cwd=self.repo.root,
                env=self.repo.subprocess_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        self.starts += 1
        self.preloaded = set()
        self._replies = queue.Queue()
        threading.Thread(
            target=self._read_replies, args=(self.process.stdout, self._replies), daemon=True
        ).start()
        return self.preload(libraries)

    @staticmethod
    def _read_replies(stream, replies: queue.Queue) -> None:
        for line in stream:
            replies.put(line)
        replies.put(None)  # end of file: the worker is gone

    def _request(self, payload: dict, deadline: float) -> dict | str:
        """The worker's reply, or "died" / "timed out"."""
        try:
            self.process.stdin.write((json.dumps(payload) + "\n").encode("utf-8"))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            return "died"
        try:
            line = self._replies.get(timeout=deadline)
        except queue.Empty:
            return "timed out"
        if line is None:
            return "died"
        return json.loads(line)

    def preload(self, libraries: Iterable[str]) -> list[str]:
        wanted = [name for name in libraries if name not in self.preloaded]
        if not wanted:
            return []
        reply = self._request({"op": "preload", "libraries": wanted}, deadline=600)
        if not isinstance(reply, dict):
            return [f"the worker {reply} while importing {', '.join(wanted)}"]
        self.preloaded.update(wanted)
        return reply.get("failed", [])

    def run(self, kata: Kata) -> tuple[KataResult, float]:
        """Run the kata in the worker; returns its result and the seconds the worker spent."""
        if not self.alive:
            self.start(kata.libraries)
        else:
            self.preload(kata.libraries)
        started = time.perf_counter()
        reply = self._request({"op": "run", "kata": kata.id}, deadline=self.run_deadline)
        elapsed = time.perf_counter() - started
        if isinstance(reply, dict) and reply.get("op") == "result":
            return KataResult.from_dict(reply["result"]), elapsed
        log = self.repo.relative(self.log_path)
        if isinstance(reply, dict):
            problem = f"the warm interpreter could not run {kata.id}: {reply.get('message')}"
        elif reply == "timed out":
            self.close(kill=True)
            problem = (
                f"{kata.id} did not finish within {self.run_deadline:.0f} s, so the warm "
                "interpreter was stopped; look for a loop that never ends. It restarts on the "
                "next save."
            )
        else:
            code = self.process.wait() if self.process is not None else None
            self.process = None
            problem = (
                f"the warm interpreter stopped while running {kata.id} (exit code {code}): does "
                "the code call os._exit() or crash Python? It restarts on the next save; its "
                f"error output is in {log}."
            )
        return KataResult(kata.id, problem=problem), elapsed

    def close(self, kill: bool = False) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        if not kill:
            try:
                process.stdin.write(b'{"op": "quit"}\n')
                process.stdin.flush()
                process.wait(timeout=10)
                return
            except (BrokenPipeError, OSError, ValueError, subprocess.TimeoutExpired):
                pass
        process.kill()
        process.wait()

    def __enter__(self) -> WarmInterpreter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def katas_for_changes(repo: Repo, katas: Iterable[Kata], changes: Iterable) -> list[Kata]:
    """The watched katas whose learner file or test file is among ``(change, path)`` pairs."""
    watched = {}
    for kata in katas:
        for path in (repo.module_path(kata), repo.test_path(kata)):
            watched[path.resolve()] = kata
    hits: dict[str, Kata] = {}
    for _change, path in changes:
        kata = watched.get(Path(path).resolve())
        if kata is not None:
            hits.setdefault(kata.id, kata)
    return list(hits.values())


def file_changes(repo: Repo, stop_event: threading.Event) -> Iterator[set]:
    """Batches of ``(change, path)`` for Python files under ``katas/``, from watchfiles.

    The watcher starts at once, in a thread, so a save made while a run is still going (or
    before the loop first asks) is queued rather than missed. Setting ``stop_event`` ends it.
    """
    import watchfiles

    batches: queue.Queue = queue.Queue()

    def pump() -> None:
        try:
            for batch in watchfiles.watch(
                repo.root / "katas",
                watch_filter=lambda _change, path: path.endswith(".py"),
                stop_event=stop_event,
                raise_interrupt=False,
            ):
                batches.put(batch)
        finally:
            batches.put(None)

    threading.Thread(target=pump, daemon=True, name="katas-watch").start()

    def drain() -> Iterator[set]:
        while not stop_event.is_set():
            try:
                batch = batches.get(timeout=0.25)
            except queue.Empty:
                continue
            if batch is None:
                return
            yield batch

    return drain()


def watch_loop(
    repo: Repo,
    katas: list[Kata],
    runner: WarmInterpreter,
    *,
    on_result: Callable[[Kata, KataResult, float], None],
    changes: Iterable | None = None,
    max_runs: int | None = None,
    stop_event: threading.Event | None = None,
) -> int:
    """Run each kata whose file changes; stop after ``max_runs`` runs or at ``stop_event``."""
    runs = 0
    if max_runs is not None and max_runs <= 0:
        return runs
    if changes is None:
        changes = file_changes(repo, stop_event or threading.Event())
    for batch in changes:
        for kata in katas_for_changes(repo, katas, batch):
            result, seconds = runner.run(kata)
            on_result(kata, result, seconds)
            runs += 1
            if max_runs is not None and runs >= max_runs:
                return runs
        if stop_event is not None and stop_event.is_set():
            break
    return runs


# --- measuring the speed-up ---------------------------------------------------------------------


def _copy_for_measuring(repo: Repo, kata: Kata, target: Path, with_reference: bool) -> Repo:
    import shutil

    for name in ("conftest.py", "katas.toml", "pyproject.toml"):
        shutil.copyfile(repo.root / name, target / name)
    shutil.copytree(
        repo.root / "kata_harness",
        target / "kata_harness",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    copy = Repo(target)
    shutil.copytree(
        repo.folder(kata), copy.folder(kata), ignore=shutil.ignore_patterns("__pycache__")
    )
    if with_reference:
        shutil.copyfile(repo.solution_path(kata), copy.module_path(kata))
    return copy


def _save(path: Path, number: int) -> None:
    """What an editor's save does to the file: new content, written in place."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n# save {number}\n", encoding="utf-8")


def measure(
    repo: Repo,
    kata: Kata,
    *,
    repeats: int = 3,
    with_reference: bool = False,
    timeout: float = 60.0,
    pause: float = 1.5,
) -> dict:
    """Cold ``pytest katas/NN_x`` against a warm re-run after a save, on a private copy.

    Nothing in the checkout is written: the kata is copied to a temporary directory first. Cold
    and warm runs alternate, so both see the same load on a shared machine, and each save follows
    ``pause`` seconds of quiet, as it would while a learner types.
    """
    with tempfile.TemporaryDirectory(prefix="katas-measure-") as scratch:
        target = Path(scratch) / "repo"
        (target / "katas").mkdir(parents=True)
        copy = _copy_for_measuring(repo, kata, target, with_reference)
        cold, warm = [], []
        with WarmInterpreter(copy, timeout=timeout) as runner:
            started = time.perf_counter()
            runner.start(kata.libraries)
            result, _ = runner.run(kata)  # imports the test module; later saves reuse it
            first = time.perf_counter() - started
            for number in range(repeats):
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "pytest", f"katas/{kata.id}", "-q"]
                    + ["-p", "no:cacheprovider"],
                    cwd=copy.root,
                    env=copy.subprocess_env(),
                    capture_output=True,
                    check=False,
                )
                cold.append(time.perf_counter() - started)
                time.sleep(pause)
                _save(copy.module_path(kata), number)
                started = time.perf_counter()
                result, _ = runner.run(kata)
                warm.append(time.perf_counter() - started)
            saved_to_shown = _save_to_result(copy, kata, runner, repeats, pause)
        return {
            "kata": kata.id,
            "implementation": "reference" if with_reference else "learner's file",
            "claims": f"{result.claims_passed}/{result.claims_total}",
            "cold_seconds": cold,
            "warm_start_seconds": first,
            "warm_run_seconds": warm,
            "save_to_result_seconds": saved_to_shown,
            "ratio": min(saved_to_shown) / min(cold),
        }


def _save_to_result(
    copy: Repo, kata: Kata, runner: WarmInterpreter, repeats: int, pause: float
) -> list[float]:
    """Seconds from writing the file to the result, through the real file watcher."""
    shown: queue.Queue = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_loop,
        args=(copy, [kata], runner),
        kwargs={
            "on_result": lambda *_: shown.put(time.perf_counter()),
            "changes": file_changes(copy, stop),
            "stop_event": stop,
            "max_runs": repeats,
        },
        daemon=True,
    )
    thread.start()
    times = []
    for number in range(repeats):
        time.sleep(pause)  # the watcher starts; the learner types
        started = time.perf_counter()
        _save(copy.module_path(kata), 100 + number)
        times.append(shown.get(timeout=600) - started)
    stop.set()
    thread.join(timeout=10)
    return times


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        raise SystemExit(worker_main(sys.argv[2], float(sys.argv[3])))
    print("usage: python -m kata_harness.watch --worker ROOT TIMEOUT", file=sys.stderr)
    raise SystemExit(2)

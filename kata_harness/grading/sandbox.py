"""The sandbox: one child process per kata, with limits, a watchdog in the parent, and nothing of
the child left behind when it ends.

Three tools, best first:

- ``bwrap`` (bubblewrap, Debian package ``bubblewrap``): the child sees a read-only system
  (``/usr``, ``/etc``, Python's prefix and site-packages), the grading tree read-only at
  ``/grading``, a scratch ``/tmp``, its own process and network namespaces (loopback only), and
  nothing else: no checkout, no ``solutions/``, no git history, no home directory. When its first
  process ends, the kernel kills every process left in the namespace.
- ``unshare`` (util-linux): new mount, process and network namespaces; the grader's checkout, the
  submission and the installed package's location are covered by empty file systems and the
  grading tree is made read-only. The rest of the file system stays visible.
- ``plain``: a child process in a session of its own, with the same limits and a private copy of
  the grading tree, but no file-system or network isolation. The report says so.

Limits on every tool: address space, CPU time, processes, file size (``setrlimit``), a per-test
watchdog in the parent that kills the child when a test outlives its timeout (learner code can
swallow pytest-timeout's exception, not a SIGKILL), and the overall deadline. ``RLIMIT_NPROC``
is not enforced for root, so the watchdog also counts the child's processes.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kata_harness.repo import KatasError

SANDBOX_TREE = "/grading"  # where bwrap shows the grading tree to the child
TOOLS = ("bwrap", "unshare", "plain")
_PR_SET_CHILD_SUBREAPER = 36

_BOOTSTRAP = """\
import os, sys
tree, forbidden = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
sys.path.insert(0, tree)
if forbidden:
    from kata_harness.grading.guard import install_guard
    install_guard([path for path in forbidden.split(os.pathsep) if path])
import pytest
raise SystemExit(pytest.main(sys.argv[1:]))
"""


@dataclass(frozen=True)
class Limits:
    """What one kata's child may use."""

    timeout: float = 60.0  # seconds per test, pytest-timeout inside, the watchdog outside
    memory_mb: int = 4096  # address space; TensorFlow maps about 2 GB of it at import
    cpu_seconds: int = 1800
    processes: int = 64
    file_size_mb: int = 256
    startup_seconds: float = 300.0  # interpreter start, imports and collection: no learner code

    @property
    def watchdog_seconds(self) -> float:
        """When the parent kills a test that pytest-timeout did not stop."""
        return self.timeout + max(2.0, 0.1 * self.timeout)

    def to_json(self) -> dict:
        return {
            "timeout_seconds": self.timeout,
            "watchdog_seconds": self.watchdog_seconds,
            "memory_mb": self.memory_mb,
            "cpu_seconds": self.cpu_seconds,
            "processes": self.processes,
            "file_size_mb": self.file_size_mb,
        }


@dataclass(frozen=True)
class Tool:
    name: str  # bwrap, unshare or plain
    version: str
    note: str

    def to_json(self) -> dict:
        return {"tool": self.name, "version": self.version, "note": self.note}


_NOTES = {
    "bwrap": (
        "bubblewrap: read-only system and grading tree, scratch /tmp, no network, own process "
        "namespace; the checkout, the references and git history are not mounted"
    ),
    "unshare": (
        "unshare: own mount, process and network namespaces; the grader's checkout, the "
        "submission and the installed package are hidden, the grading tree is read-only, the "
        "rest of the file system is visible (bubblewrap hides it; install it where you can)"
    ),
    "plain": (
        "plain process isolation only, without bubblewrap or unshare: the child could read the "
        "file system and reach the network; an audit hook refuses the references, each kata "
        "has its own copy of the grading tree, and the limits and the watchdog still apply"
    ),
}


def _works(command: list[str]) -> bool:
    """Whether ``command`` (a trivial program inside the tool) runs and exits 0."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def detect(preference: str = "auto") -> Tool:
    """The best tool that works here, or the one asked for (SandboxError if it does not work)."""
    candidates = TOOLS if preference == "auto" else (preference,)
    for name in candidates:
        if name == "plain":
            return Tool("plain", "", _NOTES["plain"])
        binary = shutil.which(name)
        if binary is None:
            continue
        if name == "bwrap":
            probe = [binary, *_bwrap_base(), "/bin/true"]
        else:
            probe = [binary, *_unshare_base(), "true"]
        if not _works(probe):
            continue
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
        return Tool(name, version.strip().splitlines()[0] if version.strip() else "", _NOTES[name])
    if preference != "auto":
        raise SandboxError(f"the sandbox {preference!r} does not work on this machine")
    return Tool("plain", "", _NOTES["plain"])


class SandboxError(KatasError):
    """The sandbox asked for does not work here."""

    exit_code = 3


# --- the commands -----------------------------------------------------------------------------


def _bwrap_base() -> list[str]:
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    for top in ("/usr", "/etc"):
        args += ["--ro-bind", top, top]
    for top in ("/bin", "/sbin", "/lib", "/lib64", "/lib32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    args += ["--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]
    args += ["--dev", "/dev", "--tmpfs", "/dev/shm", "--proc", "/proc", "--tmpfs", "/tmp"]
    # After the scratch /tmp: bwrap applies mounts in order, and a virtual environment under /tmp
    # (or any Python outside /usr) must stay visible above it.
    for place in _python_places():
        args += ["--ro-bind", place, place]
    return args


def _python_places() -> list[str]:
    """Python's prefixes and site-packages folders outside /usr, outermost first."""
    import site

    places = {sys.base_prefix, sys.prefix, *site.getsitepackages()}
    user_site = site.getusersitepackages()
    if isinstance(user_site, str) and os.path.isdir(user_site):
        places.add(user_site)
    kept: list[str] = []
    for place in sorted(os.path.realpath(p) for p in places if os.path.isdir(p)):
        if place.startswith("/usr/") or any(place.startswith(k + os.sep) for k in kept):
            continue
        kept.append(place)
    return kept


def _unshare_base() -> list[str]:
    args = ["--mount", "--net", "--pid", "--fork", "--kill-child", "--mount-proc"]
    if os.geteuid() != 0:
        args = ["--user", "--map-root-user", *args]
    return args


# Inside unshare: loopback up, the tree read-only, the hidden folders covered, then the command.
_UNSHARE_SCRIPT = """\
set -e
mount --make-rprivate /
ip link set lo up 2>/dev/null || true
tree="$1"; shift
mount --bind "$tree" "$tree"
mount -o remount,bind,ro "$tree"
while [ "$1" != "--" ]; do
  if [ -d "$1" ]; then mount -t tmpfs -o size=64k,ro katas-hidden "$1"; fi
  shift
done
shift
exec "$@"
"""


def _set_limits(limits: Limits) -> None:
    """In the child, before exec: a session of its own and the resource limits."""
    os.setsid()
    mb = 1024 * 1024
    for which, value in (
        (resource.RLIMIT_AS, limits.memory_mb * mb),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_size_mb * mb),
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_CORE, 0),
    ):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (value, value))


# --- one child ----------------------------------------------------------------------------------


@dataclass
class ChildRun:
    """What one child left: its events in order, how it ended, and why the parent killed it."""

    events: list[dict] = field(default_factory=list)
    late_events: int = 0  # lines that arrived after the child's session finished
    unreadable: int = 0  # lines that were not JSON
    returncode: int | None = None
    output_tail: str = ""
    killed: str = ""  # "", "timeout", "deadline", "startup", "processes"
    killed_in: str | None = None  # the test that was running when it was killed
    seconds: float = 0.0


class _Reader(threading.Thread):
    def __init__(self, stream, on_line=None, keep: int = 4000):
        super().__init__(daemon=True)
        self.stream, self.on_line, self.keep = stream, on_line, keep
        self.tail = b""

    def run(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            if self.on_line is not None:
                for line in self.stream:
                    self.on_line(line)
            else:
                while chunk := self.stream.read1(65536):
                    self.tail = (self.tail + chunk)[-self.keep :]


# Children are started and registered under this lock, so that a sweep for orphans (which holds
# it) never mistakes another kata's child, just started, for an orphan.
_active_lock = threading.Lock()
_active_children: set[int] = set()


def _set_subreaper(on: bool) -> bool:
    """Make orphans of our children ours (or stop), so a child that calls setsid cannot escape."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1 if on else 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, session id) of every process we can see."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        found.append((int(entry), int(fields[1]), int(fields[3])))
    return found


def _descendants(root: int, table: list[tuple[int, int, int]]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, parent, _ in table:
        children.setdefault(parent, []).append(pid)
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _kill_everything(process: subprocess.Popen, sweep_orphans: bool) -> None:
    """The child, its process group, its session, its descendants and (``sweep_orphans``) the
    orphans re-parented to this process: SIGKILL."""
    table = _processes() if os.path.isdir("/proc") else []
    doomed = _descendants(process.pid, table) | {
        pid for pid, _, session in table if session == process.pid
    }
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    for pid in doomed:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    process.wait()
    if not sweep_orphans:
        return
    with _active_lock:
        me = os.getpid()
        for pid, parent, _ in _processes():
            if parent == me and pid not in _active_children and pid != process.pid:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(pid, 0)


def command_for(
    tool: Tool, tree: Path, pytest_args: list[str], *, hidden: list[str], forbidden: list[str]
) -> tuple[list[str], str]:
    """The command that runs pytest on ``tree`` inside ``tool``, and the tree's path in there."""
    inside = SANDBOX_TREE if tool.name == "bwrap" else str(tree)
    guard = os.pathsep.join(forbidden) if tool.name != "bwrap" else ""
    python = [sys.executable, "-E", "-B", "-c", _BOOTSTRAP, inside, guard, *pytest_args]
    if tool.name == "bwrap":
        return [
            shutil.which("bwrap"),
            *_bwrap_base(),
            "--ro-bind",
            str(tree),
            SANDBOX_TREE,
            "--dir",
            "/tmp/home",
            "--chdir",
            "/tmp",
            *python,
        ], inside
    if tool.name == "unshare":
        return [
            shutil.which("unshare"),
            *_unshare_base(),
            "sh",
            "-c",
            _UNSHARE_SCRIPT,
            "katas-sandbox",
            str(tree),
            *hidden,
            "--",
            *python,
        ], inside
    return python, inside


def child_environment(tool: Tool, scratch: Path | None) -> dict[str, str]:
    """A small, fixed environment: nothing of the grader's (no secrets, no PYTHONPATH)."""
    home = "/tmp/home" if tool.name == "bwrap" else str(scratch)
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": "/tmp" if tool.name == "bwrap" else str(scratch),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
    }
    return env


def run_child(
    command: list[str],
    *,
    env: dict[str, str],
    cwd: Path,
    limits: Limits,
    deadline: float,
    events_fd_placeholder: str = "{events}",
    adopt_orphans: bool = False,
) -> ChildRun:
    """Start ``command``, feed the watchdog from its events, and kill everything of it at the end.

    The string ``{events}`` in the command is replaced by the path of the events pipe's write end.
    ``adopt_orphans`` makes this process a child subreaper, so that a helper that left the child's
    session (``setsid``) is re-parented here and killed with the rest.
    """
    # bubblewrap's and unshare's PID namespaces need no help; plain processes run one at a time.
    adopting = adopt_orphans and os.path.isdir("/proc") and _set_subreaper(True)
    read_end, write_end = os.pipe()
    command = [part.replace(events_fd_placeholder, f"/dev/fd/{write_end}") for part in command]
    run = ChildRun()
    state = {"test": None, "since": time.monotonic(), "finished": None}
    lock = threading.Lock()

    def on_event(raw: bytes) -> None:
        try:
            event = json.loads(raw)
            if not isinstance(event, dict):
                raise ValueError
        except ValueError:
            run.unreadable += 1
            return
        with lock:
            if state["finished"] is not None:
                run.late_events += 1
                event["late"] = True  # kept: a late failure still overrides a forged pass
            run.events.append(event)
            kind = event.get("event")
            if kind == "start":
                state["test"], state["since"] = event.get("name"), time.monotonic()
            elif kind == "result":
                state["test"], state["since"] = None, time.monotonic()
            elif kind == "finished":
                state["finished"] = time.monotonic()

    started = time.monotonic()
    try:
        with _active_lock:
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(write_end,),
                preexec_fn=lambda: _set_limits(limits),
            )
            _active_children.add(process.pid)
    finally:
        os.close(write_end)
    events_stream = os.fdopen(read_end, "rb")
    readers = [_Reader(events_stream, on_event), _Reader(process.stdout)]
    for reader in readers:
        reader.start()
    last_count = 0.0
    try:
        while process.poll() is None:
            time.sleep(0.05)
            now = time.monotonic()
            with lock:
                test, since, finished = state["test"], state["since"], state["finished"]
                any_started = test is not None or any(
                    e.get("event") in ("start", "result") for e in run.events
                )
            if now >= deadline:
                run.killed, run.killed_in = "deadline", test
            elif finished is not None and now - finished > 5:
                run.killed = "lingering"  # the session is over; an exit hook holds the process
            elif test is not None and now - since > limits.watchdog_seconds:
                run.killed, run.killed_in = "timeout", test
            elif test is None and not any_started and now - started > limits.startup_seconds:
                run.killed = "startup"
            elif (
                test is None
                and any_started
                and finished is None
                and now - since > limits.watchdog_seconds + limits.startup_seconds
            ):
                run.killed = "timeout"
            elif now - last_count > 0.5 and os.path.isdir("/proc"):
                last_count = now
                if len(_descendants(process.pid, _processes())) > limits.processes + 4:
                    run.killed, run.killed_in = "processes", test
            if run.killed:
                break
    finally:
        _kill_everything(process, sweep_orphans=adopting)
        with _active_lock:
            _active_children.discard(process.pid)
        if adopting:
            _set_subreaper(False)
        for reader in readers:
            reader.join(timeout=30)
        with contextlib.suppress(OSError):
            events_stream.close()
    run.returncode = process.returncode
    run.output_tail = readers[1].tail.decode("utf-8", "replace")
    run.seconds = time.monotonic() - started
    return run


def private_tree(tree: Path, scratch: Path) -> Path:
    """A copy of the grading tree for one child (plain and unshare: a deletion stays its own)."""
    copy = scratch / "tree"
    shutil.copytree(tree, copy, symlinks=False)
    return copy

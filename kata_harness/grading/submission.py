"""Reading a submission: the learner's kata modules, and nothing else, from a directory, a git
repository at a commit, or an archive.

Only ``katas/NN_slug/<slug>.py`` for each kata of the grader's catalog is read. Each must be a
regular file (no symbolic link, no submodule, no device) no larger than the size cap. From a git
repository the files are the blobs of the graded commit, so uncommitted edits and the work tree
play no part. An archive is read member by member and never extracted. Nothing from the submission
is installed, imported or executed here, and nothing is written into it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kata_harness.catalog import Kata
from kata_harness.repo import KatasError

DEFAULT_MAX_BYTES = 512 * 1024
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")
# Files that would change how pytest runs if they were loaded; grading never loads them, and the
# notes say so, so that nobody believes they played a part.
_CONFIG_NAMES = {
    "conftest.py",
    "pytest.ini",
    "tox.ini",
    "setup.cfg",
    "pyproject.toml",
    "__init__.py",
}


class SubmissionError(KatasError):
    """The submission cannot be read at all (no such path, bad commit, broken archive)."""

    exit_code = 3


@dataclass
class SubmittedFile:
    """One learner module as read from the submission, or why it could not be used."""

    path: str  # katas/NN_slug/<slug>.py
    content: bytes | None = None
    problem: str = ""  # why there is no content: missing, not a regular file, too large


@dataclass
class Submission:
    """What was read, and from where: enough for a gradebook to tie the grade to a commit."""

    source: str
    kind: str  # "git", "directory" or "archive"
    files: dict[str, SubmittedFile]  # by kata id
    commit: str | None = None
    commit_time: str | None = None
    ref: str | None = None
    ignored: list[str] = field(default_factory=list)  # extra files in kata folders, never loaded


def _kata_relative(kata: Kata) -> str:
    return f"katas/{kata.id}/{kata.module_filename}"


def read_submission(
    source: str | Path,
    katas: tuple[Kata, ...],
    *,
    ref: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    working_tree: bool = False,
) -> Submission:
    """Read each kata's module from ``source``; raises SubmissionError when nothing can be read.

    A directory with ``.git`` is read at ``ref`` (default HEAD) unless ``working_tree`` asks for
    the files as they are on disk (a learner's feedback grade).
    """
    path = Path(source).expanduser()
    if not path.exists():
        raise SubmissionError(f"the submission {source} does not exist")
    if path.is_file():
        if ref is not None:
            raise SubmissionError(f"--ref {ref} needs a git repository; {source} is a file")
        return _read_archive(path, katas, max_bytes)
    if not path.is_dir():
        raise SubmissionError(f"the submission {source} is neither a directory nor an archive")
    if (path / ".git").exists() and not working_tree:
        return _read_git(path, katas, ref or "HEAD", max_bytes)
    if ref is not None:
        raise SubmissionError(f"--ref {ref} needs a git repository; {source} has no .git")
    return _read_directory(path, katas, max_bytes)


# --- a directory --------------------------------------------------------------------------------


def _read_directory(root: Path, katas: tuple[Kata, ...], max_bytes: int) -> Submission:
    files = {}
    for kata in katas:
        relative = _kata_relative(kata)
        files[kata.id] = _read_regular_file(root, relative, max_bytes)
    ignored = []
    for kata in katas:
        folder = root / "katas" / kata.id
        if folder.is_dir() and not folder.is_symlink():
            ignored += _ignored_in(
                kata, [f"katas/{kata.id}/{entry.name}" for entry in folder.iterdir()]
            )
    return Submission(str(root), "directory", files, ignored=ignored)


def _read_regular_file(root: Path, relative: str, max_bytes: int) -> SubmittedFile:
    """The bytes of ``root/relative`` if every part of the path is a real folder or file."""
    current = root
    for part in relative.split("/"):
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return SubmittedFile(relative, problem=f"{relative} is not in the submission")
        if stat.S_ISLNK(info.st_mode):
            return SubmittedFile(
                relative,
                problem=f"{current.relative_to(root).as_posix()} is a symbolic link; grading "
                "reads only regular files",
            )
    if not stat.S_ISREG(info.st_mode):
        return SubmittedFile(relative, problem=f"{relative} is not a regular file")
    if info.st_size > max_bytes:
        return SubmittedFile(relative, problem=_too_large(relative, info.st_size, max_bytes))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(current, flags)
    with os.fdopen(descriptor, "rb") as handle:
        content = handle.read(max_bytes + 1)
    if len(content) > max_bytes:
        return SubmittedFile(relative, problem=_too_large(relative, len(content), max_bytes))
    return SubmittedFile(relative, content)


def _too_large(relative: str, size: int, max_bytes: int) -> str:
    return f"{relative} is {size} bytes, over the {max_bytes}-byte cap on a kata module"


def _ignored_in(kata: Kata, names: list[str]) -> list[str]:
    """Files in a kata folder besides the module, the tests and the README: never loaded."""
    expected = {
        f"katas/{kata.id}/{kata.module_filename}",
        f"katas/{kata.id}/{kata.test_filename}",
        f"katas/{kata.id}/README.md",
    }
    ignored = []
    for name in sorted(names):
        base = PurePosixPath(name).name
        if name in expected or base.startswith(".") or base == "__pycache__":
            continue
        if base in _CONFIG_NAMES or base.endswith(".py") or base.endswith((".ini", ".cfg")):
            ignored.append(name)
    return ignored


# --- a git repository -----------------------------------------------------------------------------


def _git(repository: Path, *args: str, binary: bool = False) -> str | bytes:
    """Run a read-only git plumbing command with the repository's own config defused."""
    command = [
        "git",
        "-c",
        "core.fsmonitor=",
        "-c",
        "core.hooksPath=/dev/null",
        "-c",
        f"safe.directory={repository}",
        "-C",
        str(repository),
        *args,
    ]
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")} | {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
    }
    try:
        done = subprocess.run(command, capture_output=True, check=True, env=env, timeout=60)
    except FileNotFoundError:
        raise SubmissionError("git is not installed, so a repository cannot be graded") from None
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SubmissionError(
            f"git could not read {repository}: {detail[-1] if detail else 'unknown error'}"
        ) from None
    except subprocess.TimeoutExpired:
        raise SubmissionError(f"git took over 60 s to read {repository}") from None
    return done.stdout if binary else done.stdout.decode("utf-8", "replace")


def _read_git(root: Path, katas: tuple[Kata, ...], ref: str, max_bytes: int) -> Submission:
    try:
        commit = _git(
            root, "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"
        ).strip()
    except SubmissionError as error:
        raise SubmissionError(f"{ref!r} is not a commit of {root}: {error}") from None
    commit_time = _git(root, "show", "-s", "--format=%cI", commit).strip()
    listing = _git(root, "ls-tree", "-r", "-l", "-z", commit, "--", "katas/", binary=True)
    entries: dict[str, tuple[str, str, str, str]] = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, blob, size = meta.decode().split()
        entries[name.decode("utf-8", "replace")] = (mode, kind, blob, size)
    files = {}
    for kata in katas:
        relative = _kata_relative(kata)
        entry = entries.get(relative)
        if entry is None:
            files[kata.id] = SubmittedFile(
                relative, problem=f"{relative} is not in commit {commit[:12]}"
            )
            continue
        mode, kind, blob, size = entry
        if kind != "blob" or mode not in ("100644", "100755"):
            what = "a symbolic link" if mode == "120000" else f"not a regular file (mode {mode})"
            files[kata.id] = SubmittedFile(
                relative, problem=f"{relative} is {what}; grading reads only regular files"
            )
        elif int(size) > max_bytes:
            files[kata.id] = SubmittedFile(
                relative, problem=_too_large(relative, int(size), max_bytes)
            )
        else:
            files[kata.id] = SubmittedFile(
                relative, _git(root, "cat-file", "blob", blob, binary=True)
            )
    ignored = []
    for kata in katas:
        ignored += _ignored_in(
            kata, [name for name in entries if name.startswith(f"katas/{kata.id}/")]
        )
    return Submission(
        str(root), "git", files, commit=commit, commit_time=commit_time, ref=ref, ignored=ignored
    )


# --- an archive -------------------------------------------------------------------------------------


def _archive_members(path: Path) -> dict[str, tuple[str, int, callable]]:
    """Every member: (kind, size, reader); kind is "file", "link" or "other"."""
    members: dict[str, tuple[str, int, callable]] = {}
    name = path.name.lower()
    try:
        if name.endswith(".zip"):
            archive = zipfile.ZipFile(path)
            for info in archive.infolist():
                mode = info.external_attr >> 16
                if info.is_dir():
                    continue
                kind = (
                    "link"
                    if stat.S_ISLNK(mode)
                    else "file"
                    if (mode == 0 or stat.S_ISREG(mode))
                    else "other"
                )
                members[info.filename] = (
                    kind,
                    info.file_size,
                    lambda info=info: archive.open(info),
                )
        elif name.endswith(ARCHIVE_SUFFIXES):
            archive = tarfile.open(path)
            for info in archive.getmembers():
                if info.isdir():
                    continue
                kind = (
                    "file"
                    if info.isreg()
                    else "link"
                    if (info.issym() or info.islnk())
                    else "other"
                )
                members[info.name] = (kind, info.size, lambda info=info: archive.extractfile(info))
        else:
            raise SubmissionError(
                f"{path} is a file but not an archive this grader reads "
                f"({', '.join(ARCHIVE_SUFFIXES)})"
            )
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise SubmissionError(f"the archive {path} cannot be read: {error}") from None
    return members


def _read_archive(path: Path, katas: tuple[Kata, ...], max_bytes: int) -> Submission:
    members = _archive_members(path)
    # GitHub's and `git archive --prefix`'s archives put everything under one top-level folder.
    normalised: dict[str, tuple[str, int, callable]] = {}
    for name, member in members.items():
        parts = PurePosixPath(name.lstrip("./")).parts
        if ".." in parts:
            continue
        for start in (0, 1):
            if parts[start : start + 1] == ("katas",):
                normalised.setdefault("/".join(parts[start:]), member)
    files = {}
    for kata in katas:
        relative = _kata_relative(kata)
        member = normalised.get(relative)
        if member is None:
            files[kata.id] = SubmittedFile(relative, problem=f"{relative} is not in the archive")
            continue
        kind, size, reader = member
        if kind != "file":
            files[kata.id] = SubmittedFile(
                relative,
                problem=f"{relative} is not a regular file in the archive; grading reads only regular files",
            )
        elif size > max_bytes:
            files[kata.id] = SubmittedFile(relative, problem=_too_large(relative, size, max_bytes))
        else:
            with reader() as handle:
                content = handle.read(max_bytes + 1)
            if len(content) > max_bytes:
                files[kata.id] = SubmittedFile(
                    relative, problem=_too_large(relative, len(content), max_bytes)
                )
            else:
                files[kata.id] = SubmittedFile(relative, content)
    ignored = []
    for kata in katas:
        ignored += _ignored_in(kata, [n for n in normalised if n.startswith(f"katas/{kata.id}/")])
    return Submission(str(path), "archive", files, ignored=ignored)

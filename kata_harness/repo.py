"""The checkout the `katas` command works in: where it is, its katas, and the paths inside it.

The command finds the repository from the working directory, not from where this package is
installed, so a second clone (or a grading copy) is served by its own files. Every kata comes from
that checkout's ``katas.toml``; no list is kept here.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kata_harness.catalog import CatalogError, Kata, load_catalog

CATALOG_NAME = "katas.toml"
STATE_DIR_NAME = ".katas"


class KatasError(Exception):
    """A problem the user can fix; the message says what happened and what to do."""

    exit_code = 2


class NotInRepository(KatasError):
    """The working directory is not inside a checkout of the katas repository."""


class UnknownKata(KatasError):
    """A kata id that names no kata in the catalog."""


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes with CRLF read as LF, so a Windows checkout hashes the same."""
    return text_digest(path.read_bytes())


def text_digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` that holds ``katas.toml`` and ``katas/``."""
    start = (start or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        if (candidate / CATALOG_NAME).is_file() and (candidate / "katas").is_dir():
            return candidate
    raise NotInRepository(
        f"{start} is not inside a katas repository (no {CATALOG_NAME} next to a katas/ folder "
        "here or in any parent). cd into your checkout of the repository and try again."
    )


@dataclass(frozen=True)
class Repo:
    """One checkout: its root and the paths of each kata's files inside it."""

    root: Path

    @classmethod
    def discover(cls, start: Path | None = None) -> Repo:
        return cls(find_root(start))

    # --- the catalog ------------------------------------------------------------------------

    @property
    def catalog_path(self) -> Path:
        return self.root / CATALOG_NAME

    def katas(self) -> tuple[Kata, ...]:
        """Every kata of this checkout's catalog, in order (read afresh on every call)."""
        try:
            return load_catalog.__wrapped__(self.catalog_path)
        except CatalogError as error:
            raise KatasError(f"{error}. Restore it with `git checkout {CATALOG_NAME}`.") from None

    def resolve(self, text: str) -> Kata:
        """The kata named by ``08``, ``8``, ``imbalance``, ``08_imbalance`` or ``katas/08_imbalance/``."""
        katas = self.katas()
        wanted = text.strip().strip("/").lower()
        wanted = wanted.removeprefix("katas/").removeprefix("solutions/")
        for kata in katas:
            if wanted in {kata.id, kata.slug, f"{kata.number:02d}", str(kata.number)}:
                return kata
        if not katas:
            raise UnknownKata(f"there is no kata {text!r}: {CATALOG_NAME} lists no katas.")
        valid = ", ".join(kata.id for kata in katas)
        raise UnknownKata(
            f"there is no kata {text!r}. Valid katas: {valid}. Name one by its number, its name "
            f"or its folder, e.g. {katas[0].number:02d}, {katas[0].slug} or {katas[0].id}."
        )

    # --- paths ------------------------------------------------------------------------------

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def folder(self, kata: Kata) -> Path:
        return self.root / "katas" / kata.id

    def module_path(self, kata: Kata) -> Path:
        """The learner's file, ``katas/NN_slug/<slug>.py``."""
        return self.folder(kata) / kata.module_filename

    def test_path(self, kata: Kata) -> Path:
        return self.folder(kata) / kata.test_filename

    def solution_path(self, kata: Kata) -> Path:
        return self.root / "solutions" / kata.id / kata.module_filename

    @property
    def state_dir(self) -> Path:
        """``.katas/``: the cache and the backups (git-ignored)."""
        return self.root / STATE_DIR_NAME

    @property
    def harness_files(self) -> list[Path]:
        harness = self.root / "kata_harness"
        return sorted(p for p in harness.rglob("*") if p.is_file() and "__pycache__" not in p.parts)

    # --- running Python in this checkout ------------------------------------------------------

    def subprocess_env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment for a child Python that must use this checkout's harness and conftest.

        The package may be installed (editable) from another checkout; putting this root first
        on PYTHONPATH makes its ``kata_harness`` win over the installed one.
        """
        env = dict(os.environ if base is None else base)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(self.root), *filter(None, [env.get("PYTHONPATH")])]
        )
        return env

    def pytest_config_args(self) -> list[str]:
        return ["-c", str(self.root / "pyproject.toml"), "--rootdir", str(self.root)]

    # --- git ------------------------------------------------------------------------------------

    def git_show(self, revision: str, relative: str) -> bytes | None:
        """A file as committed at ``revision``, or None (no git, no commit, not tracked)."""
        try:
            return subprocess.run(
                ["git", "show", f"{revision}:{relative}"],
                cwd=self.root,
                capture_output=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            return None

    def git_commits_touching(self, relative: str, limit: int = 200) -> list[str]:
        """Commits that changed a file, newest first (empty without git)."""
        try:
            out = subprocess.run(
                ["git", "log", f"--max-count={limit}", "--format=%H", "--", relative],
                cwd=self.root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            return []
        return out.split()

    def find_committed_version(self, relative: str, digest: str) -> tuple[str, bytes] | None:
        """The newest commit whose copy of ``relative`` hashes to ``digest``, with that content."""
        for revision in ["HEAD", *self.git_commits_touching(relative)]:
            content = self.git_show(revision, relative)
            if content is not None and text_digest(content) == digest:
                return revision, content
        return None

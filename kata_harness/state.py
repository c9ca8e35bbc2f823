"""What the `katas` command remembers between runs, under ``.katas/`` (git-ignored).

``.katas/cache.json`` keeps each kata's last result under a key made of the contents of the
learner's file, the kata's test file, conftest.py, the catalog, pyproject.toml and the harness, so
a result is reused exactly as long as none of them changed. A cache that cannot be read is set
aside with a note and rebuilt; it never stops a command.

``.katas/backups/NN_slug/`` keeps every learner file that `katas reset` replaced.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from kata_harness.catalog import Kata
from kata_harness.repo import Repo, file_digest, text_digest
from kata_harness.runner import KataResult

CACHE_VERSION = 1


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _digest_or_missing(path: Path) -> str:
    try:
        return file_digest(path)
    except FileNotFoundError:
        return "missing"


def result_key(repo: Repo, kata: Kata, *, options: str = "") -> str:
    """Changes whenever anything that decides the kata's result changes."""
    parts = [
        f"learner {_digest_or_missing(repo.module_path(kata))}",
        f"tests {_digest_or_missing(repo.test_path(kata))}",
        f"conftest {_digest_or_missing(repo.root / 'conftest.py')}",
        f"catalog {_digest_or_missing(repo.catalog_path)}",
        f"pyproject {_digest_or_missing(repo.root / 'pyproject.toml')}",
        *(f"harness {repo.relative(p)} {_digest_or_missing(p)}" for p in repo.harness_files),
        f"options {options}",
    ]
    return text_digest("\n".join(parts))


class ResultCache:
    """Kata results keyed by `result_key`; every problem with the file becomes a note."""

    def __init__(self, repo: Repo):
        self.repo = repo
        self.path = repo.state_dir / "cache.json"
        self.notes: list[str] = []
        self._entries: dict[str, dict] = {}
        self._dirty = False
        self._load()

    def _set_aside(self, reason: str) -> None:
        shown = self.repo.relative(self.path)
        self.notes.append(f"{shown} could not be read ({reason}); it was ignored and is rebuilt.")
        self._entries = {}
        self._dirty = True

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            self._set_aside(type(error).__name__)
            return
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            self._set_aside(f"not valid JSON: {error.msg} at line {error.lineno}")
            return
        if not isinstance(document, dict) or document.get("version") != CACHE_VERSION:
            self._set_aside("unknown format")
            return
        entries = document.get("katas")
        if not isinstance(entries, dict):
            self._set_aside("unknown format")
            return
        self._entries = entries

    def get(self, kata: Kata, key: str) -> KataResult | None:
        entry = self._entries.get(kata.id)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            return KataResult.from_dict(entry["result"])
        except (KeyError, TypeError, ValueError):
            self._set_aside(f"a broken entry for {kata.id}")
            return None

    def put(self, kata: Kata, key: str, result: KataResult) -> None:
        self._entries[kata.id] = {"key": key, "result": result.to_dict(), "at": time.time()}
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        document = {"version": CACHE_VERSION, "katas": self._entries}
        try:
            _write_atomically(self.path, json.dumps(document, indent=1, sort_keys=True))
        except OSError as error:
            self.notes.append(f"could not write {self.repo.relative(self.path)}: {error}")
        self._dirty = False


# --- backups --------------------------------------------------------------------------------


def backup_dir(repo: Repo, kata: Kata) -> Path:
    return repo.state_dir / "backups" / kata.id


def backups(repo: Repo, kata: Kata) -> list[Path]:
    """This kata's backups, oldest first."""
    folder = backup_dir(repo, kata)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*-{kata.module_filename}"))


def keep_backup(repo: Repo, kata: Kata, content: bytes) -> Path:
    """Save a learner file's content under ``.katas/backups/NN_slug/`` and return where."""
    folder = backup_dir(repo, kata)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    sequence = len(backups(repo, kata)) + 1
    target = folder / f"{stamp}-{sequence:04d}-{kata.module_filename}"
    while target.exists():
        sequence += 1
        target = folder / f"{stamp}-{sequence:04d}-{kata.module_filename}"
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)
    return target

"""The grading manifest: SHA-256 hashes of every file `katas grade` trusts.

``grading-manifest.json`` at the repository root lists the kata test files (and any other file a
kata folder ships besides the learner's module and its README), ``conftest.py``, the catalog,
``pyproject.toml`` (it configures pytest) and every file of ``kata_harness/``. Before grading,
each listed file must hash to its recorded value; otherwise grading refuses and says how to
restore the file. Only listed files are copied into the grading sandbox, so a file a learner adds
(a ``conftest.py`` in a kata folder, say) is never loaded.

The manifest also records the hash of each pristine stub, so `katas status` can tell an untouched
kata without running it and `katas reset` can find the stub in the git history.

Maintainers regenerate it after changing any of those files: ``katas manifest --write``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kata_harness.catalog import Kata
from kata_harness.repo import KatasError, Repo, file_digest, text_digest

MANIFEST_NAME = "grading-manifest.json"
WRITE_COMMAND = "katas manifest --write"
_FIXED_FILES = ("conftest.py", "katas.toml", "pyproject.toml")
_NOT_TRUSTED_SUFFIXES = {".md", ".png", ".svg", ".jpg", ".jpeg", ".gif", ".pyc"}
_ABOUT = (
    "SHA-256 (of the bytes, CRLF read as LF) of every file `katas grade` trusts, and of each "
    f"pristine stub. Regenerate with `{WRITE_COMMAND}` after changing any of them, and commit it."
)


class ManifestError(KatasError):
    """The manifest is missing or unreadable, or the files differ from it: grading cannot go on."""

    exit_code = 3


@dataclass(frozen=True)
class Mismatch:
    """A trusted file that does not match the manifest."""

    path: str
    reason: str  # "changed", "missing" or "not in the manifest"


def manifest_path(repo: Repo) -> Path:
    return repo.root / MANIFEST_NAME


def kata_trusted_files(repo: Repo, kata: Kata) -> list[Path]:
    """The kata's test file plus any other file its folder ships, except the learner's module."""
    folder = repo.folder(kata)
    files = {repo.test_path(kata)}
    if folder.is_dir():
        for path in folder.rglob("*"):
            relative_parts = path.relative_to(folder).parts
            if (
                path.is_file()
                and path != repo.module_path(kata)
                and path.suffix.lower() not in _NOT_TRUSTED_SUFFIXES
                and not any(part.startswith((".", "__pycache__")) for part in relative_parts)
            ):
                files.add(path)
    return sorted(files)


def trusted_files(repo: Repo) -> list[Path]:
    """Every file whose hash the manifest records, from the current catalog and tree."""
    files = [repo.root / name for name in _FIXED_FILES]
    files += repo.harness_files
    for kata in repo.katas():
        files += kata_trusted_files(repo, kata)
    return files


def pristine_stub(repo: Repo, kata: Kata) -> bytes | None:
    """The stub as committed (HEAD), or the working copy when it is not committed yet."""
    relative = repo.relative(repo.module_path(kata))
    committed = repo.git_show("HEAD", relative)
    if committed is not None:
        return committed
    try:
        return repo.module_path(kata).read_bytes()
    except FileNotFoundError:
        return None


def build(repo: Repo) -> dict:
    """The manifest the current tree calls for."""
    files = {}
    for path in trusted_files(repo):
        if path.is_file():
            files[repo.relative(path)] = file_digest(path)
    stubs = {}
    for kata in repo.katas():
        stub = pristine_stub(repo, kata)
        if stub is not None:
            stubs[repo.relative(repo.module_path(kata))] = text_digest(stub)
    return {"about": _ABOUT, "algorithm": "sha256", "files": files, "stubs": stubs}


def render(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=False) + "\n"


def write(repo: Repo) -> Path:
    path = manifest_path(repo)
    path.write_text(render(build(repo)), encoding="utf-8")
    return path


def load(repo: Repo) -> dict:
    path = manifest_path(repo)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(
            f"{MANIFEST_NAME} is missing, so the test files cannot be checked. Restore it with "
            f"`git checkout -- {MANIFEST_NAME}`."
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ManifestError(
            f"{MANIFEST_NAME} cannot be read ({error}). Restore it with "
            f"`git checkout -- {MANIFEST_NAME}`."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("files"), dict):
        raise ManifestError(
            f"{MANIFEST_NAME} has no 'files' table. Restore it with `git checkout -- {MANIFEST_NAME}`."
        )
    return document


def digest(repo: Repo) -> str:
    """SHA-256 of the manifest file itself: what an instructor pins (--manifest-sha256)."""
    return file_digest(manifest_path(repo))


def stub_digest(repo: Repo, kata: Kata, document: dict | None) -> str | None:
    if document is None:
        return None
    stubs = document.get("stubs")
    if not isinstance(stubs, dict):
        return None
    return stubs.get(repo.relative(repo.module_path(kata)))


def load_quietly(repo: Repo) -> dict | None:
    """The manifest for convenience uses (status, reset): None when it cannot be read."""
    try:
        return load(repo)
    except ManifestError:
        return None


def verify(repo: Repo, document: dict) -> list[Mismatch]:
    """Each trusted file against the manifest; an empty list means grading may go on."""
    recorded: dict[str, str] = document["files"]
    problems = []
    for relative, expected in recorded.items():
        path = repo.root / relative
        if not path.is_file():
            problems.append(Mismatch(relative, "missing"))
        elif file_digest(path) != expected:
            problems.append(Mismatch(relative, "changed"))
    for kata in repo.katas():
        relative = repo.relative(repo.test_path(kata))
        if relative not in recorded and repo.test_path(kata).is_file():
            problems.append(Mismatch(relative, "not in the manifest"))
    return problems


def restore_advice(repo: Repo, document: dict, problems: list[Mismatch]) -> list[str]:
    """One git command per file, naming a commit that holds the recorded version when found."""
    advice = []
    recorded = document["files"]
    for problem in problems:
        if problem.reason == "not in the manifest":
            advice.append(
                f"{problem.path} is not in {MANIFEST_NAME}: restore the catalog "
                f"(`git checkout -- katas.toml`), or, as a maintainer, run `{WRITE_COMMAND}`"
            )
            continue
        found = repo.find_committed_version(problem.path, recorded[problem.path])
        if found is not None and found[0] != "HEAD":
            advice.append(f"git checkout {found[0][:12]} -- {problem.path}")
        else:
            advice.append(f"git checkout HEAD -- {problem.path}")
    return advice


def out_of_date(repo: Repo) -> list[str]:
    """How the committed manifest differs from what the tree calls for (empty when current)."""
    try:
        current = load(repo)
    except ManifestError as error:
        return [str(error)]
    wanted = build(repo)
    differences = []
    for section in ("files", "stubs"):
        have, want = current.get(section) or {}, wanted[section]
        for relative in sorted(set(have) | set(want)):
            if relative not in want:
                differences.append(f"{section}: {relative} is listed but no longer trusted/present")
            elif relative not in have:
                differences.append(f"{section}: {relative} is not listed")
            elif have[relative] != want[relative]:
                differences.append(f"{section}: {relative} has changed")
    return differences

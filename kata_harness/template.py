"""`katas template OUT`: the learners' repository, built from this checkout's last commit.

The template holds what a learner needs and nothing that gives answers away: the stubs and their
tests, the harness, the catalog, the manifest, the learners' workflow and a learners' README. It is
a fresh git repository with a single commit, so no reference solution is reachable in its history.
Files are taken from the commit (``git archive HEAD``), never from the working tree, so uncommitted
edits of the maintainer's do not leak into a course.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
from pathlib import Path

from kata_harness import manifest
from kata_harness.repo import KatasError, Repo

# What a learner's repository holds: an allowlist, so a new maintainer file stays out by default.
SHIPPED = (
    ".gitignore",
    "conftest.py",
    "pyproject.toml",
    "katas.toml",
    "kata_harness",
    "katas",
    ".github/workflows/grade.yml",
    "docs/cli.md",
    "docs/watch.md",
)
LEARNERS_NOTE = (
    "> This is your copy of the course. Work in `katas/`, commit and push: every push is graded as\n"
    "> feedback by `.github/workflows/grade.yml`, and your instructor grades the last commit before\n"
    "> the deadline. This course ships without reference solutions.\n"
)
_MAINTAINERS_ONLY = re.compile(r"<!-- maintainers-only -->.*?<!-- /maintainers-only -->\n?", re.S)
_GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "katas template",
    "GIT_AUTHOR_EMAIL": "katas@example.invalid",
    "GIT_COMMITTER_NAME": "katas template",
    "GIT_COMMITTER_EMAIL": "katas@example.invalid",
}


def learners_readme(readme: str) -> str:
    """The course README up to its instructors' and maintainers' sections, with a learners' note."""
    head = readme.split("\n## For instructors", 1)[0]
    head = _MAINTAINERS_ONLY.sub("", head)
    title, _, rest = head.partition("\n")
    return f"{title}\n\n{LEARNERS_NOTE}{rest.rstrip()}\n"


def _git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        env={**os.environ, **_GIT_IDENTITY},
    )
    if result.returncode != 0:
        raise KatasError(f"git {' '.join(args[:2])} failed: {result.stderr.decode().strip()}")
    return result.stdout


def build_template(repo: Repo, out: Path) -> Path:
    """Write the learners' repository to ``out`` (new or empty) and commit it once."""
    out = Path(out).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KatasError(f"{out} exists and is not an empty folder; choose a new one")
    if out == repo.root or repo.root in out.parents:
        raise KatasError(f"{out} lies inside this checkout; build the template outside it")
    archive = _git(repo.root, "archive", "--format=tar", "HEAD", "--", *SHIPPED, "README.md")
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    readme = out / "README.md"
    readme.write_text(learners_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    _git(out, "init", "-q", "-b", "main")
    manifest.write(Repo(out))  # after `git init`: no enclosing repository can answer for HEAD
    _git(out, "add", "-A")
    _git(out, "commit", "-q", "-m", "Course template")
    return out

"""Prove the dependencies resolve on every supported platform and Python, without installing.

``python -m kata_harness.platforms`` asks uv's resolver (``uv pip compile --python-platform``) for
a complete set of wheels and sources for each pair below, from the package index, and prints one
line per pair. It needs the index, so it runs in ``tox -e platforms``, not in the full check.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kata_harness.catalog import REPO_ROOT

# uv's names for the platforms a learner's laptop or a CI runner is likely to be.
PLATFORMS = {
    "Linux x86-64": "x86_64-unknown-linux-gnu",
    "Linux aarch64": "aarch64-unknown-linux-gnu",
    "macOS arm64": "aarch64-apple-darwin",
    "Windows x86-64": "x86_64-pc-windows-msvc",
}
PYTHONS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True)
class Resolution:
    platform: str
    python: str
    ok: bool
    detail: str


def _uv() -> str:
    found = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(found).exists():
        raise SystemExit("uv is not installed; `pip install -e .[dev]` installs it")
    return found


def resolve(platform: str, python: str) -> Resolution:
    """Resolve the project's dependencies (with the dev extra) for one platform and Python."""
    with tempfile.TemporaryDirectory(prefix="katas-resolve-") as scratch:
        output = Path(scratch) / "requirements.txt"
        result = subprocess.run(
            [
                _uv(),
                "pip",
                "compile",
                str(REPO_ROOT / "pyproject.toml"),
                "--extra",
                "dev",
                "--python-platform",
                PLATFORMS[platform],
                "--python-version",
                python,
                "--quiet",
                "--no-header",
                "--output-file",
                str(output),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            lines = [line.strip() for line in result.stderr.strip().splitlines() if line.strip()]
            return Resolution(platform, python, False, " ".join(lines[-3:]) or "uv failed")
        pins = [line for line in output.read_text().splitlines() if "==" in line]
        tensorflow = next((p.split()[0] for p in pins if p.startswith("tensorflow")), "none")
        return Resolution(platform, python, True, f"{len(pins)} packages, {tensorflow}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", choices=PYTHONS, help="default: all")
    parser.add_argument("--platform", action="append", choices=list(PLATFORMS), help="default: all")
    options = parser.parse_args(argv)
    pairs = [
        (platform, python)
        for platform in options.platform or PLATFORMS
        for python in options.python or PYTHONS
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        resolutions = list(pool.map(lambda pair: resolve(*pair), pairs))
    for r in resolutions:
        print(f"{'ok  ' if r.ok else 'FAIL'} {r.platform:<15} Python {r.python}: {r.detail}")
    return 0 if all(r.ok for r in resolutions) else 1


if __name__ == "__main__":
    raise SystemExit(main())

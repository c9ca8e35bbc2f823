"""Re-measure the figures in docs/performance.md and rewrite its tables.

    python -m kata_harness.performance                 # everything (several minutes)
    python -m kata_harness.performance --only suite    # per-kata suite time against the import floor
    python -m kata_harness.performance --only benchmarks --only full
    python -m kata_harness.performance --only grading  # per-kata sandboxes against one process

Suite speed: for each kata, the wall time of ``pytest --solutions katas/NN_x`` against the import
floor ``python -c "import <the kata's libraries>"``, both measured in this run, interleaved, best
of ``--repeat``. Benchmarks: every ``katas/*/bench_*.py`` with ``--benchmark-only``; in each
benchmark group the implementation under test is compared with its library peer (minimum times).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kata_harness.catalog import REPO_ROOT, SOLUTIONS_DIR, load_catalog

DOC = REPO_ROOT / "docs" / "performance.md"
FULL_CHECK = ["-m", "pytest", "tests", "-n", "2", "--dist", "loadgroup", "-q"]
# A floor this small is dominated by interpreter start-up; the goal there is an absolute margin.
TINY_FLOOR_S, TINY_MARGIN_S, RATIO_GOAL = 1.0, 0.5, 1.5


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=REPO_ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def _meets_goal(floor: float, suite: float) -> bool:
    return suite <= RATIO_GOAL * floor or (floor < TINY_FLOOR_S and suite - floor <= TINY_MARGIN_S)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def imported_modules(kata) -> list[str]:
    """Every third-party module the kata's test file and reference import, as written there.

    ``import sklearn`` alone loads little; a kata that needs ``sklearn.ensemble`` pays for it before
    any test runs, so the honest floor imports exactly what the kata imports.
    """
    modules = set()
    for path in (kata.test_path, kata.module_path(SOLUTIONS_DIR)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from scipy import stats` loads the submodule scipy.stats, not just scipy.
                modules.update(
                    f"{node.module}.{alias.name}"
                    if _is_module(f"{node.module}.{alias.name}")
                    else node.module
                    for alias in node.names
                )
    # pytest is the harness's cost, not a library the kata needs.
    local = {"kata_harness", "conftest", "pytest", "_pytest"}
    return sorted(
        m
        for m in modules
        if m.split(".")[0] not in sys.stdlib_module_names and m.split(".")[0] not in local
    )


def measure_suite(repeat: int) -> str:
    rows = [
        "| kata | floor: catalog `libraries` (s) | floor: modules the kata imports (s) "
        "| `pytest --solutions` (s) | ratio to the second floor | goal met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for kata in load_catalog():
        library_cmd = ["-c", "import " + ", ".join(kata.libraries)]
        floor_cmd = ["-c", "import " + ", ".join(imported_modules(kata))]
        # As a learner runs it, pytest's cache included (14_mlops keeps a migrated MLflow store there).
        suite_cmd = ["-m", "pytest", "--solutions", f"katas/{kata.id}", "-q"]
        library_floors, floors, suites = [], [], []
        for _ in range(repeat):
            library_floors.append(_wall(library_cmd))
            floors.append(_wall(floor_cmd))
            suites.append(_wall(suite_cmd))
        library_floor, floor, suite = min(library_floors), min(floors), min(suites)
        rows.append(
            f"| {kata.id} | {library_floor:.2f} | {floor:.2f} | {suite:.2f} | {suite / floor:.2f} | "
            f"{'yes' if _meets_goal(floor, suite) else '**no**'} |"
        )
        print(rows[-1], flush=True)
    command = (
        f'`python -c "import <libraries>"`, `python -c "import <every module the kata imports>"` '
        f"and `python -m pytest --solutions katas/NN_x -q` (pytest's cache on, as a learner runs it), interleaved, best of {repeat}"
    )
    return "\n".join(rows) + f"\n\nMeasured with {command}.\n"


def measure_full_check() -> str:
    seconds = _wall(FULL_CHECK)
    line = f"The full check (`python {' '.join(FULL_CHECK)}`) took **{seconds:.0f} s** on this machine."
    print(line, flush=True)
    return line + "\n"


def measure_benchmarks() -> str:
    bench_files = sorted(
        str(p.relative_to(REPO_ROOT)) for p in REPO_ROOT.glob("katas/*/bench_*.py")
    )
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "benchmarks.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--solutions",
                "--benchmark-only",
                "-q",
                "-p",
                "no:cacheprovider",
                f"--benchmark-json={report}",
                *bench_files,
            ],
            cwd=REPO_ROOT,
            capture_output=True,
            check=False,
        )
        benchmarks = json.loads(report.read_text())["benchmarks"] if report.exists() else []
    groups: dict[str, dict[str, float]] = {}
    for bench in benchmarks:
        groups.setdefault(bench["group"], {})[bench["name"]] = bench["stats"]["min"]
    rows = [
        "| group | reference (ms) | peer | peer (ms) | reference / peer |",
        "|---|---:|---|---:|---:|",
    ]
    for group, times in sorted(groups.items()):
        ours = {n: t for n, t in times.items() if "implementation_under_test" in n}
        peers = {n: t for n, t in times.items() if n not in ours}
        for ours_time in ours.values():
            for peer, peer_time in peers.items():
                rows.append(
                    f"| {group} | {ours_time * 1e3:.3g} | `{peer}` | {peer_time * 1e3:.3g} | "
                    f"{ours_time / peer_time:.2g} |"
                )
                print(rows[-1], flush=True)
    command = (
        f"`python -m pytest --solutions --benchmark-only {' '.join(bench_files)}` (minimum times)"
    )
    return "\n".join(rows) + f"\n\nMeasured with {command}.\n"


# The last commit whose `katas grade` ran every kata in one process (before the grading package).
SINGLE_PROCESS_COMMIT = "c65ee69"


def _timed(command: list[str], cwd: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, (done.stdout + done.stderr).strip().splitlines()[-1:]


def measure_grading() -> str:
    """Grade the references as a complete submission, in per-kata sandboxes (one and two at a
    time) and as `katas grade` did in one process at SINGLE_PROCESS_COMMIT, interleaved."""
    with tempfile.TemporaryDirectory(prefix="katas-measure-") as tmp:
        tmp = Path(tmp)
        old, submission = tmp / "single-process", tmp / "submission"
        old.mkdir()
        archive = subprocess.run(
            ["git", "archive", SINGLE_PROCESS_COMMIT],
            cwd=REPO_ROOT,
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        # Hash the stubs as committed there, then put the references in their place.
        subprocess.run(
            [sys.executable, "-m", "kata_harness.cli", "manifest", "--write"],
            cwd=old,
            capture_output=True,
            check=True,
        )
        for kata in load_catalog():
            reference = kata.module_path(SOLUTIONS_DIR).read_bytes()
            for root in (old, submission):
                target = root / "katas" / kata.id / kata.module_filename
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(reference)
        grade = [sys.executable, "-m", "kata_harness.cli"]
        runs = [
            (
                "one process (`katas grade` at " + SINGLE_PROCESS_COMMIT + ")",
                old,
                grade + ["grade", "--json", str(tmp / "old.json")],
            ),
            (
                "per-kata sandboxes, one at a time",
                REPO_ROOT,
                grade
                + [
                    "grade",
                    "--submission",
                    str(submission),
                    "--jobs",
                    "1",
                    "--json",
                    str(tmp / "one.json"),
                ],
            ),
            (
                "per-kata sandboxes, two at a time (the default)",
                REPO_ROOT,
                grade
                + [
                    "grade",
                    "--submission",
                    str(submission),
                    "--jobs",
                    "2",
                    "--json",
                    str(tmp / "two.json"),
                ],
            ),
        ]
        seconds: dict[str, list[float]] = {}
        for _ in range(2):
            for label, cwd, command in runs:
                wall, last = _timed(command, cwd)
                seconds.setdefault(label, []).append(wall)
                print(f"{label}: {wall:.1f} s ({' '.join(last)})", flush=True)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    baseline = min(seconds[runs[0][0]])
    rows = [
        "| grade of the 18 references | best of 2 (s) | runs (s) | against one process |",
        "|---|---:|---|---:|",
    ]
    for label, _, _ in runs:
        best = min(seconds[label])
        rows.append(
            f"| {label} | {best:.0f} | {', '.join(f'{s:.0f}' for s in seconds[label])} | "
            f"{best / baseline:.2f}x |"
        )
    return "\n".join(rows) + (
        f"\n\nMeasured interleaved in one run on this machine (load average {load:.0f} at the "
        "end), each a complete `katas grade` of the references including start-up.\n"
    )


def rewrite_section(document: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:begin -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(document):
        raise SystemExit(f"{DOC} has no <!-- {name}:begin --> / <!-- {name}:end --> markers")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), document)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", action="append", choices=["suite", "full", "benchmarks", "grading"]
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (best is kept)")
    args = parser.parse_args(argv)
    parts = args.only or ["suite", "full", "benchmarks"]
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    stamp = time.strftime("%Y-%m-%d")
    sections = {}
    if "suite" in parts:
        sections["suite"] = f"_Measured {stamp}._\n\n" + measure_suite(args.repeat)
    if "full" in parts:
        sections["full"] = measure_full_check()
    if "grading" in parts:
        sections["grading"] = f"_Measured {stamp}._\n\n" + measure_grading()
    if "benchmarks" in parts:
        sections["benchmarks"] = f"_Measured {stamp}._\n\n" + measure_benchmarks()
    # Read the document only now: measuring takes minutes, and prose edited meanwhile must survive.
    document = DOC.read_text(encoding="utf-8")
    for name, body in sections.items():
        document = rewrite_section(document, name, body)
    DOC.write_text(document, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Mutation testing of the references with mutmut, and the figures in docs/mutation.md.

    python -m kata_harness.mutation                      # every kata (an hour or more)
    python -m kata_harness.mutation 06 08_imbalance      # some katas; the others keep their rows
    python -m kata_harness.mutation --report-only        # recount after editing the survivors file
    tox -e mutation [-- KATA...]                         # the same, in the tox environment

For each kata, the repository's harness, catalog, katas and references are copied into a fresh
temporary directory, and mutmut 3 runs there: it mutates the copy of ``solutions/NN_slug/<slug>.py``
and runs the kata's test file with ``--impl-dir solutions`` (the same switch graders use), forking
one child per mutant from a process that has already imported the kata's libraries. Nothing is
written inside the repository except the two result files:

- ``docs/mutation-results.json``: per kata, when it was measured, the wall time, the count of each
  mutmut status, and every surviving mutant (function, line, diff);
- ``docs/mutation.md``: the table between its ``mutation:begin``/``mutation:end`` markers.

Survivors are matched against ``tests/mutation_survivors.toml`` (see its header) by kata, function
and the changed code, not by mutmut's numbering, which shifts when a function is edited.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kata_harness.catalog import REPO_ROOT, Kata, load_catalog

DOC = REPO_ROOT / "docs" / "mutation.md"
RESULTS = REPO_ROOT / "docs" / "mutation-results.json"
SURVIVORS_FILE = REPO_ROOT / "tests" / "mutation_survivors.toml"
VERDICTS = ("equivalent", "not-mattering")
GOAL = 0.90
# What the mutated copy needs to run a kata's tests exactly as the repository does.
_COPIED = ("kata_harness", "katas", "solutions", "conftest.py", "katas.toml", "pyproject.toml")
# mutmut's statuses, grouped as the report counts them. A timeout is a kill: the tests noticed.
_KILLED = {"killed", "timeout", "segfault", "caught by type check"}
_SURVIVED = {"survived", "no tests"}
# Katas whose libraries cannot be used in a process forked after they ran (catalog `libraries`).
_FORK_UNSAFE = {"tensorflow", "keras"}


class MutationError(Exception):
    """A run that could not produce trustworthy figures; the message says what went wrong."""


@dataclass(frozen=True)
class Survivor:
    """One surviving mutant, described by what it changes rather than by mutmut's number."""

    kata: str
    mutant: str
    function: str
    line: int
    before: str
    after: str
    diff: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.kata, self.function, _normalise(self.before), _normalise(self.after))


def _normalise(code: str) -> str:
    return " ".join(code.split())


# --- running mutmut --------------------------------------------------------------------------


def _mutmut_config(kata: Kata) -> str:
    source = f"solutions/{kata.id}/{kata.module_filename}"
    lines = [
        "[mutmut]",
        f"source_paths = {source}",
        f"pytest_add_cli_args_test_selection = katas/{kata.id}/{kata.test_filename}",
        # The plugin loads the implementation under the dotted name mutmut's trampolines expect.
        "pytest_add_cli_args =",
        "    --impl-dir",
        "    solutions",
        "    -p",
        "    kata_harness.mutmut_plugin",
        # mutmut's wall-clock limit is (estimated time + this) x 15. The estimate is measured on
        # a busy shared machine and, with the whole file run per mutant, can be far too short;
        # a real hang is caught first by the suite's own 60 s pytest-timeout, which fails a test.
        "timeout_constant = 30",
        "also_copy =",
        *(f"    {name}" for name in _COPIED if name != "pyproject.toml"),
    ]
    if _FORK_UNSAFE.intersection(kata.libraries):
        # mutmut forks each mutant from the process that ran the tests; TensorFlow's thread pools
        # do not survive a fork and the child hangs. mutmut's fork server forks from a process
        # that has imported the test module (and TensorFlow) but run no operation yet.
        lines.append("process_isolation = forkserver")
    return "\n".join(lines) + "\n"


def prepare_copy(kata: Kata, root: Path, source_root: Path = REPO_ROOT) -> Path:
    """Lay out the files mutmut needs for one kata in ``root`` and return it."""
    for name in _COPIED:
        origin = source_root / name
        if origin.is_dir():
            shutil.copytree(
                origin, root / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache")
            )
        else:
            shutil.copy2(origin, root / name)
    (root / "setup.cfg").write_text(_mutmut_config(kata), encoding="utf-8")
    return root


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # The copy must import its own kata_harness, never the repository's through PYTHONPATH.
    env.pop("PYTHONPATH", None)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def run_mutmut(kata: Kata, root: Path, max_children: int) -> tuple[dict[str, str], float]:
    """Run mutmut in ``root``; return each mutant's status and the wall time in seconds."""
    from mutmut.stats import status_by_exit_code

    log = root / "mutmut.log"
    start = time.perf_counter()
    with log.open("wb") as out:
        completed = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children)],
            cwd=root,
            env=_environment(),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    seconds = time.perf_counter() - start
    meta = root / "mutants" / "solutions" / kata.id / f"{kata.module_filename}.meta"
    if completed.returncode != 0 or not meta.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise MutationError(
            f"{kata.id}: mutmut exited with {completed.returncode} in {root}; its log ends:\n{tail}"
        )
    exit_codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    statuses = {name: status_by_exit_code[code] for name, code in exit_codes.items()}
    unchecked = [name for name, status in statuses.items() if status == "not checked"]
    if unchecked:
        raise MutationError(f"{kata.id}: mutmut left {len(unchecked)} mutants unchecked")
    return statuses, seconds


def _function_lines(source: str) -> dict[str, int]:
    """First line (decorators included) of every function and method, keyed as mutmut names them."""
    lines = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines[f"x_{node.name}"] = _first_line(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines[f"xǁ{node.name}ǁ{item.name}"] = _first_line(item)
    return lines


def _first_line(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    return min([node.lineno, *(d.lineno for d in node.decorator_list)])


def describe_survivors(kata: Kata, root: Path, names: list[str]) -> list[Survivor]:
    """Each surviving mutant's function, line in the reference, and diff."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    relative = Path("solutions") / kata.id / kata.module_filename
    starts = _function_lines((root / relative).read_text(encoding="utf-8"))
    survivors = []
    for name in names:
        diff = get_diff_for_mutant(name, path=root / "mutants" / relative)
        diff = diff.replace(str(root / "mutants") + "/", "")
        mangled = name.rpartition(".")[2].partition("__mutmut_")[0]
        function = mangled.removeprefix("x_").replace("xǁ", "").replace("ǁ", ".")
        hunk = re.search(r"^@@ -(\d+)", diff, re.M)
        body = diff.splitlines()
        removed = [line[1:] for line in body if line.startswith("-") and not line.startswith("---")]
        added = [line[1:] for line in body if line.startswith("+") and not line.startswith("+++")]
        line = starts.get(mangled, 0)
        if hunk and line:
            # The hunk counts from the function's first line; add the context lines before the change.
            after_header = body[next(i for i, b in enumerate(body) if b.startswith("@@")) + 1 :]
            context = next(i for i, b in enumerate(after_header) if b[:1] in "-+")
            line += int(hunk[1]) - 1 + context
        survivors.append(
            Survivor(
                kata=kata.id,
                mutant=name.rpartition(".")[2],
                function=function,
                line=line,
                before="\n".join(removed),
                after="\n".join(added),
                diff=diff,
            )
        )
    return survivors


def measure(
    kata: Kata, max_children: int, keep: bool = False, source_root: Path = REPO_ROOT
) -> dict:
    """Mutation-test one kata's reference in a temporary copy and return its result record."""
    root = Path(tempfile.mkdtemp(prefix=f"mutation-{kata.id}-"))
    try:
        prepare_copy(kata, root, source_root)
        statuses, seconds = run_mutmut(kata, root, max_children)
        survived = sorted((n for n, s in statuses.items() if s in _SURVIVED), key=_mutant_order)
        survivors = describe_survivors(kata, root, survived)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    return {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "wall_seconds": round(seconds, 1),
        "max_children": max_children,
        "statuses": dict(sorted(counts.items())),
        "survivors": [
            {
                "mutant": s.mutant,
                "status": statuses[f"solutions.{kata.id}.{kata.slug}.{s.mutant}"],
                "function": s.function,
                "line": s.line,
                "before": s.before,
                "after": s.after,
                "diff": s.diff,
            }
            for s in survivors
        ],
    }


def _mutant_order(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number)


# --- the survivors file and the report ----------------------------------------------------------


def load_verdicts(path: Path = SURVIVORS_FILE) -> dict[tuple[str, str, str, str], dict]:
    """Every triaged survivor, keyed by (kata, function, before, after); checks the schema."""
    if not path.exists():
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise MutationError(f"{path.name} is not valid TOML: {error}") from None
    verdicts = {}
    for kata_id, entries in document.items():
        if not isinstance(entries, list):
            raise MutationError(
                f"{path.name}: [{kata_id}] must be an array of tables: [[{kata_id}]]"
            )
        for number, entry in enumerate(entries, 1):
            where = f"{path.name}: [[{kata_id}]] #{number}"
            missing = [
                k for k in ("function", "before", "after", "verdict", "reason") if k not in entry
            ]
            if missing:
                raise MutationError(f"{where} lacks {', '.join(missing)}")
            if entry["verdict"] not in VERDICTS:
                raise MutationError(
                    f"{where}: verdict {entry['verdict']!r} is not one of {', '.join(VERDICTS)}"
                )
            if not entry["reason"].strip():
                raise MutationError(f"{where}: the reason is empty; say why the mutant is harmless")
            key = (
                kata_id,
                entry["function"],
                _normalise(entry["before"]),
                _normalise(entry["after"]),
            )
            verdicts[key] = entry
    return verdicts


def score(record: dict, kata_id: str, verdicts: dict) -> dict:
    """Counts for one kata. Equivalent mutants leave the denominator; every other survivor counts
    against the score, "not-mattering" ones included (they are listed so nobody triages them twice)."""
    statuses = record["statuses"]
    generated = sum(statuses.values())
    killed = sum(n for s, n in statuses.items() if s in _KILLED)
    survived = sum(n for s, n in statuses.items() if s in _SURVIVED)
    marked = [
        verdicts.get((kata_id, s["function"], _normalise(s["before"]), _normalise(s["after"])))
        for s in record["survivors"]
    ]
    equivalent = sum(1 for v in marked if v and v["verdict"] == "equivalent")
    not_mattering = sum(1 for v in marked if v and v["verdict"] == "not-mattering")
    other = generated - killed - survived
    denominator = generated - equivalent - other
    return {
        "generated": generated,
        "killed": killed,
        "survived": survived,
        "equivalent": equivalent,
        "not_mattering": not_mattering,
        "untriaged": survived - equivalent - not_mattering,
        "other": other,
        "rate": killed / denominator if denominator else 1.0,
    }


def render_table(results: dict, verdicts: dict) -> str:
    rows = [
        "| kata | mutants | killed | survived | equivalent | not mattering | untriaged "
        "| kill rate (non-equivalent) | goal 90 % | wall time (s) | measured |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---|",
    ]
    for kata in load_catalog():
        record = results.get(kata.id)
        if record is None:
            rows.append(f"| {kata.id} | not measured yet |||||||||||")
            continue
        c = score(record, kata.id, verdicts)
        rows.append(
            f"| {kata.id} | {c['generated']} | {c['killed']} | {c['survived']} | {c['equivalent']} "
            f"| {c['not_mattering']} | {c['untriaged']} | {c['rate']:.1%} "
            f"| {'yes' if c['rate'] >= GOAL else '**no**'} | {record['wall_seconds']:.0f} "
            f"| {record['measured']} |"
        )
    return "\n".join(rows) + "\n"


def write_survivor_listing(kata: Kata, record: dict, verdicts: dict, directory: Path) -> Path:
    """A plain-text listing of one kata's survivors (line, diff, verdict if any) for triage."""
    c = score(record, kata.id, verdicts)
    out = [
        f"{kata.id}: {c['survived']} of {c['generated']} mutants survived "
        f"(killed {c['killed']}, kill rate {c['rate']:.1%}); measured {record['measured']}, "
        f"{record['wall_seconds']:.0f} s.",
        f"Reference: solutions/{kata.id}/{kata.module_filename}. Mark harmless ones in "
        "tests/mutation_survivors.toml (function, before, after, verdict, reason).",
        "",
    ]
    for s in record["survivors"]:
        verdict = verdicts.get(
            (kata.id, s["function"], _normalise(s["before"]), _normalise(s["after"]))
        )
        label = f" [{verdict['verdict']}: {verdict['reason']}]" if verdict else ""
        status = "" if s["status"] == "survived" else f" ({s['status']})"
        out += [
            f"== {s['function']}, line {s['line']}: {s['mutant']}{status}{label}",
            s["diff"],
            "",
        ]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{kata.id}.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _load_results() -> dict:
    if RESULTS.exists():
        return json.loads(RESULTS.read_text(encoding="utf-8"))
    return {}


def _save_results(results: dict) -> None:
    order = {kata.id: i for i, kata in enumerate(load_catalog())}
    ordered = dict(sorted(results.items(), key=lambda item: order.get(item[0], len(order))))
    RESULTS.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def rewrite_doc(results: dict, verdicts: dict) -> None:
    document = DOC.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- mutation:begin -->\n).*?(<!-- mutation:end -->)", re.S)
    if not pattern.search(document):
        raise MutationError(f"{DOC} has no <!-- mutation:begin --> / <!-- mutation:end --> markers")
    table = render_table(results, verdicts)
    DOC.write_text(
        pattern.sub(lambda m: m.group(1) + table + m.group(2), document), encoding="utf-8"
    )


def _select(names: list[str]) -> list[Kata]:
    katas = load_catalog()
    if not names:
        return list(katas)
    chosen = []
    for name in names:
        wanted = name.strip("/").removeprefix("katas/").removeprefix("solutions/")
        match = [k for k in katas if wanted in {k.id, k.slug, f"{k.number:02d}", str(k.number)}]
        if not match:
            valid = ", ".join(k.id for k in katas)
            raise SystemExit(f"there is no kata {name!r}; valid katas: {valid}")
        chosen.append(match[0])
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("katas", nargs="*", help="kata ids, numbers or slugs (default: all)")
    parser.add_argument(
        "--max-children", type=int, default=2, help="mutants tested at once (default 2)"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="recount docs/mutation.md without running"
    )
    parser.add_argument(
        "--survivors-dir", type=Path, help="also write NN_slug.txt survivor listings here"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep each temporary copy (for `mutmut show/apply`)"
    )
    args = parser.parse_args(argv)
    failures = []
    try:
        verdicts = load_verdicts()
        results = _load_results()
        for kata in [] if args.report_only else _select(args.katas):
            print(f"{kata.id}: mutating solutions/{kata.id}/{kata.module_filename}", flush=True)
            try:
                record = measure(kata, args.max_children, keep=args.keep)
            except MutationError as error:
                # One kata's broken run must not cost the others their measurement.
                print(error, file=sys.stderr, flush=True)
                failures.append(kata.id)
                continue
            results = _load_results()  # another run may have finished a kata meanwhile
            results[kata.id] = record
            _save_results(results)
            rewrite_doc(results, verdicts)
            c = score(record, kata.id, verdicts)
            print(
                f"{kata.id}: {c['generated']} mutants, {c['killed']} killed, {c['survived']} "
                f"survived, kill rate {c['rate']:.1%}, {record['wall_seconds']:.0f} s",
                flush=True,
            )
            if args.survivors_dir:
                write_survivor_listing(kata, record, verdicts, args.survivors_dir)
        rewrite_doc(results, verdicts)
    except MutationError as error:
        print(error, file=sys.stderr)
        return 1
    if failures:
        print(f"no figures for {', '.join(failures)}: see the errors above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

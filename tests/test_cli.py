"""The `katas` command: status, run, hint, solution, reset, watch, grade and manifest.

Every test works in a temporary repository: a copy of the harness (conftest.py, pyproject.toml,
kata_harness/) with small synthetic katas that import nothing heavy, or with a copy of the
exemplar 08_imbalance. No test writes to the real katas/; a module fixture checks that.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kata_harness import manifest
from kata_harness.catalog import REPO_ROOT, find_kata
from kata_harness.cli import app
from kata_harness.repo import Repo, UnknownKata, file_digest, text_digest
from kata_harness.stubgen import make_stub

# Several tests start pytest, a worker or a grading sandbox in a child process; on a loaded
# 2-core machine that can exceed the suite's default 60 s.
pytestmark = pytest.mark.timeout(300)

# --- a tiny repository ------------------------------------------------------------------------

TINY_REFERENCE = '''\
"""A tiny kata for the command-line tests: three functions and no heavy library."""


def add(a, b):
    """Add two numbers.

    Parameters
    ----------
    a, b : numbers
    """
    return a + b


def mean(values):
    """The arithmetic mean of a non-empty sequence.

    Parameters
    ----------
    values : sequence of numbers
    """
    return sum(values) / len(values)


def summary(values):
    """A dict with the mean and the count of ``values``.

    Parameters
    ----------
    values : sequence of numbers
    """
    return {"mean": mean(values), "count": len(values)}
'''

TINY_TESTS = '''\
"""Claims of the tiny kata."""


def test_add_sums_two_numbers(impl):
    """add(2, 3) is 5."""
    assert impl.add(2, 3) == 5, f"add(2, 3) returned {impl.add(2, 3)!r}; the claim is 5"


def test_mean_averages_the_values(impl):
    """mean([1, 2, 6]) is 3."""
    assert impl.mean([1, 2, 6]) == 3


def test_summary_holds_the_mean_and_the_count(impl):
    """summary([1, 2, 6]) is a dict with mean 3 and count 3."""
    result = impl.summary([1, 2, 6])

    assert result["mean"] == 3 and result["count"] == 3
'''

OTHER_REFERENCE = '''\
"""A second tiny kata, to show that one broken kata does not stop the others."""


def double(x):
    """Twice ``x``.

    Parameters
    ----------
    x : number
    """
    return 2 * x
'''

OTHER_TESTS = '''\
"""Claims of the second tiny kata."""


def test_double_doubles(impl):
    """double(4) is 8."""
    assert impl.double(4) == 8


def test_double_keeps_zero(impl):
    """double(0) is 0."""
    assert impl.double(0) == 0
'''

TINY_HINTS = ("What does + do?", "Write return a + b.", "mean is sum / len.")


def _toml_entry(kata_id, title, libraries=(), markers=(), hints=TINY_HINTS, question=None):
    return (
        "[[kata]]\n"
        f"id = {json.dumps(kata_id)}\n"
        f"title = {json.dumps(title)}\n"
        f"question = {json.dumps(question or 'A question for ' + title + '?')}\n"
        f"libraries = {json.dumps(list(libraries))}\n"
        f"markers = {json.dumps(list(markers))}\n"
        f"hints = {json.dumps(list(hints))}\n\n"
    )


def _copy_harness(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copyfile(REPO_ROOT / name, root / name)
    shutil.copytree(
        REPO_ROOT / "kata_harness",
        root / "kata_harness",
        ignore=shutil.ignore_patterns("__pycache__"),
    )


def _add_kata(root: Path, kata_id: str, reference: str, tests: str) -> None:
    slug = kata_id[3:]
    for folder in ("katas", "solutions"):
        (root / folder / kata_id).mkdir(parents=True, exist_ok=True)
    solution = root / "solutions" / kata_id / f"{slug}.py"
    solution.write_text(reference, encoding="utf-8")
    (root / "katas" / kata_id / f"{slug}.py").write_text(make_stub(solution), encoding="utf-8")
    (root / "katas" / kata_id / f"test_{slug}.py").write_text(tests, encoding="utf-8")
    (root / "katas" / kata_id / "README.md").write_text(f"# {kata_id}\n", encoding="utf-8")


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=katas", "-c", "user.email=katas@example.invalid"]
        + ["-c", "commit.gpgsign=false", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _commit_everything(root: Path, message: str = "course") -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", message)


def _make_repo(root: Path, entries: str, *, git: bool = True) -> Repo:
    (root / "katas.toml").write_text(entries, encoding="utf-8")
    repo = Repo(root)
    manifest.write(repo)
    if git:
        _git(root, "init", "-q")
        _commit_everything(root)
    return repo


@pytest.fixture
def tiny(tmp_path) -> Repo:
    """A repository with two synthetic katas, 01_tiny and 02_other, committed to git."""
    root = tmp_path / "course"
    _copy_harness(root)
    _add_kata(root, "01_tiny", TINY_REFERENCE, TINY_TESTS)
    _add_kata(root, "02_other", OTHER_REFERENCE, OTHER_TESTS)
    entries = _toml_entry("01_tiny", "Tiny") + _toml_entry("02_other", "Other", hints=("?", "!"))
    return _make_repo(root, entries)


def _learner(repo: Repo, kata_id: str) -> Path:
    return repo.module_path(repo.resolve(kata_id))


def _solve(repo: Repo, kata_id: str) -> None:
    kata = repo.resolve(kata_id)
    shutil.copyfile(repo.solution_path(kata), repo.module_path(kata))


def _katas(repo: Repo, *args: str, env: dict | None = None):
    result = CliRunner().invoke(
        app, ["--root", str(repo.root), *args], env={"COLUMNS": "200", **(env or {})}
    )
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture(scope="module", autouse=True)
def real_katas_are_untouched():
    """Every committed file under the real katas/ is byte-identical after these tests.

    Only files git tracks are compared, so katas being written alongside do not count as changes.
    """
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "katas"], cwd=REPO_ROOT, capture_output=True, text=True
    ).stdout.split("\0")
    paths = [REPO_ROOT / name for name in tracked if name]

    def snapshot():
        return {path: file_digest(path) for path in paths if path.is_file()}

    before = snapshot()
    yield
    after = snapshot()
    changed = [str(p) for p in before if after.get(p) != before[p]]
    assert not changed, f"the CLI tests changed real learner files: {changed}"


# --- finding the repository and the kata ----------------------------------------------------------


def test_kata_ids_resolve_by_number_name_and_folder(tiny):
    """01, 1, tiny, 01_tiny and katas/01_tiny/ all name the same kata."""
    names = ["01", "1", "tiny", "01_tiny", "katas/01_tiny/", " TINY "]

    resolved = {tiny.resolve(name).id for name in names}

    assert resolved == {"01_tiny"}, f"resolve({names}) gave {resolved}; each names 01_tiny"


def test_unknown_kata_id_lists_the_valid_ones(tiny):
    """An unknown id is an error that lists every kata in the catalog."""
    with pytest.raises(UnknownKata) as error:
        tiny.resolve("99")

    assert "01_tiny" in str(error.value) and "02_other" in str(error.value), str(error.value)


def test_unknown_kata_id_on_the_command_line_exits_2_with_the_list(tiny):
    """`katas run nope` prints the valid ids and exits with status 2."""
    result = _katas(tiny, "run", "nope")

    assert result.exit_code == 2, result.output
    assert "there is no kata 'nope'" in result.output and "01_tiny, 02_other" in result.output


def test_running_outside_the_repository_says_where_to_go(tmp_path, monkeypatch):
    """Outside a checkout every command says so and exits 2 (3 for grade), without a traceback."""
    monkeypatch.chdir(tmp_path)

    results = {
        command: CliRunner().invoke(app, [command]) for command in ("status", "grade", "manifest")
    }

    for command, result in results.items():
        assert "not inside a katas repository" in result.output, (command, result.output)
        assert result.exit_code == (3 if command == "grade" else 2), (command, result.exit_code)


def test_a_broken_catalog_is_a_message_not_a_traceback(tiny):
    """A katas.toml that is not TOML gets a message saying how to restore it."""
    tiny.catalog_path.write_text("[[kata]\nid = ", encoding="utf-8")

    result = _katas(tiny, "status")

    assert result.exit_code == 2
    assert "katas.toml is not valid TOML" in result.output and "git checkout" in result.output


# --- status -------------------------------------------------------------------------------------


def test_katas_without_a_command_shows_the_status(tiny):
    """Plain `katas` prints the status table and the next kata."""
    result = _katas(tiny)

    assert result.exit_code == 0, result.output
    assert "01_tiny" in result.stdout and "Next: 01_tiny" in result.stdout


def test_status_on_a_fresh_clone_counts_claims_without_running_them(tiny):
    """Untouched stubs are 'not started' with 0/N claims, and the first kata is next."""
    result = _katas(tiny, "status", "--json")

    document = json.loads(result.stdout)
    states = {
        k["id"]: (k["state"], k["claims_passed"], k["claims_total"]) for k in document["katas"]
    }
    assert states == {"01_tiny": ("not started", 0, 3), "02_other": ("not started", 0, 2)}
    assert document["next"] == "01_tiny"
    assert all(t["message"].startswith("not started") for t in document["katas"][0]["tests"])


def test_status_a_second_time_reuses_the_cache_and_runs_no_pytest(tiny, monkeypatch):
    """With nothing changed, the second status comes from .katas/cache.json alone."""
    _solve(tiny, "01")
    first = _katas(tiny, "status")
    monkeypatch.setattr(
        "kata_harness.progress.run_katas",
        lambda *a, **k: pytest.fail("status ran pytest although nothing had changed"),
    )

    second = _katas(tiny, "status")

    assert first.exit_code == second.exit_code == 0
    assert "done" in second.stdout and "3/3" in second.stdout and "Next: 02_other" in second.stdout


def test_status_shows_states_progress_and_the_next_kata(tiny):
    """A solved kata is done, a partly solved one in progress, and the bar counts claims."""
    _solve(tiny, "01")
    _learner(tiny, "02").write_text("def double(x):\n    return 2 * x if x else 1\n")

    result = _katas(tiny, "status")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("01_tiny" in line and "done" in line and "3/3" in line for line in lines), lines
    assert any("02_other" in line and "in progress" in line and "1/2" in line for line in lines)
    assert "4/5 claims, 1/2 katas done" in result.stdout
    assert "Next: 02_other" in result.stdout


def test_status_reruns_a_kata_whose_file_changed(tiny):
    """Editing a learner file invalidates its cached result."""
    _katas(tiny, "status")
    _solve(tiny, "02")

    result = _katas(tiny, "status", "--json")

    other = json.loads(result.stdout)["katas"][1]
    assert (other["state"], other["claims_passed"]) == ("done", 2), other


@pytest.mark.parametrize("garbage", ["{not json", '{"version": 99}', '{"version": 1, "katas": 3}'])
def test_a_corrupted_cache_is_ignored_with_a_note_and_rebuilt(tiny, garbage):
    """An unreadable .katas/cache.json gets a note, the status is computed, and the file is rewritten."""
    cache = tiny.state_dir / "cache.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(garbage, encoding="utf-8")

    result = _katas(tiny, "status")

    assert result.exit_code == 0, result.output
    assert "note:" in result.stderr and "cache.json could not be read" in result.stderr
    assert json.loads(cache.read_text())["version"] == 1


def test_a_broken_cache_entry_is_ignored_with_a_note(tiny):
    """A cache entry with the right key but a mangled result is recomputed."""
    _katas(tiny, "status")
    cache = tiny.state_dir / "cache.json"
    document = json.loads(cache.read_text())
    document["katas"]["01_tiny"]["result"] = {"tests": "mangled"}
    cache.write_text(json.dumps(document), encoding="utf-8")

    result = _katas(tiny, "status", "--json")

    assert "a broken entry for 01_tiny" in result.stderr
    assert json.loads(result.stdout)["katas"][0]["claims_total"] == 3


def test_status_reports_a_syntax_error_and_still_counts_the_other_kata(tiny):
    """A syntax error is shown with its line; the other kata's claims still count."""
    _learner(tiny, "01").write_text("def add(a, b:\n    return a + b\n")
    _solve(tiny, "02")

    document = json.loads(_katas(tiny, "status", "--json").stdout)

    tiny_kata, other = document["katas"]
    assert "line 1: SyntaxError" in tiny_kata["message"], tiny_kata
    assert (other["state"], other["claims_passed"]) == ("done", 2)


def test_status_names_a_function_deleted_from_the_stub(tiny):
    """A deleted function is named, with the command that restores it."""
    source = TINY_REFERENCE.split("def mean")[0]
    _learner(tiny, "01").write_text(source)

    document = json.loads(_katas(tiny, "status", "--json").stdout)

    messages = {t["name"]: t["message"] for t in document["katas"][0]["tests"]}
    assert messages["test_add_sums_two_numbers"] == ""
    assert "has no `mean`" in messages["test_mean_averages_the_values"], messages
    assert "git checkout" in messages["test_mean_averages_the_values"]


def test_status_explains_a_wrong_return_type(tiny):
    """A function returning the wrong type fails with a note to check the docstring's type."""
    _learner(tiny, "01").write_text(
        TINY_REFERENCE.replace(
            'return {"mean": mean(values), "count": len(values)}', "return [3, 3]"
        )
    )

    document = json.loads(_katas(tiny, "status", "--json").stdout)

    message = document["katas"][0]["tests"][2]["message"]
    assert message.startswith("TypeError: list indices must be integers"), message
    assert "check the type your function returns" in message


def test_an_endless_loop_times_out_and_the_other_claims_still_run(tiny):
    """With a one-second timeout, the looping claim fails as timed out and the rest pass."""
    _learner(tiny, "01").write_text(
        TINY_REFERENCE.replace("    return a + b", "    while True:\n        pass")
    )

    document = json.loads(_katas(tiny, "status", "--json", "--timeout", "1").stdout)

    tests = {t["name"]: t for t in document["katas"][0]["tests"]}
    assert "timed out after 1.0 s" in tests["test_add_sums_two_numbers"]["message"], tests
    assert tests["test_mean_averages_the_values"]["status"] == "passed"


def test_a_deleted_test_file_is_reported_and_the_other_kata_still_runs(tiny):
    """Without its test file a kata needs attention and says how to restore it; others run."""
    tiny.test_path(tiny.resolve("01")).unlink()
    _solve(tiny, "02")

    document = json.loads(_katas(tiny, "status", "--json").stdout)

    tiny_kata, other = document["katas"]
    assert tiny_kata["state"] == "needs attention"
    assert "git checkout -- katas/01_tiny/test_tiny.py" in tiny_kata["problem"]
    assert other["state"] == "done"


def test_a_deleted_learner_file_is_reported_with_the_way_back(tiny):
    """A missing learner file is reported with `katas reset`, and is not counted as progress."""
    _learner(tiny, "01").unlink()

    document = json.loads(_katas(tiny, "status", "--json").stdout)

    assert "katas reset 01" in document["katas"][0]["problem"]
    assert document["katas"][0]["claims_passed"] == 0


def test_a_crashing_kata_is_reported_and_the_other_still_runs(tiny):
    """Code that kills the interpreter (os._exit) is reported with the test it stopped in."""
    _learner(tiny, "01").write_text(
        TINY_REFERENCE.replace(
            "    return sum(values) / len(values)", "    import os\n    os._exit(7)"
        )
    )
    _solve(tiny, "02")

    document = json.loads(_katas(tiny, "status", "--json").stdout)

    tiny_kata, other = document["katas"]
    assert "stopped abruptly in test_mean_averages_the_values" in tiny_kata["problem"], tiny_kata
    assert "exit code 7" in tiny_kata["problem"]
    assert other["state"] == "done"


# --- run ------------------------------------------------------------------------------------------


def test_run_shows_pytest_output_and_a_summary_and_exits_1_until_done(tiny):
    """`katas run 1` on the stub prints pytest's report and what to do next, with status 1."""
    result = _katas(tiny, "run", "1")

    assert result.exit_code == 1, result.output
    assert "3 failed" in result.stdout
    assert "01_tiny: 0/3 claims pass" in result.stdout and "katas hint 01" in result.stdout


def test_run_exits_0_when_every_claim_passes_and_updates_the_status(tiny, monkeypatch):
    """A passing run exits 0, and the next `katas status` reuses its result instead of re-running."""
    from kata_harness import progress

    _solve(tiny, "tiny")
    asked, real_run_katas = [], progress.run_katas

    def spy(repo, katas, **options):
        asked.append([kata.id for kata in katas])
        return real_run_katas(repo, katas, **options)

    result = _katas(tiny, "run", "tiny")
    monkeypatch.setattr("kata_harness.progress.run_katas", spy)
    status = json.loads(_katas(tiny, "status", "--json").stdout)

    assert result.exit_code == 0 and "all 3 claims pass" in result.stdout, result.output
    assert asked == [["02_other"]], f"status ran {asked}; 01_tiny's run result should be cached"
    assert status["katas"][0]["state"] == "done"


def test_run_passes_extra_arguments_to_pytest(tiny):
    """Arguments after -- reach pytest, e.g. -k to pick one claim."""
    result = _katas(tiny, "run", "01", "--", "-k", "add")

    assert "1 failed, 2 deselected" in result.stdout, result.stdout


def test_run_without_a_test_file_says_how_to_restore_it(tiny):
    """`katas run` on a kata whose test file is gone exits 2 with the git command."""
    tiny.test_path(tiny.resolve("01")).unlink()

    result = _katas(tiny, "run", "01")

    assert result.exit_code == 2
    assert "git checkout -- katas/01_tiny/test_tiny.py" in result.output


# --- hint ---------------------------------------------------------------------------------------


def test_hint_shows_level_one_by_default_and_how_many_there_are(tiny):
    """`katas hint 01` shows the first hint, says it is 1 of 3 and how to get the next."""
    result = _katas(tiny, "hint", "01")

    assert result.exit_code == 0
    assert "hint 1 of 3" in result.stdout and TINY_HINTS[0] in result.stdout
    assert "katas hint 01 2" in result.stdout


def test_hint_at_the_last_level_says_it_is_the_last(tiny):
    """The last level says there are no more hints and points to the README."""
    result = _katas(tiny, "hint", "tiny", "3")

    assert TINY_HINTS[2] in result.stdout and "last hint" in result.stdout


def test_hint_level_out_of_range_says_which_levels_exist(tiny):
    """Level 4 of a three-hint kata is an error that names the range."""
    result = _katas(tiny, "hint", "01", "4")

    assert result.exit_code == 2 and "choose a level from 1 to 3" in result.output


def test_hint_for_one_function_deepens_on_that_function(tiny):
    """`katas hint 01 mean 2` shows the second tier of mean()'s own hints, and says it is the last."""
    catalog = tiny.root / "katas.toml"
    catalog.write_text(
        catalog.read_text().replace(
            '[[kata]]\nid = "02_other"',
            '[kata.function_hints]\nmean = ["What is an average?", "sum(values) / len(values)"]\n\n'
            '[[kata]]\nid = "02_other"',
        )
    )

    first = _katas(tiny, "hint", "01", "mean")
    second = _katas(tiny, "hint", "01", "mean", "2")
    kata_level = _katas(tiny, "hint", "01")
    unknown = _katas(tiny, "hint", "01", "median")

    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "mean() · hint 1 of 2" in first.stdout and "What is an average?" in first.stdout
    assert "katas hint 01 mean 2" in first.stdout
    assert "sum(values) / len(values)" in second.stdout and "last hint" in second.stdout
    assert "katas hint 01 FUNCTION" in kata_level.stdout and "mean" in kata_level.stdout
    assert unknown.exit_code == 2 and "functions with hints: mean" in unknown.output


def test_hint_without_a_kata_is_for_the_kata_being_worked_on(tiny):
    """With no kata named, hint, run and Next: all pick the learner file saved most recently."""
    _learner(tiny, "02").write_text("def double(x):\n    return x\n")

    hint = _katas(tiny, "hint")
    status = _katas(tiny, "status")

    assert hint.exit_code == 0 and "02_other · hint 1 of 2" in hint.stdout, hint.output
    assert "Next: 02_other" in status.stdout, status.stdout


def test_next_is_the_most_recently_saved_unfinished_kata(tiny):
    """Of two katas in progress, the one saved last is next, whatever the catalog order."""
    _learner(tiny, "02").write_text("def double(x):\n    return x\n")
    time.sleep(0.05)
    _learner(tiny, "01").write_text(TINY_REFERENCE.replace("a + b", "a - b"))

    status = _katas(tiny, "status", "--json")

    assert json.loads(status.stdout)["next"] == "01_tiny", status.stdout


def test_running_an_untouched_stub_leaves_it_not_started(tiny):
    """`katas run` on the untouched stub does not mark the kata in progress or make it next."""
    _learner(tiny, "02").write_text("def double(x):\n    return x\n")

    _katas(tiny, "run", "01")
    status = _katas(tiny, "status", "--json")

    states = {k["id"]: k["state"] for k in json.loads(status.stdout)["katas"]}
    assert states["01_tiny"] == "not started", states
    assert json.loads(status.stdout)["next"] == "02_other"


# --- solution -----------------------------------------------------------------------------------


def test_solution_is_withheld_until_the_kata_passes(tiny):
    """On an unfinished kata `katas solution` refuses, with status 1 and the --force way."""
    result = _katas(tiny, "solution", "01")

    assert result.exit_code == 1
    assert "does not pass yet (0/3 claims)" in result.output and "--force" in result.output
    assert "return a + b" not in result.output


def test_solution_with_force_shows_the_reference(tiny):
    """--force prints the reference even for an unfinished kata."""
    result = _katas(tiny, "solution", "01", "--force")

    assert result.exit_code == 0 and result.stdout == TINY_REFERENCE


def test_solution_is_shown_once_the_kata_passes(tiny):
    """A kata whose claims all pass gets its reference printed."""
    _learner(tiny, "01").write_text(TINY_REFERENCE.replace("a + b", "b + a"))

    result = _katas(tiny, "solution", "01")

    assert result.exit_code == 0 and "return a + b" in result.stdout


def test_solution_without_a_solutions_folder_says_so(tiny):
    """A checkout without solutions/ (a graded copy) says there is no reference."""
    shutil.rmtree(tiny.root / "solutions")

    result = _katas(tiny, "solution", "01", "--force")

    assert result.exit_code == 2 and "has no reference for 01_tiny" in result.output


def test_solution_names_the_file_and_warns_of_spoilers_even_with_force(tiny):
    """The reference comes with a header naming its file and a spoiler warning; stdout stays the file."""
    result = _katas(tiny, "solution", "01", "--force")

    assert result.stdout == TINY_REFERENCE
    assert "solutions/01_tiny/tiny.py: the reference solution of 01_tiny" in result.output
    assert "Spoiler" in result.output


# --- reset --------------------------------------------------------------------------------------


def test_reset_restores_the_stub_and_keeps_a_backup_that_undo_brings_back(tiny):
    """reset puts the stub back, keeps the learner's file, and --undo restores it byte for byte."""
    learner = _learner(tiny, "01")
    stub = learner.read_bytes()
    work = b"def add(a, b):\n    return 42  # my work\n"
    learner.write_bytes(work)

    reset = _katas(tiny, "reset", "01")
    after_reset = learner.read_bytes()
    undo = _katas(tiny, "reset", "--undo", "01")

    assert reset.exit_code == undo.exit_code == 0, reset.output + undo.output
    assert after_reset == stub
    assert learner.read_bytes() == work
    (backup,) = (tiny.state_dir / "backups" / "01_tiny").iterdir()
    assert backup.read_bytes() == work and "katas reset --undo 01" in reset.stdout


def test_undo_without_a_kata_undoes_the_last_reset(tiny):
    """`katas reset --undo` with no kata brings back the file the most recent reset replaced."""
    first, second = _learner(tiny, "01"), _learner(tiny, "02")
    first.write_bytes(b"def add(a, b):\n    return 1\n")
    second.write_bytes(b"def double(x):\n    return 2\n")
    _katas(tiny, "reset", "01")
    time.sleep(0.05)
    _katas(tiny, "reset", "02")

    undo = _katas(tiny, "reset", "--undo")

    assert undo.exit_code == 0, undo.output
    assert second.read_bytes() == b"def double(x):\n    return 2\n"
    assert first.read_bytes() != b"def add(a, b):\n    return 1\n"


def test_reset_without_a_kata_or_undo_asks_for_one(tiny):
    """A bare `katas reset` changes nothing and says how to name the kata."""
    result = _katas(tiny, "reset")

    assert result.exit_code == 2 and "name the kata to reset" in result.output


def test_version_and_list(tiny):
    """`katas --version` prints the version; `katas list` gives every kata with its question."""
    version = _katas(tiny, "--version")
    listing = _katas(tiny, "list")

    assert version.exit_code == 0 and version.stdout.startswith("katas "), version.output
    assert listing.exit_code == 0
    assert "01_tiny" in listing.stdout and "A question for Tiny?" in listing.stdout
    assert "A question for Other?" in listing.stdout


def test_messages_are_not_wrapped_off_a_terminal(tiny):
    """An error longer than 80 columns stays on one line when the output is not a terminal."""
    result = _katas(tiny, "run", "no-such-kata", env={"COLUMNS": "40"})

    line = next(line for line in result.output.splitlines() if "no-such-kata" in line)
    assert len(line) > 80 and "02_other" in line, result.output


def test_undo_keeps_work_written_after_the_reset(tiny):
    """Work written after a reset is backed up before --undo replaces it; nothing is lost."""
    learner = _learner(tiny, "01")
    learner.write_bytes(b"# first attempt\n")
    _katas(tiny, "reset", "01")
    learner.write_bytes(b"# second attempt\n")

    _katas(tiny, "reset", "--undo", "01")
    first_back = learner.read_bytes()
    _katas(tiny, "reset", "--undo", "01")

    saved = {p.read_bytes() for p in (tiny.state_dir / "backups" / "01_tiny").iterdir()}
    assert first_back == b"# first attempt\n"
    assert learner.read_bytes() == b"# second attempt\n"
    assert saved == {b"# first attempt\n", b"# second attempt\n"}


def test_reset_of_an_untouched_stub_changes_nothing(tiny):
    """Resetting a pristine kata makes no backup and says there was nothing to do."""
    result = _katas(tiny, "reset", "01")

    assert "nothing to do" in result.stdout
    assert not (tiny.state_dir / "backups").exists()


def test_reset_brings_back_a_deleted_file(tiny):
    """A deleted learner file comes back as the stub."""
    learner = _learner(tiny, "01")
    stub = learner.read_bytes()
    learner.unlink()

    result = _katas(tiny, "reset", "01")

    assert result.exit_code == 0 and learner.read_bytes() == stub


def test_reset_finds_the_course_stub_even_after_the_learner_committed_work(tiny):
    """With the learner's work committed, reset still restores the stub the manifest names."""
    learner = _learner(tiny, "01")
    stub = learner.read_bytes()
    learner.write_bytes(b"# committed work\n")
    _commit_everything(tiny.root, "my work")

    _katas(tiny, "reset", "01")

    assert learner.read_bytes() == stub


def test_reset_without_git_regenerates_the_stub_from_the_reference(tiny):
    """Without git history the stub is regenerated and accepted only if it hashes right."""
    learner = _learner(tiny, "01")
    stub = learner.read_bytes()
    shutil.rmtree(tiny.root / ".git")
    learner.write_bytes(b"# work\n")

    result = _katas(tiny, "reset", "01")

    assert result.exit_code == 0, result.output
    assert learner.read_bytes() == stub


def test_undo_without_a_backup_says_so(tiny):
    """--undo with no backup is an error that changes nothing."""
    learner = _learner(tiny, "01")
    before = learner.read_bytes()

    result = _katas(tiny, "reset", "--undo", "01")

    assert result.exit_code == 2 and "no backup of 01_tiny" in result.output
    assert learner.read_bytes() == before


def test_no_command_but_reset_changes_a_learner_file(tiny):
    """status, run, hint, solution, manifest and grade leave every learner file as it was."""
    _learner(tiny, "01").write_text("def add(a, b:\n")  # broken on purpose
    before = {p: p.read_bytes() for p in (tiny.root / "katas").rglob("*.py")}

    for args in (
        ["status"],
        ["run", "01"],
        ["hint", "01"],
        ["solution", "01", "--force"],
        ["manifest"],
        ["grade"],
    ):
        _katas(tiny, *args)

    after = {p: p.read_bytes() for p in (tiny.root / "katas").rglob("*.py")}
    assert after == before


# --- watch --------------------------------------------------------------------------------------


def test_watch_maps_saved_files_to_their_katas(tiny):
    """A change to a learner file or a test file selects its kata; other paths select nothing."""
    from kata_harness.watch import katas_for_changes

    katas = list(tiny.katas())
    changes = {
        (2, str(_learner(tiny, "01"))),
        (1, str(tiny.test_path(tiny.resolve("02")))),
        (2, str(tiny.root / "katas" / "01_tiny" / "scratch.py")),
        (2, str(_learner(tiny, "01"))),
    }

    selected = katas_for_changes(tiny, katas, changes)

    assert sorted(k.id for k in selected) == ["01_tiny", "02_other"]
    assert katas_for_changes(tiny, katas[:1], changes) == katas[:1]


def test_watch_loop_runs_once_per_changed_kata_and_stops_after_max_runs(tiny):
    """Each batch of changes runs its katas once; the loop stops after max_runs."""
    from kata_harness.watch import watch_loop

    class FakeRunner:
        def __init__(self):
            self.ran = []

        def run(self, kata):
            self.ran.append(kata.id)
            return object(), 0.0

    runner, shown = FakeRunner(), []
    batches = [
        {(2, str(_learner(tiny, "01"))), (2, str(_learner(tiny, "01")))},
        {(2, str(tiny.root / "README.md"))},
        {(2, str(_learner(tiny, "02")))},
        {(2, str(_learner(tiny, "01")))},
    ]

    runs = watch_loop(
        tiny,
        list(tiny.katas()),
        runner,
        on_result=lambda *a: shown.append(a),
        changes=batches,
        max_runs=2,
    )

    assert runs == 2 and runner.ran == ["01_tiny", "02_other"] and len(shown) == 2


def test_warm_interpreter_imports_libraries_once_and_tests_each_save(tiny):
    """The worker preloads the kata's libraries once; every run sees the file as last saved."""
    from kata_harness.watch import WarmInterpreter

    (tiny.root / "slowlib.py").write_text(
        "from pathlib import Path\n"
        "with open(Path(__file__).with_name('imports.log'), 'a') as log:\n"
        "    log.write('imported\\n')\n"
    )
    tiny.catalog_path.write_text(
        tiny.catalog_path.read_text().replace("libraries = []", 'libraries = ["slowlib"]', 1)
    )
    kata = tiny.resolve("01")

    with WarmInterpreter(tiny, timeout=30) as runner:
        runner.start(kata.libraries)
        preloaded = (tiny.root / "imports.log").read_text()
        first, _ = runner.run(kata)
        pid = runner.pid
        _solve(tiny, "01")
        second, _ = runner.run(kata)
        _learner(tiny, "01").write_text(TINY_REFERENCE.replace("a + b", "a - b"))
        third, _ = runner.run(kata)

        assert runner.pid == pid and runner.starts == 1
    assert preloaded == "imported\n" == (tiny.root / "imports.log").read_text()
    assert [r.claims_passed for r in (first, second, third)] == [0, 3, 2]


def test_warm_interpreter_picks_up_an_edited_test_file(tiny):
    """A changed test file is imported again rather than served from the warm process."""
    from kata_harness.watch import WarmInterpreter

    kata = tiny.resolve("02")
    _solve(tiny, "02")

    with WarmInterpreter(tiny, timeout=30) as runner:
        before, _ = runner.run(kata)
        tiny.test_path(kata).write_text(OTHER_TESTS + "\n\ndef test_more(impl):\n    '''More.'''\n")
        after, _ = runner.run(kata)

    assert (before.claims_total, after.claims_total) == (2, 3)


def test_warm_interpreter_survives_code_that_kills_it(tiny):
    """os._exit in the learner's code is reported; the next save runs in a fresh worker."""
    from kata_harness.watch import WarmInterpreter

    kata = tiny.resolve("01")
    _learner(tiny, "01").write_text(
        TINY_REFERENCE.replace("    return a + b", "    import os\n    os._exit(3)")
    )

    with WarmInterpreter(tiny, timeout=30) as runner:
        crashed, _ = runner.run(kata)
        _solve(tiny, "01")
        recovered, _ = runner.run(kata)

        assert runner.starts == 2
    assert "stopped while running 01_tiny (exit code 3)" in crashed.problem, crashed.problem
    assert recovered.state == "done"


def test_measure_times_cold_and_warm_runs_on_a_private_copy(tiny):
    """--measure reports cold, warm and save-to-result times without touching the checkout."""
    from kata_harness.watch import measure

    before = {p: p.read_bytes() for p in tiny.root.rglob("*.py")}

    figures = measure(tiny, tiny.resolve("01"), repeats=1, pause=0.3, timeout=30)

    assert figures["claims"] == "0/3"
    assert all(len(figures[key]) == 1 for key in ("cold_seconds", "warm_run_seconds"))
    assert figures["ratio"] == min(figures["save_to_result_seconds"]) / min(figures["cold_seconds"])
    assert {p: p.read_bytes() for p in tiny.root.rglob("*.py")} == before


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _wait_for(lines: queue.Queue, text: str, seen: list[str], timeout: float = 120) -> None:
    while True:
        line = lines.get(timeout=timeout)
        if line is None:
            pytest.fail(f"the watcher ended before printing {text!r}:\n{''.join(seen)}")
        seen.append(line)
        if text in line:
            return


def test_watch_command_reruns_the_kata_when_its_file_is_saved(tiny):
    """`katas watch 01 --max-runs 1` shows the stub's result, then the result after one save."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kata_harness.cli", "watch", "01", "--max-runs", "1"],
        cwd=tiny.root,
        env={**tiny.subprocess_env(), "COLUMNS": "200"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        _wait_for(lines, "watching katas/01_tiny/", seen)
        time.sleep(0.5)
        _solve(tiny, "01")
        code = process.wait(timeout=120)
    finally:
        process.kill()
    while (line := lines.get(timeout=10)) is not None:
        seen.append(line)
    output = "".join(seen)

    assert code == 0, output
    assert "01_tiny: 0/3 claims pass" in output and "01_tiny: 3/3 claims pass" in output, output
    assert "not implemented yet: add(), mean(), summary()" in output


# --- grade --------------------------------------------------------------------------------------


def _grade(repo: Repo, tmp_path: Path, *args: str):
    json_path, junit_path = tmp_path / "out" / "grade.json", tmp_path / "out" / "junit.xml"
    result = _katas(repo, "grade", "--json", str(json_path), "--junit", str(junit_path), *args)
    document = json.loads(json_path.read_text()) if json_path.exists() else None
    return result, document, junit_path


def test_grade_of_untouched_stubs_exits_0_with_every_claim_failed(tiny, tmp_path):
    """A fresh clone grades to 0 points with exit status 0 and one entry per claim."""
    result, document, junit_path = _grade(tiny, tmp_path)

    assert result.exit_code == 0, result.output
    assert document["schema"] == "katas-grade/2"
    assert (document["status"], document["mode"]) == ("graded", "feedback")
    assert "feedback, not a grade" in result.output
    assert document["score"] == {
        "points": 0,
        "max_points": 5,
        "percent": 0.0,
        "katas_done": 0,
        "katas_total": 2,
    }
    assert [t["status"] for t in document["katas"][0]["tests"]] == ["failed"] * 3
    assert document["grader"]["manifest_sha256"] == manifest.digest(tiny)
    assert {"python", "pytest", "ds-interview-katas"} <= set(document["versions"])
    suites = ET.parse(junit_path).getroot()
    assert (suites.get("tests"), suites.get("failures")) == ("5", "5")


def test_grade_scores_each_passing_claim_and_writes_junit(tiny, tmp_path):
    """Points are claims passed; JUnit has one suite per kata and one case per claim."""
    _solve(tiny, "02")
    _learner(tiny, "01").write_text(TINY_REFERENCE.replace("a + b", "a * b"))

    result, document, junit_path = _grade(
        tiny, tmp_path, "--markdown", str(tmp_path / "summary.md")
    )

    assert result.exit_code == 0, result.output
    assert document["score"]["points"] == 4 and document["score"]["katas_done"] == 1
    tiny_kata = document["katas"][0]
    assert (tiny_kata["points"], tiny_kata["max_points"]) == (2, 3)
    failed = [t for t in tiny_kata["tests"] if t["status"] == "failed"]
    assert [t["name"] for t in failed] == ["test_add_sums_two_numbers"]
    assert "add(2, 3) returned 6; the claim is 5" in failed[0]["message"]
    suites = ET.parse(junit_path).getroot()
    assert [s.get("name") for s in suites] == ["01_tiny", "02_other"]
    assert (
        len(suites[0].findall("testcase")) == 3 and len(suites[0].findall("testcase/failure")) == 1
    )
    assert "Feedback: 4/5 claims (80.0%)" in result.stdout
    assert "| 01_tiny | in progress | 2/3 |" in (tmp_path / "summary.md").read_text()


@pytest.mark.parametrize("flag", [["--solutions"], ["--impl-dir", "solutions"]])
def test_grade_refuses_solutions_and_impl_dir(tiny, tmp_path, flag):
    """Grading only ever grades katas/: --solutions and --impl-dir exit 3 with a reason."""
    result, document, _ = _grade(tiny, tmp_path, *flag)

    assert result.exit_code == 3 and document is None  # a usage error: nothing was graded
    assert "refuses --solutions and --impl-dir" in result.output


@pytest.mark.parametrize("changed", ["katas/01_tiny/test_tiny.py", "conftest.py", "katas.toml"])
def test_grade_refuses_changed_trusted_files_and_says_how_to_restore(tiny, tmp_path, changed):
    """An edited test file, conftest or catalog stops grading, named, with a git command."""
    path = tiny.root / changed
    path.write_text(path.read_text() + "\n# edited\n")

    result, document, _ = _grade(tiny, tmp_path)

    assert result.exit_code == 3, result.output
    assert document["status"] == "refused" and f"{changed} (changed)" in document["reasons"][0]
    assert f"{changed} (changed)" in result.output
    assert f"git checkout HEAD -- {changed}" in result.output


def test_grade_refusal_names_the_commit_when_the_change_was_committed(tiny, tmp_path):
    """If the learner committed an edited test, the advice names the commit that holds the original."""
    path = tiny.test_path(tiny.resolve("01"))
    path.write_text(path.read_text().replace("== 5", "!= 5"))
    _commit_everything(tiny.root, "make it pass")
    original = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"],
        cwd=tiny.root,
        capture_output=True,
        text=True,
    ).stdout.strip()

    result, _, _ = _grade(tiny, tmp_path)

    assert result.exit_code == 3
    assert f"git checkout {original[:12]} -- katas/01_tiny/test_tiny.py" in result.output


def test_grade_refuses_a_deleted_test_file_and_a_missing_manifest(tiny, tmp_path):
    """A deleted test file, or a deleted manifest, means no grade (exit 3)."""
    tiny.test_path(tiny.resolve("02")).unlink()
    missing_test, _, _ = _grade(tiny, tmp_path)
    manifest.manifest_path(tiny).unlink()
    missing_manifest, _, _ = _grade(tiny, tmp_path)

    assert (
        missing_test.exit_code == 3
        and "katas/02_other/test_other.py (missing)" in missing_test.output
    )
    assert missing_manifest.exit_code == 3
    assert "grading-manifest.json is missing" in missing_manifest.output


def test_grade_checks_the_manifest_against_a_pinned_hash(tiny, tmp_path):
    """With KATAS_MANIFEST_SHA256 set, a manifest with another hash is refused."""
    good = _katas(tiny, "grade", env={"KATAS_MANIFEST_SHA256": manifest.digest(tiny)})
    bad = _katas(tiny, "grade", env={"KATAS_MANIFEST_SHA256": "0" * 64})

    assert good.exit_code == 0, good.output
    assert bad.exit_code == 3 and "not the one the instructor published" in bad.output


def test_grade_ignores_a_conftest_the_learner_added(tiny, tmp_path):
    """A conftest.py dropped into a kata folder to force passes is never loaded by grading."""
    (tiny.root / "katas" / "01_tiny" / "conftest.py").write_text(
        "import pytest\n\n\n@pytest.hookimpl(wrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    report = yield\n    report.outcome = 'passed'\n    return report\n"
    )
    # The kata is no longer an untouched stub, so grading must run it.
    _learner(tiny, "01").write_text(make_stub(tiny.solution_path(tiny.resolve("01"))) + "\n")

    result, document, _ = _grade(tiny, tmp_path)

    assert result.exit_code == 0
    assert document["katas"][0]["points"] == 0, document["katas"][0]


@pytest.mark.parametrize(
    "reader",
    [
        "Path(__file__).resolve().parents[2] / 'solutions' / '01_tiny' / 'tiny.py'",
        "Path({original!r}) / 'solutions' / '01_tiny' / 'tiny.py'",
    ],
    ids=["relative-to-the-kata", "absolute-path-of-the-checkout"],
)
def test_code_that_reads_solutions_passes_under_run_but_scores_nothing(tiny, tmp_path, reader):
    """A learner module that executes the reference from solutions/ earns no point when graded."""
    cheat = (
        "from pathlib import Path\n\n"
        f"_reference = {reader.format(original=str(tiny.root))}\n"
        "exec(compile(_reference.read_text(), str(_reference), 'exec'))\n"
    )
    _learner(tiny, "01").write_text(cheat)

    under_run = _katas(tiny, "run", "01")
    result, document, _ = _grade(tiny, tmp_path)

    assert under_run.exit_code == 0, "the cheat must really work outside grading"
    assert result.exit_code == 0
    tiny_kata = document["katas"][0]
    assert tiny_kata["points"] == 0, tiny_kata
    message = tiny_kata["tests"][0]["message"]
    assert "FileNotFoundError" in message or "off limits while grading" in message, message


def test_grade_reports_a_crash_and_a_loop_and_still_grades_the_rest(tiny, tmp_path):
    """os._exit in one kata and an endless loop in another claim cost those claims only."""
    _learner(tiny, "01").write_text(
        TINY_REFERENCE.replace("    return a + b", "    while True:\n        pass").replace(
            '    return {"mean"', '    import os\n    os._exit(5)\n    return {"mean"'
        )
    )
    _solve(tiny, "02")

    result, document, _ = _grade(tiny, tmp_path, "--timeout", "1")

    assert result.exit_code == 0, result.output
    tiny_kata, other = document["katas"]
    statuses = {t["name"]: t["status"] for t in tiny_kata["tests"]}
    assert statuses == {
        "test_add_sums_two_numbers": "failed",
        "test_mean_averages_the_values": "passed",
        "test_summary_holds_the_mean_and_the_count": "failed",
    }, tiny_kata
    assert "timed out after 1.0 s" in tiny_kata["tests"][0]["message"]
    assert "stopped abruptly in this test" in tiny_kata["tests"][2]["message"]
    assert other["points"] == 2


def test_grade_of_a_deleted_learner_file_scores_zero_and_says_why(tiny, tmp_path):
    """A missing learner file is graded (exit 0) at zero, with a message that names the file."""
    _learner(tiny, "01").unlink()

    result, document, _ = _grade(tiny, tmp_path)

    assert result.exit_code == 0
    assert document["katas"][0]["points"] == 0
    assert "katas/01_tiny/tiny.py is not in the submission" in document["katas"][0]["problem"]


def test_grade_flags_a_copy_of_the_reference(tiny, tmp_path):
    """A learner file identical to the reference is scored but flagged for the instructor."""
    _solve(tiny, "01")

    result, document, _ = _grade(tiny, tmp_path)

    assert document["katas"][0]["matches_reference"] is True
    assert "katas/01_tiny/tiny.py is the reference" in result.output


# --- manifest -----------------------------------------------------------------------------------


def test_committed_grading_manifest_matches_the_tree():
    """grading-manifest.json lists exactly the hashes of today's trusted files and stubs."""
    differences = manifest.out_of_date(Repo(REPO_ROOT))

    assert not differences, (
        "grading-manifest.json is out of date:\n  "
        + "\n  ".join(differences)
        + "\nRegenerate it from the repository root with `katas manifest --write` "
        "(or `python -m kata_harness.cli manifest --write`) and commit it."
    )


def test_manifest_command_checks_and_rewrites(tiny):
    """`katas manifest` exits 0 when current, 1 with the differences when not; --write fixes it."""
    current = _katas(tiny, "manifest")
    test_file = tiny.test_path(tiny.resolve("02"))
    test_file.write_text(test_file.read_text() + "\n")
    stale = _katas(tiny, "manifest")
    written = _katas(tiny, "manifest", "--write")
    again = _katas(tiny, "manifest")

    assert current.exit_code == 0 and "matches the tree" in current.stdout
    assert (
        stale.exit_code == 1 and "files: katas/02_other/test_other.py has changed" in stale.stdout
    )
    assert written.exit_code == 0 and again.exit_code == 0


def test_manifest_trusts_tests_harness_and_config_but_not_learner_files(tiny):
    """The manifest covers tests, conftest, catalog, pyproject and harness; not stubs or READMEs."""
    files = manifest.load(tiny)["files"]

    assert {"conftest.py", "katas.toml", "pyproject.toml", "katas/01_tiny/test_tiny.py"} <= set(
        files
    )
    assert "kata_harness/grading/grader.py" in files and "kata_harness/recorder.py" in files
    assert "katas/01_tiny/tiny.py" not in files and "katas/01_tiny/README.md" not in files
    assert manifest.load(tiny)["stubs"]["katas/01_tiny/tiny.py"] == text_digest(
        _learner(tiny, "01").read_bytes()
    )


# --- the exemplar kata ----------------------------------------------------------------------------


@pytest.fixture
def exemplar(tmp_path) -> Repo:
    """A repository with a copy of the real 08_imbalance and its catalog entry, committed."""
    kata = find_kata("08_imbalance")
    root = tmp_path / "course"
    _copy_harness(root)
    for folder in ("katas", "solutions"):
        shutil.copytree(
            REPO_ROOT / folder / kata.id,
            root / folder / kata.id,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    # The stub as committed, in case someone is working on the real one.
    stub = root / "katas" / kata.id / kata.module_filename
    stub.write_text(
        subprocess.run(
            ["git", "show", f"HEAD:katas/{kata.id}/{kata.module_filename}"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
        ).stdout
        or make_stub(REPO_ROOT / "solutions" / kata.id / kata.module_filename)
    )
    entry = _toml_entry(
        kata.id, kata.title, kata.libraries, kata.markers, kata.hints, kata.question
    )
    return _make_repo(root, entry)


def test_exemplar_status_and_grade_on_the_real_kata(exemplar, tmp_path):
    """On 08_imbalance: a fresh status counts its claims; a reference copy grades to full marks."""
    status = json.loads(_katas(exemplar, "status", "--json").stdout)
    shutil.copyfile(
        exemplar.solution_path(exemplar.resolve("08")), exemplar.module_path(exemplar.resolve("08"))
    )

    result, document, _ = _grade(exemplar, tmp_path)

    (kata,) = status["katas"]
    assert kata["state"] == "not started" and kata["claims_total"] >= 10, kata
    assert result.exit_code == 0, result.output
    graded = document["katas"][0]
    assert graded["points"] == graded["max_points"] == kata["claims_total"], graded
    assert graded["matches_reference"] is True

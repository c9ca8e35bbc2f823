"""The mutation-testing tooling (kata_harness.mutation) on a one-function kata, not the full run."""

from __future__ import annotations

import shutil

import pytest

from kata_harness.catalog import REPO_ROOT, Kata
from kata_harness.mutation import MutationError, load_verdicts, measure, score

pytest.importorskip("mutmut", reason="mutation tooling needs mutmut: pip install -e .[dev]")

# One xdist worker runs the module, so the module-scoped mutmut run happens once.
pytestmark = [pytest.mark.meta, pytest.mark.timeout(120), pytest.mark.xdist_group("mutation")]

CLIP_REFERENCE = '''\
"""A one-function kata for the mutation tooling's test."""


def clip(x, low, high):
    """``x`` limited to the interval [low, high]."""
    if x < low:
        return low
    if x > high:
        return high
    return x


def width(low, high):
    """The length of the interval [low, high]."""
    return high - low


def shout(word):
    """``word`` in capitals, then an exclamation mark."""
    return word.upper() + "!"


if __name__ == "__main__":
    import sys

    print(shout(sys.argv[1]))
'''

# Both comparisons of clip survive mutmut's `<` -> `<=` and `>` -> `>=`, and rightly: on a bound
# both branches return the bound (equivalent mutants). Every mutant of width must die, although
# only the second test that reads the cached width can tell `high - low` from `high + low`.
CLIP_TESTS = '''\
"""Claims of the one-function kata."""

import pytest


@pytest.fixture(scope="module")
def width_2_7(impl):
    """Computed once; mutmut sees the call only in the first test that asks for it."""
    return impl.width(2, 7)


def test_clip_keeps_values_inside(impl):
    """A value inside the interval comes back unchanged."""
    assert impl.clip(5, 0, 10) == 5


def test_clip_raises_values_below_the_interval(impl):
    """A value below the interval comes back as the lower bound."""
    assert impl.clip(-3, 0, 10) == 0


def test_clip_lowers_values_above_the_interval(impl):
    """A value above the interval comes back as the upper bound."""
    assert impl.clip(12, 0, 10) == 10


def test_width_is_a_number(width_2_7):
    """width(2, 7) is an int."""
    assert isinstance(width_2_7, int)


def test_width_is_the_distance_between_the_bounds(width_2_7):
    """width(2, 7) is 5."""
    assert width_2_7 == 5


def test_shout_gives_text(impl):
    """shout gives a string (the exact text is checked only in another process)."""
    assert isinstance(impl.shout("hi"), str)


def test_the_file_run_as_a_script_shouts(impl, tmp_path):
    """The implementation's file, run by another interpreter from another folder, prints HI!."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, str(impl.path), "hi"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.stdout == "HI!\\n", (run.returncode, run.stdout, run.stderr[-500:])
'''

CATALOG = """\
[[kata]]
id = "01_clip"
title = "Clip"
question = "Clip a value."
libraries = []
markers = []
hints = ["Which bound?", "Compare with both."]
"""

KATA = Kata(
    id="01_clip",
    title="Clip",
    question="Clip a value.",
    libraries=(),
    markers=(),
    hints=("Which bound?", "Compare with both."),
)


@pytest.fixture(scope="module")
def clip_record(tmp_path_factory):
    """One mutmut run over the clip kata, laid out like the repository."""
    root = tmp_path_factory.mktemp("clip-repo")
    shutil.copytree(REPO_ROOT / "kata_harness", root / "kata_harness")
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy2(REPO_ROOT / name, root / name)
    (root / "katas.toml").write_text(CATALOG, encoding="utf-8")
    for folder, name, text in (
        ("katas", "clip.py", CLIP_REFERENCE),
        ("katas", "test_clip.py", CLIP_TESTS),
        ("solutions", "clip.py", CLIP_REFERENCE),
    ):
        (root / folder / "01_clip").mkdir(parents=True, exist_ok=True)
        (root / folder / "01_clip" / name).write_text(text, encoding="utf-8")

    return measure(KATA, max_children=1, source_root=root)


def test_mutmut_kills_what_the_tests_see_and_reports_the_survivors(clip_record):
    """width's mutants die, even where only a test reading a cached fixture sees them; clip's two
    bound mutants survive, reported with their lines and diffs."""
    statuses, survivors = clip_record["statuses"], clip_record["survivors"]

    assert statuses.get("killed", 0) >= 1 and set(statuses) == {"killed", "survived"}, statuses
    assert [
        (s["function"], s["line"], s["before"].strip(), s["after"].strip()) for s in survivors
    ] == [
        ("clip", 6, "if x < low:", "if x <= low:"),
        ("clip", 8, "if x > high:", "if x >= high:"),
    ], survivors
    assert "+    if x >= high:" in survivors[1]["diff"], survivors[1]["diff"]


def test_a_mutant_only_another_process_sees_is_served_there_and_dies(clip_record):
    """shout's exact text is checked only by running the implementation's file in a subprocess
    started from another folder: that process runs the active mutant (not mutmut's trampolined
    file, which crashes outside mutmut's folder), so every mutant of shout dies."""
    survivors = [s for s in clip_record["survivors"] if s["function"] == "shout"]

    assert not survivors, survivors
    # width has one mutant (`-` -> `+`); clip's two survive. Every other kill is one of shout's
    # (three in mutmut 3.8: upper -> lower, the text "!" changed, `+` -> `-`).
    assert clip_record["statuses"].get("killed", 0) >= 3, clip_record["statuses"]


def test_an_equivalent_verdict_leaves_the_denominator(clip_record, tmp_path):
    """A survivor marked equivalent leaves the rate's denominator; the unmarked one still counts."""
    verdicts_file = tmp_path / "survivors.toml"
    verdicts_file.write_text(
        '[[01_clip]]\nfunction = "clip"\nbefore = "if x > high:"\nafter = "if x  >=  high:"\n'
        'verdict = "equivalent"\nreason = "at x == high both branches return high"\n',
        encoding="utf-8",
    )

    untriaged = score(clip_record, "01_clip", {})
    triaged = score(clip_record, "01_clip", load_verdicts(verdicts_file))

    assert untriaged["untriaged"] == 2 and untriaged["rate"] < 1.0, untriaged
    assert triaged["equivalent"] == 1 and triaged["untriaged"] == 1, triaged
    assert triaged["rate"] == triaged["killed"] / (triaged["generated"] - 1), triaged


def test_a_verdict_without_a_reason_is_refused(tmp_path):
    """An entry of the survivors file must say why; an empty reason is an error naming the entry."""
    verdicts_file = tmp_path / "survivors.toml"
    verdicts_file.write_text(
        '[[01_clip]]\nfunction = "clip"\nbefore = "a"\nafter = "b"\nverdict = "equivalent"\n'
        'reason = " "\n',
        encoding="utf-8",
    )

    with pytest.raises(MutationError, match=r"\[\[01_clip\]\] #1: the reason is empty"):
        load_verdicts(verdicts_file)


def test_the_committed_survivors_file_is_well_formed():
    """tests/mutation_survivors.toml parses and every entry has a known verdict and a reason."""
    load_verdicts()

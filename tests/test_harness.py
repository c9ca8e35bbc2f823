"""The harness itself: the implementation switch, the report header and the short failure lines."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kata_harness.catalog import REPO_ROOT, SOLUTIONS_DIR, find_kata, load_catalog
from kata_harness.meta import install_as_implementation, pristine_stub_source, run_kata

EXEMPLAR = find_kata("08_imbalance")
ONE_TEST = ("-k", "test_smote_balances_the_classes")


def _pytest(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _broken(tmp_path, source: str):
    return install_as_implementation(EXEMPLAR, source, tmp_path)


def test_stub_failure_is_one_line_naming_kata_function_and_claim(tmp_path):
    """A stub's NotImplementedError is reported as one line: kata, function and the test's claim."""
    run = run_kata(EXEMPLAR, _broken(tmp_path, pristine_stub_source(EXEMPLAR)), extra_args=ONE_TEST)

    assert run.messages == {
        "test_smote_balances_the_classes": "08_imbalance: smote() is not implemented yet. Claim: "
        "SMOTE oversamples the minority until both classes have as many rows as the majority."
    }


def test_syntax_error_names_the_file_and_the_line(tmp_path):
    """A syntax error fails the kata's tests with the file, the line and the error, not a traceback."""
    run = run_kata(
        EXEMPLAR,
        _broken(tmp_path, "import numpy\n\ndef smote(X, y:\n    pass\n"),
        extra_args=ONE_TEST,
    )

    (message,) = run.messages.values()
    assert (
        message.startswith("08_imbalance: ") and "imbalance.py, line 3: SyntaxError" in message
    ), message


def test_import_error_names_the_file_and_the_line(tmp_path):
    """A module that fails while importing reports where and why."""
    run = run_kata(
        EXEMPLAR, _broken(tmp_path, "import numpy\nimport no_such_library\n"), extra_args=ONE_TEST
    )

    (message,) = run.messages.values()
    assert "imbalance.py, line 2: importing it raised ModuleNotFoundError" in message, message


def test_missing_function_is_named_with_a_way_to_restore_it(tmp_path):
    """A function deleted from the learner's file is named, with the command that restores it."""
    run = run_kata(EXEMPLAR, _broken(tmp_path, '"""Everything deleted."""\n'), extra_args=ONE_TEST)

    (message,) = run.messages.values()
    assert "has no `smote`" in message and "git checkout katas/08_imbalance" in message, message


def test_a_broken_kata_does_not_stop_the_others(tmp_path):
    """With one kata's file broken, another kata's tests still run and pass."""
    others = [
        k
        for k in load_catalog()
        if k.id != EXEMPLAR.id and set(k.libraries) <= {"sklearn", "numpy", "scipy"}
    ]
    if not others:
        pytest.skip("needs a second scikit-learn-only kata in katas.toml")
    other = others[0]
    _broken(tmp_path, "def smote(:\n")
    install_as_implementation(other, other.module_path(SOLUTIONS_DIR).read_text(), tmp_path)

    result = _pytest(
        str(EXEMPLAR.test_path),
        str(other.test_path),
        "--impl-dir",
        str(tmp_path),
        "-q",
        "-p",
        "no:cacheprovider",
    )

    assert f"{other.test_filename}" not in "".join(
        line for line in result.stdout.splitlines() if line.startswith("FAILED")
    ), result.stdout[-2000:]
    assert "SyntaxError" in result.stdout


def test_report_header_names_the_implementation_under_test():
    """The report header says which implementation the run exercises."""
    learner = _pytest("--collect-only", str(EXEMPLAR.test_path))
    reference = _pytest("--collect-only", "--solutions", str(EXEMPLAR.test_path))

    assert "implementation under test: katas/ (the learner's code)" in learner.stdout
    assert "implementation under test: solutions/ (the reference solutions)" in reference.stdout


def test_report_header_carries_no_plugin_settings():
    """The header names what is under test; the plugins' settings (benchmark, timeout) are not shown."""
    result = _pytest("--collect-only", str(EXEMPLAR.test_path))

    header = result.stdout.split("collected")[0]
    assert "implementation under test" in header, header
    assert not [
        line for line in header.splitlines() if line.startswith(("benchmark", "timeout"))
    ], header


def test_an_ordinary_run_prints_no_benchmark_table():
    """A timed claim runs in an ordinary run without printing pytest-benchmark's tables."""
    kata = find_kata("17_gradient_descent")

    result = _pytest(
        "--solutions", str(kata.test_path), "-k", "vectorized", "-p", "no:cacheprovider"
    )

    assert result.returncode == 0, result.stdout[-2000:]
    assert "benchmark" not in result.stdout.lower(), result.stdout[-2000:]


def test_a_stub_called_from_a_fixture_fails_rather_than_errors(tmp_path):
    """A stub reached in a fixture counts as one failed claim, not an error at setup."""
    kata = find_kata("11_deployment")
    install_as_implementation(kata, pristine_stub_source(kata), tmp_path)

    result = _pytest(str(kata.test_path), "--impl-dir", str(tmp_path), "-p", "no:cacheprovider")

    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 1 and " failed" in summary and "error" not in summary, summary
    assert "ERROR" not in result.stdout, result.stdout[-2000:]


def test_a_claim_that_needs_two_functions_names_both(tmp_path):
    """When a claim calls two kata functions, the not-implemented line names the other one too."""
    kata = find_kata("11_deployment")
    install_as_implementation(kata, pristine_stub_source(kata), tmp_path)

    result = _pytest(str(kata.test_path), "--impl-dir", str(tmp_path), "-p", "no:cacheprovider")

    assert "save_model() is not implemented yet. This claim also needs load_model()." in (
        result.stdout
    ), result.stdout[-3000:]


def test_an_assertion_failure_repeats_the_claim(tmp_path):
    """A wrong answer's failure shows the claim it breaks, not only the assertion."""
    _broken(
        tmp_path,
        "def balanced_class_weights(y):\n    return {0: 1.0, 1: 1.0}\n\n"
        "from kata_harness.implementation import inherit_reference\n"
        "inherit_reference(globals(), '08_imbalance')\n",
    )

    result = _pytest(
        str(EXEMPLAR.test_path),
        "-k",
        "balanced_class_weights_follow_the_formula",
        "--impl-dir",
        str(tmp_path),
        "-p",
        "no:cacheprovider",
    )

    assert result.returncode == 1, result.stdout[-2000:]
    assert "08_imbalance: the claim this breaks" in result.stdout, result.stdout[-2000:]
    assert "Each weight is n_samples / (n_classes * count)" in result.stdout, result.stdout[-2000:]


def test_solutions_and_a_different_impl_dir_are_refused(tmp_path):
    """--solutions with an --impl-dir naming another directory is a usage error, not a silent choice."""
    result = _pytest("--solutions", "--impl-dir", str(tmp_path), str(EXEMPLAR.test_path))

    assert (
        result.returncode == 4
        and "--solutions and --impl-dir name different directories" in result.stderr
    )


def test_an_endless_loop_fails_its_test_as_timed_out(tmp_path):
    """pytest-timeout turns an infinite loop into a failure that says it timed out."""
    _broken(
        tmp_path,
        "def smote(X, y, k_neighbors=5, random_state=None):\n    while True:\n        pass\n",
    )

    result = _pytest(
        str(EXEMPLAR.test_path),
        *ONE_TEST,
        "--impl-dir",
        str(tmp_path),
        "--timeout",
        "1",
        "-p",
        "no:cacheprovider",
    )

    assert result.returncode == 1
    assert (
        "08_imbalance: timed out after 1.0 s; look for a loop that never ends. Claim: SMOTE "
        "oversamples the minority" in result.stdout
    ), result.stdout[-1500:]

"""The switch: which implementation the kata tests exercise, and how their failures read.

- ``pytest katas/08_imbalance`` tests the learner's module in ``katas/``.
- ``pytest --solutions`` tests the references in ``solutions/``.
- ``pytest --impl-dir DIR`` tests ``DIR/NN_slug/<slug>.py``; graders and the mutant checks use it.

Kata tests reach code only through the ``impl`` fixture below.
"""

from __future__ import annotations

import gc
import os

# The katas fit small models; on a 2-core machine running two xdist workers, a second BLAS/OpenMP
# thread per process only adds contention (measured: 08_imbalance ran 7.0-7.5 s single-threaded
# against 10.7-13.6 s with two threads on a busy machine). Set before numpy is imported.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
# Nothing the katas run may reach the network: MLflow starts a telemetry client when it is
# imported, and DVC sends usage analytics, unless told not to before that.
for _variable, _value in (
    ("MLFLOW_DISABLE_TELEMETRY", "true"),
    ("DVC_NO_ANALYTICS", "1"),
    ("DO_NOT_TRACK", "1"),
):
    os.environ.setdefault(_variable, _value)

import ast
import inspect
import re
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pytest

from kata_harness.catalog import KATAS_DIR, SOLUTIONS_DIR, CatalogError, all_markers, load_catalog
from kata_harness.implementation import (
    KataLoadError,
    MissingKataName,
    display_path,
    load_implementation,
)

DEFAULT_SEED = 0
# Every kata test must pass for each of these seeds; `--sweep-seeds` runs them all.
SEED_RANGE = range(10)
# The references must pass for every seed in this wider range (`tox -e seeds-wide`), so that a
# grader's secret seed is as fair as seed 0. Margins in the tests are measured over it.
WIDE_SEED_RANGE = range(100)


def _seed_range(text: str) -> range:
    """Parse ``START:STOP`` (STOP excluded), e.g. ``0:100``."""
    try:
        start, stop = (int(part) for part in text.split(":"))
    except ValueError:
        raise pytest.UsageError(
            f"--seed-range {text!r}: expected START:STOP with integers, e.g. 0:100"
        ) from None
    if stop <= start:
        raise pytest.UsageError(f"--seed-range {text!r}: STOP must be greater than START")
    return range(start, stop)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("katas", "implementation under test")
    group.addoption(
        "--solutions",
        action="store_true",
        help="test the reference solutions in solutions/ (the same as --impl-dir solutions)",
    )
    group.addoption(
        "--impl-dir",
        metavar="DIR",
        help="test DIR/NN_slug/<slug>.py instead of the learner's katas/ (for graders and mutants)",
    )
    group.addoption(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed behind every random choice in the kata tests (default {DEFAULT_SEED})",
    )
    group.addoption(
        "--sweep-seeds",
        action="store_true",
        help=f"run seeded tests once per seed in {SEED_RANGE.start}..{SEED_RANGE.stop - 1}",
    )
    group.addoption(
        "--seed-range",
        metavar="START:STOP",
        help=(
            "run seeded tests once per seed in range(START, STOP); the references hold for "
            f"{WIDE_SEED_RANGE.start}:{WIDE_SEED_RANGE.stop} (tox -e seeds-wide)"
        ),
    )


def _impl_dir(config: pytest.Config) -> Path:
    return config.stash[_IMPL_DIR]


_IMPL_DIR = pytest.StashKey[Path]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # The latency and vectorisation claims time their calls themselves; pytest-benchmark's tables
    # belong to `--benchmark-only` runs (or an explicit --benchmark-enable), not to a learner's run.
    option = config.option
    if not (getattr(option, "benchmark_only", False) or getattr(option, "benchmark_enable", False)):
        option.benchmark_disable = True

    impl_dir = config.getoption("--impl-dir")
    if config.getoption("--solutions"):
        if impl_dir and Path(impl_dir).resolve() != SOLUTIONS_DIR:
            raise pytest.UsageError("--solutions and --impl-dir name different directories")
        impl_dir = SOLUTIONS_DIR
    impl_dir = Path(impl_dir).resolve() if impl_dir else KATAS_DIR
    if not impl_dir.is_dir():
        raise pytest.UsageError(f"--impl-dir {impl_dir} is not a directory")
    config.stash[_IMPL_DIR] = impl_dir

    try:
        markers = all_markers()
    except CatalogError as error:
        raise pytest.UsageError(str(error)) from None
    for marker, kata_ids in markers.items():
        config.addinivalue_line("markers", f"{marker}: carried by the katas {kata_ids}")


# Plugins announce their settings in the header ("benchmark: 5.2.3 (defaults: ...)", "timeout:
# 60.0s"); a learner needs none of it, so only the lines that say what is under test remain.
_PLUGIN_HEADER = re.compile(r"^(benchmark|timeout)\b")


@pytest.hookimpl(wrapper=True)
def pytest_report_header(config: pytest.Config):
    sections = yield
    kept = []
    for section in sections:
        lines = [section] if isinstance(section, str) else list(section)
        kept.extend(line for line in lines if not _PLUGIN_HEADER.match(line))
    # The terminal prints these lines last-first: this one comes right after the platform line.
    return [*kept, _implementation_under_test_header(config)]


@pytest.hookimpl(tryfirst=True)
def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    # A stub that raises in a fixture is still an unmet claim, so it reads as a failure, not an
    # error: one "FAILED" line per claim, whichever stage the stub was called from.
    if report.when == "setup" and report.failed and getattr(report, "unmet_claim", False):
        return "failed", "F", "FAILED"
    return None


def _implementation_under_test_header(config: pytest.Config) -> str:
    impl_dir = _impl_dir(config)
    role = {KATAS_DIR: "the learner's code", SOLUTIONS_DIR: "the reference solutions"}.get(
        impl_dir, "an outside implementation"
    )
    swept = _swept_seeds(config)
    if swept is None:
        seeds = f"seed {config.getoption('--seed')}"
    else:
        seeds = f"every seed in {swept.start}..{swept.stop - 1}"
    return f"implementation under test: {display_path(impl_dir)}/ ({role}); {seeds}"


def _kata_of(path: Path):
    """The catalog entry whose folder holds this test file, or None outside katas/."""
    for kata in load_catalog():
        if path.parent == kata.folder:
            return kata
    return None


_SCRATCH = pytest.StashKey[Path]()


def _scratch_dir(config: pytest.Config) -> Path:
    if _SCRATCH not in config.stash:
        config.stash[_SCRATCH] = Path(tempfile.mkdtemp(prefix="katas-scratch-"))
    return config.stash[_SCRATCH]


def pytest_collection_finish(session: pytest.Session) -> None:
    # Hypothesis keeps its example database and constants in .hypothesis/ under the directory it
    # was imported from (the checkout, during collection), even when derandomized.
    hypothesis_configuration = sys.modules.get("hypothesis.configuration")
    if hypothesis_configuration is not None:
        hypothesis_configuration.set_hypothesis_home_dir(
            _scratch_dir(session.config) / ".hypothesis"
        )
    # Everything imported so far (scikit-learn, TensorFlow, FastAPI...) lives until exit, yet each
    # garbage-collection pass walks it, and pytest runs five at session end: about 0.25 s per pass
    # for scikit-learn alone. Freezing moves those objects out of the collector's sight.
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    # Modules imported lazily during the tests (MLflow's store, Keras' layers) would be walked by
    # each of pytest's closing collections; one collection here, then freeze what survives.
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kata = _kata_of(item.path)
        for marker in kata.markers if kata else ():
            item.add_marker(marker)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    # Kata tests run in a scratch working directory, so nothing a test or a learner's code writes
    # to a relative path (MLflow's ./mlruns, a model file) lands inside the repository.
    if _kata_of(item.path) is None:
        return (yield)
    previous = os.getcwd()
    os.chdir(_scratch_dir(item.config))
    try:
        return (yield)
    finally:
        os.chdir(previous)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SCRATCH in config.stash:
        shutil.rmtree(config.stash[_SCRATCH], ignore_errors=True)


@pytest.fixture(scope="module")
def impl(request: pytest.FixtureRequest):
    """The implementation of this test file's kata, from the directory the switch selects."""
    kata = _kata_of(request.path)
    if kata is None:
        raise pytest.UsageError(f"{request.path} is not inside a kata folder listed in katas.toml")
    return load_implementation(kata, _impl_dir(request.config))


def _swept_seeds(config: pytest.Config) -> range | None:
    if config.getoption("--seed-range"):
        return _seed_range(config.getoption("--seed-range"))
    if config.getoption("--sweep-seeds"):
        return SEED_RANGE
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    swept = _swept_seeds(metafunc.config)
    if "seed" in metafunc.fixturenames and swept is not None:
        metafunc.parametrize("seed", list(swept), indirect=True, scope="session")


@pytest.fixture(scope="session")
def seed(request: pytest.FixtureRequest) -> int:
    """The one source of randomness for kata tests (see SEED_RANGE for the guaranteed range)."""
    return getattr(request, "param", request.config.getoption("--seed"))


@pytest.fixture
def rng(seed: int) -> np.random.Generator:
    """A fresh generator per test, derived from the session seed."""
    return np.random.default_rng(seed)


# pytest-timeout fails a test with "Timeout (>60.0s) from pytest-timeout."
_TIMEOUT = re.compile(r"^Timeout \(>(?P<seconds>[\d.]+)s\) from pytest-timeout")


def _claim(item: pytest.Item) -> str:
    doc = (getattr(item, "obj", None) and item.obj.__doc__) or item.name
    return " ".join(doc.strip().split("\n\n")[0].split())


def _functions_the_claim_needs(item: pytest.Item) -> list[str]:
    """The kata functions a test reaches through ``impl``, in its own body and in its fixtures."""
    sources = [getattr(item, "obj", None)]
    fixture_info = getattr(item, "_fixtureinfo", None)
    for definitions in fixture_info.name2fixturedefs.values() if fixture_info else ():
        sources.extend(definition.func for definition in definitions)
    names: list[str] = []
    for source in sources:
        code = getattr(source, "__code__", None)
        if code is None:
            continue
        for name in _impl_attributes(code):
            if name not in names:
                names.append(name)
    return names


def _impl_attributes(code) -> list[str]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(code)))
    except (OSError, TypeError, SyntaxError):
        return []
    return [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "impl"
        and not node.attr.startswith("_")
    ]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    excinfo = call.excinfo
    kata = _kata_of(item.path)
    if excinfo is None or kata is None or not report.failed:
        return report
    claim = _claim(item)
    if excinfo.errisinstance(NotImplementedError):
        # The qualified name, so a stubbed method reads "Encoder.fit()" rather than "fit()".
        function = excinfo.traceback[-1].frame.code.raw.co_qualname
        others = [
            f"{name}()"
            for name in _functions_the_claim_needs(item)
            if name != function.split(".")[0]
        ]
        also = f" This claim also needs {', '.join(others)}." if others else ""
        report.longrepr = f"{kata.id}: {function}() is not implemented yet.{also} Claim: {claim}"
        report.unmet_claim = True
    elif excinfo.errisinstance((KataLoadError, MissingKataName)):
        report.longrepr = f"{kata.id}: {excinfo.value}"
        report.unmet_claim = True
    elif timeout := _TIMEOUT.search(str(excinfo.value)):
        report.longrepr = (
            f"{kata.id}: timed out after {timeout['seconds']} s; look for a loop that never ends. "
            f"Claim: {claim}"
        )
    elif call.when == "call":
        # Every failure repeats the claim it breaks, as the not-implemented line does.
        report.sections.append((f"{kata.id}: the claim this breaks", claim))
    return report

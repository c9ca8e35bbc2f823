"""Benchmarks for kata 12: your drift checks on a million rows against their usual peers.

Not part of the claims. Run with ``pytest --benchmark-only katas/12_monitoring/bench_monitoring.py``
(add ``--solutions`` for the reference).
"""

import numpy as np
import pytest
from scipy import stats

N_ROWS = 1_000_000


@pytest.fixture(scope="module")
def reference_and_current(seed):
    """A million reference values and a million slightly shifted current values."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=N_ROWS), rng.normal(0.05, 1.0, size=N_ROWS)


def _psi_with_histogram(reference, current, n_bins=10, eps=1e-4):
    """PSI as it is usually written: reference deciles, then numpy.histogram on both samples."""
    edges = np.quantile(reference, np.linspace(0, 1, n_bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    r = np.maximum(np.histogram(reference, edges)[0] / len(reference), eps)
    c = np.maximum(np.histogram(current, edges)[0] / len(current), eps)
    return float(np.sum((c - r) * np.log(c / r)))


@pytest.mark.benchmark(group="ks 1e6 vs 1e6")
def test_ks_implementation_under_test(benchmark, impl, reference_and_current):
    """The implementation under test: the whole drift decision."""
    result = benchmark(impl.detect_drift_ks, *reference_and_current)

    assert result["significant"]


@pytest.mark.benchmark(group="ks 1e6 vs 1e6")
def test_ks_scipy(benchmark, reference_and_current):
    """The library peer: scipy.stats.ks_2samp."""
    result = benchmark(stats.ks_2samp, *reference_and_current)

    assert result.pvalue < 0.05


@pytest.mark.benchmark(group="psi 1e6 vs 1e6")
def test_psi_implementation_under_test(benchmark, impl, reference_and_current):
    """The implementation under test."""
    value = benchmark(impl.population_stability_index, *reference_and_current)

    assert value == pytest.approx(_psi_with_histogram(*reference_and_current), rel=1e-6)


@pytest.mark.benchmark(group="psi 1e6 vs 1e6")
def test_psi_numpy_histogram(benchmark, reference_and_current):
    """The usual peer: deciles from numpy.quantile, counts from numpy.histogram."""
    value = benchmark(_psi_with_histogram, *reference_and_current)

    assert value > 0

"""Benchmarks for kata 13: your vectorized A/A simulation against one statsmodels test per experiment.

Not part of the claims. Run with ``pytest --benchmark-only katas/13_ab_testing/bench_ab_testing.py``
(add ``--solutions`` for the reference).
"""

import numpy as np
import pytest
from statsmodels.stats.proportion import proportions_ztest

RATE, VISITORS, N_SIMULATIONS = 0.05, 10_000, 2_000


def _looped_rejection_rate(seed):
    """What people write first: draw each experiment and call proportions_ztest on it."""
    rng = np.random.default_rng(seed)
    rejections = 0
    for _ in range(N_SIMULATIONS):
        counts = rng.binomial(VISITORS, RATE, size=2)
        rejections += proportions_ztest(counts, [VISITORS, VISITORS])[1] < 0.05
    return rejections / N_SIMULATIONS


@pytest.mark.benchmark(group="2,000 A/A experiments")
def test_simulation_implementation_under_test(benchmark, impl, seed):
    """The implementation under test: every experiment drawn and tested at once."""
    rate = benchmark(
        impl.simulated_rejection_rate, RATE, RATE, VISITORS, N_SIMULATIONS, random_state=seed
    )

    assert 0.02 < rate < 0.08


@pytest.mark.benchmark(group="2,000 A/A experiments")
def test_simulation_statsmodels_in_a_loop(benchmark, seed):
    """The peer: one statsmodels proportions_ztest call per simulated experiment."""
    rate = benchmark.pedantic(_looped_rejection_rate, args=(seed,), rounds=3)

    assert 0.02 < rate < 0.08

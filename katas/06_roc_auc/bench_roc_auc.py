"""Benchmarks for kata 06: your rank-based AUC against scikit-learn's roc_auc_score.

Not part of the claims. Run with ``pytest --benchmark-only katas/06_roc_auc/bench_roc_auc.py``
(add ``--solutions`` for the reference).
"""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score


@pytest.fixture(scope="module")
def scores_with_ties(seed):
    """1,000,000 labels and scores rounded to 3 decimals, so ties are everywhere."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=1_000_000)
    return y, np.round(rng.random(1_000_000) + 0.3 * y, 3)


@pytest.mark.benchmark(group="roc auc 1e6 scores with ties")
def test_roc_auc_implementation_under_test(benchmark, impl, scores_with_ties):
    """The implementation under test."""
    value = benchmark(impl.roc_auc, *scores_with_ties)

    assert value == pytest.approx(roc_auc_score(*scores_with_ties), abs=1e-12)


@pytest.mark.benchmark(group="roc auc 1e6 scores with ties")
def test_roc_auc_scikit_learn(benchmark, scores_with_ties):
    """The library peer: roc_auc_score."""
    value = benchmark(roc_auc_score, *scores_with_ties)

    assert 0.5 < value < 1

"""Benchmarks for kata 04: your shuffled k-fold indices against scikit-learn's KFold.

Not part of the claims. Run with ``pytest --benchmark-only katas/04_cross_validation/bench_cross_validation.py``
(add ``--solutions`` for the reference).
"""

import numpy as np
import pytest
from sklearn.model_selection import KFold

N_SAMPLES = 1_000_000


@pytest.mark.benchmark(group="kfold 1e6 rows, 5 folds, shuffled")
def test_kfold_implementation_under_test(benchmark, impl, seed):
    """The implementation under test."""
    folds = benchmark(impl.kfold_indices, N_SAMPLES, 5, shuffle=True, random_state=seed)

    assert sum(len(validation) for _, validation in folds) == N_SAMPLES


@pytest.mark.benchmark(group="kfold 1e6 rows, 5 folds, shuffled")
def test_kfold_scikit_learn(benchmark, seed):
    """The library peer: every split of scikit-learn's KFold, materialised."""
    splitter, rows = KFold(5, shuffle=True, random_state=seed), np.empty((N_SAMPLES, 1))

    folds = benchmark(lambda: list(splitter.split(rows)))

    assert sum(len(validation) for _, validation in folds) == N_SAMPLES

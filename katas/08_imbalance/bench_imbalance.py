"""Benchmarks for kata 08: your SMOTE against imbalanced-learn's, on a realistic size.

Not part of the claims. Run with the implementation switch, for example
``pytest --benchmark-only katas/08_imbalance/bench_imbalance.py`` (your code) or with ``--solutions``.
"""

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE


@pytest.fixture(scope="module")
def large_imbalanced(seed):
    """100,000 rows x 20 features, 10% minority."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], [90_000, 10_000])
    X = rng.normal(size=(len(y), 20)) + 0.5 * y[:, None]
    return X, y


@pytest.mark.benchmark(group="smote 100k x 20")
def test_smote_implementation_under_test(benchmark, impl, large_imbalanced, seed):
    """The implementation under test."""
    X_res, y_res = benchmark(impl.smote, *large_imbalanced, k_neighbors=5, random_state=seed)

    assert np.bincount(y_res).tolist() == [90_000, 90_000]


@pytest.mark.benchmark(group="smote 100k x 20")
def test_smote_imbalanced_learn(benchmark, large_imbalanced, seed):
    """The library peer: imbalanced-learn's SMOTE with the same k."""
    sampler = SMOTE(k_neighbors=5, random_state=seed)

    X_res, y_res = benchmark(sampler.fit_resample, *large_imbalanced)

    assert np.bincount(y_res).tolist() == [90_000, 90_000]

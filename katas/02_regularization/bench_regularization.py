"""Benchmarks for kata 02: your coordinate-descent Lasso against scikit-learn's compiled one.

Not part of the claims. Run with ``pytest --benchmark-only katas/02_regularization/bench_regularization.py``
(add ``--solutions`` for the reference).
"""

import numpy as np
import pytest
from sklearn.linear_model import Lasso

ALPHA, TOL = 0.5, 1e-6


@pytest.fixture(scope="module")
def regression_problem(seed):
    """1,000 rows x 50 features, 10 of them informative."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(1_000, 50))
    y = X[:, :10] @ rng.normal(3, 1, size=10) + rng.normal(size=1_000)
    return X, y


@pytest.mark.benchmark(group="lasso 1000 x 50")
def test_lasso_implementation_under_test(benchmark, impl, regression_problem):
    """The implementation under test."""
    coef, _ = benchmark(impl.lasso_coordinate_descent, *regression_problem, alpha=ALPHA, tol=TOL)

    assert np.count_nonzero(coef) < 50


@pytest.mark.benchmark(group="lasso 1000 x 50")
def test_lasso_scikit_learn(benchmark, regression_problem):
    """The library peer: scikit-learn's Lasso (Cython coordinate descent)."""
    model = Lasso(alpha=ALPHA, tol=TOL)

    benchmark(model.fit, *regression_problem)

    assert np.count_nonzero(model.coef_) < 50

"""Benchmarks for kata 05: your SVD-based PCA against scikit-learn's full-solver PCA.

Not part of the claims. Run with ``pytest --benchmark-only katas/05_dimensionality_reduction/bench_dimensionality_reduction.py``
(add ``--solutions`` for the reference).
"""

import numpy as np
import pytest
from sklearn.decomposition import PCA


@pytest.fixture(scope="module")
def wide_data(seed):
    """5,000 rows x 200 correlated features."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(5_000, 20)) @ rng.normal(size=(20, 200)) + rng.normal(size=(5_000, 200))


@pytest.mark.benchmark(group="pca 5000 x 200, all components")
def test_pca_implementation_under_test(benchmark, impl, wide_data):
    """The implementation under test."""
    result = benchmark(impl.pca, wide_data)

    assert result["scores"].shape == (5_000, 200)


@pytest.mark.benchmark(group="pca 5000 x 200, all components")
def test_pca_scikit_learn(benchmark, wide_data):
    """The library peer: PCA(svd_solver="full").fit_transform."""
    scores = benchmark(PCA(svd_solver="full").fit_transform, wide_data)

    assert scores.shape == (5_000, 200)

"""Mistake: explained_variance divides the squared singular values by n instead of n - 1, unlike
scikit-learn's (ddof=1) that the docstring names."""

from kata_harness.implementation import inherit_reference

_reference = {}
inherit_reference(_reference, "05_dimensionality_reduction")


def pca(X, n_components=None, *, standardize=False):
    result = _reference["pca"](X, n_components, standardize=standardize)
    n = len(result["scores"])
    result["explained_variance"] = result["explained_variance"] * (n - 1) / n
    return result


inherit_reference(globals(), "05_dimensionality_reduction")

"""Mistake: reading l1_ratio as the share of L2, so ElasticNet gets 1 - l1_ratio.

At the default 0.5 the two readings agree, which is why only another ratio exposes it; in
scikit-learn l1_ratio=1 is the Lasso and 0 is Ridge-like.
"""

from sklearn.linear_model import ElasticNet, Lasso, Ridge

from kata_harness.implementation import inherit_reference


def fit_penalized_models(X, y, alpha=1.0, l1_ratio=0.5):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    return {
        "lasso": Lasso(alpha=alpha).fit(X, y),
        "ridge": Ridge(alpha=alpha).fit(X, y),
        "elastic_net": ElasticNet(alpha=alpha, l1_ratio=1.0 - l1_ratio).fit(X, y),
    }


inherit_reference(globals(), "02_regularization")

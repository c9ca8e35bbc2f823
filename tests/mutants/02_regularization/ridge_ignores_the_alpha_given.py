"""Mistake: building Ridge with its default alpha instead of the alpha the caller shared.

At the kata's usual alpha=1.0 nothing shows; at any other value Ridge is no longer penalised as
strongly as Lasso and ElasticNet, so the comparison is unfair.
"""

from sklearn.linear_model import ElasticNet, Lasso, Ridge

from kata_harness.implementation import inherit_reference


def fit_penalized_models(X, y, alpha=1.0, l1_ratio=0.5):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    return {
        "lasso": Lasso(alpha=alpha).fit(X, y),
        "ridge": Ridge().fit(X, y),
        "elastic_net": ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(X, y),
    }


inherit_reference(globals(), "02_regularization")

"""Mistake: "standardizing" with Normalizer, which rescales each row to unit length.

Normalizer works across the features of one sample, not down each feature, so a column measured in
other units still carries a different scale and the Lasso still treats it differently.
"""

import numpy as np
from sklearn.linear_model import Lasso
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from kata_harness.implementation import inherit_reference


def lasso_selected_features(X, y, alpha, standardize=True):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    lasso = Lasso(alpha=alpha)
    model = make_pipeline(Normalizer(), lasso) if standardize else lasso
    model.fit(X, y)
    return np.flatnonzero(lasso.coef_)


inherit_reference(globals(), "02_regularization")

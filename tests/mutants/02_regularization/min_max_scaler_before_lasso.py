"""Mistake: scaling to [0, 1] with MinMaxScaler where the docstring asks for a StandardScaler.

Both make the selection blind to a column's units, but the penalty then depends on each column's
range (its two most extreme rows) instead of its spread, so a different set of features survives.
"""

import numpy as np
from sklearn.linear_model import Lasso
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

from kata_harness.implementation import inherit_reference


def lasso_selected_features(X, y, alpha, standardize=True):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    lasso = Lasso(alpha=alpha)
    model = make_pipeline(MinMaxScaler(), lasso) if standardize else lasso
    model.fit(X, y)
    return np.flatnonzero(lasso.coef_)


inherit_reference(globals(), "02_regularization")

"""Mistake: a Lasso linear regression on the 0/1 labels instead of an L1-penalised logistic regression.

With alpha = strength / 100 it even shrinks monotonically, but it keeps other features than a
logistic regression with C = 1 / strength does (4 instead of 8 at strength 10).
"""

import numpy as np
from sklearn.linear_model import Lasso
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def l1_selected(X, y, strength):
    if not strength > 0:
        raise ValueError(f"strength must be positive, got {strength}")
    model = Lasso(alpha=strength / 100).fit(StandardScaler().fit_transform(X), y)
    return np.flatnonzero(model.coef_ != 0)

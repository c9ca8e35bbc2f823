"""Mistake: passing the regularization strength straight to scikit-learn's C.

C is the inverse of the strength, so a "stronger" penalty becomes a weaker one and keeps more
features, not fewer.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference


def l1_selected(X, y, strength):
    if not strength > 0:
        raise ValueError(f"strength must be positive, got {strength}")
    model = LogisticRegression(l1_ratio=1.0, C=strength, solver="liblinear")
    model.fit(StandardScaler().fit_transform(X), y)
    return np.flatnonzero(model.coef_[0])


inherit_reference(globals(), "09_feature_selection")

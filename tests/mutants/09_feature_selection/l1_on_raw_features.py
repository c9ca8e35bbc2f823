"""Mistake: L1 selection on the raw features, without standardizing them.

The penalty is the same for every coefficient, so a column measured in small units (needing a large
coefficient) is dropped and one in large units survives: the units decide, not the signal.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

from kata_harness.implementation import inherit_reference


def l1_selected(X, y, strength):
    if not strength > 0:
        raise ValueError(f"strength must be positive, got {strength}")
    model = LogisticRegression(l1_ratio=1.0, C=1.0 / strength, solver="liblinear").fit(X, y)
    return np.flatnonzero(np.any(model.coef_ != 0, axis=0))


inherit_reference(globals(), "09_feature_selection")

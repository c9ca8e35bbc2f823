"""Mistake: scoring each depth by one R² of the pooled out-of-fold predictions, not the mean of the per-fold R².

cross_val_predict then r2_score looks like cross-validation, but it weighs the folds by their
variance of y, so on noisy data it can choose another depth than the documented mean over folds.
"""

import numpy as np
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def best_depth(X, y, depths=range(1, 21), cv=5, random_state=None):
    depths = [int(d) for d in depths]
    if not depths:
        raise ValueError("depths is empty")
    folds = KFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = [
        r2_score(y, cross_val_predict(DecisionTreeRegressor(max_depth=d), X, y, cv=folds))
        for d in depths
    ]
    return depths[int(np.argmax(scores))]


inherit_reference(globals(), "01_bias_variance")

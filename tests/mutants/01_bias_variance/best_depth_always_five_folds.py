"""Mistake: KFold(shuffle=True, random_state=...) without n_splits, so cv is ignored and five folds are always used."""

import numpy as np
from sklearn.model_selection import KFold, cross_val_score
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def best_depth(X, y, depths=range(1, 21), cv=5, random_state=None):
    depths = [int(d) for d in depths]
    if not depths:
        raise ValueError("depths is empty")
    folds = KFold(shuffle=True, random_state=random_state)
    scores = [
        cross_val_score(DecisionTreeRegressor(max_depth=d), X, y, cv=folds).mean() for d in depths
    ]
    return depths[int(np.argmax(scores))]


inherit_reference(globals(), "01_bias_variance")

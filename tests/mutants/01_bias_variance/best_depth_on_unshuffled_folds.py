"""Mistake: passing cv=5 straight to cross_val_score, which cuts unshuffled, contiguous folds.

On rows sorted by x every fold then holds out one whole stretch of x that the tree never saw, and
the search rewards the model that extrapolates least badly instead of the one that fits best.
"""

import numpy as np
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def best_depth(X, y, depths=range(1, 21), cv=5, random_state=None):
    depths = [int(d) for d in depths]
    if not depths:
        raise ValueError("depths is empty")
    scores = [cross_val_score(DecisionTreeRegressor(max_depth=d), X, y, cv=cv).mean() for d in depths]
    return depths[int(np.argmax(scores))]


inherit_reference(globals(), "01_bias_variance")

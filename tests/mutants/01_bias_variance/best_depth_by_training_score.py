"""Mistake: choosing the depth by its score on the training data instead of by cross-validation.

Training R² only rises with depth, so the choice lands on a tree that memorises the noise, which
is exactly the overfit model the search was meant to avoid.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def best_depth(X, y, depths=range(1, 21), cv=5, random_state=None):
    depths = list(depths)
    scores = [DecisionTreeRegressor(max_depth=d).fit(X, y).score(X, y) for d in depths]
    return depths[int(np.argmax(scores))]


inherit_reference(globals(), "01_bias_variance")

"""Mistake: hard-coding the ensemble (10 trees, grown out) instead of passing n_estimators and max_depth on.

The demonstration then runs with whatever the author had in mind, not what the caller asked for.
"""

from sklearn.ensemble import BaggingRegressor
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def bagged_trees(n_estimators=5, max_depth=20, random_state=None):
    return BaggingRegressor(DecisionTreeRegressor(), n_estimators=10, random_state=random_state)


inherit_reference(globals(), "01_bias_variance")

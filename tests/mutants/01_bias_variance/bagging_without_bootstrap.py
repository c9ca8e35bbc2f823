"""Mistake: bagging without the bootstrap, so every tree is fitted on the very same rows.

Deep trees grown on identical data make identical splits, so averaging them changes nothing and
the variance stays where one tree has it.
"""

from sklearn.ensemble import BaggingRegressor
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def bagged_trees(n_estimators=5, max_depth=20, random_state=None):
    return BaggingRegressor(
        DecisionTreeRegressor(max_depth=max_depth),
        n_estimators=n_estimators,
        bootstrap=False,
        random_state=random_state,
    )


inherit_reference(globals(), "01_bias_variance")

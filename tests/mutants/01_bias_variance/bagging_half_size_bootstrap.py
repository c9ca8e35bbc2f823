"""Mistake: bootstrapping only half as many rows as the data holds (max_samples=0.5).

Each tree then sees about 39% of the distinct rows instead of 63%, so the trees are worse and
less alike; it is subsampling, not the bootstrap the docstring describes.
"""

from sklearn.ensemble import BaggingRegressor
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def bagged_trees(n_estimators=5, max_depth=20, random_state=None):
    return BaggingRegressor(
        DecisionTreeRegressor(max_depth=max_depth),
        n_estimators=n_estimators,
        max_samples=0.5,
        bootstrap=True,
        random_state=random_state,
    )


inherit_reference(globals(), "01_bias_variance")

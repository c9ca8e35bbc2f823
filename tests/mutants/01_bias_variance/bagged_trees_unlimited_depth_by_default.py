"""Mistake: max_depth=None as the default, so by default the trees grow without the documented limit of 20."""

from sklearn.ensemble import BaggingRegressor
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


def bagged_trees(n_estimators: int = 5, max_depth=None, random_state=None) -> BaggingRegressor:
    """An unfitted bagging ensemble of deep regression trees.

    Each tree is fitted on a bootstrap sample (rows drawn with replacement, as many as the data
    holds) and the ensemble predicts the mean of the trees. Once fitted, it keeps its trees in
    ``estimators_`` (as scikit-learn's ensembles do).

    Parameters
    ----------
    n_estimators : number of trees
    max_depth : depth limit of every tree (20 grows them out on a few hundred rows)
    random_state : seed for every random draw (the bootstrap, and any tie-breaking inside the
        trees): the same seed gives the same fit, another seed other bootstrap samples
    """
    return BaggingRegressor(
        DecisionTreeRegressor(max_depth=max_depth),
        n_estimators=n_estimators,
        bootstrap=True,
        random_state=random_state,
    )


inherit_reference(globals(), "01_bias_variance")

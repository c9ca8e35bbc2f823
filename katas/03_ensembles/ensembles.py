"""Ensembles: bagging averages away variance, boosting adds up weak learners to remove bias. The
seed's breast-cancer comparison, bagging and gradient boosting from scratch, and out-of-bag scores."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def ensemble_models(random_state=None) -> dict:
    """The four contenders of the seed's comparison, unfitted.

    Returns
    -------
    dict with keys
        ``"stump"``: a depth-1 decision tree; ``"tree"``: an unpruned decision tree;
        ``"random_forest"``: 20 trees; ``"gradient_boosting"``: 15 stages of depth-3 trees with
        learning rate 0.3, each stage seeing a random sqrt(n_features) of the features per split.
        Every model that draws random numbers gets ``random_state``.
    """
    # TODO: implement ensemble_models; test_ensembles.py says what it must do.
    raise NotImplementedError


def cross_validated_accuracy(estimator, X, y, cv: int = 5, random_state=None) -> float:
    """Mean accuracy of ``estimator`` over shuffled, stratified K folds.

    Parameters
    ----------
    estimator : an unfitted classifier (each fold fits its own clone)
    X, y : the data
    cv : number of folds
    random_state : seed for the shuffle of the folds
    """
    # TODO: implement cross_validated_accuracy; test_ensembles.py says what it must do.
    raise NotImplementedError


def oob_accuracy(forest, X, y) -> float:
    """Out-of-bag accuracy of a random forest fitted once on all of ``X, y``.

    Each row is scored only by the trees whose bootstrap sample left it out, so the estimate needs
    no held-out data. ``forest`` is an unfitted RandomForestClassifier; a clone with
    ``oob_score=True`` and ``bootstrap=True`` is fitted (out-of-bag rows exist only when each tree
    draws a bootstrap sample, so a forest given with ``bootstrap=False`` is scored as if it drew).
    """
    # TODO: implement oob_accuracy; test_ensembles.py says what it must do.
    raise NotImplementedError


class BaggedTreesRegressor:
    """Bagging from scratch: deep regression trees on bootstrap samples, predictions averaged.

    Parameters
    ----------
    n_estimators : number of trees, at least 1
    max_depth : depth limit of each tree (None grows them out)
    random_state : seed for every random draw (the bootstrap, and any tie-breaking inside the
        trees): the same seed gives the same fit, another seed other bootstrap samples

    After ``fit``, ``estimators_`` is the list of fitted trees (each with ``predict``).

    Raises
    ------
    ValueError
        If ``n_estimators`` < 1.
    """

    def __init__(self, n_estimators: int = 10, max_depth=None, random_state=None):
        """Keep the settings; refuse an ensemble of fewer than one tree."""
        # TODO: implement __init__; test_ensembles.py says what it must do.
        raise NotImplementedError

    def fit(self, X, y) -> BaggedTreesRegressor:
        """Fit each tree on its own bootstrap sample: n rows drawn with replacement from the n rows."""
        # TODO: implement fit; test_ensembles.py says what it must do.
        raise NotImplementedError

    def predict(self, X) -> np.ndarray:
        """The mean of the trees' predictions."""
        # TODO: implement predict; test_ensembles.py says what it must do.
        raise NotImplementedError


class StumpBoostingRegressor:
    """Gradient boosting from scratch with squared loss and depth-1 trees (stumps).

    Start from the mean of y; at each stage fit a stump to the current residuals
    ``y - prediction`` (the negative gradient of the squared loss) and add ``learning_rate`` times
    its prediction.

    Parameters
    ----------
    n_estimators : number of stages, at least 1
    learning_rate : shrinkage applied to each stump, greater than 0

    Raises
    ------
    ValueError
        If ``n_estimators`` < 1 or ``learning_rate`` <= 0.
    """

    def __init__(self, n_estimators: int = 100, learning_rate: float = 0.1):
        """Keep the settings; refuse fewer than one stage or a learning rate that is not positive."""
        # TODO: implement __init__; test_ensembles.py says what it must do.
        raise NotImplementedError

    def fit(self, X, y) -> StumpBoostingRegressor:
        """Fit the stages one after another, each on the residuals the previous ones leave."""
        # TODO: implement fit; test_ensembles.py says what it must do.
        raise NotImplementedError

    def staged_predict(self, X):
        """Yield the prediction after each stage, from the first stump to the last."""
        # TODO: implement staged_predict; test_ensembles.py says what it must do.
        raise NotImplementedError

    def predict(self, X) -> np.ndarray:
        """The prediction after the last stage."""
        # TODO: implement predict; test_ensembles.py says what it must do.
        raise NotImplementedError

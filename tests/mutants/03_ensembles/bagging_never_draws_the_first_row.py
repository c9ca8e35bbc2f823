"""Mistake: rng.integers(1, n) for the bootstrap rows, an off-by-one that never draws row 0."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def _tree_input(X) -> np.ndarray:
    """X as the C-contiguous float32 matrix scikit-learn's trees work on, so that the many small
    fits and predictions below can skip the library's per-call input checks (``check_input=False``)
    without changing a single split."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n_samples, n_features), got {X.shape}")
    return np.ascontiguousarray(X, dtype=np.float32)


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
    return {
        "stump": DecisionTreeClassifier(max_depth=1, random_state=random_state),
        "tree": DecisionTreeClassifier(random_state=random_state),
        "random_forest": RandomForestClassifier(n_estimators=20, random_state=random_state),
        "gradient_boosting": GradientBoostingClassifier(
            n_estimators=15, learning_rate=0.3, max_features="sqrt", random_state=random_state
        ),
    }


def cross_validated_accuracy(estimator, X, y, cv: int = 5, random_state=None) -> float:
    """Mean accuracy of ``estimator`` over shuffled, stratified K folds.

    Parameters
    ----------
    estimator : an unfitted classifier (each fold fits its own clone)
    X, y : the data
    cv : number of folds
    random_state : seed for the shuffle of the folds
    """
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    return float(cross_val_score(estimator, X, y, cv=folds, scoring="accuracy").mean())


def oob_accuracy(forest, X, y) -> float:
    """Out-of-bag accuracy of a random forest fitted once on all of ``X, y``.

    Each row is scored only by the trees whose bootstrap sample left it out, so the estimate needs
    no held-out data. ``forest`` is an unfitted RandomForestClassifier; a clone with
    ``oob_score=True`` and ``bootstrap=True`` is fitted (out-of-bag rows exist only when each tree
    draws a bootstrap sample, so a forest given with ``bootstrap=False`` is scored as if it drew).
    """
    model = clone(forest).set_params(oob_score=True, bootstrap=True)
    return float(model.fit(X, y).oob_score_)


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
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y) -> BaggedTreesRegressor:
        """Fit each tree on its own bootstrap sample: n rows drawn with replacement from the n rows."""
        X, y = _tree_input(X), np.asarray(y, dtype=float)
        rng = np.random.default_rng(self.random_state)
        n_samples = len(X)
        self.trees_ = []
        for _ in range(self.n_estimators):
            rows = rng.integers(1, n_samples, size=n_samples)
            tree = DecisionTreeRegressor(max_depth=self.max_depth, random_state=0)
            self.trees_.append(tree.fit(X[rows], y[rows], check_input=False))
        self.estimators_ = self.trees_
        return self

    def predict(self, X) -> np.ndarray:
        """The mean of the trees' predictions."""
        X = _tree_input(X)
        return np.mean([tree.predict(X, check_input=False) for tree in self.trees_], axis=0)


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
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be greater than 0, got {learning_rate}")
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate

    def fit(self, X, y) -> StumpBoostingRegressor:
        """Fit the stages one after another, each on the residuals the previous ones leave."""
        X, y = _tree_input(X), np.asarray(y, dtype=float)
        self.init_ = float(y.mean())
        prediction = np.full(len(y), self.init_)
        self.stumps_ = []
        for _ in range(self.n_estimators):
            stump = DecisionTreeRegressor(max_depth=1, random_state=0)
            stump.fit(X, y - prediction, check_input=False)
            prediction += self.learning_rate * stump.predict(X, check_input=False)
            self.stumps_.append(stump)
        return self

    def staged_predict(self, X):
        """Yield the prediction after each stage, from the first stump to the last."""
        X = _tree_input(X)
        prediction = np.full(len(X), self.init_)
        for stump in self.stumps_:
            prediction = prediction + self.learning_rate * stump.predict(X, check_input=False)
            yield prediction

    def predict(self, X) -> np.ndarray:
        """The prediction after the last stage."""
        X = _tree_input(X)
        return self.init_ + self.learning_rate * np.sum(
            [stump.predict(X, check_input=False) for stump in self.stumps_], axis=0
        )

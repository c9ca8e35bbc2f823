"""Leans on the library: BaggingRegressor and GradientBoostingRegressor do the fitting, cross_validate scores the folds, and the forest's own oob_score_ is read back.

The classes only check their settings and hand the work to scikit-learn, so the bootstrap draws
come from BaggingRegressor's random stream, not the reference's.
"""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import (
    BaggingRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
)
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def ensemble_models(random_state=None):
    """The seed's four contenders."""
    return {
        "stump": DecisionTreeClassifier(max_depth=1, random_state=random_state),
        "tree": DecisionTreeClassifier(max_depth=None, random_state=random_state),
        "random_forest": RandomForestClassifier(n_estimators=20, random_state=random_state),
        "gradient_boosting": GradientBoostingClassifier(
            n_estimators=15,
            learning_rate=0.3,
            max_depth=3,
            max_features="sqrt",
            random_state=random_state,
        ),
    }


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    """cross_validate on shuffled StratifiedKFold folds."""
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    result = cross_validate(estimator, X, y, cv=folds, scoring="accuracy")
    return float(np.mean(result["test_score"]))


def oob_accuracy(forest, X, y):
    """A new forest with the same settings and oob_score=True."""
    params = dict(forest.get_params(), oob_score=True, bootstrap=True)
    return float(type(forest)(**params).fit(X, y).oob_score_)


class BaggedTreesRegressor:
    """A thin wrapper over BaggingRegressor with bootstrap=True."""

    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        """Check the size, keep the settings."""
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        """BaggingRegressor draws n rows with replacement for each tree."""
        self.model_ = BaggingRegressor(
            DecisionTreeRegressor(max_depth=self.max_depth),
            n_estimators=self.n_estimators,
            max_samples=1.0,
            bootstrap=True,
            random_state=self.random_state,
        ).fit(np.asarray(X, dtype=float), np.asarray(y, dtype=float))
        self.estimators_ = self.model_.estimators_
        return self

    def predict(self, X):
        """The bagging ensemble's mean prediction."""
        return self.model_.predict(np.asarray(X, dtype=float))


class StumpBoostingRegressor:
    """GradientBoostingRegressor with squared loss and depth-1 trees."""

    def __init__(self, n_estimators=100, learning_rate=0.1):
        """Check the settings, keep them."""
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        if learning_rate <= 0:
            raise ValueError(f"learning_rate must be greater than 0, got {learning_rate}")
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate

    def fit(self, X, y):
        """The library starts from the mean and fits each stump to the residuals."""
        self.model_ = GradientBoostingRegressor(
            loss="squared_error",
            n_estimators=self.n_estimators,
            learning_rate=self.learning_rate,
            max_depth=1,
            random_state=0,
        ).fit(np.asarray(X, dtype=float), np.asarray(y, dtype=float))
        return self

    def staged_predict(self, X):
        """The library's own staged predictions."""
        yield from self.model_.staged_predict(np.asarray(X, dtype=float))

    def predict(self, X):
        """After the last stage."""
        return self.model_.predict(np.asarray(X, dtype=float))

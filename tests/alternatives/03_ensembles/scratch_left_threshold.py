"""From scratch: a least-squares stump that splits at the left value of the gap (x <= x_left), own stratified folds dealt round-robin, bootstrap rows from a legacy RandomState, and the out-of-bag vote counted by hand.

The stump is the same least-squares fit as scikit-learn's on the training rows; between two
training values it puts the threshold at the left one instead of the midpoint.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def ensemble_models(random_state=None):
    """The seed's four contenders; sqrt(30) = 5 features per split for the boosted trees."""
    models = {
        "gradient_boosting": GradientBoostingClassifier(
            n_estimators=15, learning_rate=0.3, max_features="sqrt"
        ),
        "random_forest": RandomForestClassifier(n_estimators=20),
        "tree": DecisionTreeClassifier(),
        "stump": DecisionTreeClassifier(max_depth=1),
    }
    for model in models.values():
        model.set_params(random_state=random_state)
    return models


def _stratified_folds(y, cv, random_state):
    """Shuffle each class's rows, then deal them to the folds in turn, continuing across classes."""
    rng = np.random.default_rng(random_state)
    fold_of = np.empty(len(y), dtype=int)
    start = 0
    for label in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == label))
        fold_of[rows] = (start + np.arange(len(rows))) % cv
        start += len(rows)
    return [np.flatnonzero(fold_of == k) for k in range(cv)]


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    """Each fold fits its own clone on the other folds and counts correct labels."""
    X, y = np.asarray(X), np.asarray(y)
    scores = []
    for test in _stratified_folds(y, cv, random_state):
        train = np.setdiff1d(np.arange(len(y)), test)
        model = clone(estimator).fit(X[train], y[train])
        scores.append(np.mean(model.predict(X[test]) == y[test]))
    return float(np.mean(scores))


def oob_accuracy(forest, X, y):
    """Sum each tree's class probabilities over the rows its bootstrap left out, then vote."""
    model = clone(forest).set_params(oob_score=False, bootstrap=True).fit(X, y)
    X32 = np.asarray(X, dtype=np.float32)
    y = np.asarray(y)
    votes = np.zeros((len(y), len(model.classes_)))
    for tree, in_bag in zip(model.estimators_, model.estimators_samples_):
        out = np.ones(len(y), dtype=bool)
        out[in_bag] = False
        votes[out] += tree.predict_proba(X32[out])
    return float(np.mean(model.classes_[np.argmax(votes, axis=1)] == y))


class BaggedTreesRegressor:
    """Trees on bootstrap samples drawn with RandomState.randint; the mean of the trees."""

    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        """Refuse an empty ensemble."""
        if not n_estimators >= 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        """n rows with replacement, once per tree."""
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        draws = np.random.RandomState(self.random_state)
        self.trees_ = []
        for _ in range(self.n_estimators):
            rows = draws.randint(0, len(X), size=len(X))
            tree = DecisionTreeRegressor(max_depth=self.max_depth, random_state=draws.randint(2**31))
            self.trees_.append(tree.fit(X[rows], y[rows]))
        self.estimators_ = list(self.trees_)
        return self

    def predict(self, X):
        """Average of the trees, summed one at a time."""
        X = np.asarray(X, dtype=float)
        total = np.zeros(len(X))
        for tree in self.trees_:
            total += tree.predict(X)
        return total / len(self.trees_)


def _best_stump(X, r):
    """The least-squares split over every feature and gap: (feature, left threshold, left, right)."""
    n = len(r)
    total = r.sum()
    best = (-np.inf, 0, np.inf, total / n, total / n)
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        x, s = X[order, j], np.cumsum(r[order])
        left_n = np.arange(1, n)
        left_sum = s[:-1]
        gain = left_sum**2 / left_n + (total - left_sum) ** 2 / (n - left_n)
        gain[x[1:] <= x[:-1]] = -np.inf
        i = int(np.argmax(gain))
        if gain[i] > best[0]:
            best = (
                gain[i],
                j,
                x[i],
                left_sum[i] / left_n[i],
                (total - left_sum[i]) / (n - left_n[i]),
            )
    return best[1:]


class StumpBoostingRegressor:
    """Squared-loss boosting with hand-made stumps (threshold at the left value of the gap)."""

    def __init__(self, n_estimators=100, learning_rate=0.1):
        """Refuse settings that cannot boost."""
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be greater than 0, got {learning_rate}")
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate

    @staticmethod
    def _stump_predict(stump, X):
        feature, threshold, left, right = stump
        return np.where(X[:, feature] <= threshold, left, right)

    def fit(self, X, y):
        """Each stump fitted to y minus the running prediction."""
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        self.init_ = y.mean()
        current = np.full(len(y), self.init_)
        self.stumps_ = []
        for _ in range(self.n_estimators):
            stump = _best_stump(X, y - current)
            current = current + self.learning_rate * self._stump_predict(stump, X)
            self.stumps_.append(stump)
        return self

    def staged_predict(self, X):
        """After stump 1, 2, ..."""
        X = np.asarray(X, dtype=float)
        current = np.full(len(X), self.init_)
        for stump in self.stumps_:
            current = current + self.learning_rate * self._stump_predict(stump, X)
            yield current.copy()

    def predict(self, X):
        """After the last stump."""
        *_, last = self.staged_predict(X)
        return last

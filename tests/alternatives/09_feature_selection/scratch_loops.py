"""From scratch: correlation from z-scores (np.std), RFE as a hand-written refit loop, the median rule and the fold loop by hand, and permutation importance with its own shuffles from a numpy Generator."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, train_test_split


def _arrays(X, y):
    X, y = np.array(X, dtype=float), np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels; they must match")
    return X, y


def _k_in_range(k, n):
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= n):
        raise ValueError(f"k={k} is out of range; X has {n} features, so 1 <= k <= {n}")


def _standardize(X):
    spread = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(spread > 0, spread, 1.0)


def _chi2_statistic(X, y):
    classes = np.unique(y)
    observed = np.stack([X[y == c].sum(axis=0) for c in classes])
    expected = np.outer([np.mean(y == c) for c in classes], X.sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nansum((observed - expected) ** 2 / expected, axis=0)


def chi2_top_k(X, y, k=10):
    """Min-max scaling and the chi-squared statistic written out."""
    X, y = _arrays(X, y)
    _k_in_range(k, X.shape[1])
    low, span = X.min(axis=0), np.ptp(X, axis=0)
    scaled = (X - low) / np.where(span > 0, span, 1.0)
    score = _chi2_statistic(scaled, y)
    return np.sort(np.argsort(-score, kind="stable")[:k])


def rfe_ranking(X, y, n_features=10):
    """Refit, drop the smallest |coefficient|, repeat."""
    X, y = _arrays(X, y)
    _k_in_range(n_features, X.shape[1])
    Z = _standardize(X)
    remaining = list(range(X.shape[1]))
    ranking = np.ones(X.shape[1], dtype=int)
    dropped = []
    while len(remaining) > n_features:
        model = LogisticRegression(max_iter=2000).fit(Z[:, remaining], y)
        weakest = remaining[int(np.argmin(np.abs(model.coef_).sum(axis=0)))]
        dropped.append(weakest)
        remaining.remove(weakest)
    for rank, feature in enumerate(reversed(dropped), start=2):
        ranking[feature] = rank
    return ranking


def select_from_model_median(X, y, estimator=None):
    """Importances read off a fitted clone; kept where >= their median."""
    X, y = _arrays(X, y)
    model = clone(estimator) if estimator is not None else RandomForestClassifier(n_estimators=100)
    model.fit(X, y)
    if hasattr(model, "feature_importances_"):
        importance = np.asarray(model.feature_importances_, dtype=float)
    else:
        importance = np.abs(np.atleast_2d(model.coef_)).sum(axis=0)
    return importance >= np.median(importance)


def l1_selected(X, y, strength):
    """liblinear L1 on z-scores computed with numpy."""
    X, y = _arrays(X, y)
    if not strength > 0:
        raise ValueError(f"strength must be positive, got {strength}")
    model = LogisticRegression(l1_ratio=1.0, C=1.0 / strength, solver="liblinear")
    model.fit(_standardize(X), y)
    return np.flatnonzero(np.abs(model.coef_).sum(axis=0) > 0)


def correlation_scores(X, y):
    """Mean product of z-scores."""
    X, y = _arrays(X, y)
    y = y.astype(float)
    if y.std() == 0:
        raise ValueError("y is constant; a correlation with it is undefined")
    zy = (y - y.mean()) / y.std()
    spread = X.std(axis=0)
    zx = (X - X.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    return np.abs(np.where(spread > 0, zx.T @ zy / len(y), 0.0))


def top_k_by_correlation(X, y, k):
    """A stable argsort of the negated scores."""
    scores = correlation_scores(X, y)
    _k_in_range(k, scores.size)
    order = np.argsort(-scores, kind="stable")
    return np.sort(order[:k])


def _select(X, y, k):
    return np.sort(np.argsort(-correlation_scores(X, y), kind="stable")[:k])


def cv_accuracy_with_selection(X, y, k=20, *, select_inside_cv, n_splits=5, random_state=None):
    """A fold loop by hand."""
    X, y = _arrays(X, y)
    _k_in_range(k, X.shape[1])
    chosen_on_all = None if select_inside_cv else _select(X, y, k)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    accuracies = []
    for fit_rows, held_rows in folds.split(X, y):
        columns = _select(X[fit_rows], y[fit_rows], k) if select_inside_cv else chosen_on_all
        model = LogisticRegression(solver="liblinear").fit(X[fit_rows][:, columns], y[fit_rows])
        accuracies.append(np.mean(model.predict(X[held_rows][:, columns]) == y[held_rows]))
    return float(np.mean(accuracies))


def impurity_and_permutation_importance(X, y, *, n_estimators=100, n_repeats=10, random_state=None):
    """Column shuffles drawn from default_rng(random_state), one per repeat and feature."""
    X, y = _arrays(X, y)
    X_fit, X_held, y_fit, y_held = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=random_state
    )
    forest = RandomForestClassifier(n_estimators=n_estimators, random_state=random_state)
    forest.fit(X_fit, y_fit)
    baseline = np.mean(forest.predict(X_held) == y_held)
    draw = np.random.default_rng(random_state)
    drops = np.zeros(X.shape[1])
    for feature in range(X.shape[1]):
        for _ in range(n_repeats):
            shuffled = X_held.copy()
            shuffled[:, feature] = draw.permutation(shuffled[:, feature])
            drops[feature] += baseline - np.mean(forest.predict(shuffled) == y_held)
    return {"impurity": forest.feature_importances_, "permutation": drops / n_repeats}

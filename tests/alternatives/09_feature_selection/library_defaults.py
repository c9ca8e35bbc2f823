"""Leans on the library with its defaults: RFE around LogisticRegression's default lbfgs solver, abs(r_regression) as the filter, SelectFromModel(threshold="median") on a model fitted here, cross_validate on a Pipeline, permutation_importance."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import RFE, SelectFromModel, SelectKBest, chi2, r_regression
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler


def _arrays(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    return X, y


def _k_in_range(k, n):
    if k < 1 or k > n:
        raise ValueError(f"k={k} is out of range; X has {n} features, so 1 <= k <= {n}")


def chi2_top_k(X, y, k=10):
    """make_pipeline(MinMaxScaler, SelectKBest(chi2))."""
    X, y = _arrays(X, y)
    _k_in_range(k, X.shape[1])
    pipe = make_pipeline(MinMaxScaler(), SelectKBest(chi2, k=k)).fit(X, y)
    return np.flatnonzero(pipe[-1].get_support())


def rfe_ranking(X, y, n_features=10):
    """RFE around LogisticRegression() with the default solver."""
    X, y = _arrays(X, y)
    _k_in_range(n_features, X.shape[1])
    rfe = RFE(LogisticRegression(max_iter=1000), n_features_to_select=n_features)
    return rfe.fit(StandardScaler().fit_transform(X), y).ranking_


def select_from_model_median(X, y, estimator=None):
    """SelectFromModel on an estimator fitted here, prefit."""
    X, y = _arrays(X, y)
    model = clone(estimator) if estimator is not None else RandomForestClassifier()
    model.fit(X, y)
    return SelectFromModel(model, threshold="median", prefit=True).get_support()


def l1_selected(X, y, strength):
    """make_pipeline(StandardScaler, liblinear L1)."""
    X, y = _arrays(X, y)
    if strength <= 0 or not np.isfinite(strength):
        raise ValueError(f"strength must be positive, got {strength}")
    pipe = make_pipeline(
        StandardScaler(), LogisticRegression(l1_ratio=1.0, C=1 / strength, solver="liblinear")
    ).fit(X, y)
    return np.flatnonzero((pipe[-1].coef_ != 0).any(axis=0))


def correlation_scores(X, y):
    """abs(r_regression), after refusing a constant y; constant columns set to 0 (r_regression can give inf there)."""
    X, y = _arrays(X, y)
    if np.ptp(y.astype(float)) == 0:
        raise ValueError("y is constant; a correlation with it is undefined")
    return np.where(np.ptp(X, axis=0) > 0, np.abs(r_regression(X, y.astype(float))), 0.0)


def top_k_by_correlation(X, y, k):
    """SelectKBest over correlation_scores."""
    X, y = _arrays(X, y)
    _k_in_range(k, X.shape[1])
    return np.flatnonzero(SelectKBest(correlation_scores, k=k).fit(X, y).get_support())


def cv_accuracy_with_selection(X, y, k=20, *, select_inside_cv, n_splits=5, random_state=None):
    """cross_validate on make_pipeline(SelectKBest, LogisticRegression())."""
    X, y = _arrays(X, y)
    _k_in_range(k, X.shape[1])
    cv = StratifiedKFold(n_splits, shuffle=True, random_state=random_state)
    if select_inside_cv:
        model = make_pipeline(SelectKBest(correlation_scores, k=k), LogisticRegression())
    else:
        X = SelectKBest(correlation_scores, k=k).fit_transform(X, y)
        model = LogisticRegression()
    return float(cross_validate(model, X, y, cv=cv)["test_score"].mean())


def impurity_and_permutation_importance(X, y, *, n_estimators=100, n_repeats=10, random_state=None):
    """train_test_split, a forest and permutation_importance."""
    X, y = _arrays(X, y)
    X_fit, X_held, y_fit, y_held = train_test_split(
        X, y, train_size=0.7, stratify=y, random_state=random_state
    )
    forest = RandomForestClassifier(n_estimators, random_state=random_state).fit(X_fit, y_fit)
    result = permutation_importance(
        forest, X_held, y_held, n_repeats=n_repeats, random_state=random_state, scoring="accuracy"
    )
    return {"impurity": forest.feature_importances_, "permutation": result.importances_mean}

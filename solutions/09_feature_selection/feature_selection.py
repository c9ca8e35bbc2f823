"""Feature selection: filter, wrapper and embedded methods, a filter written from scratch, the
selection-bias leak that makes noise look predictive, and importances that can or cannot be trusted."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import RFE, SelectFromModel, SelectKBest, chi2
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler


def _check_xy(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    return X, y


def _check_k(k: int, n_features: int) -> None:
    if not 1 <= k <= n_features:
        raise ValueError(
            f"k={k} is out of range; X has {n_features} features, so 1 <= k <= {n_features}"
        )


def chi2_top_k(X, y, k: int = 10) -> np.ndarray:
    """Indices of the ``k`` features with the highest chi-squared score, after min-max scaling.

    chi² needs non-negative inputs (it treats each feature as a count), so the features are first
    scaled to [0, 1] with `MinMaxScaler`; standardized or centred data, with negative values, then
    works too.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of class labels
    k : int
        How many features to keep.

    Returns
    -------
    ndarray of int
        The kept column indices, sorted ascending.

    Raises
    ------
    ValueError
        If ``k`` is not between 1 and the number of features.
    """
    X, y = _check_xy(X, y)
    _check_k(k, X.shape[1])
    selector = Pipeline([("scale", MinMaxScaler()), ("select", SelectKBest(chi2, k=k))]).fit(X, y)
    return np.flatnonzero(selector.named_steps["select"].get_support())


def rfe_ranking(X, y, n_features: int = 10) -> np.ndarray:
    """Recursive feature elimination's ranking with a logistic regression on standardized features.

    One feature is dropped per round (the smallest absolute coefficient) until ``n_features``
    remain; these are ranked 1, the last one dropped 2, and so on.

    Returns
    -------
    ndarray of int, shape (n_features_in,)
        Exactly ``n_features`` ones; every other rank from 2 upwards appears once.
    """
    X, y = _check_xy(X, y)
    _check_k(n_features, X.shape[1])
    model = LogisticRegression(solver="liblinear")
    rfe = RFE(model, n_features_to_select=n_features, step=1)
    return rfe.fit(StandardScaler().fit_transform(X), y).ranking_


def select_from_model_median(X, y, estimator=None) -> np.ndarray:
    """Keep the features whose importance is at least the median importance of a fitted model.

    Parameters
    ----------
    estimator : scikit-learn estimator with ``feature_importances_`` or ``coef_``, optional
        Cloned and fitted on ``X, y``. Defaults to ``RandomForestClassifier(n_estimators=100)``.

    Returns
    -------
    ndarray of bool, shape (n_features,)
        True for each kept feature: half of them when the importances have no ties.
    """
    X, y = _check_xy(X, y)
    model = clone(estimator) if estimator is not None else RandomForestClassifier(n_estimators=100)
    selector = SelectFromModel(model, threshold="median").fit(X, y)
    return selector.get_support()


def l1_selected(X, y, strength: float) -> np.ndarray:
    """Indices of the features an L1-penalised logistic regression keeps (non-zero coefficients).

    Parameters
    ----------
    strength : float
        Regularization strength, the inverse of scikit-learn's ``C``: larger means a stronger
        penalty and fewer features kept.

    The features are standardized first, so the penalty treats them alike.

    Raises
    ------
    ValueError
        If ``strength`` is not positive.
    """
    X, y = _check_xy(X, y)
    if not strength > 0:
        raise ValueError(f"strength must be positive, got {strength}")
    model = LogisticRegression(l1_ratio=1.0, C=1.0 / strength, solver="liblinear")
    model.fit(StandardScaler().fit_transform(X), y)
    return np.flatnonzero(np.any(model.coef_ != 0, axis=0))


def correlation_scores(X, y) -> np.ndarray:
    """The absolute Pearson correlation of each feature with ``y``, computed from scratch.

    Equal to ``abs(sklearn.feature_selection.r_regression(X, y))`` on every feature that varies.
    For a binary ``y`` it ranks the features exactly as `f_classif` does, because
    F = (n - 2) r² / (1 - r²). A constant feature scores 0 (``r_regression`` can return inf there:
    a rounding residue of its covariance is divided by the zero norm). Integer and boolean
    columns score as the numbers they hold (True is 1), with no overflow.

    Raises
    ------
    ValueError
        If ``y`` is constant (its correlation with anything is undefined), if X is not 2-D, or if
        X and y differ in length (``"X has 10 rows but y has 9 labels; they must match"``).
    """
    X, y = _check_xy(X, y)
    y = y.astype(float)
    n = len(y)
    y_centred = y - y.mean()
    y_norm = np.sqrt(y_centred @ y_centred)
    if y_norm == 0:
        raise ValueError("y is constant; a correlation with it is undefined")
    x_mean = X.mean(axis=0)
    # sum((x - x_mean) * y_centred) equals sum(x * y_centred), because y_centred sums to 0.
    covariance = y_centred @ X
    x_norm = np.sqrt(np.maximum(np.einsum("ij,ij->j", X, X) - n * x_mean**2, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = covariance / (x_norm * y_norm)
    return np.abs(np.where(x_norm > 0, r, 0.0))


def top_k_by_correlation(X, y, k: int) -> np.ndarray:
    """Indices of the ``k`` features with the largest `correlation_scores`, sorted ascending.

    Raises
    ------
    ValueError
        If ``k`` is not between 1 and the number of features.
    """
    scores = correlation_scores(X, y)
    _check_k(k, len(scores))
    return np.sort(np.argsort(-scores, kind="stable")[:k])


def _select_top_k(k: int) -> SelectKBest:
    return SelectKBest(correlation_scores, k=k)


def cv_accuracy_with_selection(
    X, y, k: int = 20, *, select_inside_cv: bool, n_splits: int = 5, random_state=None
) -> float:
    """Mean cross-validated accuracy of a logistic regression on the ``k`` top-correlated features.

    ``select_inside_cv=False`` is the classic leak: the features are chosen once on all rows, so
    every validation fold helped choose them. ``True`` is the honest way: selection is a step of a
    `Pipeline` and is refitted on each training fold.

    Parameters
    ----------
    k : int
        How many features `correlation_scores` keeps.
    n_splits, random_state
        The folds are ``StratifiedKFold(n_splits, shuffle=True, random_state=random_state)``.
    """
    X, y = _check_xy(X, y)
    _check_k(k, X.shape[1])
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    model = LogisticRegression(solver="liblinear")
    if select_inside_cv:
        pipeline = Pipeline([("select", _select_top_k(k)), ("model", model)])
        return float(cross_val_score(pipeline, X, y, cv=folds).mean())
    X_selected = _select_top_k(k).fit_transform(X, y)
    return float(cross_val_score(model, X_selected, y, cv=folds).mean())


def impurity_and_permutation_importance(
    X, y, *, n_estimators: int = 100, n_repeats: int = 10, random_state=None
) -> dict[str, np.ndarray]:
    """Fit a random forest on 70% of the rows and return both kinds of importance per feature.

    Parameters
    ----------
    n_estimators : int
        Trees in the forest.
    n_repeats : int
        Shuffles per feature for the permutation importance.
    random_state
        Seeds the stratified 70/30 split, the forest and the shuffles.

    Returns
    -------
    dict
        ``"impurity"``: the forest's ``feature_importances_`` (mean decrease in impurity, computed
        on the training rows, summing to 1); ``"permutation"``: the mean drop in accuracy on the
        held-out 30% when a feature's column is shuffled (`permutation_importance`).
    """
    X, y = _check_xy(X, y)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=random_state
    )
    forest = RandomForestClassifier(n_estimators=n_estimators, random_state=random_state)
    forest.fit(X_train, y_train)
    held_out = permutation_importance(
        forest, X_test, y_test, n_repeats=n_repeats, random_state=random_state
    )
    return {"impurity": forest.feature_importances_, "permutation": held_out.importances_mean}

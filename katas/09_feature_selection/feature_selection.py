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
    # TODO: implement chi2_top_k; test_feature_selection.py says what it must do.
    raise NotImplementedError


def rfe_ranking(X, y, n_features: int = 10) -> np.ndarray:
    """Recursive feature elimination's ranking with a logistic regression on standardized features.

    One feature is dropped per round (the smallest absolute coefficient) until ``n_features``
    remain; these are ranked 1, the last one dropped 2, and so on.

    Returns
    -------
    ndarray of int, shape (n_features_in,)
        Exactly ``n_features`` ones; every other rank from 2 upwards appears once.
    """
    # TODO: implement rfe_ranking; test_feature_selection.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement select_from_model_median; test_feature_selection.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement l1_selected; test_feature_selection.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement correlation_scores; test_feature_selection.py says what it must do.
    raise NotImplementedError


def top_k_by_correlation(X, y, k: int) -> np.ndarray:
    """Indices of the ``k`` features with the largest `correlation_scores`, sorted ascending.

    Raises
    ------
    ValueError
        If ``k`` is not between 1 and the number of features.
    """
    # TODO: implement top_k_by_correlation; test_feature_selection.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement cv_accuracy_with_selection; test_feature_selection.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement impurity_and_permutation_importance; test_feature_selection.py says what it must do.
    raise NotImplementedError

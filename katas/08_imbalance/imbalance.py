"""Imbalanced classification: honest evaluation, SMOTE and undersampling from scratch, class weights,
and resampling that stays inside the training folds."""

from __future__ import annotations

from collections import Counter

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    f1_score,
    make_scorer,
    precision_recall_fscore_support,
)
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import NearestNeighbors


def imbalance_report(y_true, y_pred, y_score=None) -> dict:
    """Evaluate predictions without letting the majority class hide the minority.

    Parameters
    ----------
    y_true, y_pred : array-like of labels
    y_score : array-like of floats, optional
        Scores for the minority class (binary problems only), used for PR-AUC.

    Returns
    -------
    dict with keys
        ``accuracy``, ``balanced_accuracy`` (mean per-class recall),
        ``per_class``: ``{label: {"precision", "recall", "f1", "support"}}`` for every label in
        ``y_true`` and no other (a class never predicted has precision 0; a predicted label that
        never occurs in ``y_true`` gets no entry of its own, it only counts as a wrong prediction),
        and
        ``pr_auc``: average precision of the minority class, or ``None`` when ``y_score`` is None.
    """
    # TODO: implement imbalance_report; test_imbalance.py says what it must do.
    raise NotImplementedError


def smote(X, y, k_neighbors: int = 5, random_state=None) -> tuple[np.ndarray, np.ndarray]:
    """Oversample every smaller class with SMOTE until all classes are as large as the largest.

    Each synthetic row is ``a + gap * (b - a)``: ``a`` a random row of the class, ``b`` one of its
    ``k_neighbors`` nearest neighbours within the same class, ``gap`` uniform in [0, 1).

    Returns
    -------
    X_resampled, y_resampled
        The original rows first, unchanged and in order, then the synthetic rows.

    Raises
    ------
    ValueError
        If X is not 2-D, X and y differ in length, y holds a single class, or a class to
        oversample has fewer than ``k_neighbors + 1`` rows (exactly ``k_neighbors + 1`` is enough).
    """
    # TODO: implement smote; test_imbalance.py says what it must do.
    raise NotImplementedError


def random_undersample(X, y, random_state=None) -> tuple[np.ndarray, np.ndarray]:
    """Keep a random subset of every larger class, without replacement, down to the smallest class.

    Returns the kept rows in their original order. The smallest class is kept whole.

    Raises
    ------
    ValueError
        If X is not 2-D, X and y differ in length, or y holds a single class.
    """
    # TODO: implement random_undersample; test_imbalance.py says what it must do.
    raise NotImplementedError


def balanced_class_weights(y) -> dict:
    """Weight each class by ``n_samples / (n_classes * count)``, so every class carries equal total weight.

    Returns ``{label: weight}``. Raises ValueError if y holds a single class.
    """
    # TODO: implement balanced_class_weights; test_imbalance.py says what it must do.
    raise NotImplementedError


def weighted_logistic_regression(X, y) -> LogisticRegression:
    """Fit a logistic regression whose loss weights each class by `balanced_class_weights`."""
    # TODO: implement weighted_logistic_regression; test_imbalance.py says what it must do.
    raise NotImplementedError


def smote_pipeline(estimator, k_neighbors: int = 5, random_state=None) -> Pipeline:
    """An imbalanced-learn Pipeline that applies SMOTE and then ``estimator``.

    SMOTE runs only when the pipeline is fitted, so cross-validation resamples each training fold
    and leaves every validation fold as it came.
    """
    # TODO: implement smote_pipeline; test_imbalance.py says what it must do.
    raise NotImplementedError


def cross_validated_minority_f1(
    X, y, estimator, *, resample_before_split: bool, n_splits: int = 5, random_state=None
) -> float:
    """Mean F1 of the minority class over stratified folds, with SMOTE before or inside the split.

    The ``n_splits`` folds are stratified and shuffled, the shuffle seeded by ``random_state`` (as is
    SMOTE). Rows often arrive ordered, by time, by source or by class; stratification alone keeps
    each fold's class shares right even then, but unshuffled folds would each take one contiguous
    slice of every class.

    ``resample_before_split=True`` is the leak to demonstrate: SMOTE runs on all the data first,
    so validation folds hold synthetic rows made from training rows. ``False`` is the honest way:
    SMOTE inside `smote_pipeline`, on training folds only.
    """
    # TODO: implement cross_validated_minority_f1; test_imbalance.py says what it must do.
    raise NotImplementedError

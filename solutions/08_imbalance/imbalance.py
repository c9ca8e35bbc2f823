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


def _check_xy(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (n_samples, n_features), got shape {X.shape}"
        )
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    if len(np.unique(y)) < 2:
        raise ValueError(f"y holds a single class ({y[0]}); resampling needs at least two classes")
    return X, y


def _minority_label(y):
    """The least frequent label in ``y`` (the smallest label wins a tie)."""
    counts = Counter(np.asarray(y).tolist())
    return min(counts, key=lambda label: (counts[label], label))


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
    y_true = np.asarray(y_true)
    labels = np.unique(y_true)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    per_class = {
        label.item(): {"precision": p, "recall": r, "f1": f, "support": int(s)}
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    pr_auc = None
    if y_score is not None:
        positive = _minority_label(y_true)
        pr_auc = float(average_precision_score(y_true == positive, y_score))
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "balanced_accuracy": float(balanced_accuracy_score(y_true, y_pred)),
        "per_class": per_class,
        "pr_auc": pr_auc,
    }


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
    X, y = _check_xy(X, y)
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    target = counts.max()
    new_X, new_y = [X], [y]
    for label, count in zip(labels, counts, strict=True):
        if count == target:
            continue
        if count < k_neighbors + 1:
            raise ValueError(
                f"class {label} has {count} rows; SMOTE with k_neighbors={k_neighbors} "
                f"needs at least {k_neighbors + 1}"
            )
        members = X[y == label]
        # Column 0 of the neighbour table is each row itself, so it is skipped below.
        neighbours = (
            NearestNeighbors(n_neighbors=k_neighbors + 1).fit(members).kneighbors(members)[1]
        )
        n_new = target - count
        base = rng.integers(0, count, size=n_new)
        partner = neighbours[base, rng.integers(1, k_neighbors + 1, size=n_new)]
        gap = rng.random((n_new, 1))
        new_X.append(members[base] + gap * (members[partner] - members[base]))
        new_y.append(np.full(n_new, label, dtype=y.dtype))
    return np.vstack(new_X), np.concatenate(new_y)


def random_undersample(X, y, random_state=None) -> tuple[np.ndarray, np.ndarray]:
    """Keep a random subset of every larger class, without replacement, down to the smallest class.

    Returns the kept rows in their original order. The smallest class is kept whole.

    Raises
    ------
    ValueError
        If X is not 2-D, X and y differ in length, or y holds a single class.
    """
    X, y = _check_xy(X, y)
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    smallest = counts.min()
    keep = np.concatenate(
        [rng.choice(np.flatnonzero(y == label), size=smallest, replace=False) for label in labels]
    )
    keep.sort()
    return X[keep], y[keep]


def balanced_class_weights(y) -> dict:
    """Weight each class by ``n_samples / (n_classes * count)``, so every class carries equal total weight.

    Returns ``{label: weight}``. Raises ValueError if y holds a single class.
    """
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    if len(labels) < 2:
        raise ValueError("y holds a single class; class weights need at least two classes")
    total = counts.sum()
    return {label.item(): total / (len(labels) * count) for label, count in zip(labels, counts)}


def weighted_logistic_regression(X, y) -> LogisticRegression:
    """Fit a logistic regression whose loss weights each class by `balanced_class_weights`."""
    model = LogisticRegression(class_weight=balanced_class_weights(y), max_iter=1000)
    return model.fit(X, y)


def smote_pipeline(estimator, k_neighbors: int = 5, random_state=None) -> Pipeline:
    """An imbalanced-learn Pipeline that applies SMOTE and then ``estimator``.

    SMOTE runs only when the pipeline is fitted, so cross-validation resamples each training fold
    and leaves every validation fold as it came.
    """
    return Pipeline(
        [
            ("smote", SMOTE(k_neighbors=k_neighbors, random_state=random_state)),
            ("model", clone(estimator)),
        ]
    )


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
    X, y = _check_xy(X, y)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    scorer = make_scorer(f1_score, pos_label=_minority_label(y))
    if resample_before_split:
        X_resampled, y_resampled = SMOTE(random_state=random_state).fit_resample(X, y)
        scores = cross_val_score(
            clone(estimator), X_resampled, y_resampled, cv=folds, scoring=scorer
        )
    else:
        model = smote_pipeline(estimator, random_state=random_state)
        scores = cross_val_score(model, X, y, cv=folds, scoring=scorer)
    return float(scores.mean())

"""ROC curves and AUC from scratch: the curve with ties, the trapezoid area, AUC through ranks,
Youden's threshold, precision and average precision for contrast, and one-vs-rest AUC for several
classes."""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def _binary_inputs(y_true, y_score) -> tuple[np.ndarray, np.ndarray]:
    """Labels as a boolean "is positive" array and scores as floats, after checking both."""
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y_true.ndim != 1 or y_score.ndim != 1:
        raise ValueError(
            f"y_true and y_score must be 1-D, got shapes {y_true.shape} and {y_score.shape}"
        )
    if len(y_true) != len(y_score):
        raise ValueError(
            f"y_true has {len(y_true)} labels but y_score has {len(y_score)} scores; they must match"
        )
    if np.isnan(y_score).any():
        raise ValueError("y_score contains NaN; every row needs a score to be ranked")
    labels = np.unique(y_true)
    if len(labels) == 1:
        raise ValueError(
            f"y_true holds a single class ({labels[0]}); ROC AUC needs both positives and negatives"
        )
    if len(labels) > 2:
        raise ValueError(
            f"y_true holds {len(labels)} classes; roc_curve and roc_auc are binary "
            "(use ovr_macro_auc for several classes)"
        )
    return y_true == labels[1], y_score


def roc_curve(y_true, y_score) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve: false- and true-positive rates as the threshold falls through every score.

    Parameters
    ----------
    y_true : array-like of two distinct labels; the larger one (1, True) is the positive class
    y_score : array-like of floats, higher meaning "more likely positive"

    Returns
    -------
    fpr, tpr, thresholds
        One point per distinct score, from the highest threshold to the lowest, after a first point
        (0, 0) whose threshold is ``+inf``. A row counts as predicted positive when
        ``y_score >= threshold``; rows with equal scores move together, so a tie gives one
        diagonal step. The same as ``sklearn.metrics.roc_curve(..., drop_intermediate=False)``.

    Raises
    ------
    ValueError
        If y_true holds a single class ("y_true holds a single class (<label>)") or more than
        two ("y_true holds <k> classes"), the lengths differ, either input is not 1-D ("1-D"), or
        y_score contains NaN ("y_score contains NaN").
    """
    positive, y_score = _binary_inputs(y_true, y_score)
    order = np.argsort(-y_score, kind="stable")
    sorted_scores, sorted_positive = y_score[order], positive[order]
    # The last row of each run of equal scores is where the threshold stops.
    last_of_run = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(sorted_scores) - 1]
    true_positives = np.cumsum(sorted_positive)[last_of_run]
    false_positives = last_of_run + 1 - true_positives
    tpr = np.r_[0, true_positives] / true_positives[-1]
    fpr = np.r_[0, false_positives] / false_positives[-1]
    return fpr, tpr, np.r_[np.inf, sorted_scores[last_of_run]]


def auc(x, y) -> float:
    """Area under a curve by the trapezoid rule.

    Parameters
    ----------
    x : array-like, monotonic (increasing or decreasing)
    y : array-like of the same length

    Raises
    ------
    ValueError
        If x and y are not 1-D of one length (the message says "one length"), have fewer than 2
        points ("at least 2 points"), or x is not monotonic. Repeated x values are allowed: a
        vertical step is still monotonic.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"x and y must be 1-D of one length, got shapes {x.shape} and {y.shape}")
    if len(x) < 2:
        raise ValueError(f"an area needs at least 2 points, got {len(x)}")
    steps = np.diff(x)
    if np.any(steps < 0) and np.any(steps > 0):
        raise ValueError("x is neither increasing nor decreasing, so the area is not defined")
    direction = -1.0 if np.any(steps < 0) else 1.0
    return direction * float(np.sum(steps * (y[1:] + y[:-1]) / 2))


def roc_auc(y_true, y_score) -> float:
    """Area under the ROC curve in O(n log n), through ranks (the Mann-Whitney U statistic).

    With average ranks for tied scores, ``AUC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg)``,
    where ``R_pos`` is the sum of the positives' ranks. It equals the probability that a random
    positive scores above a random negative, ties counting one half. ``y_true`` may hold any two
    distinct labels (0/1, 1/2, -1/+1, strings); the larger one is the positive class.

    Raises
    ------
    ValueError
        If y_true holds a single class ("y_true holds a single class (<label>)") or more than
        two ("y_true holds <k> classes"), the lengths differ, either input is not 1-D ("1-D"), or
        y_score contains NaN ("y_score contains NaN").
    """
    positive, y_score = _binary_inputs(y_true, y_score)
    ranks = rankdata(y_score, method="average")
    n_pos = int(positive.sum())
    n_neg = len(positive) - n_pos
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def precision_at(y_true, y_score, threshold: float) -> float:
    """Precision when every row with ``y_score >= threshold`` is predicted positive.

    A row whose score equals the threshold counts as predicted positive. The positive class is the
    larger of the two labels, as in `roc_curve`. Returns 0.0 when no row reaches the threshold.

    Raises
    ------
    ValueError
        If y_true holds a single class ("y_true holds a single class (<label>)") or more than
        two ("y_true holds <k> classes"), the lengths differ, either input is not 1-D ("1-D"), or
        y_score contains NaN ("y_score contains NaN").
    """
    positive, y_score = _binary_inputs(y_true, y_score)
    predicted = y_score >= threshold
    if not predicted.any():
        return 0.0
    return float(positive[predicted].mean())


def average_precision(y_true, y_score) -> float:
    """Average precision: the precision at each distinct score, weighted by the recall it adds.

    ``AP = sum_k (R_k - R_(k-1)) P_k`` over the thresholds of `roc_curve` (rows with equal scores
    cross together), with ``R_0 = 0``: a step sum, not a trapezoid, as
    ``sklearn.metrics.average_precision_score`` computes it. The positive class is the larger
    label, as in `roc_curve`. Unlike AUC it moves with prevalence: its floor is the share of
    positives.

    Raises
    ------
    ValueError
        If y_true holds a single class ("y_true holds a single class (<label>)") or more than
        two ("y_true holds <k> classes"), the lengths differ, either input is not 1-D ("1-D"), or
        y_score contains NaN ("y_score contains NaN").
    """
    positive, y_score = _binary_inputs(y_true, y_score)
    order = np.argsort(-y_score, kind="stable")
    sorted_scores, sorted_positive = y_score[order], positive[order]
    last_of_run = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(sorted_scores) - 1]
    true_positives = np.cumsum(sorted_positive)[last_of_run]
    precision = true_positives / (last_of_run + 1)
    recall = true_positives / true_positives[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def youden_threshold(y_true, y_score) -> float:
    """The threshold of `roc_curve` that maximises Youden's J = tpr - fpr.

    On a tie the first such threshold in `roc_curve`'s order wins, which is the highest one. The
    positive class is the larger of the two labels, as in `roc_curve`.

    Raises
    ------
    ValueError
        As `roc_curve` does: if y_true holds a single class ("y_true holds a single class
        (<label>)") or more than two ("y_true holds <k> classes"), the lengths differ, either input
        is not 1-D ("1-D"), or y_score contains NaN ("y_score contains NaN").
    """
    fpr, tpr, thresholds = roc_curve(y_true, y_score)
    return float(thresholds[np.argmax(tpr - fpr)])


def ovr_macro_auc(y_true, y_proba) -> float:
    """One-vs-rest AUC averaged over the classes with equal weight (macro).

    Parameters
    ----------
    y_true : array-like of labels, at least two classes
    y_proba : array of shape (n_samples, n_classes); column ``i`` scores the ``i``-th class of
        ``numpy.unique(y_true)``, as ``predict_proba`` orders them

    Returns
    -------
    The mean over classes ``c`` of ``roc_auc(y_true == c, y_proba[:, i])``, which is
    ``sklearn.metrics.roc_auc_score(y_true, y_proba, multi_class="ovr", average="macro")``.

    Raises
    ------
    ValueError
        If y_proba's shape is not ``(n_samples, n_classes)``, one column per class of y_true; the
        message starts "y_proba has shape (...)" and names "one column per class".
    """
    y_true, y_proba = np.asarray(y_true), np.asarray(y_proba, dtype=float)
    classes = np.unique(y_true)
    if y_proba.ndim != 2 or y_proba.shape != (len(y_true), len(classes)):
        raise ValueError(
            f"y_proba has shape {y_proba.shape}; expected ({len(y_true)}, {len(classes)}), "
            "one column per class of y_true"
        )
    return float(
        np.mean([roc_auc(y_true == label, y_proba[:, i]) for i, label in enumerate(classes)])
    )

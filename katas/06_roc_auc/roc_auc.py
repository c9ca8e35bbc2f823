"""ROC curves and AUC from scratch: the curve with ties, the trapezoid area, AUC through ranks,
Youden's threshold, precision and average precision for contrast, and one-vs-rest AUC for several
classes."""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


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
    # TODO: implement roc_curve; test_roc_auc.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement auc; test_roc_auc.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement roc_auc; test_roc_auc.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement precision_at; test_roc_auc.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement average_precision; test_roc_auc.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement youden_threshold; test_roc_auc.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement ovr_macro_auc; test_roc_auc.py says what it must do.
    raise NotImplementedError

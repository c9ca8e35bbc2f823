"""Leans on scikit-learn: roc_curve(drop_intermediate=False), auc, roc_auc_score,
precision_score, average_precision_score, and roc_auc_score(multi_class="ovr") for several classes.

The positive label is passed to scikit-learn explicitly (the larger of the two), so labels such as
1/2 or strings work; only the input checks and their messages are written here.
"""

from __future__ import annotations

import numpy as np
from sklearn import metrics


def _checked(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y_true.shape != y_score.shape or y_true.ndim != 1:
        raise ValueError(
            f"y_true and y_score must be 1-D of one length: {y_true.shape}, {y_score.shape}"
        )
    if np.isnan(y_score).any():
        raise ValueError("y_score contains NaN; there is nothing to rank it by")
    labels = np.unique(y_true)
    if len(labels) == 1:
        raise ValueError(f"y_true holds a single class ({labels[0]}); AUC needs two classes")
    if len(labels) > 2:
        raise ValueError(f"y_true holds {len(labels)} classes; this function is binary")
    return y_true, y_score, labels[1]


def roc_curve(y_true, y_score):
    y_true, y_score, positive = _checked(y_true, y_score)
    return metrics.roc_curve(y_true, y_score, pos_label=positive, drop_intermediate=False)


def auc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or len(x) < 2:
        raise ValueError(
            f"auc needs x and y of one length, at least 2 points: {x.shape}, {y.shape}"
        )
    return float(metrics.auc(x, y))


def roc_auc(y_true, y_score):
    y_true, y_score, positive = _checked(y_true, y_score)
    return float(metrics.roc_auc_score(y_true == positive, y_score))


def precision_at(y_true, y_score, threshold):
    y_true, y_score, positive = _checked(y_true, y_score)
    return float(
        metrics.precision_score(y_true == positive, y_score >= threshold, zero_division=0.0)
    )


def average_precision(y_true, y_score):
    y_true, y_score, positive = _checked(y_true, y_score)
    return float(metrics.average_precision_score(y_true, y_score, pos_label=positive))


def youden_threshold(y_true, y_score):
    fpr, tpr, thresholds = roc_curve(y_true, y_score)
    return float(thresholds[np.argmax(tpr - fpr)])


def ovr_macro_auc(y_true, y_proba):
    y_true, y_proba = np.asarray(y_true), np.asarray(y_proba, dtype=float)
    classes = np.unique(y_true)
    if y_proba.shape != (len(y_true), len(classes)):
        raise ValueError(f"y_proba has shape {y_proba.shape}; expected one column per class")
    if len(classes) == 2:
        return float(
            metrics.roc_auc_score(y_true == classes[1], y_proba[:, 1]) / 2
            + metrics.roc_auc_score(y_true == classes[0], y_proba[:, 0]) / 2
        )
    return float(
        metrics.roc_auc_score(y_true, y_proba, multi_class="ovr", average="macro", labels=classes)
    )

"""From scratch with other algorithms: AUC by counting, for each distinct score, the negatives
scored below it (a merge over sorted unique values) instead of ranks; the curve by searchsorted
over the distinct thresholds; Youden by scanning the points in a loop; average precision from
per-threshold counts.

Labels are mapped to a boolean "is the larger label" array first, whatever their type.
"""

from __future__ import annotations

import numpy as np


def _positives(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y_true.ndim != 1 or y_score.ndim != 1:
        raise ValueError(f"labels and scores must each be 1-D: {y_true.shape}, {y_score.shape}")
    if np.isnan(y_score).any():
        raise ValueError("y_score contains NaN, which cannot be ranked")
    if len(y_true) != len(y_score):
        raise ValueError(f"y_true has {len(y_true)} labels and y_score {len(y_score)} scores")
    labels = np.unique(y_true)
    if len(labels) < 2:
        raise ValueError(f"y_true holds a single class ({labels[0]}); there is nothing to rank")
    if len(labels) > 2:
        raise ValueError(f"y_true holds {len(labels)} classes, not 2")
    return y_true == labels[-1], y_score


def _counts_at_thresholds(positive, y_score):
    thresholds = np.unique(y_score)[::-1]
    pos_sorted = np.sort(y_score[positive])
    neg_sorted = np.sort(y_score[~positive])
    # rows with score >= t: all minus those strictly below t
    tp = len(pos_sorted) - np.searchsorted(pos_sorted, thresholds, side="left")
    fp = len(neg_sorted) - np.searchsorted(neg_sorted, thresholds, side="left")
    return thresholds, tp, fp


def roc_curve(y_true, y_score):
    positive, y_score = _positives(y_true, y_score)
    thresholds, tp, fp = _counts_at_thresholds(positive, y_score)
    fpr = np.concatenate([[0.0], fp / (~positive).sum()])
    tpr = np.concatenate([[0.0], tp / positive.sum()])
    return fpr, tpr, np.concatenate([[np.inf], thresholds])


def auc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) != len(y) or len(x) < 2:
        raise ValueError("auc needs x and y of one length with at least 2 points")
    if np.all(np.diff(x) <= 0):
        x, y = x[::-1], y[::-1]
    elif not np.all(np.diff(x) >= 0):
        raise ValueError("x is neither increasing nor decreasing")
    area = 0.0
    for i in range(1, len(x)):
        area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2
    return float(area)


def roc_auc(y_true, y_score):
    positive, y_score = _positives(y_true, y_score)
    negatives = np.sort(y_score[~positive])
    scores = y_score[positive]
    below = np.searchsorted(negatives, scores, side="left")
    tied = np.searchsorted(negatives, scores, side="right") - below
    return float((below.sum() + 0.5 * tied.sum()) / (len(scores) * len(negatives)))


def precision_at(y_true, y_score, threshold):
    positive, y_score = _positives(y_true, y_score)
    flagged = positive[y_score >= threshold]
    return float(flagged.sum() / len(flagged)) if len(flagged) else 0.0


def average_precision(y_true, y_score):
    positive, y_score = _positives(y_true, y_score)
    _, tp, fp = _counts_at_thresholds(positive, y_score)
    recall_gain = np.diff(np.concatenate([[0], tp])) / positive.sum()
    return float(np.sum(recall_gain * tp / (tp + fp)))


def youden_threshold(y_true, y_score):
    fpr, tpr, thresholds = roc_curve(y_true, y_score)
    best, best_j = thresholds[0], -np.inf
    for f, t, threshold in zip(fpr, tpr, thresholds):
        if t - f > best_j:
            best, best_j = threshold, t - f
    return float(best)


def ovr_macro_auc(y_true, y_proba):
    y_true, y_proba = np.asarray(y_true), np.asarray(y_proba, dtype=float)
    classes = sorted(set(y_true.tolist()))
    if y_proba.shape != (len(y_true), len(classes)):
        raise ValueError(f"y_proba has shape {y_proba.shape}; expected one column per class")
    total = 0.0
    for column, label in enumerate(classes):
        total += roc_auc(np.where(y_true == label, 1, 0), y_proba[:, column])
    return total / len(classes)

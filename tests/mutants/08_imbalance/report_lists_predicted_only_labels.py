"""Mistake: the per-class report covers every label seen in y_true or y_pred.

A label the model predicts but that never occurs in y_true gets an entry with recall 0 and
support 0, so the report claims a class the evaluation data does not hold.
"""

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    precision_recall_fscore_support,
)

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")


def imbalance_report(y_true, y_pred, y_score=None):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.unique(np.concatenate([y_true, y_pred]))
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    per_class = {
        label.item(): {"precision": p, "recall": r, "f1": f, "support": int(s)}
        for label, p, r, f, s in zip(labels, precision, recall, f1, support)
    }
    pr_auc = None
    if y_score is not None:
        values, counts = np.unique(y_true, return_counts=True)
        pr_auc = float(average_precision_score(y_true == values[counts.argmin()], y_score))
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "balanced_accuracy": float(balanced_accuracy_score(y_true, y_pred)),
        "per_class": per_class,
        "pr_auc": pr_auc,
    }

"""Mistake: zero_division=np.nan, so a class that is never predicted gets precision NaN instead of 0.

The contract says such a class has precision 0; NaN also poisons any average taken over the report.
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
    y_true = np.asarray(y_true)
    labels, counts = np.unique(y_true, return_counts=True)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=np.nan
    )
    per_class = {
        label.item(): {"precision": p, "recall": r, "f1": f, "support": int(s)}
        for label, p, r, f, s in zip(labels, precision, recall, f1, support)
    }
    pr_auc = None
    if y_score is not None:
        pr_auc = float(average_precision_score(y_true == labels[np.argmin(counts)], y_score))
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "balanced_accuracy": float(balanced_accuracy_score(y_true, y_pred)),
        "per_class": per_class,
        "pr_auc": pr_auc,
    }

"""Mistake: the "larger" label is found by sorting the labels as text, so with 2 and 10 the 2 is positive.

Converting labels to strings looks like a safe way to handle ints, strings and booleans alike, and
it happens to work for 0/1, 1/2, -1/+1 and "neg"/"pos". But "10" < "2" as text, so labels 2/10 get
the wrong positive class and every binary metric is computed for the other class (AUC becomes
1 - AUC).
"""

import numpy as np

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "06_roc_auc")
_reference = {
    name: globals()[name]
    for name in ("roc_curve", "roc_auc", "precision_at", "average_precision", "youden_threshold")
}


def _positive_as_one(y_true):
    y_true = np.asarray(y_true)
    labels = sorted(set(y_true.tolist()), key=str)
    if len(labels) != 2:
        return y_true  # the reference's own checks report one class or three
    return (y_true == labels[1]).astype(int)


def roc_curve(y_true, y_score):
    return _reference["roc_curve"](_positive_as_one(y_true), y_score)


def roc_auc(y_true, y_score):
    return _reference["roc_auc"](_positive_as_one(y_true), y_score)


def precision_at(y_true, y_score, threshold):
    return _reference["precision_at"](_positive_as_one(y_true), y_score, threshold)


def average_precision(y_true, y_score):
    return _reference["average_precision"](_positive_as_one(y_true), y_score)


def youden_threshold(y_true, y_score):
    return _reference["youden_threshold"](_positive_as_one(y_true), y_score)

"""Mistake: one-vs-rest picks the probability column by the label's value, ``y_proba[:, c]``.

That only works when the labels are 0..k-1; with labels 1..3 it reads the wrong columns (or runs
off the end), and string labels cannot index at all.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def ovr_macro_auc(y_true, y_proba):
    y_true, y_proba = np.asarray(y_true), np.asarray(y_proba, dtype=float)
    aucs = []
    for label in np.unique(y_true):
        column = int(label) % y_proba.shape[1]
        aucs.append(roc_auc(y_true == label, y_proba[:, column]))  # noqa: F821 (inherited)
    return float(np.mean(aucs))


inherit_reference(globals(), "06_roc_auc")

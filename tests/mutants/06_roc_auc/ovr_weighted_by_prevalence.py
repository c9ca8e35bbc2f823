"""Mistake: one-vs-rest AUCs averaged with each class weighted by its share of the rows (the
"weighted" average) instead of equally (macro)."""

import numpy as np

from kata_harness.implementation import inherit_reference


def ovr_macro_auc(y_true, y_proba):
    y_true, y_proba = np.asarray(y_true), np.asarray(y_proba, dtype=float)
    classes, counts = np.unique(y_true, return_counts=True)
    if y_proba.ndim != 2 or y_proba.shape != (len(y_true), len(classes)):
        raise ValueError(f"y_proba has shape {y_proba.shape}; expected one column per class")
    aucs = [roc_auc(y_true == label, y_proba[:, i]) for i, label in enumerate(classes)]  # noqa: F821
    return float(np.average(aucs, weights=counts))


inherit_reference(globals(), "06_roc_auc")

"""Mistake: thresholding the scores at 0.5 and computing AUC from the resulting 0/1 labels.

What comes back is balanced accuracy at one threshold, not the area under the curve: the ordering
of the rows within each predicted class is thrown away.
"""

import numpy as np
from sklearn.metrics import roc_auc_score

from kata_harness.implementation import inherit_reference


def roc_auc(y_true, y_score):
    y_true = np.asarray(y_true)
    labels = np.unique(y_true)
    if len(labels) < 2:
        raise ValueError(
            f"y_true holds a single class ({labels[0]}); ROC AUC needs both positives and negatives"
        )
    return float(roc_auc_score(y_true == labels[-1], np.asarray(y_score) >= 0.5))


inherit_reference(globals(), "06_roc_auc")

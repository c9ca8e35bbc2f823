"""Mistake: PR-AUC computed for label 1, whatever the minority is called.

Right when the minority happens to be labelled 1; with the minority labelled 0 it reports the
majority's average precision (near 1), and string labels break it.
"""

import numpy as np
from sklearn.metrics import average_precision_score

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")
_reference_report = imbalance_report  # noqa: F821 (set by inherit_reference)


def imbalance_report(y_true, y_pred, y_score=None):
    report = _reference_report(y_true, y_pred)
    if y_score is not None:
        report["pr_auc"] = float(average_precision_score(np.asarray(y_true) == 1, y_score))
    return report

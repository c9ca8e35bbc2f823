"""Mistake: a lenient answer flattens whatever arrays it is given, so a column vector of scores
(or labels) is ranked as if it were 1-D instead of being refused."""

import numpy as np

from kata_harness.implementation import inherit_reference

_reference = {}
inherit_reference(_reference, "06_roc_auc")


def _flat(function):
    def wrapper(y_true, y_score, *args):
        return _reference[function](np.ravel(y_true), np.ravel(y_score), *args)

    return wrapper


roc_curve = _flat("roc_curve")
roc_auc = _flat("roc_auc")
precision_at = _flat("precision_at")
average_precision = _flat("average_precision")
youden_threshold = _flat("youden_threshold")

inherit_reference(globals(), "06_roc_auc")

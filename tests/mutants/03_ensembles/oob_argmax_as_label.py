"""Mistake: oob_accuracy compares the argmax column index of oob_decision_function_ with y, which only works for labels 0..k-1."""

import numpy as np
from sklearn.base import clone

from kata_harness.implementation import inherit_reference


def oob_accuracy(forest, X, y):
    m = clone(forest).set_params(oob_score=True).fit(X, y)
    return float(np.mean(m.oob_decision_function_.argmax(1) == np.asarray(y)))


inherit_reference(globals(), "03_ensembles")

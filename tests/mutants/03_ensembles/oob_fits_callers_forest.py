"""Mistake: oob_accuracy sets oob_score on the caller's forest and fits it, instead of a clone."""

from kata_harness.implementation import inherit_reference


def oob_accuracy(forest, X, y):
    forest.set_params(oob_score=True)
    return float(forest.fit(X, y).oob_score_)


inherit_reference(globals(), "03_ensembles")

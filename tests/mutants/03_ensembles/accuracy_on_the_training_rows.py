"""Mistake: "cross-validated" accuracy that fits on all the rows and scores on the same rows.

An unpruned tree memorises its training data and scores about 1.0, so the single tree appears to
beat both ensembles; only rows the model never saw can rank models.
"""

from sklearn.base import clone

from kata_harness.implementation import inherit_reference


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    return float(clone(estimator).fit(X, y).score(X, y))


inherit_reference(globals(), "03_ensembles")

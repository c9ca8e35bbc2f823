"""Mistake: reporting the forest's accuracy on its training rows as its out-of-bag accuracy.

Every row was in the bootstrap sample of about 63% of the trees, which have memorised it, so the
score is close to 1.0; out-of-bag means each row is scored only by the trees that never saw it.
"""

from sklearn.base import clone

from kata_harness.implementation import inherit_reference


def oob_accuracy(forest, X, y):
    return float(clone(forest).fit(X, y).score(X, y))


inherit_reference(globals(), "03_ensembles")

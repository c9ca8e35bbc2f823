"""Mistake: weighting the minority by the count ratio and the majority by 1.

The ratio between the classes is right, but the scale is not: the weighted loss is larger overall,
which weakens the fixed L2 penalty and gives other coefficients than class_weight="balanced".
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

from kata_harness.implementation import inherit_reference


def weighted_logistic_regression(X, y):
    labels, counts = np.unique(y, return_counts=True)
    weights = {label.item(): counts.max() / count for label, count in zip(labels, counts)}
    return LogisticRegression(class_weight=weights, max_iter=1000).fit(X, y)


inherit_reference(globals(), "08_imbalance")

"""Mistake: class weights turned upside down, count * n_classes / n_samples.

The frequent class gets the large weight, so the model cares even less about the minority.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

from kata_harness.implementation import inherit_reference


def balanced_class_weights(y):
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return {
        label.item(): len(labels) * count / counts.sum() for label, count in zip(labels, counts)
    }


def weighted_logistic_regression(X, y):
    return LogisticRegression(class_weight=balanced_class_weights(y), max_iter=1000).fit(X, y)


inherit_reference(globals(), "08_imbalance")

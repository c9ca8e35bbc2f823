"""Mistake: computing permutation importance on the rows the forest was trained on.

A fully grown forest has memorised the training rows, partly through the row id, so shuffling the id
there costs accuracy and the useless column looks important. Only held-out rows tell the truth.
"""

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split

from kata_harness.implementation import inherit_reference


def impurity_and_permutation_importance(X, y, *, n_estimators=100, n_repeats=10, random_state=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    X_train, _, y_train, _ = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=random_state
    )
    forest = RandomForestClassifier(n_estimators=n_estimators, random_state=random_state)
    forest.fit(X_train, y_train)
    on_train = permutation_importance(
        forest, X_train, y_train, n_repeats=n_repeats, random_state=random_state
    )
    return {"impurity": forest.feature_importances_, "permutation": on_train.importances_mean}


inherit_reference(globals(), "09_feature_selection")

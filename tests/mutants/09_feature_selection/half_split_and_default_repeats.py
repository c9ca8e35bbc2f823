"""Mistake: a 50/50 split, and n_repeats never passed on (permutation_importance's default 5 shuffles).

The contract says 70/30 and n_repeats shuffles per feature; both change the steps in which the
permutation importances move.
"""

from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def impurity_and_permutation_importance(X, y, *, n_estimators=100, n_repeats=10, random_state=None):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=random_state)
    forest = RandomForestClassifier(n_estimators=n_estimators, random_state=random_state)
    forest.fit(X_train, y_train)
    held_out = permutation_importance(forest, X_test, y_test, random_state=random_state)
    return {"impurity": forest.feature_importances_, "permutation": held_out.importances_mean}

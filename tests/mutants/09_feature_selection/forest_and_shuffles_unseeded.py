"""Mistake: random_state seeds only the split; the forest and the permutation shuffles are unseeded.

The contract says random_state seeds the split, the forest and the shuffles, so a second call with
the same random_state must return the same importances.
"""

from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def impurity_and_permutation_importance(X, y, *, n_estimators=100, n_repeats=10, random_state=None):
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=random_state
    )
    forest = RandomForestClassifier(n_estimators=n_estimators).fit(X_train, y_train)
    held_out = permutation_importance(forest, X_test, y_test, n_repeats=n_repeats)
    return {"impurity": forest.feature_importances_, "permutation": held_out.importances_mean}

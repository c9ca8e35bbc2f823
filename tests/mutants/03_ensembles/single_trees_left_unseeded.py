"""Mistake: seeding only the ensembles and leaving the two single trees unseeded.

A decision tree draws random numbers too (it permutes the features at every split), so the
comparison cannot be repeated exactly; the docstring gives random_state to every model.
"""

from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

from kata_harness.implementation import inherit_reference


def ensemble_models(random_state=None):
    return {
        "stump": DecisionTreeClassifier(max_depth=1),
        "tree": DecisionTreeClassifier(),
        "random_forest": RandomForestClassifier(n_estimators=20, random_state=random_state),
        "gradient_boosting": GradientBoostingClassifier(
            n_estimators=15, learning_rate=0.3, max_features="sqrt", random_state=random_state
        ),
    }


inherit_reference(globals(), "03_ensembles")

"""Mistake: weighted averages where the seed asks for macro ones.

Weighted recall always equals accuracy, and weighted precision leans on the large classes, so a
rare class the model misses barely shows; on balanced iris the two readings nearly coincide.
"""

from sklearn.model_selection import cross_validate

from kata_harness.implementation import inherit_reference


def multi_metric_cv(estimator, X, y, cv):
    results = cross_validate(
        estimator,
        X,
        y,
        cv=cv,
        scoring=["accuracy", "precision_weighted", "recall_weighted"],
        return_train_score=True,
    )
    renamed = {
        "accuracy": "accuracy",
        "precision_weighted": "precision_macro",
        "recall_weighted": "recall_macro",
    }
    return {
        f"{side}_{renamed[m]}": results[f"{side}_{m}"]
        for m in renamed
        for side in ("train", "test")
    }


inherit_reference(globals(), "04_cross_validation")

"""Mistake: micro-averaged precision and recall where the seed asks for macro averages.

On a single-label problem micro precision and micro recall both equal accuracy, so two of the three
"metrics" repeat the first and a class the model handles badly disappears into the average.
"""

from sklearn.model_selection import cross_validate

from kata_harness.implementation import inherit_reference


def multi_metric_cv(estimator, X, y, cv):
    results = cross_validate(
        estimator,
        X,
        y,
        cv=cv,
        scoring=["accuracy", "precision_micro", "recall_micro"],
        return_train_score=True,
    )
    return {
        f"{side}_{metric}": results[f"{side}_{metric.replace('macro', 'micro')}"]
        for metric in ("accuracy", "precision_macro", "recall_macro")
        for side in ("train", "test")
    }


inherit_reference(globals(), "04_cross_validation")

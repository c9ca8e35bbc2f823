"""Mistake: an int cv is turned into plain, unshuffled KFold instead of being passed on.

For a classifier cross_validate makes an int into stratified folds; plain folds on data sorted by
class leave whole classes out of training.
"""

from sklearn.model_selection import KFold, cross_validate

from kata_harness.implementation import inherit_reference

SEED_METRICS = ("accuracy", "precision_macro", "recall_macro")


def multi_metric_cv(estimator, X, y, cv):
    folds = KFold(cv) if isinstance(cv, int) else cv
    results = cross_validate(
        estimator,
        X,
        y,
        cv=folds,
        scoring=list(SEED_METRICS),
        return_train_score=True,
    )
    return {
        f"{side}_{m}": results[f"{side}_{m}"] for m in SEED_METRICS for side in ("train", "test")
    }


inherit_reference(globals(), "04_cross_validation")

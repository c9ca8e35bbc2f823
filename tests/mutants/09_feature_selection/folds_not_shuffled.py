"""Mistake: StratifiedKFold without shuffle=True, so random_state is silently ignored.

The folds follow the row order: every seed cuts the same folds, and data sorted by time or by
class gives folds that are not random at all.
"""

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def cv_accuracy_with_selection(X, y, k=20, *, select_inside_cv, n_splits=5, random_state=None):
    from sklearn.feature_selection import SelectKBest

    folds = StratifiedKFold(n_splits=n_splits)
    model = LogisticRegression(solver="liblinear")
    if select_inside_cv:
        pipeline = Pipeline([("select", SelectKBest(correlation_scores, k=k)), ("model", model)])  # noqa: F821
        return float(cross_val_score(pipeline, X, y, cv=folds).mean())
    X_selected = SelectKBest(correlation_scores, k=k).fit_transform(X, y)  # noqa: F821
    return float(cross_val_score(model, X_selected, y, cv=folds).mean())

"""Mistake: the selector inside the Pipeline keeps a hard-coded 20 features, whatever k says.

Only the leaky branch honours k; with the default k=20 nobody notices.
"""

import numpy as np
from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def cv_accuracy_with_selection(X, y, k=20, *, select_inside_cv, n_splits=5, random_state=None):
    X = np.asarray(X)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    model = LogisticRegression(solver="liblinear")
    if select_inside_cv:
        pipeline = Pipeline([("select", SelectKBest(correlation_scores, k=20)), ("model", model)])  # noqa: F821
        return float(cross_val_score(pipeline, X, y, cv=folds).mean())
    kept = top_k_by_correlation(X, y, k)  # noqa: F821
    return float(cross_val_score(model, X[:, kept], y, cv=folds).mean())

"""Mistake: choosing the top features on all rows, then cross-validating the model on them.

Every validation fold took part in choosing the features, so pure noise scores far above chance; the
selection must be a Pipeline step refitted inside each training fold.
"""

from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from kata_harness.implementation import inherit_reference


def cv_accuracy_with_selection(X, y, k=20, *, select_inside_cv, n_splits=5, random_state=None):
    X_selected = SelectKBest(correlation_scores, k=k).fit_transform(X, y)  # noqa: F821
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    model = LogisticRegression(solver="liblinear")
    return float(cross_val_score(model, X_selected, y, cv=folds).mean())


inherit_reference(globals(), "09_feature_selection")

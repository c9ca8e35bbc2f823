"""Leans on the libraries: imbalanced-learn's SMOTE and RandomUnderSampler (indices sorted back into row order), classification_report, compute_class_weight and cross_validate with an imblearn make_pipeline."""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    classification_report,
    f1_score,
    make_scorer,
)
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.utils.class_weight import compute_class_weight


def _validate(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels; they must match")
    if np.unique(y).size < 2:
        raise ValueError("y holds a single class; resampling needs at least two classes")
    return X, y


def _rarest(y):
    labels, counts = np.unique(y, return_counts=True)
    return labels[np.argmin(counts)].item()


def imbalance_report(y_true, y_pred, y_score=None):
    """classification_report(output_dict=True) reshaped into the documented dict."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.unique(y_true)
    table = classification_report(
        y_true, y_pred, labels=labels, output_dict=True, zero_division=0
    )
    per_class = {}
    for label in labels:
        row = table[str(label)]
        per_class[label.item()] = {
            "precision": row["precision"],
            "recall": row["recall"],
            "f1": row["f1-score"],
            "support": int(row["support"]),
        }
    pr_auc = None
    if y_score is not None:
        pr_auc = float(average_precision_score(y_true, y_score, pos_label=_rarest(y_true)))
    return {
        "accuracy": float(np.mean(y_true == y_pred)),
        "balanced_accuracy": float(balanced_accuracy_score(y_true, y_pred)),
        "per_class": per_class,
        "pr_auc": pr_auc,
    }


def smote(X, y, k_neighbors=5, random_state=None):
    """imbalanced-learn's SMOTE, after the same checks."""
    X, y = _validate(X, y)
    labels, counts = np.unique(y, return_counts=True)
    for label, count in zip(labels, counts):
        if count < counts.max() and count < k_neighbors + 1:
            raise ValueError(
                f"class {label} has {count} rows; SMOTE with k_neighbors={k_neighbors} "
                f"needs at least {k_neighbors + 1}"
            )
    return SMOTE(k_neighbors=k_neighbors, random_state=random_state).fit_resample(X, y)


def random_undersample(X, y, random_state=None):
    """RandomUnderSampler, with its kept indices sorted back into the original order."""
    X, y = _validate(X, y)
    sampler = RandomUnderSampler(random_state=random_state).fit(X, y)
    sampler.fit_resample(X, y)
    kept = np.sort(sampler.sample_indices_)
    return X[kept], y[kept]


def balanced_class_weights(y):
    """compute_class_weight('balanced')."""
    classes = np.unique(np.asarray(y))
    if classes.size < 2:
        raise ValueError("y holds a single class; class weights need at least two classes")
    weights = compute_class_weight("balanced", classes=classes, y=np.asarray(y))
    return {c.item(): float(w) for c, w in zip(classes, weights)}


def weighted_logistic_regression(X, y):
    """class_weight='balanced', which computes the same weights."""
    return LogisticRegression(class_weight="balanced", max_iter=1000).fit(X, y)


def smote_pipeline(estimator, k_neighbors=5, random_state=None):
    """imblearn's make_pipeline."""
    return make_pipeline(SMOTE(k_neighbors=k_neighbors, random_state=random_state), clone(estimator))


def cross_validated_minority_f1(
    X, y, estimator, *, resample_before_split, n_splits=5, random_state=None
):
    """cross_validate with an F1 scorer for the rarest label."""
    X, y = _validate(X, y)
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    scoring = make_scorer(f1_score, pos_label=_rarest(y))
    if resample_before_split:
        X, y = SMOTE(random_state=random_state).fit_resample(X, y)
        model = clone(estimator)
    else:
        model = smote_pipeline(estimator, random_state=random_state)
    return float(cross_validate(model, X, y, cv=cv, scoring=scoring)["test_score"].mean())

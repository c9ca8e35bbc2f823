"""From scratch with another random stream: SMOTE visits the minority rows round-robin (as the original paper does) and draws neighbour rank and gap per row from a legacy RandomState, brute-force neighbours, metrics and average precision by hand, sample_weight instead of class_weight, and a hand-written fold loop."""

from __future__ import annotations

from collections import Counter

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold


def _inputs(X, y):
    X = np.array(X, dtype=float)
    y = np.array(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got {X.ndim} dimensions")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    if len(set(y.tolist())) < 2:
        raise ValueError("only one class in y: resampling needs at least two classes")
    return X, y


def _least_common(y):
    counts = Counter(np.asarray(y).tolist())
    fewest = min(counts.values())
    return sorted(label for label, c in counts.items() if c == fewest)[0]


def _average_precision(is_positive, score):
    order = np.argsort(-np.asarray(score, dtype=float), kind="mergesort")
    score = np.asarray(score, dtype=float)[order]
    hits = np.asarray(is_positive, dtype=float)[order]
    # One point per distinct threshold: the last index of each run of tied scores.
    last = np.r_[np.flatnonzero(np.diff(score) != 0), len(score) - 1]
    tp = np.cumsum(hits)[last]
    predicted = last + 1
    precision, recall = tp / predicted, tp / hits.sum()
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def imbalance_report(y_true, y_pred, y_score=None):
    """Counts of hits per label, computed by hand."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    per_class, recalls = {}, []
    for label in sorted(set(y_true.tolist())):
        actual, guessed = y_true == label, y_pred == label
        tp = float(np.sum(actual & guessed))
        precision = tp / guessed.sum() if guessed.sum() else 0.0
        recall = tp / actual.sum()
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": int(actual.sum()),
        }
        recalls.append(recall)
    pr_auc = None
    if y_score is not None:
        pr_auc = _average_precision(y_true == _least_common(y_true), y_score)
    return {
        "accuracy": float(np.mean(y_true == y_pred)),
        "balanced_accuracy": float(np.mean(recalls)),
        "per_class": per_class,
        "pr_auc": pr_auc,
    }


def _neighbour_table(points, k):
    distance = ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(distance, np.inf)
    return np.argsort(distance, axis=1, kind="stable")[:, :k]


def smote(X, y, k_neighbors=5, random_state=None):
    """Round-robin bases; rank and gap drawn row by row."""
    X, y = _inputs(X, y)
    draw = np.random.RandomState(random_state)
    counts = Counter(y.tolist())
    largest = max(counts.values())
    rows, labels = [X], [y]
    for label in sorted(counts):
        count = counts[label]
        if count == largest:
            continue
        if count <= k_neighbors:
            raise ValueError(
                f"class {label} has {count} rows; SMOTE with k_neighbors={k_neighbors} "
                f"needs at least {k_neighbors + 1}"
            )
        members = X[y == label]
        table = _neighbour_table(members, k_neighbors)
        n_new = largest - count
        order = np.concatenate([draw.permutation(count) for _ in range(-(-n_new // count))])
        new = np.empty((n_new, X.shape[1]))
        for i in range(n_new):
            base = order[i]
            partner = table[base, draw.randint(k_neighbors)]
            gap = draw.uniform()
            new[i] = members[base] + gap * (members[partner] - members[base])
        rows.append(new)
        labels.append(np.array([label] * n_new, dtype=y.dtype))
    return np.concatenate(rows), np.concatenate(labels)


def random_undersample(X, y, random_state=None):
    """A permutation per class, first rows kept, then the original order restored."""
    X, y = _inputs(X, y)
    draw = np.random.RandomState(random_state)
    smallest = min(Counter(y.tolist()).values())
    keep = []
    for label in set(y.tolist()):
        where = np.flatnonzero(y == label)
        keep.extend(where[draw.permutation(len(where))[:smallest]].tolist())
    keep = np.array(sorted(keep))
    return X[keep], y[keep]


def balanced_class_weights(y):
    """n / (k * count) from a Counter."""
    counts = Counter(np.asarray(y).tolist())
    if len(counts) < 2:
        raise ValueError("need at least two classes for class weights")
    n, k = sum(counts.values()), len(counts)
    return {label: n / (k * c) for label, c in counts.items()}


def weighted_logistic_regression(X, y):
    """The same weighted loss through sample_weight."""
    weights = balanced_class_weights(y)
    per_row = np.array([weights[label] for label in np.asarray(y).tolist()])
    return LogisticRegression(max_iter=1000).fit(X, y, sample_weight=per_row)


def smote_pipeline(estimator, k_neighbors=5, random_state=None):
    """imblearn Pipeline with explicit step names."""
    return Pipeline(
        [
            ("oversample", SMOTE(k_neighbors=k_neighbors, random_state=random_state)),
            ("classifier", clone(estimator)),
        ]
    )


def _f1(y_true, y_pred, label):
    tp = np.sum((y_true == label) & (y_pred == label))
    fp = np.sum((y_true != label) & (y_pred == label))
    fn = np.sum((y_true == label) & (y_pred != label))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def cross_validated_minority_f1(
    X, y, estimator, *, resample_before_split, n_splits=5, random_state=None
):
    """A hand-written loop over stratified folds; this module's own smote resamples."""
    X, y = _inputs(X, y)
    minority = _least_common(y)
    if resample_before_split:
        X, y = smote(X, y, random_state=random_state)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    scores = []
    for train, valid in folds.split(X, y):
        X_fit, y_fit = X[train], y[train]
        if not resample_before_split:
            X_fit, y_fit = smote(X_fit, y_fit, random_state=random_state)
        model = clone(estimator).fit(X_fit, y_fit)
        scores.append(_f1(y[valid], model.predict(X[valid]), minority))
    return float(np.mean(scores))

"""Cross-validation: k-fold, stratified, time-series and grouped splits from scratch, why k-fold is
steadier than one holdout split, and multi-metric scoring with scikit-learn."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import cross_validate, train_test_split

SEED_METRICS = ("accuracy", "precision_macro", "recall_macro")


def _check_n_splits(n_splits: int) -> None:
    if isinstance(n_splits, bool) or not isinstance(n_splits, int | np.integer):
        raise TypeError(f"n_splits must be an int, got {type(n_splits).__name__}")
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")


def _check_enough(n_splits: int, available: int, what: str) -> None:
    _check_n_splits(n_splits)
    if n_splits > available:
        raise ValueError(
            f"n_splits={n_splits} is more than {what}={available}; every fold needs at least one"
        )


def _folds_from_assignment(
    fold_of: np.ndarray, n_splits: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Turn a fold number per row into (train, validation) index pairs, both sorted."""
    rows = np.arange(len(fold_of))
    return [(rows[fold_of != k], rows[fold_of == k]) for k in range(n_splits)]


def kfold_indices(
    n_samples: int, n_splits: int = 5, *, shuffle: bool = False, random_state=None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split ``range(n_samples)`` into ``n_splits`` folds of contiguous (or shuffled) rows.

    Parameters
    ----------
    n_samples : int
    n_splits : int
        The first ``n_samples % n_splits`` folds get one extra row, so fold sizes differ by at most 1.
    shuffle : bool
        Permute the rows before cutting them into folds. Any seeded generator will do; the same
        ``random_state`` must give the same folds.
    random_state : int or None
        Only used when shuffling.

    Returns
    -------
    list of ``(train_indices, validation_indices)`` pairs, one per fold. Train indices are sorted.
    Unshuffled, the result equals scikit-learn's ``KFold(n_splits).split``.

    Raises
    ------
    ValueError
        If ``n_splits < 2`` or ``n_splits > n_samples``.
    """
    _check_enough(n_splits, n_samples, "n_samples")
    order = np.arange(n_samples)
    if shuffle:
        order = np.random.default_rng(random_state).permutation(n_samples)
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    folds = []
    start = 0
    for size in sizes:
        validation = order[start : start + size]
        is_validation = np.zeros(n_samples, dtype=bool)
        is_validation[validation] = True
        folds.append((np.flatnonzero(~is_validation), validation))
        start += size
    return folds


def stratified_kfold_indices(
    y, n_splits: int = 5, *, shuffle: bool = False, random_state=None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split the rows of ``y`` into folds that each hold every class in proportion.

    Every fold holds each class ``c`` either ``floor(n_c / n_splits)`` or ``ceil(n_c / n_splits)``
    times, and fold sizes differ by at most 1.

    Parameters
    ----------
    y : array-like of labels
    n_splits : int
    shuffle : bool
        Shuffle the rows within each class before dealing them out; the same ``random_state``
        gives the same folds.
    random_state : int or None
        Only used when shuffling: unshuffled folds are the same whatever it is.

    Returns
    -------
    list of ``(train_indices, validation_indices)`` pairs, both sorted.

    Raises
    ------
    ValueError
        If ``n_splits < 2``, ``n_splits > len(y)``, or a class has fewer than ``n_splits`` rows.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got shape {y.shape}")
    _check_enough(n_splits, len(y), "n_samples")
    labels, counts = np.unique(y, return_counts=True)
    for label, count in zip(labels, counts):
        if count < n_splits:
            raise ValueError(
                f"class {label} has {count} members, fewer than n_splits={n_splits}; "
                "stratified folds cannot all hold it"
            )
    rng = np.random.default_rng(random_state)
    # Deal the rows out round-robin, one class after another. Within a class each fold gets every
    # n_splits-th row (floor or ceil of its share); continuing the count across classes keeps the
    # fold sizes within 1 of each other as well.
    dealt = []
    for label in labels:
        members = np.flatnonzero(y == label)
        dealt.append(rng.permutation(members) if shuffle else members)
    dealt = np.concatenate(dealt)
    fold_of = np.empty(len(y), dtype=int)
    fold_of[dealt] = np.arange(len(y)) % n_splits
    return _folds_from_assignment(fold_of, n_splits)


def time_series_indices(n_samples: int, n_splits: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """Forward-chaining splits for ordered data: train on the past, validate on what comes next.

    The rows are cut into ``n_splits + 1`` consecutive blocks (the first block absorbs any
    remainder). Split ``k`` trains on everything before block ``k + 1`` and validates on that block,
    so the training window always starts at row 0 and grows from one split to the next.

    Returns
    -------
    list of ``(train_indices, validation_indices)`` pairs, in time order.

    Raises
    ------
    ValueError
        If ``n_splits < 2`` or there are fewer rows than ``n_splits + 1``.
    """
    _check_n_splits(n_splits)
    if n_samples < n_splits + 1:
        raise ValueError(
            f"n_samples={n_samples} is too few for n_splits={n_splits}; "
            f"forward chaining needs at least n_splits + 1 = {n_splits + 1} rows"
        )
    block = n_samples // (n_splits + 1)
    first = n_samples - n_splits * block
    rows = np.arange(n_samples)
    return [
        (rows[: first + k * block], rows[first + k * block : first + (k + 1) * block])
        for k in range(n_splits)
    ]


def group_kfold_indices(groups, n_splits: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split rows so that all rows of a group land in the same validation fold.

    Groups are placed largest first, each into the fold that currently holds the fewest rows.

    Parameters
    ----------
    groups : array-like
        One group label per row (a patient, a customer, a session).
    n_splits : int

    Returns
    -------
    list of ``(train_indices, validation_indices)`` pairs, both sorted.

    Raises
    ------
    ValueError
        If ``n_splits < 2`` or there are fewer distinct groups than ``n_splits``.
    """
    groups = np.asarray(groups)
    if groups.ndim != 1:
        raise ValueError(f"groups must be 1-D, got shape {groups.shape}")
    names, group_of_row, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    _check_enough(n_splits, len(names), "the number of distinct groups")
    fold_load = np.zeros(n_splits, dtype=int)
    fold_of_group = np.empty(len(names), dtype=int)
    for g in np.argsort(-sizes, kind="stable"):
        lightest = int(np.argmin(fold_load))
        fold_of_group[g] = lightest
        fold_load[lightest] += sizes[g]
    return _folds_from_assignment(fold_of_group[group_of_row], n_splits)


def _accuracy_on_split(estimator, X, y, train, validation) -> float:
    model = clone(estimator).fit(X[train], y[train])
    return float(np.mean(model.predict(X[validation]) == y[validation]))


def cv_and_holdout_spread(
    estimator,
    X,
    y,
    *,
    n_repeats: int = 50,
    n_splits: int = 5,
    test_size: float = 0.3,
    random_state=None,
) -> dict:
    """Repeat k-fold CV and a single holdout split under many seeds and compare how much they wobble.

    Repeat ``r`` (``r = 0 .. n_repeats - 1``) uses the seed ``random_state + r`` (or ``r`` when
    ``random_state`` is None) both to shuffle the k folds and to draw the holdout split, so the
    result depends only on those seeds (how each is turned into a permutation is up to you). Each
    repeat fits one clone of ``estimator`` per fold and one for the holdout split, and never
    scores a model on a row it was fitted on.

    Parameters
    ----------
    estimator : a scikit-learn classifier (cloned for every fit)
    X, y : the data
    n_repeats, n_splits : int
    test_size : float
        The holdout fraction (0.3 is the usual 70/30 split): ``ceil(test_size * n_samples)``
        rows are held out, as ``train_test_split`` does.
    random_state : int or None

    Returns
    -------
    dict with
        ``cv_means``: the mean of the k folds' validation accuracies (each fold weighs the same,
        whatever its size), one per repeat;
        ``holdout_scores``: the accuracy on the held-out rows, one per repeat;
        ``cv_std`` and ``holdout_std``: the standard deviations of those two arrays
        (``numpy.std``, ddof=0).
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    base = 0 if random_state is None else int(random_state)
    cv_means, holdout_scores = [], []
    for repeat in range(n_repeats):
        seed = base + repeat
        folds = kfold_indices(len(y), n_splits, shuffle=True, random_state=seed)
        cv_means.append(np.mean([_accuracy_on_split(estimator, X, y, *fold) for fold in folds]))
        train, validation = train_test_split(
            np.arange(len(y)), test_size=test_size, random_state=seed
        )
        holdout_scores.append(_accuracy_on_split(estimator, X, y, train, validation))
    cv_means, holdout_scores = np.array(cv_means), np.array(holdout_scores)
    return {
        "cv_means": cv_means,
        "holdout_scores": holdout_scores,
        "cv_std": float(cv_means.std()),
        "holdout_std": float(holdout_scores.std()),
    }


def multi_metric_cv(estimator, X, y, cv) -> dict:
    """Cross-validate on accuracy, macro precision and macro recall, keeping training scores too.

    Parameters
    ----------
    estimator : a scikit-learn classifier
    X, y : the data
    cv : an int or a scikit-learn splitter, passed on unchanged

    Returns
    -------
    dict mapping ``"train_<metric>"`` and ``"test_<metric>"`` for each metric in `SEED_METRICS` to
    the array of per-fold scores (no timing entries).
    """
    results = cross_validate(
        estimator, X, y, cv=cv, scoring=list(SEED_METRICS), return_train_score=True
    )
    return {
        f"{side}_{metric}": results[f"{side}_{metric}"]
        for metric in SEED_METRICS
        for side in ("train", "test")
    }

"""Cross-validation: k-fold, stratified, time-series and grouped splits from scratch, why k-fold is
steadier than one holdout split, and multi-metric scoring with scikit-learn."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import cross_validate, train_test_split

SEED_METRICS = ("accuracy", "precision_macro", "recall_macro")


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
    # TODO: implement kfold_indices; test_cross_validation.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement stratified_kfold_indices; test_cross_validation.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement time_series_indices; test_cross_validation.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement group_kfold_indices; test_cross_validation.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement cv_and_holdout_spread; test_cross_validation.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement multi_metric_cv; test_cross_validation.py says what it must do.
    raise NotImplementedError

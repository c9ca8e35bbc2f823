"""High-cardinality categoricals: frequency encoding, grouping rare levels, stable hashing, and target
encoding that is smoothed towards the prior and cross-fitted so it cannot leak the target.

Categories are compared exactly as given, with no cleaning: "Lima", "lima" and "Lima " are three
categories. Normalising case or whitespace is a decision for the caller, made before encoding.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

MISSING = "__missing__"

OTHER = "Other"


def frequency_encode(train, values, normalize: bool = False) -> np.ndarray:
    """Replace each category in ``values`` by how often it occurs in ``train``.

    Parameters
    ----------
    train : array-like of str
        The training column the counts come from.
    values : array-like of str
        The column to encode (``train`` itself, or new rows).
    normalize : bool
        If True, return the share of training rows instead of the count.

    Returns
    -------
    ndarray of float
        A category absent from ``train`` gets 0. Missing values (None, NaN, pd.NA) are one category
        of their own, `MISSING`, counted like any other, never dropped.

    Raises
    ------
    TypeError
        If a value is neither a string nor missing. The message starts with the argument's name and
        gives the value, its type and its position, e.g. ``"train must hold strings or missing
        values; got 7 (int) at position 1"``. Every function of this module words it so.
    """
    # TODO: implement frequency_encode; test_high_cardinality.py says what it must do.
    raise NotImplementedError


def group_rare(train, values, min_count: int = 10, other: str = OTHER) -> np.ndarray:
    """Replace categories seen fewer than ``min_count`` times in ``train`` by ``other``.

    A category absent from ``train`` also becomes ``other``: at prediction time, unseen is as rare as
    it gets. Missing values are the category `MISSING` and are grouped like any other.

    Returns
    -------
    ndarray of str (object dtype)

    Raises
    ------
    TypeError
        If a value is neither a string nor missing.
    """
    # TODO: implement group_rare; test_high_cardinality.py says what it must do.
    raise NotImplementedError


def hash_bucket(category, n_buckets: int) -> int:
    """The bucket of one category: the first 8 bytes of the MD5 digest of its UTF-8 text, read as a
    little-endian unsigned integer, modulo ``n_buckets``.

    The same category lands in the same bucket in every process and on every machine. (Python's
    built-in ``hash()`` of a string is salted per process, see ``PYTHONHASHSEED``, so it is not.)
    A missing value is hashed as `MISSING`.

    Raises
    ------
    TypeError
        If ``category`` is neither a string nor missing.
    ValueError
        If ``n_buckets`` is less than 1.
    """
    # TODO: implement hash_bucket; test_high_cardinality.py says what it must do.
    raise NotImplementedError


def hash_encode(values, n_buckets: int = 32) -> np.ndarray:
    """One-hot encode the `hash_bucket` of each value: always ``n_buckets`` columns.

    Nothing is learned, so new categories never change the width; different categories may share
    a bucket (a collision), which is the price of the fixed width.

    Returns
    -------
    ndarray of float, shape (len(values), n_buckets)

    Raises
    ------
    TypeError
        If a value is neither a string nor missing.
    ValueError
        If ``n_buckets`` is less than 1.
    """
    # TODO: implement hash_encode; test_high_cardinality.py says what it must do.
    raise NotImplementedError


def smoothed_target_encode(train, target, values, m: float = 10.0) -> np.ndarray:
    """Encode each category by its training target mean, shrunk towards the overall mean.

    For a category with ``n`` training rows and target mean ``mean``, the value is
    ``(n * mean + m * prior) / (n + m)``, where ``prior`` is the mean target over all training rows.
    Rare categories therefore stay near the prior, frequent ones near their own mean, and a category
    absent from ``train`` gets the prior. This is scikit-learn's ``TargetEncoder(smooth=m)`` without
    its cross fitting.

    Parameters
    ----------
    train : array-like of str
        Training categories.
    target : array-like of numbers
        Training target, one per row of ``train`` (0/1 for a binary problem).
    values : array-like of str
        The categories to encode.
    m : float
        The smoothing strength, in pseudo-rows of the prior; 0 gives the plain mean.

    Raises
    ------
    TypeError
        If a category is neither a string nor missing.
    ValueError
        If ``target`` does not have one number per training row (a wrong length, or a missing
        target, None or NaN, which is no number) or ``m`` is negative. Every ValueError of this
        module names the argument at fault (``target``, ``m``, ``n_buckets``).
    """
    # TODO: implement smoothed_target_encode; test_high_cardinality.py says what it must do.
    raise NotImplementedError


def out_of_fold_target_encode(
    categories, target, m: float = 10.0, n_splits: int = 5, random_state=None
) -> np.ndarray:
    """Target-encode training rows so that no row's own target shapes its own value.

    The rows are split by ``KFold(n_splits, shuffle=True, random_state=random_state)``; each fold is
    encoded with `smoothed_target_encode` fitted on the other folds (whose mean is the prior). This
    is the cross fitting that scikit-learn's ``TargetEncoder.fit_transform`` performs, and it gives
    the same numbers for the same folds. New rows are then encoded with `smoothed_target_encode`
    fitted on all training rows.

    Returns
    -------
    ndarray of float, one value per row of ``categories``

    Raises
    ------
    TypeError
        If a category is neither a string nor missing.
    ValueError
        If ``target`` does not have one number per row (a wrong length, or None or NaN in it).
    """
    # TODO: implement out_of_fold_target_encode; test_high_cardinality.py says what it must do.
    raise NotImplementedError

"""Mistake: categories "cleaned" on the way in (stripped and lower-cased), so "Lima", "lima" and
"Lima " are merged into one category, although the contract compares them exactly.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

MISSING = "__missing__"
OTHER = "Other"


def _as_categories(values, name: str) -> np.ndarray:
    """The values as an object array of str, missing ones replaced by `MISSING`; others rejected."""
    series = pd.Series(values, dtype=object)
    missing = series.isna().to_numpy()
    for position, (value, is_missing) in enumerate(zip(series, missing, strict=True)):
        if not is_missing and not isinstance(value, str):
            raise TypeError(
                f"{name} must hold strings or missing values; got {value!r} "
                f"({type(value).__name__}) at position {position}"
            )
    cleaned = series.map(lambda value: value.strip().lower() if isinstance(value, str) else value)
    return np.where(missing, MISSING, cleaned.to_numpy())


def _as_target(target, n_rows: int) -> np.ndarray:
    target = np.asarray(target, dtype=float)
    if target.shape != (n_rows,):
        raise ValueError(
            f"target has shape {target.shape} but there are {n_rows} categories; they must match"
        )
    if np.isnan(target).any():
        raise ValueError("target holds NaN; drop or impute those rows before encoding")
    return target


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
    train = _as_categories(train, "train")
    values = _as_categories(values, "values")
    counts = pd.Series(train).value_counts(normalize=normalize)
    return pd.Series(values).map(counts).fillna(0.0).to_numpy(dtype=float)


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
    train = _as_categories(train, "train")
    values = _as_categories(values, "values")
    counts = pd.Series(train).value_counts()
    frequent = set(counts.index[counts >= min_count])
    return np.array([value if value in frequent else other for value in values], dtype=object)


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
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be at least 1, got {n_buckets}")
    (category,) = _as_categories([category], "category")
    return _md5_bucket(category, n_buckets)


def _md5_bucket(text: str, n_buckets: int) -> int:
    digest = hashlib.md5(text.encode("utf-8"), usedforsecurity=False).digest()
    return int.from_bytes(digest[:8], "little") % n_buckets


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
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be at least 1, got {n_buckets}")
    values = _as_categories(values, "values")
    buckets = [_md5_bucket(value, n_buckets) for value in values]
    encoded = np.zeros((len(values), n_buckets))
    encoded[np.arange(len(values)), buckets] = 1.0
    return encoded


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
    if m < 0:
        raise ValueError(f"m must be non-negative, got {m}")
    train = _as_categories(train, "train")
    target = _as_target(target, len(train))
    values = _as_categories(values, "values")
    prior = target.mean()
    stats = pd.DataFrame({"category": train, "target": target}).groupby("category")["target"]
    sums, counts = stats.sum(), stats.count()
    encoding = (sums + m * prior) / (counts + m)
    return pd.Series(values).map(encoding).fillna(prior).to_numpy(dtype=float)


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
    categories = _as_categories(categories, "categories")
    target = _as_target(target, len(categories))
    encoded = np.empty(len(categories))
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for fit_rows, encode_rows in folds.split(categories):
        encoded[encode_rows] = smoothed_target_encode(
            categories[fit_rows], target[fit_rows], categories[encode_rows], m=m
        )
    return encoded

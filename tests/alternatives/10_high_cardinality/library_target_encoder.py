"""Leans on the libraries: scikit-learn's TargetEncoder for both target encodings, collections.Counter for counts, struct for the MD5 bucket.

Missing values are mapped to `MISSING` first, so TargetEncoder never sees NaN; its
``fit_transform`` with ``cv=KFold(...)`` is the cross fitting, and ``fit(...).transform(...)``
is the smoothed encoding fitted on every training row.
"""

import hashlib
import struct
from collections import Counter

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.preprocessing import TargetEncoder

MISSING = "__missing__"
OTHER = "Other"


def _is_missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # pd.isna of a list-like is not a single truth value
        return False


def _clean(values, name):
    cleaned = []
    for position, value in enumerate(list(values)):
        if isinstance(value, str):
            cleaned.append(value)
        elif _is_missing(value):
            cleaned.append(MISSING)
        else:
            raise TypeError(
                f"{name} must hold strings or missing values; got {value!r} "
                f"({type(value).__name__}) at position {position}"
            )
    return cleaned


def _target(target, n):
    target = np.asarray(target, dtype=float).reshape(-1) if np.ndim(target) else None
    if target is None or len(target) != n or np.ndim(target) != 1:
        raise ValueError(f"target must hold one number per row ({n} rows)")
    if np.isnan(target).any():
        raise ValueError("target holds NaN")
    return target


def frequency_encode(train, values, normalize: bool = False) -> np.ndarray:
    """Replace each category in ``values`` by how often it occurs in ``train``."""
    counts = Counter(_clean(train, "train"))
    total = sum(counts.values())
    encoded = np.array([counts.get(v, 0) for v in _clean(values, "values")], dtype=float)
    return encoded / total if normalize else encoded


def group_rare(train, values, min_count: int = 10, other: str = OTHER) -> np.ndarray:
    """Replace categories seen fewer than ``min_count`` times in ``train`` by ``other``."""
    counts = Counter(_clean(train, "train"))
    return np.array(
        [v if counts.get(v, 0) >= min_count else other for v in _clean(values, "values")],
        dtype=object,
    )


def hash_bucket(category, n_buckets: int) -> int:
    """The MD5 bucket of one category."""
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be at least 1, got {n_buckets}")
    (text,) = _clean([category], "category")
    (number,) = struct.unpack("<Q", hashlib.md5(text.encode("utf-8")).digest()[:8])
    return number % n_buckets


def hash_encode(values, n_buckets: int = 32) -> np.ndarray:
    """One-hot encode the `hash_bucket` of each value."""
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be at least 1, got {n_buckets}")
    values = _clean(values, "values")
    return np.eye(n_buckets)[[hash_bucket(v, n_buckets) for v in values]].reshape(
        len(values), n_buckets
    )


def smoothed_target_encode(train, target, values, m: float = 10.0) -> np.ndarray:
    """TargetEncoder(smooth=m) fitted on every training row, then transform."""
    if m < 0:
        raise ValueError(f"m must be non-negative, got {m}")
    train = _clean(train, "train")
    target = _target(target, len(train))
    values = _clean(values, "values")
    encoder = TargetEncoder(smooth=float(m), target_type="continuous")
    encoder.fit(np.array(train, dtype=object).reshape(-1, 1), target)
    if not values:
        return np.empty(0)
    return encoder.transform(np.array(values, dtype=object).reshape(-1, 1))[:, 0]


def out_of_fold_target_encode(
    categories, target, m: float = 10.0, n_splits: int = 5, random_state=None
) -> np.ndarray:
    """TargetEncoder(smooth=m, cv=KFold(...)).fit_transform: the library's own cross fitting."""
    categories = _clean(categories, "categories")
    target = _target(target, len(categories))
    encoder = TargetEncoder(
        smooth=float(m),
        cv=KFold(n_splits=n_splits, shuffle=True, random_state=random_state),
        target_type="continuous",
    )
    return encoder.fit_transform(np.array(categories, dtype=object).reshape(-1, 1), target)[:, 0]

"""From scratch: plain dictionaries for every statistic, folds rebuilt from numpy's RandomState permutation instead of calling KFold, the MD5 bucket read from a hex string.

The folds are the ones ``KFold(n_splits, shuffle=True, random_state)`` gives: the row indices
shuffled by ``RandomState(random_state)``, then cut into consecutive blocks, the first
``n % n_splits`` blocks one row longer.
"""

import hashlib
import math

import numpy as np

MISSING = "__missing__"
OTHER = "Other"


def _category(value, name, position):
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ in ("NAType", "NaTType"):
        return MISSING
    raise TypeError(
        f"{name} must hold strings or missing values; got {value!r} "
        f"({type(value).__name__}) at position {position}"
    )


def _categories(values, name):
    return [_category(value, name, i) for i, value in enumerate(list(values))]


def _counts(categories):
    counts = {}
    for category in categories:
        counts[category] = counts.get(category, 0) + 1
    return counts


def _target(target, n):
    values = [math.nan if t is None else float(t) for t in list(target)]  # None is no number
    if len(values) != n:
        raise ValueError(f"target has {len(values)} values for {n} rows")
    if any(math.isnan(t) for t in values):
        raise ValueError("target holds NaN")
    return values


def frequency_encode(train, values, normalize: bool = False) -> np.ndarray:
    """Replace each category in ``values`` by how often it occurs in ``train``."""
    train = _categories(train, "train")
    counts = _counts(train)
    scale = len(train) if normalize else 1
    return np.array([counts.get(v, 0) / scale for v in _categories(values, "values")], dtype=float)


def group_rare(train, values, min_count: int = 10, other: str = OTHER) -> np.ndarray:
    """Replace categories seen fewer than ``min_count`` times in ``train`` by ``other``."""
    counts = _counts(_categories(train, "train"))
    out = np.empty(len(list(values)), dtype=object)
    for i, value in enumerate(_categories(values, "values")):
        out[i] = value if counts.get(value, 0) >= min_count else other
    return out


def _bucket(text, n_buckets):
    first_eight = hashlib.md5(text.encode("utf-8")).digest()[:8]
    return int(first_eight[::-1].hex(), 16) % n_buckets


def hash_bucket(category, n_buckets: int) -> int:
    """The MD5 bucket of one category."""
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be at least 1, got {n_buckets}")
    return _bucket(_category(category, "category", 0), n_buckets)


def hash_encode(values, n_buckets: int = 32) -> np.ndarray:
    """One-hot encode the `hash_bucket` of each value."""
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be at least 1, got {n_buckets}")
    values = _categories(values, "values")
    encoded = np.zeros((len(values), n_buckets))
    for row, value in enumerate(values):
        encoded[row, _bucket(value, n_buckets)] = 1.0
    return encoded


def _fit(train, target, m):
    sums, counts = {}, {}
    for category, t in zip(train, target):
        sums[category] = sums.get(category, 0.0) + t
        counts[category] = counts.get(category, 0) + 1
    prior = sum(target) / len(target)
    table = {c: (sums[c] + m * prior) / (counts[c] + m) for c in counts}
    return table, prior


def smoothed_target_encode(train, target, values, m: float = 10.0) -> np.ndarray:
    """Encode each category by its training target mean, shrunk towards the overall mean."""
    if m < 0:
        raise ValueError(f"m must be non-negative, got {m}")
    train = _categories(train, "train")
    table, prior = _fit(train, _target(target, len(train)), m)
    return np.array([table.get(v, prior) for v in _categories(values, "values")], dtype=float)


def out_of_fold_target_encode(
    categories, target, m: float = 10.0, n_splits: int = 5, random_state=None
) -> np.ndarray:
    """Cross-fitted target encoding over KFold's shuffled folds, rebuilt by hand."""
    categories = _categories(categories, "categories")
    target = _target(target, len(categories))
    n = len(categories)
    if not 2 <= n_splits <= n:
        raise ValueError(f"n_splits must lie in 2..{n}, got {n_splits}")
    order = np.arange(n)
    np.random.RandomState(random_state).shuffle(order)
    sizes = [n // n_splits + (1 if k < n % n_splits else 0) for k in range(n_splits)]
    encoded = np.empty(n)
    start = 0
    for size in sizes:
        held_out = set(order[start : start + size].tolist())
        start += size
        fit_rows = [i for i in range(n) if i not in held_out]
        table, prior = _fit(
            [categories[i] for i in fit_rows], [target[i] for i in fit_rows], m
        )
        for i in held_out:
            encoded[i] = table.get(categories[i], prior)
    return encoded

"""Leans on the libraries: scipy's ks_2samp for the KS statistic, kstwobign for large samples, pandas for quantiles, counting and the monitor's log.

The quantile edges come from ``Series.quantile``, each value finds its bin by a search among the edges; the categorical table
is a ``pd.crosstab``; the monitor keeps one pandas-free dict of ids and reads the window from a
sorted Series of log positions.
"""

import numpy as np
import pandas as pd
from scipy import stats

EXACT_KS_LIMIT = 10_000


def _sample(values, name):
    values = np.asarray(values, dtype=float).ravel()
    if values.size == 0:
        raise ValueError(f"{name} is empty; a drift check needs values in both samples")
    bad = int((~np.isfinite(values)).sum())
    if bad:
        raise ValueError(f"{name} holds {bad} NaN or infinite values")
    return values


def _alpha(alpha):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha}")


def ks_statistic(reference, current) -> float:
    """The two-sample KS statistic, from scipy."""
    reference, current = _sample(reference, "reference"), _sample(current, "current")
    return float(stats.ks_2samp(reference, current, method="asymp").statistic)


def detect_drift_ks(reference, current, *, alpha: float = 0.05, min_statistic: float = 0.1) -> dict:
    """KS test with a minimum effect size."""
    _alpha(alpha)
    reference, current = _sample(reference, "reference"), _sample(current, "current")
    if max(reference.size, current.size) <= EXACT_KS_LIMIT:
        result = stats.ks_2samp(reference, current)
        statistic, p_value = float(result.statistic), float(result.pvalue)
    else:
        statistic = ks_statistic(reference, current)
        n, m = reference.size, current.size
        p_value = float(stats.kstwobign.sf(statistic * np.sqrt(n * m / (n + m))))
    significant = bool(p_value < alpha)
    return {
        "statistic": statistic,
        "p_value": p_value,
        "significant": significant,
        "drift": significant and statistic >= min_statistic,
    }


def quantile_bin_edges(reference, n_bins: int = 10) -> np.ndarray:
    """Reference quantiles as edges, open at both ends, repeated edges dropped."""
    if n_bins < 2:
        raise ValueError(f"n_bins must be at least 2, got {n_bins}")
    reference = pd.Series(_sample(reference, "reference"))
    edges = reference.quantile(np.linspace(0, 1, n_bins + 1)).to_numpy(copy=True)
    edges[0], edges[-1] = -np.inf, np.inf
    return np.array(sorted(set(edges.tolist())))


def population_stability_index(reference, current, *, n_bins: int = 10, eps: float = 1e-4) -> float:
    """PSI with each value placed by a binary search among the edges."""
    reference, current = _sample(reference, "reference"), _sample(current, "current")
    edges = quantile_bin_edges(reference, n_bins)
    n_intervals = len(edges) - 1

    def shares(values):
        # Each value's bin: the last edge at or below it (edges[0] is -inf).
        codes = np.searchsorted(edges, values, side="right") - 1
        return np.bincount(codes, minlength=n_intervals) / values.size

    r = np.clip(shares(reference), eps, None)
    c = np.clip(shares(current), eps, None)
    return float(((c - r) * np.log(c / r)).sum())


def _plain(values):
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def _by_value(values):
    values = list(values)
    try:
        return sorted(values)
    except TypeError:  # mixed types: by their text, as the contract says
        return sorted(values, key=str)


def detect_categorical_drift(reference, current, *, alpha: float = 0.05) -> dict:
    """Chi-square test of homogeneity on a pandas crosstab."""
    _alpha(alpha)
    reference, current = _plain(reference), _plain(current)
    for name, sample in (("reference", reference), ("current", current)):
        if len(sample) == 0:
            raise ValueError(f"{name} is empty; a drift check needs values in both samples")
    reference_set, current_set = set(reference), set(current)
    unseen = _by_value(current_set - reference_set)
    missing = _by_value(reference_set - current_set)
    categories = list(reference_set | current_set)
    if len(categories) < 2:
        statistic, p_value, dof = 0.0, 1.0, 0
    else:
        index = {c: i for i, c in enumerate(categories)}
        frame = pd.DataFrame(
            {
                "sample": ["reference"] * len(reference) + ["current"] * len(current),
                "category": [index[c] for c in reference + current],
            }
        )
        table = pd.crosstab(frame["sample"], frame["category"])
        result = stats.chi2_contingency(table.to_numpy())
        statistic, p_value, dof = float(result.statistic), float(result.pvalue), int(result.dof)
    return {
        "statistic": statistic,
        "p_value": p_value,
        "dof": dof,
        "drift": bool(p_value < alpha) or bool(unseen),
        "unseen_categories": unseen,
        "missing_categories": missing,
    }


class ModelMonitor:
    """Predictions by id, labels by id, the window read by log position."""

    def __init__(
        self,
        baseline_accuracy: float,
        *,
        window: int = 500,
        alert_drop: float = 0.05,
        min_labels: int = 50,
    ):
        """Start an empty monitor."""
        if not 0 <= baseline_accuracy <= 1:
            raise ValueError(f"baseline_accuracy must lie in [0, 1], got {baseline_accuracy}")
        if window < 1 or min_labels < 1:
            raise ValueError("window and min_labels must be positive integers")
        self.baseline_accuracy = baseline_accuracy
        self.window = window
        self.alert_drop = alert_drop
        self.min_labels = min_labels
        self._log = {}  # id -> (position, prediction); dicts keep insertion order
        self._labels = {}  # id -> label

    def log_prediction(self, prediction_id, prediction) -> None:
        """Record a prediction."""
        if prediction_id in self._log:
            raise ValueError(f"prediction id {prediction_id!r} was already logged")
        self._log[prediction_id] = (len(self._log), prediction)

    def log_label(self, prediction_id, label) -> None:
        """Record a label."""
        if prediction_id not in self._log:
            raise ValueError(f"no prediction was logged with id {prediction_id!r}")
        self._labels[prediction_id] = label

    def _window(self):
        positions = pd.Series({i: self._log[i][0] for i in self._labels}, dtype=object)
        return positions.sort_values().index[-self.window :] if len(positions) else []

    def accuracy(self):
        """Accuracy over the window."""
        ids = list(self._window())
        if not ids:
            return None
        return sum(self._log[i][1] == self._labels[i] for i in ids) / len(ids)

    def check_alert(self) -> dict:
        """Compare the window's accuracy with the baseline."""
        accuracy = self.accuracy()
        n_labels = len(list(self._window()))
        drop = None if accuracy is None else self.baseline_accuracy - accuracy
        return {
            "alert": bool(drop is not None and n_labels >= self.min_labels and drop > self.alert_drop),
            "accuracy": accuracy,
            "baseline": self.baseline_accuracy,
            "drop": drop,
            "n_labels": n_labels,
        }

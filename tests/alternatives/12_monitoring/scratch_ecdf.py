"""From scratch: the KS gap read off both ECDFs at every pooled value with searchsorted, PSI bins by np.digitize, the chi-square statistic and Yates' correction by hand, a monitor that keeps a log counter per id.

Only the p-values come from scipy's distributions (``stats.ks_2samp`` for small samples, the
Kolmogorov survival function and ``stats.chi2.sf`` otherwise).
"""

import math

import numpy as np
from scipy import special, stats

EXACT_KS_LIMIT = 10_000


def _sample(values, name):
    values = np.asarray(values, dtype=float).reshape(-1)
    if len(values) == 0:
        raise ValueError(f"{name} is empty")
    bad = len(values) - int(np.isfinite(values).sum())
    if bad:
        raise ValueError(f"{name} holds {bad} NaN or infinite values")
    return values


def _alpha(alpha):
    if not (alpha > 0 and alpha < 1):
        raise ValueError(f"alpha {alpha} is outside (0, 1)")


def ks_statistic(reference, current) -> float:
    """Both ECDFs evaluated at every pooled value; the largest absolute difference."""
    a = np.sort(_sample(reference, "reference"))
    b = np.sort(_sample(current, "current"))
    points = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, points, side="right") / len(a)
    cdf_b = np.searchsorted(b, points, side="right") / len(b)
    return float(np.abs(cdf_a - cdf_b).max())


def detect_drift_ks(reference, current, *, alpha: float = 0.05, min_statistic: float = 0.1) -> dict:
    """KS decision with a minimum effect size."""
    _alpha(alpha)
    a, b = _sample(reference, "reference"), _sample(current, "current")
    statistic = ks_statistic(a, b)
    if len(a) <= EXACT_KS_LIMIT and len(b) <= EXACT_KS_LIMIT:
        p_value = float(stats.ks_2samp(a, b).pvalue)
    else:
        p_value = float(special.kolmogorov(statistic * math.sqrt(len(a) * len(b) / (len(a) + len(b)))))
    significant = p_value < alpha
    return {
        "statistic": statistic,
        "p_value": p_value,
        "significant": bool(significant),
        "drift": bool(significant and statistic >= min_statistic),
    }


def quantile_bin_edges(reference, n_bins: int = 10) -> np.ndarray:
    """Linear-interpolated quantiles computed by hand, ends opened, duplicates dropped."""
    if n_bins < 2:
        raise ValueError(f"n_bins must be at least 2, got {n_bins}")
    ordered = np.sort(_sample(reference, "reference"))
    n = len(ordered)
    edges = [-np.inf]
    for k in range(1, n_bins):
        position = (n - 1) * k / n_bins
        low = int(math.floor(position))
        high = min(low + 1, n - 1)
        fraction = position - low
        value = ordered[low] + (ordered[high] - ordered[low]) * fraction
        if value != edges[-1]:
            edges.append(value)
    edges.append(np.inf)
    return np.array(edges)


def population_stability_index(reference, current, *, n_bins: int = 10, eps: float = 1e-4) -> float:
    """PSI with np.digitize: bin i holds edges[i] <= x < edges[i+1]."""
    a, b = _sample(reference, "reference"), _sample(current, "current")
    edges = quantile_bin_edges(a, n_bins)
    k = len(edges) - 1
    total = 0.0
    ra = np.bincount(np.digitize(a, edges[1:-1]), minlength=k) / len(a)
    cb = np.bincount(np.digitize(b, edges[1:-1]), minlength=k) / len(b)
    for r, c in zip(ra, cb):
        r, c = max(r, eps), max(c, eps)
        total += (c - r) * math.log(c / r)
    return float(total)


def _by_value(values):
    values = list(values)
    try:
        return sorted(values)
    except TypeError:  # mixed types: by their text, as the contract says
        return sorted(values, key=str)


def detect_categorical_drift(reference, current, *, alpha: float = 0.05) -> dict:
    """Chi-square of homogeneity computed by hand, with Yates' correction on a 2 x 2 table as scipy applies it."""
    _alpha(alpha)
    reference = [v.item() if isinstance(v, np.generic) else v for v in reference]
    current = [v.item() if isinstance(v, np.generic) else v for v in current]
    if not reference:
        raise ValueError("reference is empty")
    if not current:
        raise ValueError("current is empty")
    counts_r, counts_c = {}, {}
    for v in reference:
        counts_r[v] = counts_r.get(v, 0) + 1
    for v in current:
        counts_c[v] = counts_c.get(v, 0) + 1
    categories = list(dict.fromkeys(reference + current))
    unseen = _by_value([c for c in categories if c not in counts_r])
    missing = _by_value([c for c in categories if c not in counts_c])
    dof = len(categories) - 1
    if dof == 0:
        statistic, p_value = 0.0, 1.0
    else:
        n_r, n_c = len(reference), len(current)
        total = n_r + n_c
        statistic = 0.0
        for c in categories:
            column = counts_r.get(c, 0) + counts_c.get(c, 0)
            for observed, row in ((counts_r.get(c, 0), n_r), (counts_c.get(c, 0), n_c)):
                expected = row * column / total
                gap = abs(observed - expected)
                if dof == 1:
                    gap = max(gap - 0.5, 0.0) if gap > 0 else 0.0
                statistic += gap * gap / expected
        p_value = float(stats.chi2.sf(statistic, dof))
    return {
        "statistic": float(statistic),
        "p_value": p_value,
        "dof": dof,
        "drift": bool(p_value < alpha or unseen),
        "unseen_categories": unseen,
        "missing_categories": missing,
    }


class ModelMonitor:
    """Log counter per id; labels stored by id; window sorted by log counter."""

    def __init__(
        self,
        baseline_accuracy: float,
        *,
        window: int = 500,
        alert_drop: float = 0.05,
        min_labels: int = 50,
    ):
        """Start an empty monitor."""
        if baseline_accuracy < 0 or baseline_accuracy > 1:
            raise ValueError("baseline_accuracy must lie in [0, 1]")
        if window < 1:
            raise ValueError("window must be at least 1")
        if min_labels < 1:
            raise ValueError("min_labels must be at least 1")
        self.baseline_accuracy = baseline_accuracy
        self.window = window
        self.alert_drop = alert_drop
        self.min_labels = min_labels
        self._tick = 0
        self._when = {}
        self._prediction = {}
        self._label = {}

    def log_prediction(self, prediction_id, prediction) -> None:
        """Record a prediction."""
        if prediction_id in self._when:
            raise ValueError(f"prediction id {prediction_id!r} was already logged")
        self._when[prediction_id] = self._tick
        self._prediction[prediction_id] = prediction
        self._tick += 1

    def log_label(self, prediction_id, label) -> None:
        """Record a label."""
        if prediction_id not in self._when:
            raise ValueError(f"no prediction was logged with id {prediction_id!r}")
        self._label[prediction_id] = label

    def _recent(self):
        labelled = sorted(self._label, key=self._when.__getitem__, reverse=True)
        return labelled[: self.window]

    def accuracy(self):
        """Accuracy over the window."""
        recent = self._recent()
        if not recent:
            return None
        return sum(1 for i in recent if self._prediction[i] == self._label[i]) / len(recent)

    def check_alert(self) -> dict:
        """Compare with the baseline."""
        recent = self._recent()
        accuracy = self.accuracy()
        drop = None if accuracy is None else self.baseline_accuracy - accuracy
        alert = drop is not None and len(recent) >= self.min_labels and drop > self.alert_drop
        return {
            "alert": bool(alert),
            "accuracy": accuracy,
            "baseline": self.baseline_accuracy,
            "drop": drop,
            "n_labels": len(recent),
        }

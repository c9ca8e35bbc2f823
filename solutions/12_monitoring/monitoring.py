"""Model monitoring: numeric drift with the KS test and PSI, categorical drift with chi-square,
and a monitor that pairs delayed labels with their predictions by id."""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import special, stats

# Up to this many values per sample, the p-value comes from scipy's ks_2samp (exact for samples
# this small); beyond it, from the Kolmogorov limit distribution, which is accurate there and fast.
EXACT_KS_LIMIT = 10_000


def _numeric_sample(values, name: str) -> np.ndarray:
    values = np.asarray(values, dtype=float).ravel()
    if values.size == 0:
        raise ValueError(f"{name} is empty; a drift check needs values in both samples")
    bad = int(np.count_nonzero(~np.isfinite(values)))
    if bad:
        raise ValueError(
            f"{name} holds {bad} NaN or infinite values; clean or impute them before a drift check"
        )
    return values


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha}")


def ks_statistic(reference, current) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest vertical gap between the two ECDFs.

    Parameters
    ----------
    reference, current : array-like of floats
        The two samples; they may differ in size.

    Returns
    -------
    float in [0, 1]
        ``max |F_reference(x) - F_current(x)|`` over every x in either sample.

    Raises
    ------
    ValueError
        If either sample is empty or holds NaN, None or infinity; the message names the sample.
    """
    reference = np.sort(_numeric_sample(reference, "reference"))
    current = np.sort(_numeric_sample(current, "current"))
    n_ref, n_cur = reference.size, current.size
    # Both ECDFs step only at sample points, so walk through the pooled sample in order. A stable
    # argsort of two sorted runs is a linear merge. Counting in integers (n_cur per reference
    # point, n_ref per current point) keeps the gap exact: gap = n_ref * n_cur * (F_ref - F_cur).
    pooled = np.concatenate([reference, current])
    order = np.argsort(pooled, kind="stable")
    gap = np.cumsum(np.where(order < n_ref, n_cur, -n_ref))
    values = pooled[order]
    # Within a run of tied values the ECDFs are only both complete at the run's last element.
    last_of_run = np.append(values[1:] != values[:-1], True)
    return float(np.max(np.abs(gap[last_of_run])) / (n_ref * n_cur))


def detect_drift_ks(reference, current, *, alpha: float = 0.05, min_statistic: float = 0.1) -> dict:
    """Decide whether a numeric feature drifted, from a KS test and the size of the shift.

    Parameters
    ----------
    reference, current : array-like of floats
        Training-time (reference) and production (current) values of one feature.
    alpha : float
        Significance level of the two-sample KS test.
    min_statistic : float
        The smallest KS statistic that counts as a shift worth acting on. With 0, the decision is
        the bare test; with large samples the bare test flags shifts too small to matter.

    Returns
    -------
    dict with keys
        ``statistic`` (`ks_statistic`), ``p_value`` (scipy's ``ks_2samp`` when neither sample is
        larger than ``EXACT_KS_LIMIT``, otherwise the Kolmogorov limit distribution,
        ``scipy.special.kolmogorov(statistic * sqrt(n * m / (n + m)))``), ``significant``
        (``p_value < alpha``) and ``drift`` (significant *and* ``statistic >= min_statistic``).

    Raises
    ------
    ValueError
        If either sample is empty or holds NaN, None or infinity, or alpha is not in (0, 1); the
        message names the sample or ``alpha``.
    """
    _check_alpha(alpha)
    reference = _numeric_sample(reference, "reference")
    current = _numeric_sample(current, "current")
    statistic = ks_statistic(reference, current)
    if max(reference.size, current.size) <= EXACT_KS_LIMIT:
        p_value = float(stats.ks_2samp(reference, current).pvalue)
    else:
        effective_n = reference.size * current.size / (reference.size + current.size)
        p_value = float(special.kolmogorov(statistic * np.sqrt(effective_n)))
    significant = p_value < alpha
    return {
        "statistic": statistic,
        "p_value": p_value,
        "significant": significant,
        "drift": significant and statistic >= min_statistic,
    }


def quantile_bin_edges(reference, n_bins: int = 10) -> np.ndarray:
    """Bin edges at the reference sample's quantiles, open at both ends.

    Parameters
    ----------
    reference : array-like of floats
    n_bins : int
        How many bins of (about) equal reference mass to aim for.

    Returns
    -------
    np.ndarray
        The quantiles at 0, 1/n_bins, ..., 1 (numpy's default linear interpolation), with the first
        edge replaced by -inf and the last by +inf, so that later values outside the reference
        range still land in the end bins. Repeated edges (ties in the data) appear once, so there
        may be fewer than ``n_bins`` bins.

    Raises
    ------
    ValueError
        If the reference is empty or holds NaN, None or infinity, or n_bins < 2; the message names
        ``reference`` or ``n_bins``.
    """
    if n_bins < 2:
        raise ValueError(f"n_bins must be at least 2, got {n_bins}")
    reference = _numeric_sample(reference, "reference")
    edges = np.quantile(reference, np.linspace(0, 1, n_bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    return np.unique(edges)


def _bin_shares(ordered: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The share of the sorted values ``ordered`` in each bin [edge_i, edge_i+1)."""
    # On sorted values, the number below each edge is one binary search per edge.
    below = np.searchsorted(ordered, edges, side="left")
    below[-1] = ordered.size  # the last edge is +inf; every value is below it
    return np.diff(below) / ordered.size


def population_stability_index(reference, current, *, n_bins: int = 10, eps: float = 1e-4) -> float:
    """The population stability index of ``current`` against ``reference``.

    ``PSI = sum over bins of (c - r) * ln(c / r)``, where r and c are the shares of the reference
    and the current sample in each bin of `quantile_bin_edges` (reference).

    Parameters
    ----------
    reference, current : array-like of floats
    n_bins : int
    eps : float
        Floor for a bin's share, so an empty bin adds a large but finite term instead of infinity.

    Returns
    -------
    float, at least 0
        Rules of thumb: below 0.1 stable, 0.1 to 0.25 a moderate shift, above 0.25 a major one.

    Raises
    ------
    ValueError
        If either sample is empty or holds NaN, None or infinity; the message names the sample.
    """
    # Sorted once, the reference gives its quantiles cheaply and both samples count by bisection.
    reference = np.sort(_numeric_sample(reference, "reference"))
    current = np.sort(_numeric_sample(current, "current"))
    edges = quantile_bin_edges(reference, n_bins)
    reference_share = np.maximum(_bin_shares(reference, edges), eps)
    current_share = np.maximum(_bin_shares(current, edges), eps)
    return float(
        np.sum((current_share - reference_share) * np.log(current_share / reference_share))
    )


def _plain(values) -> list:
    """The values as plain Python objects, so numpy strings compare and print as written."""
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def _sorted(values) -> list:
    """Sorted by value; by their text when the values are of types that do not compare."""
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=str)


def detect_categorical_drift(reference, current, *, alpha: float = 0.05) -> dict:
    """Test whether a categorical feature's shares changed, and name categories never seen before.

    Both samples are counts drawn from a population, so the test is the chi-square test of
    homogeneity on the 2 x K table of counts (scipy's ``chi2_contingency``), over every category
    that appears in either sample.

    Parameters
    ----------
    reference, current : array-like of hashable categories
    alpha : float

    Returns
    -------
    dict with keys
        ``statistic``, ``p_value``, ``dof``, ``drift`` (``p_value < alpha``, or a category that
        the reference never held), ``unseen_categories`` (sorted: in current, never in reference)
        and ``missing_categories`` (sorted: in reference, absent from current). Sorted means by
        value (2 before 11), or by their text, ``str(category)``, when the categories' types do
        not compare (then 2 before "Z" before "a"); numpy scalars come back as plain Python values.
        A single category in all gives statistic 0, p_value 1 and dof 0, as ``chi2_contingency``
        does for a 2 x 1 table.

    Raises
    ------
    ValueError
        If either sample is empty or alpha is not in (0, 1); the message names the sample or
        ``alpha``.
    """
    _check_alpha(alpha)
    for name, sample in (("reference", reference), ("current", current)):
        if len(sample) == 0:
            raise ValueError(f"{name} is empty; a drift check needs values in both samples")
    reference_counts, current_counts = Counter(_plain(reference)), Counter(_plain(current))
    categories = _sorted(set(reference_counts) | set(current_counts))
    unseen = [c for c in categories if c not in reference_counts]
    missing = [c for c in categories if c not in current_counts]
    if len(categories) == 1:
        statistic, p_value, dof = 0.0, 1.0, 0
    else:
        table = np.array(
            [[reference_counts[c] for c in categories], [current_counts[c] for c in categories]]
        )
        result = stats.chi2_contingency(table)
        statistic, p_value, dof = float(result.statistic), float(result.pvalue), int(result.dof)
    return {
        "statistic": statistic,
        "p_value": p_value,
        "dof": dof,
        "drift": p_value < alpha or bool(unseen),
        "unseen_categories": unseen,
        "missing_categories": missing,
    }


class ModelMonitor:
    """Log predictions by id, pair them with labels that arrive later, and watch rolling accuracy.

    Labels arrive late, for only some predictions and in any order, so each label is matched to
    its prediction by id, never by position.

    A prediction is correct when ``prediction == label``, both compared exactly as they were
    logged, with no conversion: class names as strings, integers and numpy scalars all work, and
    1, 1.0 and np.int64(1) match each other, but the string "1" never matches the integer 1. A
    label feed that changed type is a broken pipeline, and the falling accuracy shows it.

    Parameters
    ----------
    baseline_accuracy : float
        The accuracy measured at validation time; alerts compare against it.
    window : int
        Accuracy is computed over the ``window`` most recent *labelled* predictions, most recent
        in the order the predictions were logged (not the order the labels arrived).
    alert_drop : float
        Alert when ``baseline_accuracy - accuracy`` exceeds this many points (absolute).
    min_labels : int
        No alert is raised on fewer labelled predictions in the window than this.
    """

    def __init__(
        self,
        baseline_accuracy: float,
        *,
        window: int = 500,
        alert_drop: float = 0.05,
        min_labels: int = 50,
    ):
        """Start an empty monitor.

        Raises ValueError, naming the argument, for a baseline_accuracy outside [0, 1] or a window
        or min_labels below 1. The bounds are allowed: a baseline of 0 or 1, a window of 1.
        """
        if not 0 <= baseline_accuracy <= 1:
            raise ValueError(f"baseline_accuracy must lie in [0, 1], got {baseline_accuracy}")
        if window < 1:
            raise ValueError(f"window must be a positive integer, got {window}")
        if min_labels < 1:
            raise ValueError(f"min_labels must be a positive integer, got {min_labels}")
        self.baseline_accuracy = baseline_accuracy
        self.window = window
        self.alert_drop = alert_drop
        self.min_labels = min_labels
        self._position: dict = {}
        self._predictions: list = []
        self._labels: dict[int, object] = {}

    def log_prediction(self, prediction_id, prediction) -> None:
        """Record a prediction under a unique id; a repeated id raises ValueError."""
        if prediction_id in self._position:
            raise ValueError(f"prediction id {prediction_id!r} was already logged")
        self._position[prediction_id] = len(self._predictions)
        self._predictions.append(prediction)

    def log_label(self, prediction_id, label) -> None:
        """Record the true label of a logged prediction; an unknown id raises ValueError.

        A later label for the same id (a correction) replaces the earlier one.
        """
        if prediction_id not in self._position:
            raise ValueError(f"no prediction was logged with id {prediction_id!r}")
        self._labels[self._position[prediction_id]] = label

    def accuracy(self) -> float | None:
        """Accuracy over the ``window`` most recently logged predictions that have labels.

        Returns None while no logged prediction has a label.
        """
        if not self._labels:
            return None
        recent = sorted(self._labels)[-self.window :]
        hits = sum(self._predictions[i] == self._labels[i] for i in recent)
        return hits / len(recent)

    def check_alert(self) -> dict:
        """Compare the rolling accuracy with the baseline.

        Returns
        -------
        dict with keys
            ``alert`` (bool), ``accuracy`` (float or None), ``baseline``, ``drop``
            (``baseline - accuracy``, or None) and ``n_labels`` (labelled predictions in the
            window). ``alert`` is True only when ``n_labels >= min_labels`` and
            ``drop > alert_drop``.
        """
        accuracy = self.accuracy()
        n_labels = min(len(self._labels), self.window)
        drop = None if accuracy is None else self.baseline_accuracy - accuracy
        alert = drop is not None and n_labels >= self.min_labels and drop > self.alert_drop
        return {
            "alert": alert,
            "accuracy": accuracy,
            "baseline": self.baseline_accuracy,
            "drop": drop,
            "n_labels": n_labels,
        }

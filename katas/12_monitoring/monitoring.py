"""Model monitoring: numeric drift with the KS test and PSI, categorical drift with chi-square,
and a monitor that pairs delayed labels with their predictions by id."""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import special, stats

EXACT_KS_LIMIT = 10_000


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
    # TODO: implement ks_statistic; test_monitoring.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement detect_drift_ks; test_monitoring.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement quantile_bin_edges; test_monitoring.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement population_stability_index; test_monitoring.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement detect_categorical_drift; test_monitoring.py says what it must do.
    raise NotImplementedError


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
        # TODO: implement __init__; test_monitoring.py says what it must do.
        raise NotImplementedError

    def log_prediction(self, prediction_id, prediction) -> None:
        """Record a prediction under a unique id; a repeated id raises ValueError."""
        # TODO: implement log_prediction; test_monitoring.py says what it must do.
        raise NotImplementedError

    def log_label(self, prediction_id, label) -> None:
        """Record the true label of a logged prediction; an unknown id raises ValueError.

        A later label for the same id (a correction) replaces the earlier one.
        """
        # TODO: implement log_label; test_monitoring.py says what it must do.
        raise NotImplementedError

    def accuracy(self) -> float | None:
        """Accuracy over the ``window`` most recently logged predictions that have labels.

        Returns None while no logged prediction has a label.
        """
        # TODO: implement accuracy; test_monitoring.py says what it must do.
        raise NotImplementedError

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
        # TODO: implement check_alert; test_monitoring.py says what it must do.
        raise NotImplementedError

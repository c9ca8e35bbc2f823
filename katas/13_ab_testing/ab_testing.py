"""A/B testing a model change: a two-proportion z-test and sample size from scratch, simulations of
false positives, power and peeking, a sample-ratio check, guardrails, and skewed revenue."""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

ALTERNATIVES = ("two-sided", "larger", "smaller")

CORRECTIONS = ("none", "bonferroni")


def two_proportion_ztest(
    conversions_a, visitors_a, conversions_b, visitors_b, alternative: str = "two-sided"
):
    """Test whether arm B's conversion rate differs from arm A's, with the pooled standard error.

    Parameters
    ----------
    conversions_a, visitors_a, conversions_b, visitors_b : int or array of ints
        Counts per arm (A is the control). Arrays broadcast, so one call can test many
        simulated experiments at once.
    alternative : "two-sided", "larger" (B above A) or "smaller" (B below A)

    Returns
    -------
    z, p_value
        ``z`` is (rate_b - rate_a) / pooled SE: floats for scalar input, arrays for arrays.

    Raises
    ------
    ValueError
        If visitors are not positive, conversions fall outside [0, visitors], the pooled rate is
        0 or 1 (the test is undefined), or ``alternative`` is unknown.
    """
    # TODO: implement two_proportion_ztest; test_ab_testing.py says what it must do.
    raise NotImplementedError


def difference_confidence_interval(
    conversions_a, visitors_a, conversions_b, visitors_b, confidence: float = 0.95
) -> tuple[float, float]:
    """A Wald confidence interval for rate_b - rate_a, with the unpooled standard error.

    Parameters
    ----------
    conversions_a, visitors_a, conversions_b, visitors_b : int
    confidence : float in (0, 1)

    Returns
    -------
    (low, high)

    Raises
    ------
    ValueError
        On impossible counts or a confidence outside (0, 1).
    """
    # TODO: implement difference_confidence_interval; test_ab_testing.py says what it must do.
    raise NotImplementedError


def cohens_h(rate_a: float, rate_b: float) -> float:
    """Cohen's h, the standardized effect between two rates: 2 asin sqrt(b) - 2 asin sqrt(a).

    Parameters
    ----------
    rate_a, rate_b : float strictly between 0 and 1

    Raises
    ------
    ValueError
        If a rate lies outside (0, 1).
    """
    # TODO: implement cohens_h; test_ab_testing.py says what it must do.
    raise NotImplementedError


def required_sample_size(effect_size: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Users per group that a two-sided, two-sample z-test needs to detect a standardized effect.

    The answer is exact, as statsmodels' ``NormalIndPower`` computes it: the power counts
    rejections in both tails. The textbook closed form 2 * ((z_{1-alpha/2} + z_power) / h)^2
    drops the far tail; it agrees (after rounding up) at the usual alpha 0.05 and power 0.8 but
    overstates n by up to about 2% when alpha is large or power is near 0.5.

    Parameters
    ----------
    effect_size : float
        A standardized effect such as Cohen's h (not a difference of rates); its sign is ignored.
    alpha : float
        Two-sided significance level.
    power : float
        Probability of detecting the effect when it is real; must exceed ``alpha``.

    Returns
    -------
    int, rounded up.

    Raises
    ------
    ValueError
        If the effect is 0, alpha or power lie outside (0, 1), or power is not above alpha.
    """
    # TODO: implement required_sample_size; test_ab_testing.py says what it must do.
    raise NotImplementedError


def sample_size_per_group(
    baseline_rate: float, target_rate: float, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Users per group needed to detect a move from ``baseline_rate`` to ``target_rate``.

    The rates are turned into Cohen's h first; see `required_sample_size`.

    Raises
    ------
    ValueError
        If the two rates are equal or a rate lies outside (0, 1).
    """
    # TODO: implement sample_size_per_group; test_ab_testing.py says what it must do.
    raise NotImplementedError


def simulated_rejection_rate(
    rate_a: float,
    rate_b: float,
    visitors_per_group: int,
    n_simulations: int = 2000,
    alpha: float = 0.05,
    random_state=None,
) -> float:
    """Share of simulated experiments whose two-sided z-test rejects at ``alpha``.

    With equal rates this is the A/A false-positive rate; with different rates it is the power.
    All experiments are drawn and tested at once, without a Python loop. An experiment in which
    no user converted (or every user did) in both arms has no defined z; it does not reject.
    The same ``random_state`` gives the same rate.

    Parameters
    ----------
    rate_a, rate_b : float
        True conversion rates of the two arms.
    visitors_per_group : int
    n_simulations : int
    alpha : float
    random_state : int, numpy Generator or None
    """
    # TODO: implement simulated_rejection_rate; test_ab_testing.py says what it must do.
    raise NotImplementedError


def peeking_false_positive_rate(
    rate: float,
    visitors_per_group: int,
    n_looks: int = 10,
    n_simulations: int = 2000,
    alpha: float = 0.05,
    correction: str = "none",
    random_state=None,
) -> float:
    """Share of simulated A/A experiments declared significant when the analyst peeks.

    Each experiment is looked at after every ``visitors_per_group / n_looks`` users per arm, on all
    the data gathered so far, and stops at the first look whose p-value clears the threshold. A
    look at which no user has converted yet (or every user has) has no defined z; it does not
    reject. The same ``random_state`` gives the same rate.

    Parameters
    ----------
    rate : float
        The conversion rate of both arms (there is no real effect).
    visitors_per_group : int
        Users per arm at the last look; a multiple of ``n_looks``.
    n_looks : int
    n_simulations : int
    alpha : float
    correction : "none" (every look at ``alpha``) or "bonferroni" (every look at alpha / n_looks)
    random_state : int, numpy Generator or None

    Raises
    ------
    ValueError
        On an unknown correction or a ``visitors_per_group`` not divisible by ``n_looks``.
    """
    # TODO: implement peeking_false_positive_rate; test_ab_testing.py says what it must do.
    raise NotImplementedError


def sample_ratio_mismatch(
    visitors_a: int, visitors_b: int, expected_share_a: float = 0.5, threshold: float = 0.001
) -> dict:
    """Chi-square goodness-of-fit check that the arms got the traffic split that was planned.

    Parameters
    ----------
    visitors_a, visitors_b : int
    expected_share_a : float
        The planned share of arm A, e.g. 0.5 for a 50/50 split.
    threshold : float
        p-value below which the split is called a mismatch; strict, because a real mismatch
        means the assignment is broken and every other number of the experiment is suspect.

    Returns
    -------
    dict with ``statistic``, ``p_value`` and ``mismatch`` (bool).

    Raises
    ------
    ValueError
        On negative counts, no visitors at all, or a planned share outside (0, 1).
    """
    # TODO: implement sample_ratio_mismatch; test_ab_testing.py says what it must do.
    raise NotImplementedError


def ship_decision(
    primary, guardrails: dict, alpha: float = 0.05, expected_share_a: float = 0.5
) -> dict:
    """Decide whether to ship arm B: split as planned, primary metric won, no guardrail regressed.

    Parameters
    ----------
    primary : tuple (conversions_a, visitors_a, conversions_b, visitors_b)
        The metric the change is meant to raise. Its visitor counts are checked first with
        `sample_ratio_mismatch` (default threshold 0.001): a broken split ships nothing.
    guardrails : dict name -> (events_a, visitors_a, events_b, visitors_b)
        Rates where higher is worse (errors, unsubscribes, timeouts). A guardrail with no events
        in either arm has no defined z and did not regress.
    alpha : float
        Level of the two-sided primary test and of each one-sided guardrail test. The primary
        wins only if B is significantly *above* A; a significant drop never ships.
    expected_share_a : float
        The planned share of arm A's visitors, 0.5 for a 50/50 split.

    Returns
    -------
    dict with ``ship`` (bool), ``sample_ratio_mismatch`` (bool), ``primary_p_value`` (two-sided),
    ``regressed_guardrails`` (names of guardrails that rose significantly, in the order given)
    and ``reason`` (a sentence).
    """
    # TODO: implement ship_decision; test_ab_testing.py says what it must do.
    raise NotImplementedError


def compare_revenue(revenue_a, revenue_b) -> dict:
    """Compare revenue per user in two arms with Welch's t-test and with Mann-Whitney U.

    Welch's test (computed here from scratch) asks whether mean revenue differs. Mann-Whitney asks
    whether a random user of B tends to out-spend a random user of A; it is not a test of means.

    Parameters
    ----------
    revenue_a, revenue_b : 1-D array-like of floats, at least two users each

    Returns
    -------
    dict with ``mean_difference`` (B - A), ``welch_t``, ``welch_df``, ``welch_p_value``,
    ``mann_whitney_u`` (U of B) and ``mann_whitney_p_value``, all two-sided.

    Raises
    ------
    ValueError
        If an arm has fewer than two users or holds a value that is not finite.
    """
    # TODO: implement compare_revenue; test_ab_testing.py says what it must do.
    raise NotImplementedError

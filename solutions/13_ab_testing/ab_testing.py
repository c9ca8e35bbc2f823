"""A/B testing a model change: a two-proportion z-test and sample size from scratch, simulations of
false positives, power and peeking, a sample-ratio check, guardrails, and skewed revenue."""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

ALTERNATIVES = ("two-sided", "larger", "smaller")
CORRECTIONS = ("none", "bonferroni")


def _check_counts(conversions, visitors, arm: str) -> tuple[np.ndarray, np.ndarray]:
    conversions, visitors = np.broadcast_arrays(
        np.asarray(conversions, dtype=float), np.asarray(visitors, dtype=float)
    )
    if np.any(visitors <= 0):
        raise ValueError(f"visitors_{arm} must be positive, got {visitors.min():g}")
    if np.any(conversions < 0):
        raise ValueError(f"conversions_{arm} must not be negative, got {conversions.min():g}")
    excess = conversions > visitors
    if np.any(excess):
        raise ValueError(
            f"conversions_{arm} ({conversions[excess][0]:g}) exceed visitors_{arm} "
            f"({visitors[excess][0]:g}); a user converts at most once"
        )
    return conversions, visitors


def _check_rate(rate, name: str) -> float:
    if not 0 < rate < 1:
        raise ValueError(f"{name} must be a rate strictly between 0 and 1, got {rate}")
    return float(rate)


def _p_value(z, alternative: str):
    if alternative == "two-sided":
        # The survival function keeps tiny p-values exact; 1 - cdf rounds them to 0.
        return 2 * stats.norm.sf(np.abs(z))
    if alternative == "larger":
        return stats.norm.sf(z)
    if alternative == "smaller":
        return stats.norm.cdf(z)
    raise ValueError(f"alternative must be one of {ALTERNATIVES}, got {alternative!r}")


def _simulated_p_values(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided p-values of many simulated experiments; 1 where no arm converted (or all did).

    Such an experiment carries no evidence of a difference, so it simply does not reject.
    """
    conversions_a, visitors_a, conversions_b, visitors_b = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (conversions_a, visitors_a, conversions_b, visitors_b))
    )
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    defined = (pooled > 0) & (pooled < 1)
    p_value = np.ones(pooled.shape)
    _, p_value[defined] = two_proportion_ztest(
        conversions_a[defined], visitors_a[defined], conversions_b[defined], visitors_b[defined]
    )
    return p_value


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
    conversions_a, visitors_a = _check_counts(conversions_a, visitors_a, "a")
    conversions_b, visitors_b = _check_counts(conversions_b, visitors_b, "b")
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    if np.any((pooled <= 0) | (pooled >= 1)):
        raise ValueError(
            "the pooled conversion rate is 0 or 1, so its standard error is 0 and z is undefined"
        )
    difference = conversions_b / visitors_b - conversions_a / visitors_a
    standard_error = np.sqrt(pooled * (1 - pooled) * (1 / visitors_a + 1 / visitors_b))
    z = difference / standard_error
    p_value = _p_value(z, alternative)
    if np.ndim(z) == 0:
        return float(z), float(p_value)
    return z, p_value


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
    conversions_a, visitors_a = _check_counts(conversions_a, visitors_a, "a")
    conversions_b, visitors_b = _check_counts(conversions_b, visitors_b, "b")
    _check_rate(confidence, "confidence")
    rate_a, rate_b = conversions_a / visitors_a, conversions_b / visitors_b
    # The interval is about a nonzero difference, so each arm keeps its own variance.
    standard_error = np.sqrt(
        rate_a * (1 - rate_a) / visitors_a + rate_b * (1 - rate_b) / visitors_b
    )
    half_width = stats.norm.ppf(0.5 + confidence / 2) * standard_error
    difference = rate_b - rate_a
    return float(difference - half_width), float(difference + half_width)


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
    rate_a, rate_b = _check_rate(rate_a, "rate_a"), _check_rate(rate_b, "rate_b")
    return float(2 * np.arcsin(np.sqrt(rate_b)) - 2 * np.arcsin(np.sqrt(rate_a)))


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
    if effect_size == 0 or not np.isfinite(effect_size):
        raise ValueError(f"effect_size must be finite and nonzero, got {effect_size}")
    _check_rate(alpha, "alpha")
    _check_rate(power, "power")
    if power <= alpha:
        raise ValueError(
            f"power ({power}) must exceed alpha ({alpha}); a test with no users already rejects "
            "at rate alpha"
        )
    effect, z_critical = abs(float(effect_size)), stats.norm.ppf(1 - alpha / 2)

    def shortfall(n: float) -> float:
        shift = effect * np.sqrt(n / 2)
        return stats.norm.sf(z_critical - shift) + stats.norm.cdf(-z_critical - shift) - power

    # Each arm's transformed rate has variance 1/n, so their difference has variance 2/n. The
    # closed form ignores the far tail, so it is an upper bound on the exact n.
    upper = 2 * ((z_critical + stats.norm.ppf(power)) / effect) ** 2
    upper = max(upper, 1e-12)
    while shortfall(upper) < 0:
        upper *= 2
    n = optimize.brentq(shortfall, 0.0, upper, xtol=1e-10, rtol=1e-14)
    return int(np.ceil(n - 1e-9))


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
    if baseline_rate == target_rate:
        raise ValueError(
            f"baseline_rate and target_rate are both {baseline_rate}; there is no effect to detect"
        )
    return required_sample_size(cohens_h(baseline_rate, target_rate), alpha, power)


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
    rng = np.random.default_rng(random_state)
    conversions = rng.binomial(visitors_per_group, [[rate_a], [rate_b]], size=(2, n_simulations))
    p_value = _simulated_p_values(
        conversions[0], visitors_per_group, conversions[1], visitors_per_group
    )
    return float(np.mean(p_value < alpha))


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
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, got {correction!r}")
    if n_looks < 1 or visitors_per_group % n_looks:
        raise ValueError(
            f"visitors_per_group={visitors_per_group} must split into n_looks={n_looks} equal looks"
        )
    threshold = alpha / n_looks if correction == "bonferroni" else alpha
    rng = np.random.default_rng(random_state)
    batch = visitors_per_group // n_looks
    # Looks share data: each one adds a batch to what the earlier looks already saw.
    conversions = rng.binomial(batch, rate, size=(2, n_simulations, n_looks)).cumsum(axis=2)
    visitors = batch * np.arange(1, n_looks + 1)
    p_value = _simulated_p_values(conversions[0], visitors, conversions[1], visitors)
    return float(np.mean(np.any(p_value < threshold, axis=1)))


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
    if visitors_a < 0 or visitors_b < 0 or visitors_a + visitors_b == 0:
        raise ValueError(
            f"visitor counts must be non-negative and not both 0, got {visitors_a} and {visitors_b}"
        )
    _check_rate(expected_share_a, "expected_share_a")
    observed = np.array([visitors_a, visitors_b], dtype=float)
    expected = observed.sum() * np.array([expected_share_a, 1 - expected_share_a])
    statistic = float(np.sum((observed - expected) ** 2 / expected))
    p_value = float(stats.chi2.sf(statistic, df=1))
    return {"statistic": statistic, "p_value": p_value, "mismatch": p_value < threshold}


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
    mismatch = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]
    z, p_value = two_proportion_ztest(*primary)
    # Harm is one-directional, so each guardrail asks one question: did B make it worse?
    regressed = [
        name
        for name, counts in guardrails.items()
        if (counts[0] + counts[2]) > 0
        and two_proportion_ztest(*counts, alternative="larger")[1] < alpha
    ]
    wins = z > 0 and p_value < alpha
    if mismatch:
        reason = "the traffic split differs from the plan, so no metric can be trusted"
    elif not wins:
        reason = f"the primary metric did not improve significantly (p = {p_value:.3g})"
    elif regressed:
        reason = f"guardrails regressed significantly: {', '.join(regressed)}"
    else:
        reason = f"the primary metric improved (p = {p_value:.3g}) and every guardrail held"
    return {
        "ship": bool(wins and not regressed and not mismatch),
        "sample_ratio_mismatch": bool(mismatch),
        "primary_p_value": p_value,
        "regressed_guardrails": regressed,
        "reason": reason,
    }


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
    a = np.asarray(revenue_a, dtype=float)
    b = np.asarray(revenue_b, dtype=float)
    for name, values in (("revenue_a", a), ("revenue_b", b)):
        if values.ndim != 1 or len(values) < 2:
            raise ValueError(f"{name} must be a 1-D array of at least two users")
        if not np.all(np.isfinite(values)):
            raise ValueError(f"{name} holds values that are not finite")
    var_a, var_b = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    difference = b.mean() - a.mean()
    t = difference / np.sqrt(var_a + var_b)
    # Welch-Satterthwaite degrees of freedom.
    df = (var_a + var_b) ** 2 / (var_a**2 / (len(a) - 1) + var_b**2 / (len(b) - 1))
    mann_whitney = stats.mannwhitneyu(b, a, alternative="two-sided")
    return {
        "mean_difference": float(difference),
        "welch_t": float(t),
        "welch_df": float(df),
        "welch_p_value": float(2 * stats.t.sf(abs(t), df)),
        "mann_whitney_u": float(mann_whitney.statistic),
        "mann_whitney_p_value": float(mann_whitney.pvalue),
    }

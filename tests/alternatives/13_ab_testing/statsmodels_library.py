"""Leans on statsmodels and scipy: proportions_ztest, confint_proportions_2indep, NormalIndPower,
chisquare, ttest_ind(equal_var=False); simulations draw each arm separately, looks as (looks, sims).
"""

import numpy as np
from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_effectsize,
    proportions_ztest,
)


def _counts(conversions, visitors, arm):
    conversions = np.asarray(conversions, dtype=float)
    visitors = np.asarray(visitors, dtype=float)
    if np.any(visitors <= 0):
        raise ValueError(f"visitors_{arm} must be positive")
    if np.any(conversions < 0):
        raise ValueError(f"conversions_{arm} must not be negative")
    conversions, visitors = np.broadcast_arrays(conversions, visitors)
    over = conversions > visitors
    if np.any(over):
        raise ValueError(
            f"conversions_{arm} ({conversions[over][0]:g}) exceed visitors_{arm} "
            f"({visitors[over][0]:g})"
        )
    return conversions, visitors


def _rate(value, name):
    if not 0 < value < 1:
        raise ValueError(f"{name} must be a rate strictly between 0 and 1, got {value}")
    return value


def two_proportion_ztest(
    conversions_a, visitors_a, conversions_b, visitors_b, alternative="two-sided"
):
    if alternative not in ("two-sided", "larger", "smaller"):
        raise ValueError(f"unknown alternative {alternative!r}")
    ca, va = _counts(conversions_a, visitors_a, "a")
    cb, vb = _counts(conversions_b, visitors_b, "b")
    ca, va, cb, vb = np.broadcast_arrays(ca, va, cb, vb)
    pooled = (ca + cb) / (va + vb)
    if np.any((pooled == 0) | (pooled == 1)):
        raise ValueError("the pooled rate is 0 or 1; z is undefined")
    if ca.ndim == 0:
        z, p = proportions_ztest([float(cb), float(ca)], [float(vb), float(va)], alternative=alternative)
        return float(z), float(p)
    results = np.array(
        [
            proportions_ztest([b, a], [nb, na], alternative=alternative)
            for a, na, b, nb in zip(ca.ravel(), va.ravel(), cb.ravel(), vb.ravel())
        ]
    )
    return results[:, 0].reshape(ca.shape), results[:, 1].reshape(ca.shape)


def difference_confidence_interval(
    conversions_a, visitors_a, conversions_b, visitors_b, confidence=0.95
):
    _counts(conversions_a, visitors_a, "a")
    _counts(conversions_b, visitors_b, "b")
    _rate(confidence, "confidence")
    low, high = confint_proportions_2indep(
        conversions_b, visitors_b, conversions_a, visitors_a,
        method="wald", compare="diff", alpha=1 - confidence,
    )
    return float(low), float(high)


def cohens_h(rate_a, rate_b):
    _rate(rate_a, "rate_a")
    _rate(rate_b, "rate_b")
    return float(proportion_effectsize(rate_b, rate_a))


def required_sample_size(effect_size, alpha=0.05, power=0.8):
    if effect_size == 0 or not np.isfinite(effect_size):
        raise ValueError("effect_size must be finite and nonzero")
    _rate(alpha, "alpha")
    _rate(power, "power")
    if power <= alpha:
        raise ValueError(f"power ({power}) must exceed alpha ({alpha})")
    n = NormalIndPower().solve_power(
        effect_size=abs(effect_size), alpha=alpha, power=power, ratio=1.0
    )
    return int(np.ceil(n))


def sample_size_per_group(baseline_rate, target_rate, alpha=0.05, power=0.8):
    if baseline_rate == target_rate:
        raise ValueError("equal rates: there is no effect to detect")
    return required_sample_size(cohens_h(baseline_rate, target_rate), alpha, power)


def _p_values(ca, na, cb, nb):
    """Vectorized pooled z-test for the simulations; p = 1 where it is undefined."""
    ca, na, cb, nb = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (ca, na, cb, nb)))
    pooled = (ca + cb) / (na + nb)
    se = np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (cb / nb - ca / na) / se
    return np.where(se > 0, 2 * stats.norm.sf(np.abs(z)), 1.0)


def simulated_rejection_rate(
    rate_a, rate_b, visitors_per_group, n_simulations=2000, alpha=0.05, random_state=None
):
    rng = np.random.default_rng(random_state)
    conversions_b = rng.binomial(visitors_per_group, rate_b, n_simulations)
    conversions_a = rng.binomial(visitors_per_group, rate_a, n_simulations)
    p = _p_values(conversions_a, visitors_per_group, conversions_b, visitors_per_group)
    return float(np.count_nonzero(p < alpha) / n_simulations)


def peeking_false_positive_rate(
    rate, visitors_per_group, n_looks=10, n_simulations=2000, alpha=0.05,
    correction="none", random_state=None,
):
    if correction not in ("none", "bonferroni"):
        raise ValueError(f"correction must be one of ('none', 'bonferroni'), got {correction!r}")
    if n_looks < 1 or visitors_per_group % n_looks:
        raise ValueError("visitors_per_group must be a multiple of n_looks")
    level = alpha / n_looks if correction == "bonferroni" else alpha
    batch = visitors_per_group // n_looks
    rng = np.random.default_rng(random_state)
    a = np.cumsum(rng.binomial(batch, rate, (n_looks, n_simulations)), axis=0)
    b = np.cumsum(rng.binomial(batch, rate, (n_looks, n_simulations)), axis=0)
    seen = batch * np.arange(1, n_looks + 1)[:, None]
    p = _p_values(a, seen, b, seen)
    return float((p < level).any(axis=0).mean())


def sample_ratio_mismatch(visitors_a, visitors_b, expected_share_a=0.5, threshold=0.001):
    if visitors_a < 0 or visitors_b < 0 or visitors_a + visitors_b == 0:
        raise ValueError("visitor counts must be non-negative and not both 0")
    _rate(expected_share_a, "expected_share_a")
    total = visitors_a + visitors_b
    result = stats.chisquare(
        [visitors_a, visitors_b], [total * expected_share_a, total * (1 - expected_share_a)]
    )
    return {
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "mismatch": bool(result.pvalue < threshold),
    }


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    split = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)
    z, p = two_proportion_ztest(*primary)
    regressed = [
        name for name, counts in guardrails.items()
        if counts[0] + counts[2] > 0
        and two_proportion_ztest(*counts, alternative="larger")[1] < alpha
    ]
    ship = (not split["mismatch"]) and z > 0 and p < alpha and not regressed
    return {
        "ship": bool(ship),
        "sample_ratio_mismatch": split["mismatch"],
        "primary_p_value": p,
        "regressed_guardrails": regressed,
        "reason": "ship" if ship else "do not ship",
    }


def compare_revenue(revenue_a, revenue_b):
    a = np.asarray(revenue_a, dtype=float)
    b = np.asarray(revenue_b, dtype=float)
    for name, x in (("revenue_a", a), ("revenue_b", b)):
        if x.ndim != 1 or x.size < 2:
            raise ValueError(f"{name} must be a 1-D array of at least two users")
        if not np.isfinite(x).all():
            raise ValueError(f"{name} holds values that are not finite")
    welch = stats.ttest_ind(b, a, equal_var=False)
    mw = stats.mannwhitneyu(b, a, alternative="two-sided")
    return {
        "mean_difference": float(b.mean() - a.mean()),
        "welch_t": float(welch.statistic),
        "welch_df": float(welch.df),
        "welch_p_value": float(welch.pvalue),
        "mann_whitney_u": float(mw.statistic),
        "mann_whitney_p_value": float(mw.pvalue),
    }

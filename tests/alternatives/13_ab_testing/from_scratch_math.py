"""From scratch with the standard library's erfc: p-values via erfc, sample size by bisection on
the exact power, chi-square(1) as a squared normal, Mann-Whitney by ranks with tie correction, and
simulations that draw B before A in (simulations, arms) order.
"""

import math

import numpy as np
from scipy import special, stats


def _normal_sf(x):
    return 0.5 * special.erfc(np.asarray(x, dtype=float) / math.sqrt(2))


def _normal_quantile(q):
    return math.sqrt(2) * special.erfinv(2 * q - 1)


def _check(conversions, visitors, arm):
    c = np.asarray(conversions, dtype=float)
    v = np.asarray(visitors, dtype=float)
    c, v = np.broadcast_arrays(c, v)
    if (v <= 0).any():
        raise ValueError(f"visitors_{arm} must be positive")
    if (c < 0).any():
        raise ValueError(f"conversions_{arm} must not be negative")
    if (c > v).any():
        i = np.flatnonzero(c > v)[0]
        raise ValueError(
            f"conversions_{arm} ({c.ravel()[i]:g}) exceed visitors_{arm} ({v.ravel()[i]:g})"
        )
    return c, v


def _unit(value, name):
    if not (0 < value < 1):
        raise ValueError(f"{name} must be a rate strictly between 0 and 1, got {value}")


def _z(ca, na, cb, nb):
    total = (ca + cb) / (na + nb)
    variance = total * (1 - total) * (na + nb) / (na * nb)
    return (cb * na - ca * nb) / (na * nb) / np.sqrt(variance), variance


def two_proportion_ztest(
    conversions_a, visitors_a, conversions_b, visitors_b, alternative="two-sided"
):
    ca, na = _check(conversions_a, visitors_a, "a")
    cb, nb = _check(conversions_b, visitors_b, "b")
    if alternative not in {"two-sided", "larger", "smaller"}:
        raise ValueError(f"alternative {alternative!r} is not two-sided, larger or smaller")
    with np.errstate(divide="ignore", invalid="ignore"):
        z, variance = _z(ca, na, cb, nb)
    if np.any(variance == 0):
        raise ValueError("pooled conversion rate of 0 or 1 leaves z undefined")
    if alternative == "larger":
        p = _normal_sf(z)
    elif alternative == "smaller":
        p = _normal_sf(-z)
    else:
        p = 2 * _normal_sf(np.abs(z))
    if np.ndim(z) == 0:
        return float(z), float(p)
    return z, p


def difference_confidence_interval(
    conversions_a, visitors_a, conversions_b, visitors_b, confidence=0.95
):
    ca, na = _check(conversions_a, visitors_a, "a")
    cb, nb = _check(conversions_b, visitors_b, "b")
    _unit(confidence, "confidence")
    pa, pb = ca / na, cb / nb
    half = _normal_quantile((1 + confidence) / 2) * math.sqrt(
        float(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    )
    return float(pb - pa - half), float(pb - pa + half)


def cohens_h(rate_a, rate_b):
    _unit(rate_a, "rate_a")
    _unit(rate_b, "rate_b")
    return 2 * (math.asin(math.sqrt(rate_b)) - math.asin(math.sqrt(rate_a)))


def required_sample_size(effect_size, alpha=0.05, power=0.8):
    if not math.isfinite(effect_size) or effect_size == 0:
        raise ValueError("effect_size must be a finite, nonzero standardized effect")
    _unit(alpha, "alpha")
    _unit(power, "power")
    if power <= alpha:
        raise ValueError(f"power ({power}) must exceed alpha ({alpha})")
    h, critical = abs(effect_size), _normal_quantile(1 - alpha / 2)

    def achieved(n):
        shift = h * math.sqrt(n / 2)
        return float(_normal_sf(critical - shift) + _normal_sf(critical + shift))

    low, high = 0.0, 1.0
    while achieved(high) < power:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if achieved(middle) < power:
            low = middle
        else:
            high = middle
    return math.ceil(high - 1e-9)


def sample_size_per_group(baseline_rate, target_rate, alpha=0.05, power=0.8):
    if baseline_rate == target_rate:
        raise ValueError("the rates are equal, so there is no effect to detect")
    return required_sample_size(cohens_h(baseline_rate, target_rate), alpha, power)


def _rejects(ca, na, cb, nb, level):
    with np.errstate(divide="ignore", invalid="ignore"):
        z, variance = _z(ca, na, cb, nb)
        p = 2 * _normal_sf(np.abs(z))
    return (variance > 0) & (p < level)


def simulated_rejection_rate(
    rate_a, rate_b, visitors_per_group, n_simulations=2000, alpha=0.05, random_state=None
):
    rng = np.random.default_rng(random_state)
    draws = rng.binomial(visitors_per_group, [rate_b, rate_a], size=(n_simulations, 2))
    n = float(visitors_per_group)
    return float(_rejects(draws[:, 1], n, draws[:, 0], n, alpha).mean())


def peeking_false_positive_rate(
    rate, visitors_per_group, n_looks=10, n_simulations=2000, alpha=0.05,
    correction="none", random_state=None,
):
    if correction not in ("none", "bonferroni"):
        raise ValueError(f"correction must be one of ('none', 'bonferroni'), not {correction!r}")
    if n_looks < 1 or visitors_per_group % n_looks != 0:
        raise ValueError("visitors_per_group must split into n_looks equal looks")
    level = alpha if correction == "none" else alpha / n_looks
    batch = visitors_per_group // n_looks
    rng = np.random.default_rng(random_state)
    draws = rng.binomial(batch, rate, size=(n_simulations, n_looks, 2)).cumsum(axis=1)
    seen = batch * np.arange(1, n_looks + 1, dtype=float)
    rejected = _rejects(draws[..., 1], seen, draws[..., 0], seen, level)
    return float(rejected.any(axis=1).mean())


def sample_ratio_mismatch(visitors_a, visitors_b, expected_share_a=0.5, threshold=0.001):
    if min(visitors_a, visitors_b) < 0 or visitors_a + visitors_b == 0:
        raise ValueError("visitor counts must be non-negative and not both zero")
    _unit(expected_share_a, "expected_share_a")
    total = visitors_a + visitors_b
    # With two cells the chi-square statistic is the square of a one-proportion z.
    z = (visitors_a - total * expected_share_a) / math.sqrt(
        total * expected_share_a * (1 - expected_share_a)
    )
    p = float(2 * _normal_sf(abs(z)))
    return {"statistic": z * z, "p_value": p, "mismatch": p < threshold}


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    srm = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]
    z, p = two_proportion_ztest(*primary)
    worse = []
    for name, (ea, na, eb, nb) in guardrails.items():
        if ea == eb == 0:
            continue  # no events anywhere: nothing got worse
        if two_proportion_ztest(ea, na, eb, nb, alternative="larger")[1] < alpha:
            worse.append(name)
    ok = not srm and z > 0 and p < alpha and not worse
    return {
        "ship": ok,
        "sample_ratio_mismatch": srm,
        "primary_p_value": p,
        "regressed_guardrails": worse,
        "reason": "ship it" if ok else "keep A",
    }


def _mann_whitney(b, a):
    n_b, n_a = len(b), len(a)
    values = np.concatenate([b, a])
    ranks = stats.rankdata(values)
    u = ranks[:n_b].sum() - n_b * (n_b + 1) / 2
    _, counts = np.unique(values, return_counts=True)
    n = n_a + n_b
    tie_term = (counts**3 - counts).sum() / (n * (n - 1))
    sigma = math.sqrt(n_a * n_b / 12 * ((n + 1) - tie_term))
    mean = n_a * n_b / 2
    z = (abs(u - mean) - 0.5) / sigma
    return float(u), float(min(1.0, 2 * _normal_sf(z)))


def compare_revenue(revenue_a, revenue_b):
    a = np.asarray(revenue_a, dtype=float)
    b = np.asarray(revenue_b, dtype=float)
    for name, x in (("revenue_a", a), ("revenue_b", b)):
        if x.ndim != 1 or len(x) < 2:
            raise ValueError(f"{name} must be a 1-D array of at least two users")
        if not np.all(np.isfinite(x)):
            raise ValueError(f"{name} holds values that are not finite")
    sa, sb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    t = (b.mean() - a.mean()) / math.sqrt(sa + sb)
    df = (sa + sb) ** 2 / (sa**2 / (len(a) - 1) + sb**2 / (len(b) - 1))
    u, p_u = _mann_whitney(b, a)
    return {
        "mean_difference": float(b.mean() - a.mean()),
        "welch_t": float(t),
        "welch_df": float(df),
        "welch_p_value": float(2 * stats.t.sf(abs(t), df)),
        "mann_whitney_u": u,
        "mann_whitney_p_value": p_u,
    }

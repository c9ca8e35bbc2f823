"""Mistake: the confidence interval hard-codes 1.96, so every confidence level gets the 95% width."""

import numpy as np

from kata_harness.implementation import inherit_reference


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
    conversions_a, visitors_a = _check_counts(conversions_a, visitors_a, "a")  # noqa: F821
    conversions_b, visitors_b = _check_counts(conversions_b, visitors_b, "b")  # noqa: F821
    _check_rate(confidence, "confidence")  # noqa: F821
    rate_a, rate_b = conversions_a / visitors_a, conversions_b / visitors_b
    # The interval is about a nonzero difference, so each arm keeps its own variance.
    standard_error = np.sqrt(
        rate_a * (1 - rate_a) / visitors_a + rate_b * (1 - rate_b) / visitors_b
    )
    half_width = 1.96 * standard_error
    difference = rate_b - rate_a
    return float(difference - half_width), float(difference + half_width)


inherit_reference(globals(), "13_ab_testing")

"""Mistake: the primary metric "wins" on any significant difference, so a significant drop ships.

The two-sided p-value says B differs from A, not that B is better; forgetting the sign of z ships a
change that lost conversions.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    mismatch = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]  # noqa: F821
    _, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if two_proportion_ztest(*counts, alternative="larger")[1] < alpha  # noqa: F821
    ]
    wins = p_value < alpha
    return {
        "ship": bool(wins and not regressed and not mismatch),
        "sample_ratio_mismatch": bool(mismatch),
        "primary_p_value": p_value,
        "regressed_guardrails": regressed,
        "reason": "significant" if wins else "not significant",
    }


inherit_reference(globals(), "13_ab_testing")

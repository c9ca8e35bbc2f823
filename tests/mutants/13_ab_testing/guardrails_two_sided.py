"""Mistake: guardrails are tested two-sided, halving their sensitivity to harm.

A guardrail only asks whether B made things worse; a two-sided test at alpha misses a rise whose
one-sided p lies between alpha / 2 and alpha (and flags a significant improvement as a regression
unless the sign is checked).
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    mismatch = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]  # noqa: F821
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = []
    for name, counts in guardrails.items():
        z_guard, p_guard = two_proportion_ztest(*counts)  # noqa: F821
        if z_guard > 0 and p_guard < alpha:
            regressed.append(name)
    wins = z > 0 and p_value < alpha
    return {
        "ship": bool(wins and not regressed and not mismatch),
        "sample_ratio_mismatch": bool(mismatch),
        "primary_p_value": p_value,
        "regressed_guardrails": regressed,
        "reason": "decided",
    }


inherit_reference(globals(), "13_ab_testing")

"""Mistake: guardrails are tested at a fixed 0.05 whatever alpha the caller chose, so at alpha 0.01
a guardrail with one-sided p = 0.047 still blocks the change.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    mismatch = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]  # noqa: F821
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if (counts[0] + counts[2]) > 0
        and two_proportion_ztest(*counts, alternative="larger")[1] < 0.05  # noqa: F821
    ]
    wins = z > 0 and p_value < alpha
    return {
        "ship": bool(wins and not regressed and not mismatch),
        "sample_ratio_mismatch": bool(mismatch),
        "primary_p_value": p_value,
        "regressed_guardrails": regressed,
        "reason": "decided",
    }


inherit_reference(globals(), "13_ab_testing")

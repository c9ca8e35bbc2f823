"""Mistake: every guardrail goes through the z-test, which raises when neither arm had an event, so
a guardrail that never fired (0 timeouts in both arms) crashes the decision instead of holding.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    mismatch = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]  # noqa: F821
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if two_proportion_ztest(*counts, alternative="larger")[1] < alpha  # noqa: F821
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

"""Mistake: the ship decision reads the metrics without checking the traffic split first.

With 10,500 users in A and 9,500 in B on a planned 50/50 split the assignment is broken, and a
"win" computed on those users may be an artefact of who landed in which arm.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if two_proportion_ztest(*counts, alternative="larger")[1] < alpha  # noqa: F821
    ]
    wins = z > 0 and p_value < alpha
    return {
        "ship": bool(wins and not regressed),
        "sample_ratio_mismatch": False,
        "primary_p_value": p_value,
        "regressed_guardrails": regressed,
        "reason": "decided",
    }


inherit_reference(globals(), "13_ab_testing")

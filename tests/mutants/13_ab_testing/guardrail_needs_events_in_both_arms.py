"""Mistake: a guardrail is tested only when BOTH arms had events, so 0 errors in A against 12 in
20,000 for B is skipped as "no data" and the change ships with a real regression.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    mismatch = sample_ratio_mismatch(primary[1], primary[3], expected_share_a)["mismatch"]  # noqa: F821
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if counts[0] > 0
        and counts[2] > 0
        and two_proportion_ztest(*counts, alternative="larger")[1] < alpha  # noqa: F821
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

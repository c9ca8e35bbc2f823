"""Mistake: the ship decision calls the split broken at alpha (0.05) instead of the sample-ratio
threshold 0.001, so a 10,200/9,800 split (p = 0.0047) blocks a clear win.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05, expected_share_a=0.5):
    mismatch = sample_ratio_mismatch(  # noqa: F821
        primary[1], primary[3], expected_share_a, threshold=alpha
    )["mismatch"]
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if (counts[0] + counts[2]) > 0
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

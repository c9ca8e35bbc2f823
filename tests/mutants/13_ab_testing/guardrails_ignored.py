"""Mistake: the ship decision looks at the primary metric only.

A conversion win that comes with significantly more errors ships anyway, which is exactly the
"declaring a win while a guardrail regresses" mistake the seed warns about.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05):
    z, p_value = two_proportion_ztest(*primary)  # noqa: F821
    wins = z > 0 and p_value < alpha
    return {
        "ship": bool(wins),
        "primary_p_value": p_value,
        "regressed_guardrails": [],
        "reason": "primary metric won" if wins else "primary metric did not win",
    }


inherit_reference(globals(), "13_ab_testing")

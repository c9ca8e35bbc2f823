"""Mistake: shipping whenever B's observed rate beats A's, without asking whether it is significant.

The seed's 5.2% -> 5.8% looks like a 12% lift, but p = 0.063: noise of that size is common, and a
decision rule that ships on it ships many changes that do nothing.
"""

from kata_harness.implementation import inherit_reference


def ship_decision(primary, guardrails, alpha=0.05):
    conversions_a, visitors_a, conversions_b, visitors_b = primary
    _, p_value = two_proportion_ztest(*primary)  # noqa: F821
    regressed = [
        name
        for name, counts in guardrails.items()
        if two_proportion_ztest(*counts, alternative="larger")[1] < alpha  # noqa: F821
    ]
    wins = conversions_b / visitors_b > conversions_a / visitors_a
    return {
        "ship": bool(wins and not regressed),
        "primary_p_value": p_value,
        "regressed_guardrails": regressed,
        "reason": "B's rate is higher" if wins else "B's rate is not higher",
    }


inherit_reference(globals(), "13_ab_testing")

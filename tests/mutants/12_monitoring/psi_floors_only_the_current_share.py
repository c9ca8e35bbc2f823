"""Mistake: eps floors the current shares only, on the belief that quantile bins
never leave the reference empty; with ties at the reference's minimum they do, and that bin's term
is dropped instead of counted large.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        "    reference_share = np.maximum(_bin_shares(reference, edges), eps)\n    current_share = np.maximum(_bin_shares(current, edges), eps)\n    return float(\n        np.sum((current_share - reference_share) * np.log(current_share / reference_share))\n    )",
        "    reference_share = _bin_shares(reference, edges)\n    current_share = np.maximum(_bin_shares(current, edges), eps)\n    kept = reference_share > 0\n    return float(\n        np.sum((current_share[kept] - reference_share[kept]) * np.log(current_share[kept] / reference_share[kept]))\n    )",
    )
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: the chi-square table gets a column only for the reference's categories, so a new
category's rows drop out of the test (it is still reported as unseen).
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('            [[reference_counts[c] for c in categories], [current_counts[c] for c in categories]]', '            [[reference_counts[c] for c in categories if c in reference_counts],\n             [current_counts[c] for c in categories if c in reference_counts]]')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

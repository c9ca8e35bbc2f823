"""Mistake: significant is p_value <= alpha and drift needs statistic > min_statistic,
the two boundaries the contract puts the other way.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [
    ("    significant = p_value < alpha\n", "    significant = p_value <= alpha\n"),
    (
        '"drift": significant and statistic >= min_statistic,',
        '"drift": significant and statistic > min_statistic,',
    ),
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

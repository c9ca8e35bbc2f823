"""Mistake: chi2_contingency(table, correction=False): on a 2 x 2 table (two categories) the
statistic and p-value lose the Yates continuity correction that scipy's default applies.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('        result = stats.chi2_contingency(table)', '        result = stats.chi2_contingency(table, correction=False)')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

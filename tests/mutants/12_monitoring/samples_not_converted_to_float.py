"""Mistake: numeric samples taken with np.asarray(values) and no float conversion: a None in a sample makes numpy raise a TypeError instead of the documented ValueError naming the sample.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('    values = np.asarray(values, dtype=float).ravel()', '    values = np.asarray(values).ravel()')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: the limit distribution is used from EXACT_KS_LIMIT values on, although a sample of exactly that size should still get scipy's ks_2samp.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('    if max(reference.size, current.size) <= EXACT_KS_LIMIT:', '    if max(reference.size, current.size) < EXACT_KS_LIMIT:')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

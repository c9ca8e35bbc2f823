"""Mistake: categorical drift when p_value <= alpha, where the contract says p_value < alpha.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('"drift": p_value < alpha or bool(unseen),', '"drift": p_value <= alpha or bool(unseen),')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: the constructor accepts window=0 and min_labels=0, which make the window empty (or
the whole history, with a [-0:] slice) and alerts fire on no evidence.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('        if window < 1:\n            raise ValueError', '        if window < 0:\n            raise ValueError'), ('        if min_labels < 1:\n            raise ValueError', '        if min_labels < 0:\n            raise ValueError')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

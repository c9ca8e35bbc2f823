"""Mistake: ModelMonitor defaults to a window of 1000 labelled predictions, not the documented 500.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('        window: int = 500,', '        window: int = 1000,')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

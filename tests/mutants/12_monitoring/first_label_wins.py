"""Mistake: a second label for the same id is ignored, so a corrected label never replaces the
wrong one that arrived first, and the monitor keeps scoring against the mistake.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_OLD = "self._labels[self._position[prediction_id]] = label"
assert _OLD in _SOURCE, "the mutation no longer applies to the reference"
_SOURCE = _SOURCE.replace(_OLD, "self._labels.setdefault(self._position[prediction_id], label)")
exec(compile(_SOURCE, __file__, "exec"), globals())

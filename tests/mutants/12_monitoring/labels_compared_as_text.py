"""Mistake: predictions and labels compared as text, str(prediction) == str(label): a
label feed that turned 1 into "1" goes unnoticed, and 1 against 1.0 counts as a miss.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('hits = sum(self._predictions[i] == self._labels[i] for i in recent)', 'hits = sum(str(self._predictions[i]) == str(self._labels[i]) for i in recent)')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: the window takes the labelled predictions with the largest ids, as if ids sorted in
logging order. Request ids are often random (UUIDs, hashes): then the "most recent" window is a
random sample of all history, and a recent fall in accuracy is diluted.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('        self._position[prediction_id] = len(self._predictions)\n        self._predictions.append(prediction)', '        self._position[prediction_id] = len(self._predictions)\n        self._predictions.append(prediction)\n        self._ids = getattr(self, "_ids", []) + [prediction_id]'), ('        recent = sorted(self._labels)[-self.window :]', '        recent = sorted(self._labels, key=lambda i: self._ids[i])[-self.window :]')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: learning_rate=1.0 as the default (no shrinkage), not the documented 0.1."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "03_ensembles" / "ensembles.py").read_text(encoding="utf-8")
_CHANGES = [('\n    def __init__(self, n_estimators: int = 100, learning_rate: float = 0.1):\n', '\n    def __init__(self, n_estimators: int = 100, learning_rate: float = 1.0):\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

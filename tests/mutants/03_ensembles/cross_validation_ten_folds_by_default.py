"""Mistake: cv=10 as the default, not the documented five folds."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "03_ensembles" / "ensembles.py").read_text(encoding="utf-8")
_CHANGES = [('\ndef cross_validated_accuracy(estimator, X, y, cv: int = 5, random_state=None) -> float:\n', '\ndef cross_validated_accuracy(estimator, X, y, cv: int = 10, random_state=None) -> float:\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

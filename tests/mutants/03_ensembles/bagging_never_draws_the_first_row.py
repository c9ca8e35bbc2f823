"""Mistake: rng.integers(1, n) for the bootstrap rows, an off-by-one that never draws row 0."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "03_ensembles" / "ensembles.py").read_text(encoding="utf-8")
_CHANGES = [('        for _ in range(self.n_estimators):\n            rows = rng.integers(0, n_samples, size=n_samples)\n', '        for _ in range(self.n_estimators):\n            rows = rng.integers(1, n_samples, size=n_samples)\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

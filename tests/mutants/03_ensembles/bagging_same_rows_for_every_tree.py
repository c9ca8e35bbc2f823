"""Mistake: re-seeding the generator inside the loop, so every tree gets the same bootstrap sample."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "03_ensembles" / "ensembles.py").read_text(encoding="utf-8")
_CHANGES = [('        n_samples = len(X)\n        self.trees_ = []\n        for _ in range(self.n_estimators):\n', '        n_samples = len(X)\n        self.trees_ = []\n        for _ in range(self.n_estimators):\n            rng = np.random.default_rng(self.random_state)\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

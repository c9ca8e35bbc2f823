"""Mistake: requiring more than one stage (n_estimators <= 1 raises), though one stump is a valid boosted model."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "03_ensembles" / "ensembles.py").read_text(encoding="utf-8")
_CHANGES = [('        """Keep the settings; refuse fewer than one stage or a learning rate that is not positive."""\n        if n_estimators < 1:\n', '        """Keep the settings; refuse fewer than one stage or a learning rate that is not positive."""\n        if n_estimators <= 1:\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

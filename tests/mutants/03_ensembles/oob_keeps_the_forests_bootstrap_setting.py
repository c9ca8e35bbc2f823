"""Mistake: setting only oob_score=True, so a forest given with bootstrap=False cannot be scored out of bag."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "03_ensembles" / "ensembles.py").read_text(encoding="utf-8")
_CHANGES = [('    """\n    model = clone(forest).set_params(oob_score=True, bootstrap=True)\n', '    """\n    model = clone(forest).set_params(oob_score=True)\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: refusing alpha=0 (alpha must be positive), though only a negative alpha is documented as an error."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "02_regularization" / "regularization.py").read_text(encoding="utf-8")
_CHANGES = [('    alpha = float(alpha)\n    if not alpha >= 0:\n', '    alpha = float(alpha)\n    if not alpha > 0:\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: one generic TypeError for a non-string category that never says which argument
(train, values or categories) holds it, so the learner cannot tell which column to fix.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py").read_text(encoding="utf-8")
_CHANGES = [('            raise TypeError(\n                f"{name} must hold strings or missing values; got {value!r} "\n', '            raise TypeError(\n                f"categories must be strings or missing values; got {value!r} "\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

"""Mistake: a category that vanished from current is called drift by itself,
though the contract's drift is p_value < alpha or an unseen category.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '"drift": p_value < alpha or bool(unseen),',
        '"drift": p_value < alpha or bool(unseen) or bool(missing),',
    )
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

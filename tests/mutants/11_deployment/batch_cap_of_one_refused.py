"""Mistake: create_app refuses max_batch_rows=1, a valid cap, because the
guard tests `<= 1` where the contract refuses only caps below 1.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '    if max_batch_rows < 1:\n',
        '    if max_batch_rows <= 1:\n',
    ),
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

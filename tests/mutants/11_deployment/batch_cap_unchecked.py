"""Mistake: create_app accepts max_batch_rows of 0 or below, and then serves a
batch endpoint that refuses every batch.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '    if max_batch_rows < 1:\n        raise ValueError(f"max_batch_rows must be at least 1, got {max_batch_rows}")\n',
        "",
    )
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

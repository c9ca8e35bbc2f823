"""Mistake: classes reported as their text, so a model fitted on 0, 1, 2 answers
classes ["0", "1", "2"] while its prediction is the integer 0: the two no longer match.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '    classes = artifact["metadata"]["classes"]\n',
        '    classes = [str(c) for c in artifact["metadata"]["classes"]]\n',
    )
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

"""Mistake: load_model checks only that the file holds a dict, so a dict that
lacks one of the artifact's keys fails later with a KeyError instead of a ValueError.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '    if not isinstance(artifact, dict) or not set(ARTIFACT_KEYS) <= set(artifact):\n',
        '    if not isinstance(artifact, dict):\n',
    ),
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

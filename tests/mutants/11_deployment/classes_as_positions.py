"""Mistake: responses list the classes as positions 0..k-1 and predict a position, not the
model's labels: with string labels the client gets 2 where the model says "virginica".
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('    classes = artifact["metadata"]["classes"]\n    probe', '    classes = list(range(len(artifact["metadata"]["classes"])))\n    probe'), ('        labels = np.asarray(pipeline.classes_)[np.argmax(probabilities, axis=1)]', '        labels = np.argmax(probabilities, axis=1)')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

"""Mistake: no check that the probabilities are finite. A model that returns NaN for a row
(an overflowing softmax, a corrupt weight) makes the service try to answer NaN, which is not
JSON: a 500; and /health reports ready while the model gives NaN for everything.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_OLD = "        return probabilities if np.all(np.isfinite(probabilities)) else None"
assert _OLD in _SOURCE, "the mutation no longer applies to the reference"
_SOURCE = _SOURCE.replace(_OLD, "        return probabilities")
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

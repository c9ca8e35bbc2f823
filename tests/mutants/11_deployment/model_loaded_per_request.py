"""Mistake: the artifact is checked at create_app but unpickled again on every request.

Each request pays for the load, and the answers change when someone replaces the file on disk
after the service started: the model serving traffic is no longer the one that was checked.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('    def probabilities_of(X: np.ndarray) -> np.ndarray | None:\n        """The pipeline\'s probabilities, or None where a step overflowed or raised on them."""', '    def probabilities_of(X: np.ndarray) -> np.ndarray | None:\n        """The pipeline\'s probabilities, or None where a step overflowed or raised on them."""\n        pipeline = joblib.load(model_path)["pipeline"]'), ('        labels = np.asarray(pipeline.classes_)', '        labels = np.asarray(joblib.load(model_path)["pipeline"].classes_)')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

"""Mistake: create_app unpickles the artifact with joblib.load and skips load_model's checks.

create_app returns happily on an artifact from another scikit-learn or with a schema that
disagrees with its pipeline; the failure surfaces in production, on requests, or never.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('    artifact = load_model(model_path)\n    pipeline = artifact["pipeline"]\n    names = artifact["schema"]["feature_names"]', '    artifact = joblib.load(model_path)\n    pipeline = artifact["pipeline"]\n    names = artifact["schema"]["feature_names"]')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

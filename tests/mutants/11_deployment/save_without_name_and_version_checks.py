"""Mistake: save_model writes whatever names and version it is given: repeated feature names
(two columns that cannot be told apart) and an empty version that no log or response can report.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('    if len(set(feature_names)) != len(feature_names):\n        raise ValueError(f"feature names repeat: {feature_names}")\n    if not str(model_version).strip():\n        raise ValueError("model_version is empty; every artifact needs a version to report")\n', '')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

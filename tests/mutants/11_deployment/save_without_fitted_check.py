"""Mistake: save_model without check_is_fitted, so an unfitted pipeline fails with an
AttributeError on n_features_in_ instead of a ValueError.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [("    check_is_fitted(pipeline)\n", "")]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

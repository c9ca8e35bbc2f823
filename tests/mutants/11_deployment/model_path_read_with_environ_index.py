"""Mistake: create_app_from_env reads os.environ["MODEL_PATH"], so an unset variable
surfaces as a bare KeyError instead of the ValueError that says what to set.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        "    path = os.environ.get(MODEL_PATH_VARIABLE)\n",
        "    path = os.environ[MODEL_PATH_VARIABLE]\n",
    )
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

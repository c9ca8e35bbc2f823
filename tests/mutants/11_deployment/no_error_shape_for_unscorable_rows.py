"""Mistake: rows the model cannot score are answered 400 with a bare string, not the
documented 422 {"detail": [{"loc", "msg", "type"}]}; clients that parse errors break.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('            raise _unscorable(bad or list(range(len(X))), field)', '            from fastapi import HTTPException\n\n            raise HTTPException(status_code=400, detail="cannot score")')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

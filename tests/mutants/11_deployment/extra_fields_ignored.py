"""Mistake: the request models ignore fields they do not define, so a misspelt
field beside the right one is silently dropped instead of refused with 422.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '        model_config = ConfigDict(extra="forbid")\n',
        '        model_config = ConfigDict(extra="ignore")\n',
    ),
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

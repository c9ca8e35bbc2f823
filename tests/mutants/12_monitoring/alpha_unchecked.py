"""Mistake: alpha is not validated: alpha=0 silently disables every alarm and alpha=1 flags
everything, where a ValueError would have named the mistake.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "12_monitoring" / "monitoring.py").read_text(encoding="utf-8")
_CHANGES = [('    if not 0 < alpha < 1:\n        raise ValueError', '    if False:\n        raise ValueError')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

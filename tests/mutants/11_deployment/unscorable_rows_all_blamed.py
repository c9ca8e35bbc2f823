"""Mistake: when a batch cannot be scored, every row is named in the 422,
so a client cannot tell the one overflowing row from the good ones.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [
    (
        '            bad = [i for i in range(len(X)) if probabilities_of(X[i : i + 1]) is None]\n',
        '            bad = list(range(len(X)))\n',
    ),
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

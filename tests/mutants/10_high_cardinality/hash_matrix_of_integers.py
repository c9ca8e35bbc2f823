"""Mistake: hash_encode builds an integer one-hot matrix, though the contract
promises an ndarray of float.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py").read_text(
    encoding="utf-8"
)
_CHANGES = [
    (
        "    encoded = np.zeros((len(values), n_buckets))\n",
        "    encoded = np.zeros((len(values), n_buckets), dtype=int)\n",
    ),
    (
        "    encoded[np.arange(len(values)), buckets] = 1.0\n",
        "    encoded[np.arange(len(values)), buckets] = 1\n",
    ),
]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

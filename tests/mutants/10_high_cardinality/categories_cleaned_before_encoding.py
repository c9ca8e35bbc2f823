"""Mistake: categories "cleaned" on the way in (stripped and lower-cased), so "Lima", "lima" and
"Lima " are merged into one category, although the contract compares them exactly.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py").read_text(encoding="utf-8")
_CHANGES = [('            )\n    return np.where(missing, MISSING, series.to_numpy())\n', '            )\n    cleaned = series.map(lambda value: value.strip().lower() if isinstance(value, str) else value)\n    return np.where(missing, MISSING, cleaned.to_numpy())\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

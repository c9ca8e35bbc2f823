"""Mistake: a default min_count of 5 where the contract says 10: levels with 5 to 9 rows are kept
as levels of their own, too rare for the model to learn anything reliable from.
"""

from kata_harness.catalog import SOLUTIONS_DIR, find_kata
from kata_harness.implementation import import_module_from, inherit_reference

_reference = import_module_from(
    find_kata("10_high_cardinality"), SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py"
)


def group_rare(train, values, min_count=5, other="Other"):
    return _reference.group_rare(train, values, min_count=min_count, other=other)


inherit_reference(globals(), "10_high_cardinality")

"""Mistake: hashing categories with Python's built-in hash().

hash() of a str is salted per interpreter (PYTHONHASHSEED), so the model trained in one process and
served in another puts the same city in different buckets: the feature is silently scrambled.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def hash_bucket(category, n_buckets):
    return hash(category) % n_buckets


def hash_encode(values, n_buckets=32):
    encoded = np.zeros((len(values), n_buckets))
    encoded[np.arange(len(values)), [hash_bucket(value, n_buckets) for value in values]] = 1.0
    return encoded


inherit_reference(globals(), "10_high_cardinality")

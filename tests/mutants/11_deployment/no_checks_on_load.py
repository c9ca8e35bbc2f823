"""Mistake: loading the artifact without checking it.

The artifact carries a schema and versions, but load_model trusts them blindly: a schema that
disagrees with the pipeline, a pickle from another scikit-learn, or columns in another order all
load fine and fail later, in production, or worse, silently predict on swapped columns.
"""

import joblib

from kata_harness.implementation import inherit_reference


def load_model(path, *, expected_features=None):
    return joblib.load(path)


inherit_reference(globals(), "11_deployment")

"""Mistake: the pipeline's polynomial step squares the raw age and salary instead of the standardized ones.

The column names are right, but salary² is around 10^10 and dominates any penalised model.
"""

from sklearn.preprocessing import PolynomialFeatures

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "07_feature_engineering")
_reference_pipeline = build_pipeline  # noqa: F821 (set by inherit_reference)


def build_pipeline():
    pipeline = _reference_pipeline()
    features = pipeline.named_steps["features"]
    features.transformers = [
        (name, PolynomialFeatures(degree=2, include_bias=False), cols) if name == "poly" else (name, step, cols)
        for name, step, cols in features.transformers
    ]
    return pipeline

"""Mistake: the pipeline standardizes age and salary with the statistics of the batch it transforms.

Fit looks fine, but at serving time a batch's own mean and deviation replace the training ones, so
a row's features depend on which other rows came with it, and a row alone scales to NaN.
"""

import pandas as pd
from sklearn.preprocessing import FunctionTransformer

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "07_feature_engineering")
_reference_pipeline = build_pipeline  # noqa: F821 (set by inherit_reference)


def standardize_batch(frame: pd.DataFrame) -> pd.DataFrame:
    return (frame - frame.mean()) / frame.std(ddof=0)


def build_pipeline():
    pipeline = _reference_pipeline()
    features = pipeline.named_steps["features"]
    features.transformers = [
        (name, FunctionTransformer(standardize_batch, feature_names_out="one-to-one"), cols)
        if name == "scale"
        else (name, step, cols)
        for name, step, cols in features.transformers
    ]
    return pipeline

"""Mistake: filling gaps with the training mean instead of the median.

The contract asks for the median, which a single extreme salary cannot drag; the mean can.
"""

import pandas as pd

from kata_harness.implementation import inherit_reference


def impute_with_training_medians(train, test, columns):
    means = train[columns].mean()

    def fill(frame):
        values = frame[columns].astype(float)
        flags = values.isna().astype(float).add_suffix("_was_missing")
        return pd.concat([values.fillna(means), flags], axis=1)

    return fill(train), fill(test)


inherit_reference(globals(), "07_feature_engineering")

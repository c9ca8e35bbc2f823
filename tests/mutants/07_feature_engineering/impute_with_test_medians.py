"""Mistake: filling each frame's gaps with that frame's own medians.

The training rows look right, but a test row's fill depends on the other test rows (a leak, and a
different value per batch); a single serving row with a gap has no median at all.
"""

import pandas as pd

from kata_harness.implementation import inherit_reference


def impute_with_training_medians(train, test, columns):
    def fill(frame):
        values = frame[columns].astype(float)
        flags = values.isna().astype(float).add_suffix("_was_missing")
        return pd.concat([values.fillna(values.median()), flags], axis=1)

    return fill(train), fill(test)


inherit_reference(globals(), "07_feature_engineering")

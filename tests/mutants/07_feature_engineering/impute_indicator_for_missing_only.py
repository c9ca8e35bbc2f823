"""Mistake: SimpleImputer(add_indicator=True), which flags only the columns that had gaps in fit.

A NaN that first appears at serving time is filled but not flagged, and the test frame's columns
differ from the ones the model was trained on as soon as a training column had no gap.
"""

import pandas as pd
from sklearn.impute import SimpleImputer

from kata_harness.implementation import inherit_reference


def impute_with_training_medians(train, test, columns):
    imputer = SimpleImputer(strategy="median", add_indicator=True).fit(train[columns])
    flagged = [columns[i] for i in imputer.indicator_.features_]
    names = list(columns) + [f"{c}_was_missing" for c in flagged]
    return tuple(
        pd.DataFrame(imputer.transform(f[columns]), columns=names, index=f.index)
        for f in (train, test)
    )


inherit_reference(globals(), "07_feature_engineering")

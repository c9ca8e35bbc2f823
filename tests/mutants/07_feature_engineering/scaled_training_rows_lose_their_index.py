"""Mistake: the scaled training frame is rebuilt from a NumPy array without its index.

The test frame keeps its index, but the training frame comes back numbered 0..n-1, so joining it
back to the training labels (or to other feature blocks) by index pairs rows with the wrong ones.
"""

import pandas as pd
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "07_feature_engineering")


def standardize(train, test, columns):
    for name, frame in (("train", train), ("test", test)):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {missing}")
    scaler = StandardScaler().fit(train[columns])
    train_scaled = pd.DataFrame(scaler.transform(train[columns]), columns=columns)
    test_scaled = pd.DataFrame(scaler.transform(test[columns]), columns=columns, index=test.index)
    return train_scaled, test_scaled

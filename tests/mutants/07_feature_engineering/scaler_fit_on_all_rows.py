"""Mistake: fitting the scaler on training and test rows together.

The test rows' mean and spread leak into the features the model is trained on, and the training
columns no longer have mean 0 and standard deviation 1.
"""

import pandas as pd
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference


def standardize(train, test, columns):
    scaler = StandardScaler().set_output(transform="pandas")
    scaler.fit(pd.concat([train[columns], test[columns]]))
    return scaler.transform(train[columns]), scaler.transform(test[columns])


inherit_reference(globals(), "07_feature_engineering")

"""Mistake: standardizing by hand as (x - mean) / std, with no guard for a constant column.

A column that never varies in training divides by zero and turns every value into NaN or inf.
"""

from kata_harness.implementation import inherit_reference


def standardize(train, test, columns):
    mean, std = train[columns].mean(), train[columns].std(ddof=0)
    return (train[columns] - mean) / std, (test[columns] - mean) / std


inherit_reference(globals(), "07_feature_engineering")

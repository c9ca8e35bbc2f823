"""Mistake: one-hot encoding train and test separately with pd.get_dummies.

Each call only knows the categories of the frame it is given, so a category that appears only in
test adds a column, a category missing from test drops one, and the model sees misaligned inputs.
"""

import pandas as pd

from kata_harness.implementation import inherit_reference


def one_hot(train, test, columns):
    encoded_train = pd.get_dummies(train[columns], columns=columns, dtype=float)
    encoded_test = pd.get_dummies(test[columns], columns=columns, dtype=float)
    return encoded_train, encoded_test


inherit_reference(globals(), "07_feature_engineering")

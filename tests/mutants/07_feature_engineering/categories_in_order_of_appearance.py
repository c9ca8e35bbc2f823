"""Mistake: one-hot columns in the order the categories first appear in the training rows.

The encoder handles unseen categories, but its columns depend on how the training rows happened to
be sorted, so refitting on the same data in another order silently permutes the features.
"""

import pandas as pd
from sklearn.preprocessing import OneHotEncoder

from kata_harness.implementation import inherit_reference


def one_hot(train, test, columns):
    categories = [list(pd.unique(train[column])) for column in columns]
    encoder = OneHotEncoder(categories=categories, handle_unknown="ignore", sparse_output=False)
    encoder.set_output(transform="pandas").fit(train[columns])
    return encoder.transform(train[columns]), encoder.transform(test[columns])


inherit_reference(globals(), "07_feature_engineering")

"""Mistake: a group-mean encoder whose transform averages over the rows it is given.

On test rows that means the test salaries decide the feature (a leak, and a different number per
batch); an unseen department simply gets its own test mean instead of the training global mean.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from kata_harness.implementation import inherit_reference


class GroupMeanEncoder(TransformerMixin, BaseEstimator):
    def __init__(self, group="department", value="salary"):
        self.group = group
        self.value = value

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        encoded = X.groupby(self.group)[self.value].transform("mean")
        return pd.DataFrame({self.get_feature_names_out()[0]: encoded.to_numpy()}, index=X.index)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"{self.value}_mean_by_{self.group}"], dtype=object)


inherit_reference(globals(), "07_feature_engineering")

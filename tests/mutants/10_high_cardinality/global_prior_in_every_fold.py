"""Mistake: cross-fitting target encoding, but shrinking every fold towards the mean of ALL rows.

The prior then contains the encoded fold's own targets: a small leak, and numbers that no longer
match scikit-learn's TargetEncoder, whose prior in each fold is the mean of the other folds.
"""

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

from kata_harness.implementation import inherit_reference


def out_of_fold_target_encode(categories, target, m=10.0, n_splits=5, random_state=None):
    categories, target = np.asarray(categories, dtype=object), np.asarray(target, dtype=float)
    prior = target.mean()
    encoded = np.empty(len(categories))
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for fit_rows, encode_rows in folds.split(categories):
        stats = pd.Series(target[fit_rows]).groupby(categories[fit_rows])
        encoding = (stats.sum() + m * prior) / (stats.count() + m)
        encoded[encode_rows] = (
            pd.Series(categories[encode_rows]).map(encoding).fillna(prior).to_numpy(dtype=float)
        )
    return encoded


inherit_reference(globals(), "10_high_cardinality")

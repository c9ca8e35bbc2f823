"""Mistake: binning ages with left-closed intervals (np.digitize's default), [0, 30), [30, 40), ...

Then 30 lands in "mid" and 40 in "senior", unlike pd.cut's right-closed bins, and ages outside the
edges are pushed into the first or last group instead of coming back missing.
"""

import numpy as np
import pandas as pd

from kata_harness.implementation import inherit_reference

AGE_LABELS = ("young", "mid", "senior")


def age_groups(ages):
    codes = np.clip(np.digitize(np.asarray(ages, dtype=float), [30, 40]), 0, 2)
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(AGE_LABELS), ordered=True))


inherit_reference(globals(), "07_feature_engineering")

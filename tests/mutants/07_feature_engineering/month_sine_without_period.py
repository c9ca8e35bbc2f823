"""Mistake: cyclical month features as sin(month) and cos(month), forgetting the 2 * pi / 12.

The month is then wrapped around the circle almost twice, so December lands close to June and far
from January: the encoding destroys the very closeness it was meant to express.
"""

import numpy as np
import pandas as pd

from kata_harness.implementation import inherit_reference


def date_features(dates):
    dates = pd.Series(pd.to_datetime(dates))
    month = dates.dt.month
    day_of_week = dates.dt.day_of_week
    return pd.DataFrame(
        {
            "year": dates.dt.year,
            "month": month,
            "day_of_week": day_of_week,
            "is_weekend": (day_of_week >= 5).astype(int),
            "month_sin": np.sin(month),
            "month_cos": np.cos(month),
        },
        index=dates.index,
    )


inherit_reference(globals(), "07_feature_engineering")

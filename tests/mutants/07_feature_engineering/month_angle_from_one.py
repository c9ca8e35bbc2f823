"""Mistake: the month angle as 2 * pi * month / 12 instead of 2 * pi * (month - 1) / 12.

Still a circle with twelve equal steps and December next to January, so only the documented
values show the shift: January no longer sits at (0, 1).
"""

import numpy as np
import pandas as pd

from kata_harness.implementation import inherit_reference


def date_features(dates):
    dates = pd.Series(pd.to_datetime(dates))
    month = dates.dt.month
    day_of_week = dates.dt.day_of_week
    angle = 2 * np.pi * month / 12
    return pd.DataFrame(
        {
            "year": dates.dt.year,
            "month": month,
            "day_of_week": day_of_week,
            "is_weekend": (day_of_week >= 5).astype(int),
            "month_sin": np.sin(angle),
            "month_cos": np.cos(angle),
        },
        index=dates.index,
    )


inherit_reference(globals(), "07_feature_engineering")

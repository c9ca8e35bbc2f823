"""Mistake: target encoding with the plain per-category mean, ignoring the smoothing strength m.

A category seen once with a positive label encodes as 1.0: the rarest levels get the most extreme
values, which a model then trusts the most.
"""

import pandas as pd

from kata_harness.implementation import inherit_reference


def smoothed_target_encode(train, target, values, m=10.0):
    frame = pd.DataFrame({"category": list(train), "target": list(target)})
    means = frame.groupby("category", dropna=False)["target"].mean()
    return pd.Series(list(values)).map(means).fillna(frame["target"].mean()).to_numpy(dtype=float)


inherit_reference(globals(), "10_high_cardinality")

"""Mistake: a lambda inside the pipeline's FunctionTransformer.

The pipeline fits and transforms fine in the notebook, but pickle cannot save a lambda, so
joblib.dump fails and the model never reaches production.

The module-level names it calls (age_groups, date_features, GroupMeanEncoder) come from the
reference through inherit_reference at the bottom.
"""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    OneHotEncoder,
    PolynomialFeatures,
    StandardScaler,
)

from kata_harness.implementation import inherit_reference

DATE_FEATURES = ("year", "month", "day_of_week", "is_weekend", "month_sin", "month_cos")


def build_pipeline():
    age_group = Pipeline(
        [
            (
                "bin",
                FunctionTransformer(
                    lambda frame: pd.DataFrame(
                        {"age_group": age_groups(frame["age"]).to_numpy()},  # noqa: F821
                        index=frame.index,
                    ),
                    feature_names_out=lambda transformer, names: ["age_group"],
                ),
            ),
            (
                "encode",
                OneHotEncoder(
                    categories=[["young", "mid", "senior"]],
                    handle_unknown="ignore",
                    sparse_output=False,
                ),
            ),
        ]
    )
    features = ColumnTransformer(
        [
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["department"]),
            ("scale", StandardScaler(), ["age", "salary"]),
            ("age_group", age_group, ["age"]),
            (
                "date",
                FunctionTransformer(
                    lambda frame: date_features(frame["date"]),  # noqa: F821
                    feature_names_out=lambda transformer, names: list(DATE_FEATURES),
                ),
                ["date"],
            ),
            (
                "poly",
                Pipeline(
                    [
                        ("scale", StandardScaler()),
                        ("expand", PolynomialFeatures(degree=2, include_bias=False)),
                    ]
                ),
                ["age", "salary"],
            ),
            ("department_mean", GroupMeanEncoder(), ["department", "salary"]),  # noqa: F821
        ]
    ).set_output(transform="pandas")
    return Pipeline([("features", features)])


inherit_reference(globals(), "07_feature_engineering")

"""Leans on other library pieces: pd.get_dummies on a Categorical of the training categories, TargetEncoder(smooth=0) for the group means, np.digitize(right=True) bins, SimpleImputer plus MissingIndicator inside a ColumnTransformer, numpy output turned into frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    OneHotEncoder,
    PolynomialFeatures,
    StandardScaler,
    TargetEncoder,
)

AGE_EDGES = (0, 30, 40, 100)
AGE_LABELS = ("young", "mid", "senior")
DATE_FEATURES = ("year", "month", "day_of_week", "is_weekend", "month_sin", "month_cos")


def _check(frame, columns, name):
    missing = sorted(set(columns) - set(frame.columns), key=list(columns).index)
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}")


def one_hot(train, test, columns):
    """pd.get_dummies over a Categorical that carries the sorted training categories."""
    _check(train, columns, "train")
    _check(test, columns, "test")
    dtypes = {c: pd.CategoricalDtype(sorted(train[c].dropna().unique())) for c in columns}

    def encode(frame):
        known = {c: frame[c].where(frame[c].isin(dtypes[c].categories)).astype(dtypes[c]) for c in columns}
        return pd.get_dummies(pd.DataFrame(known, index=frame.index), dtype=float)

    return encode(train), encode(test)


def standardize(train, test, columns):
    """StandardScaler with numpy output, wrapped back into frames."""
    _check(train, columns, "train")
    _check(test, columns, "test")
    scaler = StandardScaler().fit(train[columns].to_numpy(float))
    return tuple(
        pd.DataFrame(scaler.transform(f[columns].to_numpy(float)), columns=columns, index=f.index)
        for f in (train, test)
    )


def impute_with_training_medians(train, test, columns):
    """SimpleImputer and MissingIndicator(features="all") side by side in a FeatureUnion."""
    _check(train, columns, "train")
    _check(test, columns, "test")
    empty = [c for c in columns if train[c].notna().sum() == 0]
    if empty:
        raise ValueError(f"train column {empty[0]!r} has no observed value")
    union = FeatureUnion(
        [("value", SimpleImputer(strategy="median")), ("flag", MissingIndicator(features="all"))]
    ).fit(train[columns])
    names = list(columns) + [f"{c}_was_missing" for c in columns]
    return tuple(
        pd.DataFrame(union.transform(f[columns]).astype(float), columns=names, index=f.index)
        for f in (train, test)
    )


def age_groups(ages):
    """np.digitize with right=True on [0, 30, 40, 100]; codes outside 1..3 become missing."""
    values = pd.Series(ages, dtype=float).to_numpy()
    codes = np.digitize(values, AGE_EDGES, right=True)  # 0 -> 0, (0, 30] -> 1, ...
    codes = np.where(values == 0, 1, codes) - 1
    codes = np.where(np.isnan(values) | (codes < 0) | (codes > 2), -1, codes)
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(AGE_LABELS), ordered=True))


def date_features(dates):
    """DatetimeIndex fields; the input's index is put back afterwards."""
    index = dates.index if isinstance(dates, pd.Series) else None
    stamps = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates)))
    angle = np.pi * (stamps.month.to_numpy() - 1) / 6
    frame = pd.DataFrame(
        {
            "year": stamps.year,
            "month": stamps.month,
            "day_of_week": stamps.day_of_week,
            "is_weekend": (stamps.day_of_week > 4).astype(int),
            "month_sin": np.sin(angle),
            "month_cos": np.cos(angle),
        }
    )
    if index is not None:
        frame.index = index
    return frame


def polynomial_features(frame, columns):
    """PolynomialFeatures with numpy output and its own feature names."""
    _check(frame, columns, "frame")
    poly = PolynomialFeatures(degree=2, include_bias=False).fit(frame[columns])
    return pd.DataFrame(
        poly.transform(frame[columns]), columns=poly.get_feature_names_out(), index=frame.index
    )


class GroupMeanEncoder(TransformerMixin, BaseEstimator):
    """scikit-learn's TargetEncoder without smoothing, with the value column as the target."""

    def __init__(self, group="department", value="salary"):
        self.group = group
        self.value = value

    def fit(self, X, y=None):
        _check(X, [self.group, self.value], "X")
        self.encoder_ = TargetEncoder(smooth=0.0, target_type="continuous")
        self.encoder_.fit(X[[self.group]].astype(str), X[self.value].to_numpy(float))
        self.group_means_ = pd.Series(
            self.encoder_.encodings_[0], index=self.encoder_.categories_[0]
        )
        self.global_mean_ = float(self.encoder_.target_mean_)
        return self

    def transform(self, X):
        _check(X, [self.group], "X")
        encoded = self.encoder_.transform(X[[self.group]].astype(str))[:, 0]
        return pd.DataFrame({self.get_feature_names_out()[0]: encoded}, index=X.index)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"{self.value}_mean_by_{self.group}"], dtype=object)


def _age_dummies(frame):
    groups = age_groups(frame["age"])
    return pd.DataFrame(
        {f"age_group_{g}": (groups == g).astype(float).to_numpy() for g in AGE_LABELS},
        index=frame.index,
    )


def _age_dummy_names(transformer, input_features):
    return [f"age_group_{g}" for g in AGE_LABELS]


def _dates_of(frame):
    return date_features(frame["date"])


def _date_names(transformer, input_features):
    return list(DATE_FEATURES)


def build_pipeline():
    """One ColumnTransformer; the age groups are one-hot encoded inside one function."""
    features = ColumnTransformer(
        [
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["department"]),
            ("scale", StandardScaler(), ["age", "salary"]),
            ("age_group", FunctionTransformer(_age_dummies, feature_names_out=_age_dummy_names), ["age"]),
            ("date", FunctionTransformer(_dates_of, feature_names_out=_date_names), ["date"]),
            (
                "poly",
                Pipeline([("s", StandardScaler()), ("p", PolynomialFeatures(2, include_bias=False))]),
                ["age", "salary"],
            ),
            ("department_mean", GroupMeanEncoder(), ["department", "salary"]),
        ]
    ).set_output(transform="pandas")
    return Pipeline([("features", features)])

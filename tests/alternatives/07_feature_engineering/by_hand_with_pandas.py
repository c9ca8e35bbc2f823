"""From scratch with pandas and numpy: equality masks instead of OneHotEncoder, ddof=0 arithmetic instead of StandardScaler, np.searchsorted bins, hand-written transformers in the pipeline, np.nanmedian imputation."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

AGE_EDGES = (0, 30, 40, 100)
AGE_LABELS = ("young", "mid", "senior")
DATE_FEATURES = ("year", "month", "day_of_week", "is_weekend", "month_sin", "month_cos")


def _need(frame, columns, name):
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame")
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise ValueError(f"{name} is missing column(s) {absent}")


def _dummies(frame, categories_by_column):
    blocks = {}
    for column, categories in categories_by_column.items():
        values = frame[column].to_numpy()
        for category in categories:
            blocks[f"{column}_{category}"] = (values == category).astype(float)
    return pd.DataFrame(blocks, index=frame.index)


def one_hot(train, test, columns):
    """One-hot with the training categories, sorted."""
    _need(train, columns, "train")
    _need(test, columns, "test")
    categories = {c: sorted(pd.unique(train[c].dropna())) for c in columns}
    return _dummies(train, categories), _dummies(test, categories)


def _scale(frame, mean, std):
    return (frame - mean) / std.where(std > 0, 1.0)


def standardize(train, test, columns):
    """(x - mean) / std with ddof=0, constant columns only centred."""
    _need(train, columns, "train")
    _need(test, columns, "test")
    values = train[columns].astype(float)
    mean, std = values.mean(), values.std(ddof=0)
    return _scale(values, mean, std), _scale(test[columns].astype(float), mean, std)


def impute_with_training_medians(train, test, columns):
    """Training medians fill the gaps; every column gets its was-missing flag."""
    _need(train, columns, "train")
    _need(test, columns, "test")
    medians = {}
    for column in columns:
        observed = train[column].to_numpy(float)
        if np.isnan(observed).all():
            raise ValueError(f"train column {column!r} has no observed value")
        medians[column] = float(np.nanmedian(observed))

    def fill(frame):
        out = {}
        for column in columns:
            out[column] = frame[column].astype(float).fillna(medians[column])
        for column in columns:
            out[f"{column}_was_missing"] = frame[column].isna().astype(float)
        return pd.DataFrame(out, index=frame.index)

    return fill(train), fill(test)


def age_groups(ages):
    """np.searchsorted on the inner edges, with 0 and 100 included and the rest missing."""
    values = np.asarray(pd.Series(ages, dtype=float), dtype=float)
    codes = np.searchsorted(np.array([30.0, 40.0]), values, side="left")
    outside = np.isnan(values) | (values < 0) | (values > 100)
    codes = np.where(outside, -1, codes)
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(AGE_LABELS), ordered=True))


def date_features(dates):
    """Calendar fields via the ISO calendar (Monday = 1, shifted to 0) and an angle from month 0..11."""
    series = dates if isinstance(dates, pd.Series) else pd.Series(dates)
    series = pd.to_datetime(series)
    month = series.dt.month.astype(int)
    weekday = series.dt.isocalendar().day.astype(int) - 1
    turn = (month - 1) / 12.0
    return pd.DataFrame(
        {
            "year": series.dt.year.astype(int),
            "month": month,
            "day_of_week": weekday,
            "is_weekend": weekday.isin([5, 6]).astype(int),
            "month_sin": np.sin(2 * np.pi * turn),
            "month_cos": np.cos(2 * np.pi * turn),
        },
        index=series.index,
    )


def _expand(frame, columns):
    out = {c: frame[c].astype(float) for c in columns}
    for i, a in enumerate(columns):
        for b in columns[i:]:
            name = f"{a}^2" if a == b else f"{a} {b}"
            out[name] = frame[a].astype(float) * frame[b].astype(float)
    return pd.DataFrame(out, index=frame.index)


def polynomial_features(frame, columns):
    """Degree-2 terms written out by hand."""
    _need(frame, columns, "frame")
    return _expand(frame, list(columns))


class GroupMeanEncoder(TransformerMixin, BaseEstimator):
    """Group means stored in a plain dict."""

    def __init__(self, group="department", value="salary"):
        self.group = group
        self.value = value

    def fit(self, X, y=None):
        _need(X, [self.group, self.value], "X")
        sums, counts = {}, {}
        for key, amount in zip(X[self.group], X[self.value].astype(float)):
            sums[key] = sums.get(key, 0.0) + amount
            counts[key] = counts.get(key, 0) + 1
        self.group_means_ = pd.Series({k: sums[k] / counts[k] for k in sums})
        self.global_mean_ = float(np.mean(X[self.value].to_numpy(float)))
        return self

    def transform(self, X):
        _need(X, [self.group], "X")
        lookup = self.group_means_.to_dict()
        values = [lookup.get(key, self.global_mean_) for key in X[self.group]]
        return pd.DataFrame({self.get_feature_names_out()[0]: np.asarray(values, float)}, index=X.index)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"{self.value}_mean_by_{self.group}"], dtype=object)


class _OneHot(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.columns_ = list(X.columns)
        self.categories_ = {c: sorted(pd.unique(X[c].dropna())) for c in self.columns_}
        return self

    def transform(self, X):
        return _dummies(X, self.categories_)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"{c}_{v}" for c in self.columns_ for v in self.categories_[c]], dtype=object)


class _Scale(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        values = X.astype(float)
        self.columns_ = list(X.columns)
        self.mean_, self.std_ = values.mean(), values.std(ddof=0)
        return self

    def transform(self, X):
        return _scale(X.astype(float), self.mean_, self.std_)

    def get_feature_names_out(self, input_features=None):
        return np.array(self.columns_, dtype=object)


class _AgeGroups(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        groups = age_groups(X["age"].to_numpy())
        return pd.DataFrame(
            {f"age_group_{g}": (groups == g).to_numpy().astype(float) for g in AGE_LABELS},
            index=X.index,
        )

    def get_feature_names_out(self, input_features=None):
        return np.array([f"age_group_{g}" for g in AGE_LABELS], dtype=object)


class _Dates(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return date_features(X["date"])

    def get_feature_names_out(self, input_features=None):
        return np.array(DATE_FEATURES, dtype=object)


class _ScaledSquares(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.scale_ = _Scale().fit(X)
        return self

    def transform(self, X):
        return _expand(self.scale_.transform(X), list(X.columns))

    def get_feature_names_out(self, input_features=None):
        return np.array(list(_expand(pd.DataFrame({c: [0.0] for c in self.scale_.columns_}), self.scale_.columns_).columns), dtype=object)


def build_pipeline():
    """Hand-written transformers inside one ColumnTransformer."""
    features = ColumnTransformer(
        [
            ("onehot", _OneHot(), ["department"]),
            ("scale", _Scale(), ["age", "salary"]),
            ("age_group", _AgeGroups(), ["age"]),
            ("date", _Dates(), ["date"]),
            ("poly", _ScaledSquares(), ["age", "salary"]),
            ("department_mean", GroupMeanEncoder("department", "salary"), ["department", "salary"]),
        ]
    ).set_output(transform="pandas")
    return Pipeline([("features", features)])

"""Feature engineering that behaves the same on tomorrow's rows as on today's: encoders and scalers
learn from training data only, and every step lives in one pipeline that can be saved and reloaded."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    OneHotEncoder,
    PolynomialFeatures,
    StandardScaler,
)

AGE_EDGES = (0, 30, 40, 100)
AGE_LABELS = ("young", "mid", "senior")
DATE_FEATURES = ("year", "month", "day_of_week", "is_weekend", "month_sin", "month_cos")


def _require_columns(frame: pd.DataFrame, columns, name: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}")


def one_hot(
    train: pd.DataFrame, test: pd.DataFrame, columns: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One-hot encode ``columns`` with the categories seen in ``train``, for both frames.

    Parameters
    ----------
    train, test : DataFrame
        Both must hold every name in ``columns``.
    columns : list of str
        The categorical columns to encode.

    Returns
    -------
    train_encoded, test_encoded : DataFrame
        0/1 float columns named ``<column>_<category>``, categories in sorted order, the input's
        index kept. Both frames have exactly the same columns. A category absent from ``train`` gets
        a row of zeros; it never raises and never adds a column.

    Raises
    ------
    ValueError
        If a frame lacks one of ``columns``: ``"test is missing column(s) ['department']"``.
    """
    _require_columns(train, columns, "train")
    _require_columns(test, columns, "test")
    encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    encoder.set_output(transform="pandas").fit(train[columns])
    return encoder.transform(train[columns]), encoder.transform(test[columns])


def standardize(
    train: pd.DataFrame, test: pd.DataFrame, columns: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scale ``columns`` to mean 0 and standard deviation 1 using the training rows' statistics only.

    Parameters
    ----------
    train, test : DataFrame
        Both must hold every name in ``columns``.
    columns : list of str
        The numeric columns to scale.

    Returns
    -------
    train_scaled, test_scaled : DataFrame
        The scaled ``columns`` (same names, the input's index kept). Both are
        ``(x - train mean) / train standard deviation``, the deviation with ``ddof=0`` as
        `StandardScaler` computes it. A column that is constant in ``train`` has deviation 0; it is
        only centred (divided by 1, as `StandardScaler` does), so it never turns into NaN or inf.

    Raises
    ------
    ValueError
        If a frame lacks one of ``columns``, naming the frame: ``"train is missing column(s) ['age']"``.
    """
    _require_columns(train, columns, "train")
    _require_columns(test, columns, "test")
    scaler = StandardScaler().set_output(transform="pandas").fit(train[columns])
    return scaler.transform(train[columns]), scaler.transform(test[columns])


def impute_with_training_medians(
    train: pd.DataFrame, test: pd.DataFrame, columns: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill missing values of ``columns`` with the training rows' medians, and flag every fill.

    Parameters
    ----------
    train, test : DataFrame
        Both must hold every name in ``columns``.
    columns : list of str
        The numeric columns to impute.

    Returns
    -------
    train_imputed, test_imputed : DataFrame
        First ``columns``, each missing value replaced by the median of that column over the
        training rows (their missing values left out); then one float 0/1 column
        ``<column>_was_missing`` per name in ``columns``, in the same order, 1 where the value was
        missing. Every column gets its indicator, even one with no missing value in ``train``: a
        NaN that first appears at serving time becomes the training median and is flagged, and both
        frames always have the same columns. The input's index is kept; the inputs are not changed.

    Raises
    ------
    ValueError
        If a frame lacks one of ``columns`` (``"test is missing column(s) ['age']"``), or a column
        has no observed value in ``train``: ``"train column 'age' has no observed value"``.
    """
    _require_columns(train, columns, "train")
    _require_columns(test, columns, "test")
    for column in columns:
        if train[column].isna().all():
            raise ValueError(f"train column {column!r} has no observed value")
    imputer = SimpleImputer(strategy="median").set_output(transform="pandas").fit(train[columns])
    # features="all": a column with no NaN in training still gets its flag; SimpleImputer's own
    # add_indicator would flag only the columns that had missing values during fit.
    indicator = MissingIndicator(features="all").fit(train[columns])
    names = [f"{column}_was_missing" for column in columns]

    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        flags = pd.DataFrame(
            indicator.transform(frame[columns]).astype(float), columns=names, index=frame.index
        )
        return pd.concat([imputer.transform(frame[columns]), flags], axis=1)

    return apply(train), apply(test)


def age_groups(ages) -> pd.Series:
    """Bin ages into "young" (0-30), "mid" (over 30 to 40) and "senior" (over 40 to 100).

    The edges are `AGE_EDGES`, closed on the right as in ``pd.cut``: 30 is "young", 31 is "mid",
    40 is "mid", 41 is "senior". Age 0 belongs to "young" (the lowest edge is included).

    Parameters
    ----------
    ages : array-like of numbers

    Returns
    -------
    Series
        An ordered categorical with categories `AGE_LABELS`. An age below 0 or above 100, or a
        missing age, comes back missing (NaN): it is never pushed into the nearest group.
    """
    return pd.cut(
        pd.Series(ages, dtype=float),
        bins=list(AGE_EDGES),
        labels=list(AGE_LABELS),
        right=True,
        include_lowest=True,
        ordered=True,
    )


def date_features(dates) -> pd.DataFrame:
    """Calendar features of each date, with the month also placed on a circle.

    Parameters
    ----------
    dates : Series or array-like of datetimes or ISO date strings

    Returns
    -------
    DataFrame
        Columns `DATE_FEATURES`: ``year``, ``month`` (1-12), ``day_of_week`` (Monday = 0,
        Sunday = 6), ``is_weekend`` (1 on Saturday and Sunday, else 0), and ``month_sin``,
        ``month_cos``: the sine and cosine of ``2 * pi * (month - 1) / 12``, so December sits next
        to January. The input's index is kept when it is a Series.
    """
    dates = pd.Series(pd.to_datetime(dates))
    month = dates.dt.month
    angle = 2 * np.pi * (month - 1) / 12
    day_of_week = dates.dt.day_of_week
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


def polynomial_features(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Degree-2 polynomial features of ``columns`` without a bias column.

    For two columns ``a`` and ``b`` the result is ``[a, b, a^2, a b, b^2]``, named exactly so, the
    same as scikit-learn's ``PolynomialFeatures(degree=2, include_bias=False)``.

    Raises
    ------
    ValueError
        If ``frame`` lacks one of ``columns``: ``"frame is missing column(s) ['salary']"``.
    """
    _require_columns(frame, columns, "frame")
    poly = PolynomialFeatures(degree=2, include_bias=False).set_output(transform="pandas")
    return poly.fit_transform(frame[columns])


class GroupMeanEncoder(TransformerMixin, BaseEstimator):
    """Replace each row's group by the mean of ``value`` over the training rows of that group.

    Parameters
    ----------
    group : str, default "department"
        The grouping column.
    value : str, default "salary"
        The numeric column averaged per group.

    After `fit`, ``group_means_`` maps each training group to its mean and ``global_mean_`` is the
    mean of ``value`` over all training rows. `transform` returns one column,
    ``"<value>_mean_by_<group>"``; a group unseen in training gets ``global_mean_``.
    """

    def __init__(self, group: str = "department", value: str = "salary"):
        """Store the two column names; nothing is learned until `fit`."""
        self.group = group
        self.value = value

    def fit(self, X: pd.DataFrame, y=None):
        """Learn the per-group and global means of ``value`` from the training frame ``X``.

        Raises
        ------
        ValueError
            If ``X`` lacks ``group`` or ``value``: ``"X is missing column(s) ['salary']"``.
        """
        _require_columns(X, [self.group, self.value], "X")
        self.group_means_ = X.groupby(self.group)[self.value].mean()
        self.global_mean_ = float(X[self.value].mean())
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Map each row of ``X`` to its group's training mean (``global_mean_`` if unseen).

        Raises
        ------
        ValueError
            If ``X`` lacks ``group``: ``"X is missing column(s) ['department']"``.
        """
        _require_columns(X, [self.group], "X")
        encoded = X[self.group].map(self.group_means_).astype(float).fillna(self.global_mean_)
        return pd.DataFrame({self.get_feature_names_out()[0]: encoded.to_numpy()}, index=X.index)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The single output name, ``"<value>_mean_by_<group>"``."""
        return np.array([f"{self.value}_mean_by_{self.group}"], dtype=object)


def _age_group_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"age_group": age_groups(frame["age"]).to_numpy()}, index=frame.index)


def _date_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return date_features(frame["date"])


def _age_group_name(transformer, input_features) -> list[str]:
    return ["age_group"]


def _date_feature_names(transformer, input_features) -> list[str]:
    return list(DATE_FEATURES)


def build_pipeline() -> Pipeline:
    """Every feature step above in one scikit-learn Pipeline, ready to fit, save and reload.

    The input is a DataFrame with columns ``age``, ``salary``, ``department`` and ``date``. The
    ``"features"`` step is a ColumnTransformer with pandas output whose columns are, in order:

    - ``onehot__department_<category>`` (sorted; an unseen department is all zeros),
    - ``scale__age``, ``scale__salary`` (standardized with training statistics),
    - ``age_group__age_group_young``, ``age_group__age_group_mid``, ``age_group__age_group_senior``,
    - ``date__`` followed by each name in `DATE_FEATURES`,
    - ``poly__age``, ``poly__salary``, ``poly__age^2``, ``poly__age salary``, ``poly__salary^2``
      (degree 2 on the standardized age and salary),
    - ``department_mean__salary_mean_by_department`` (`GroupMeanEncoder`).

    The fitted pipeline's ``get_feature_names_out()`` returns these same names, in this order.
    Every step is a named module-level function or class, so ``joblib.dump`` can pickle it. A
    model would follow as a second step: ``Pipeline([("features", ...), ("model", ...)])``.
    """
    age_group = Pipeline(
        [
            ("bin", FunctionTransformer(_age_group_frame, feature_names_out=_age_group_name)),
            (
                "encode",
                OneHotEncoder(
                    categories=[list(AGE_LABELS)], handle_unknown="ignore", sparse_output=False
                ),
            ),
        ]
    )
    features = ColumnTransformer(
        [
            (
                "onehot",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ["department"],
            ),
            ("scale", StandardScaler(), ["age", "salary"]),
            ("age_group", age_group, ["age"]),
            (
                "date",
                FunctionTransformer(_date_frame, feature_names_out=_date_feature_names),
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
            ("department_mean", GroupMeanEncoder("department", "salary"), ["department", "salary"]),
        ]
    ).set_output(transform="pandas")
    return Pipeline([("features", features)])

"""Kata 07, feature engineering: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

import joblib
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures

DEPARTMENTS = ["Finance", "HR", "IT", "Ops"]
DATE_FEATURES = ["year", "month", "day_of_week", "is_weekend", "month_sin", "month_cos"]
SALARY_BY_DEPARTMENT = {"Finance": 70_000, "HR": 52_000, "IT": 64_000, "Ops": 48_000}


def _people(rng: np.random.Generator, n: int, departments: list[str]) -> pd.DataFrame:
    department = rng.choice(departments, size=n)
    base = np.array([SALARY_BY_DEPARTMENT.get(d, 60_000) for d in department])
    return pd.DataFrame(
        {
            "age": rng.integers(20, 66, size=n),
            "salary": (base + rng.normal(0, 8_000, size=n)).round(),
            "department": department,
            "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, n), unit="D"),
        }
    )


@pytest.fixture(scope="session")
def frames(seed):
    """60 training rows over four departments; 12 test rows that bring an unseen "Legal" and lack "Ops"."""
    rng = np.random.default_rng(seed)
    train = _people(rng, 60, DEPARTMENTS)
    test = _people(rng, 12, ["Finance", "HR", "IT", "Legal"])
    test.loc[0, "department"] = "Legal"
    test.index = range(100, 112)
    return train, test


_PIPELINES: dict = {}


def _fitted_pipeline(impl, seed: int, train: pd.DataFrame):
    """build_pipeline() fitted on the training rows, once per implementation module and seed."""
    key = (impl.module, seed)
    if key not in _PIPELINES:
        _PIPELINES[key] = impl.build_pipeline().fit(train)
    return _PIPELINES[key]


# --- One-hot encoding ------------------------------------------------------------------------


def test_one_hot_maps_an_unseen_category_to_an_all_zero_row(impl, frames):
    """A category the encoder never saw in training becomes a row of zeros, without an error."""
    train, test = frames

    _, encoded = impl.one_hot(train, test, ["department"])

    legal = (test["department"] == "Legal").to_numpy()
    assert_array_equal(
        encoded.to_numpy()[legal],
        0.0,
        err_msg="one_hot(train, test, ['department']): the unseen 'Legal' rows should be all zeros",
    )
    seen = test.loc[~legal, "department"].to_numpy()
    assert_array_equal(
        encoded.to_numpy()[~legal].sum(axis=1),
        1.0,
        err_msg="every test row of a known department should carry exactly one 1",
    )
    for department, row in zip(seen, encoded.to_numpy()[~legal], strict=True):
        assert row[list(encoded.columns).index(f"department_{department}")] == 1.0, (
            f"a {department!r} row came back as {row.tolist()} over columns {list(encoded.columns)}"
        )


def test_one_hot_gives_test_data_exactly_the_training_columns(impl, frames):
    """New categories add no column and a missing category removes none: test and train share columns."""
    train, test = frames

    encoded_train, encoded_test = impl.one_hot(train, test, ["department"])

    expected = [f"department_{d}" for d in DEPARTMENTS]
    assert list(encoded_train.columns) == expected, (
        f"one_hot gave the training frame columns {list(encoded_train.columns)}; expected {expected}"
    )
    assert list(encoded_test.columns) == expected, (
        f"the test frame (which has 'Legal' and no 'Ops') came back with columns "
        f"{list(encoded_test.columns)}; a model fitted on {expected} needs exactly those"
    )
    assert_array_equal(encoded_test.index, test.index, err_msg="one_hot lost the test index")


def test_one_hot_column_order_does_not_depend_on_row_order(impl, frames, rng):
    """Fitting on the same training rows in another order gives the same columns in the same order."""
    train, test = frames
    shuffled = train.iloc[rng.permutation(len(train))]

    first, _ = impl.one_hot(train, test, ["department"])
    second, _ = impl.one_hot(shuffled, test, ["department"])

    assert list(first.columns) == list(second.columns), (
        f"one_hot on shuffled training rows gave columns {list(second.columns)} instead of "
        f"{list(first.columns)}; the order must come from the categories, not from the rows"
    )


# --- Standardization without leaking ---------------------------------------------------------


def test_standardize_gives_training_columns_mean_zero_and_unit_std(impl, frames):
    """Fitted on training data, the scaled training columns have mean 0 and standard deviation 1."""
    train, test = frames

    scaled_train, _ = impl.standardize(train, test, ["age", "salary"])

    assert list(scaled_train.columns) == ["age", "salary"]
    # StandardScaler divides by the population deviation (ddof=0), so np.std is the right check.
    assert_allclose(scaled_train.mean().to_numpy(), 0.0, atol=1e-12, err_msg="column means")
    assert_allclose(scaled_train.to_numpy().std(axis=0), 1.0, rtol=1e-12, err_msg="column stds")


def test_standardize_transforms_test_rows_with_training_statistics(impl, frames):
    """Test rows are scaled with the training mean and deviation, never with their own or pooled ones."""
    train, test = frames
    columns = ["age", "salary"]

    _, scaled_test = impl.standardize(train, test, columns)

    mean, std = train[columns].mean(), train[columns].std(ddof=0)
    expected = (test[columns] - mean) / std
    assert_allclose(
        scaled_test.to_numpy(),
        expected.to_numpy(),
        rtol=1e-10,
        err_msg=(
            "standardize(train, test): test rows must be (x - train mean) / train std; a scaler "
            "fitted on test rows or on train + test gives other numbers"
        ),
    )
    assert_array_equal(scaled_test.index, test.index, err_msg="standardize lost the test index")


# --- Binning ---------------------------------------------------------------------------------


def test_age_groups_are_closed_on_the_right(impl):
    """With edges [0, 30, 40, 100], 30 is "young", 31 is "mid", 40 is "mid", 41 and 100 are "senior"."""
    ages = [0, 18, 30, 31, 40, 41, 100]

    groups = impl.age_groups(ages)

    expected = ["young", "young", "young", "mid", "mid", "senior", "senior"]
    assert groups.tolist() == expected, (
        f"age_groups({ages}) returned {groups.tolist()}; right-closed bins give {expected}"
    )
    assert list(groups.cat.categories) == ["young", "mid", "senior"] and groups.cat.ordered, (
        "the groups should be an ordered categorical young < mid < senior"
    )


def test_age_groups_leave_out_of_range_ages_missing(impl):
    """An age below 0 or above 100, or a missing age, comes back missing rather than in an edge group."""
    ages = [-1, 101, 120, np.nan, 35]

    groups = impl.age_groups(ages)

    assert groups.isna().tolist() == [True, True, True, True, False], (
        f"age_groups({ages}) returned {groups.tolist()}; ages outside [0, 100] and NaN must be "
        "missing, as documented, and 35 must be 'mid'"
    )
    assert groups.iloc[4] == "mid"


# --- Date features ---------------------------------------------------------------------------


def test_date_features_give_year_month_weekday_and_weekend(impl):
    """Year, month, day of week with Monday = 0, and a weekend flag for Saturday and Sunday."""
    dates = pd.Series(pd.to_datetime(["2024-01-01", "2024-03-09", "2024-03-10", "2023-12-29"]))

    features = impl.date_features(dates)

    assert features["year"].tolist() == [2024, 2024, 2024, 2023]
    assert features["month"].tolist() == [1, 3, 3, 12]
    assert features["day_of_week"].tolist() == [0, 5, 6, 4], (
        f"date_features gave day_of_week {features['day_of_week'].tolist()} for a Monday, "
        "Saturday, Sunday and Friday; Monday must be 0"
    )
    assert features["is_weekend"].tolist() == [0, 1, 1, 0], (
        f"is_weekend came back {features['is_weekend'].tolist()}; Saturday and Sunday are the weekend"
    )


def test_cyclical_month_puts_december_nearer_january_than_june(impl):
    """The (sine, cosine) month encoding places December next to January and far from June."""
    dates = pd.Series(pd.to_datetime([f"2024-{month:02d}-15" for month in range(1, 13)]))

    features = impl.date_features(dates)

    points = features[["month_sin", "month_cos"]].to_numpy()
    assert_allclose(np.hypot(points[:, 0], points[:, 1]), 1.0, rtol=1e-12)
    december_to_january = np.linalg.norm(points[11] - points[0])
    december_to_june = np.linalg.norm(points[11] - points[5])
    assert december_to_january < december_to_june, (
        f"December lies {december_to_january:.2f} from January and {december_to_june:.2f} from "
        "June; on the month circle December must be January's neighbour"
    )
    steps = np.linalg.norm(np.diff(np.vstack([points, points[:1]]), axis=0), axis=1)
    assert_allclose(steps, 2 * np.sin(np.pi / 12), rtol=1e-9, err_msg="12 equal steps per year")


# --- Polynomial features ---------------------------------------------------------------------


def test_polynomial_features_give_a_b_a2_ab_b2_as_scikit_learn_does(impl, frames):
    """Degree 2 on two columns without a bias gives [a, b, a^2, ab, b^2], as PolynomialFeatures does."""
    train, _ = frames
    a, b = train["age"].to_numpy(float), train["salary"].to_numpy(float)

    expanded = impl.polynomial_features(train, ["age", "salary"])

    assert list(expanded.columns) == ["age", "salary", "age^2", "age salary", "salary^2"], (
        f"polynomial_features returned columns {list(expanded.columns)}"
    )
    assert_allclose(expanded.to_numpy(), np.column_stack([a, b, a * a, a * b, b * b]), rtol=1e-12)
    peer = PolynomialFeatures(degree=2, include_bias=False).fit_transform(train[["age", "salary"]])
    assert_allclose(expanded.to_numpy(), peer, rtol=1e-12, err_msg="scikit-learn disagrees")


# --- Group aggregates ------------------------------------------------------------------------


def test_group_mean_encoder_maps_training_means_onto_test_rows(impl, frames):
    """Mean salary per department is learned on training rows and mapped onto test rows."""
    train, test = frames
    training_means = train.groupby("department")["salary"].mean()

    encoder = impl.GroupMeanEncoder(group="department", value="salary").fit(train)
    encoded = encoder.transform(test)

    assert list(encoded.columns) == ["salary_mean_by_department"]
    known = test["department"] != "Legal"
    assert_allclose(
        encoded.loc[known, "salary_mean_by_department"].to_numpy(),
        test.loc[known, "department"].map(training_means).to_numpy(float),
        rtol=1e-12,
        err_msg="test rows must get their department's mean over the TRAINING rows",
    )


def test_group_mean_encoder_gives_an_unseen_group_the_global_mean(impl, frames):
    """A department absent from training gets the mean salary over all training rows."""
    train, test = frames

    encoded = impl.GroupMeanEncoder(group="department", value="salary").fit(train).transform(test)

    legal = encoded.loc[test["department"] == "Legal", "salary_mean_by_department"].to_numpy()
    assert_allclose(
        legal,
        train["salary"].mean(),
        rtol=1e-12,
        err_msg=(
            f"the unseen 'Legal' rows came back {legal}; they need the training rows' global mean "
            f"{train['salary'].mean():.1f} (not NaN, 0, or a mean of the department means)"
        ),
    )


# --- One pipeline ----------------------------------------------------------------------------


def test_pipeline_applies_every_step_to_new_rows(impl, frames, seed):
    """One fitted Pipeline turns raw rows into every documented feature, unseen categories included."""
    train, test = frames

    pipeline = _fitted_pipeline(impl, seed, train)
    features = pipeline.transform(test)

    assert isinstance(pipeline, Pipeline), f"build_pipeline() returned {type(pipeline).__name__}"
    expected = (
        [f"onehot__department_{d}" for d in DEPARTMENTS]
        + ["scale__age", "scale__salary"]
        + [f"age_group__age_group_{g}" for g in ("young", "mid", "senior")]
        + [f"date__{name}" for name in DATE_FEATURES]
        + ["poly__age", "poly__salary", "poly__age^2", "poly__age salary", "poly__salary^2"]
        + ["department_mean__salary_mean_by_department"]
    )
    assert list(features.columns) == expected, f"the pipeline's columns: {list(features.columns)}"
    _, scaled = impl.standardize(train, test, ["age", "salary"])
    assert_allclose(features[["scale__age", "scale__salary"]].to_numpy(), scaled.to_numpy())
    legal = (test["department"] == "Legal").to_numpy()
    assert_array_equal(features.filter(like="onehot__").to_numpy()[legal], 0.0)
    assert_allclose(
        features["department_mean__salary_mean_by_department"].to_numpy()[legal],
        train["salary"].mean(),
        rtol=1e-12,
    )


def test_pipeline_gives_the_same_output_after_a_joblib_round_trip(impl, frames, seed, tmp_path):
    """The fitted pipeline saved with joblib and loaded again transforms new rows identically."""
    train, test = frames
    pipeline = _fitted_pipeline(impl, seed, train)
    before = pipeline.transform(test)

    joblib.dump(pipeline, tmp_path / "features.joblib")
    reloaded = joblib.load(tmp_path / "features.joblib")

    after = reloaded.transform(test)
    assert list(after.columns) == list(before.columns)
    assert_array_equal(
        after.to_numpy(),
        before.to_numpy(),
        err_msg="the reloaded pipeline transformed the same rows differently",
    )


# --- Bad input -------------------------------------------------------------------------------


def _one_hot_without_department(impl, train, test):
    return impl.one_hot(train, test.drop(columns="department"), ["department"])


def _standardize_without_salary(impl, train, test):
    return impl.standardize(train.drop(columns="salary"), test, ["age", "salary"])


def _polynomial_without_salary(impl, train, test):
    return impl.polynomial_features(train.drop(columns="salary"), ["age", "salary"])


def _group_mean_without_salary(impl, train, test):
    return impl.GroupMeanEncoder(group="department", value="salary").fit(
        train.drop(columns="salary")
    )


def _pipeline_without_department(impl, train, test):
    pipeline = impl.build_pipeline().fit(train.iloc[:20])
    return pipeline.transform(test.drop(columns="department"))


@pytest.mark.parametrize(
    "call, column",
    [
        (_one_hot_without_department, "department"),
        (_standardize_without_salary, "salary"),
        (_polynomial_without_salary, "salary"),
        (_group_mean_without_salary, "salary"),
        (_pipeline_without_department, "department"),
    ],
    ids=["one_hot", "standardize", "polynomial_features", "GroupMeanEncoder", "pipeline"],
)
def test_a_missing_column_raises_an_error_that_names_it(impl, frames, call, column):
    """Asking for a column the frame lacks raises a ValueError whose message names that column."""
    train, test = frames

    with pytest.raises(ValueError, match=f"missing.*'{column}'"):
        call(impl, train, test)

"""Kata 07, feature engineering: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""


import joblib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


def test_one_hot_encodes_several_columns_in_order_with_sorted_categories(impl):
    """Several columns give float 0/1 columns <column>_<category>, column by column, categories sorted."""
    train = pd.DataFrame({"grade": [3, 1, 2, 3], "city": ["Oslo", "Bergen", "Oslo", "Aarhus"]})
    test = pd.DataFrame({"grade": [2, 9], "city": ["Bergen", "Oslo"]}, index=[7, 8])

    encoded_train, encoded_test = impl.one_hot(train, test, ["grade", "city"])

    expected = ["grade_1", "grade_2", "grade_3", "city_Aarhus", "city_Bergen", "city_Oslo"]
    assert list(encoded_test.columns) == expected, (
        f"one_hot(train, test, ['grade', 'city']) gave columns {list(encoded_test.columns)}; "
        f"expected {expected}: the columns in the order given, each one's categories sorted"
    )
    assert_array_equal(encoded_train.to_numpy(), [[0, 0, 1, 0, 0, 1], [1, 0, 0, 0, 1, 0],
                                                  [0, 1, 0, 0, 0, 1], [0, 0, 1, 1, 0, 0]])
    assert_array_equal(encoded_test.to_numpy(), [[0, 1, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]])
    assert all(dtype == np.float64 for dtype in encoded_test.dtypes), (
        f"the encoded columns have dtypes {encoded_test.dtypes.tolist()}; the contract says float"
    )
    assert_array_equal(encoded_test.index, [7, 8], err_msg="one_hot lost the test index")


@settings(derandomize=True, database=None, max_examples=15, deadline=None)
@given(
    train=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=12),
    test=st.lists(st.sampled_from(["a", "b", "c", "d", "new"]), min_size=1, max_size=6),
)
def test_one_hot_gives_each_row_one_1_for_a_known_category_and_none_for_an_unknown(impl, train, test):
    """Whatever the categories, each encoded row holds a single 1 in its own column, or only zeros when unseen."""
    train_frame, test_frame = pd.DataFrame({"c": train}), pd.DataFrame({"c": test})

    encoded_train, encoded_test = impl.one_hot(train_frame, test_frame, ["c"])

    expected_columns = [f"c_{v}" for v in sorted(set(train))]
    assert list(encoded_test.columns) == expected_columns == list(encoded_train.columns)
    for values, encoded in ((train, encoded_train), (test, encoded_test)):
        expected = np.array([[float(v == c[2:]) for c in expected_columns] for v in values])
        assert_array_equal(
            encoded.to_numpy(),
            expected,
            err_msg=f"one_hot(train={train}, test={test}) encoded {values} wrongly",
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


def test_standardize_only_centres_a_column_that_is_constant_in_training(impl):
    """A constant training column has deviation 0; it is centred and divided by 1, never NaN or inf."""
    train = pd.DataFrame({"flag": [2.0, 2.0, 2.0], "x": [1.0, 2.0, 3.0]})
    test = pd.DataFrame({"flag": [2.0, 5.0], "x": [2.0, 4.0]})

    scaled_train, scaled_test = impl.standardize(train, test, ["flag", "x"])

    assert_allclose(scaled_train["flag"].to_numpy(), [0.0, 0.0, 0.0], atol=0,
                    err_msg="the constant training column should scale to zeros")
    assert_allclose(
        scaled_test["flag"].to_numpy(),
        [0.0, 3.0],
        err_msg="a test value of the constant column should come back as x - train mean (divided by 1)",
    )
    assert_allclose(scaled_test["x"].to_numpy(), [0.0, 2.0 / np.sqrt(2.0 / 3.0)], rtol=1e-12)


@settings(derandomize=True, database=None, max_examples=15, deadline=None)
@given(
    values=st.lists(
        st.integers(-50, 50) | st.sampled_from([7]), min_size=2, max_size=10
    ),
    scale=st.sampled_from([0.001, 1.0, 3.0, 1000.0]),
    shift=st.sampled_from([-1e4, 0.0, 42.0]),
)
def test_standardize_does_not_change_when_a_column_is_shifted_and_rescaled(impl, values, scale, shift):
    """Scaling a column by a positive factor and shifting it leaves its standardized values unchanged."""
    train = pd.DataFrame({"v": np.asarray(values, dtype=float)})
    test = pd.DataFrame({"v": np.asarray(values[::-1], dtype=float) + 1.0})
    moved_train, moved_test = train * scale + shift, test * scale + shift

    base = impl.standardize(train, test, ["v"])
    moved = impl.standardize(moved_train, moved_test, ["v"])

    for original, transformed in zip(base, moved, strict=True):
        assert np.all(np.isfinite(transformed.to_numpy())), f"standardize gave {transformed}"
        if np.ptp(values) > 0:
            assert_allclose(transformed.to_numpy(), original.to_numpy(), rtol=1e-6, atol=1e-6,
                            err_msg=f"values {values}, x * {scale} + {shift}")


# --- Missing values --------------------------------------------------------------------------


def _with_gaps():
    train = pd.DataFrame(
        {"age": [20.0, np.nan, 30.0, 61.0, np.nan, 44.0], "salary": [10.0, 20.0, 30.0, 40.0, 50.0, 1000.0]}
    )
    test = pd.DataFrame({"age": [np.nan, 25.0, np.nan], "salary": [np.nan, 35.0, 5.0]}, index=[10, 11, 12])
    return train, test


def test_imputer_fills_gaps_with_the_training_medians_and_flags_them(impl):
    """A missing value becomes the training rows' median of its column and its <column>_was_missing flag is 1."""
    train, test = _with_gaps()
    train_before, test_before = train.copy(), test.copy()

    imputed_train, imputed_test = impl.impute_with_training_medians(train, test, ["age", "salary"])

    columns = ["age", "salary", "age_was_missing", "salary_was_missing"]
    assert list(imputed_train.columns) == columns == list(imputed_test.columns), (
        f"impute_with_training_medians gave train columns {list(imputed_train.columns)} and test "
        f"columns {list(imputed_test.columns)}; expected {columns} for both"
    )
    # Training medians: age over 20, 30, 61, 44 is 37; salary over the six rows is 35. The test
    # rows' own medians (25 and 20) or the means (38.75, 191.7) would be the mistakes.
    assert_allclose(imputed_train.to_numpy(), [[20, 10, 0, 0], [37, 20, 1, 0], [30, 30, 0, 0],
                                               [61, 40, 0, 0], [37, 50, 1, 0], [44, 1000, 0, 0]])
    assert_allclose(
        imputed_test.to_numpy(),
        [[37, 35, 1, 1], [25, 35, 0, 0], [37, 5, 1, 0]],
        err_msg="test gaps must be filled with the TRAINING medians (age 37, salary 35)",
    )
    assert_array_equal(imputed_test.index, test.index, err_msg="the imputer lost the test index")
    assert all(dtype == np.float64 for dtype in imputed_test.dtypes)
    pd.testing.assert_frame_equal(train, train_before, obj="the training frame after imputing")
    pd.testing.assert_frame_equal(test, test_before, obj="the test frame after imputing")


def test_a_nan_that_first_appears_at_serving_time_is_filled_and_flagged(impl):
    """A column with no gap in training still gets its flag, so a NaN first seen at serving is filled and flagged."""
    train, test = _with_gaps()

    imputed_train, imputed_test = impl.impute_with_training_medians(train, test, ["salary"])

    assert list(imputed_test.columns) == ["salary", "salary_was_missing"], (
        f"with no missing salary in training the test frame came back with columns "
        f"{list(imputed_test.columns)}; every column needs its flag (SimpleImputer(add_indicator="
        "True) flags only the columns that had gaps in fit, so serving would change the columns)"
    )
    assert_allclose(imputed_test.to_numpy(), [[35, 1], [35, 0], [5, 0]])
    assert_allclose(imputed_train["salary_was_missing"].to_numpy(), 0.0)


def test_imputer_rejects_a_training_column_with_no_observed_value(impl):
    """A training column that is entirely missing has no median; the imputer says which column."""
    train, test = _with_gaps()
    train["age"] = np.nan

    with pytest.raises(ValueError, match="train column 'age' has no observed value"):
        impl.impute_with_training_medians(train, test, ["age", "salary"])


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


def test_date_features_accept_iso_strings_and_keep_a_series_index(impl):
    """ISO date strings work like datetimes, and a Series' index comes back unchanged."""
    dates = pd.Series(["2024-12-31", "2025-01-04"], index=[40, 41])

    features = impl.date_features(dates)

    assert list(features.columns) == DATE_FEATURES, f"columns {list(features.columns)}"
    assert_array_equal(features.index, [40, 41], err_msg="date_features lost the Series' index")
    assert features[["year", "month", "day_of_week", "is_weekend"]].to_numpy().tolist() == [
        [2024, 12, 1, 0],
        [2025, 1, 5, 1],
    ]
    assert_allclose(features["month_sin"].to_numpy(), [np.sin(11 * np.pi / 6), 0.0], atol=1e-12)
    assert_allclose(features["month_cos"].to_numpy(), [np.cos(11 * np.pi / 6), 1.0], atol=1e-12)


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


def _serving_rows(test: pd.DataFrame) -> pd.DataFrame:
    """The test rows with ages on every bin edge and beyond, and dates on weekends and year ends."""
    rows = test.copy()
    rows["age"] = [0, 30, 31, 40, 41, 100, 101, 25, 35, 55, 18, 64]
    rows["date"] = pd.to_datetime(
        ["2024-12-31", "2025-01-01", "2024-03-09", "2024-03-10", "2023-06-15", "2023-07-01",
         "2024-02-29", "2023-10-02", "2024-11-30", "2023-04-16", "2024-08-05", "2023-01-31"]
    )
    return rows


def _expected_features(train: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Every documented pipeline column, computed here from its definition."""
    mean, std = train[["age", "salary"]].mean(), train[["age", "salary"]].std(ddof=0)
    z = (rows[["age", "salary"]] - mean) / std
    age = rows["age"].to_numpy(float)
    in_range = (age >= 0) & (age <= 100)
    month, weekday = rows["date"].dt.month, rows["date"].dt.day_of_week
    expected = {f"onehot__department_{d}": (rows["department"] == d).astype(float) for d in DEPARTMENTS}
    expected |= {"scale__age": z["age"], "scale__salary": z["salary"]}
    expected |= {
        "age_group__age_group_young": (in_range & (age <= 30)).astype(float),
        "age_group__age_group_mid": ((age > 30) & (age <= 40)).astype(float),
        "age_group__age_group_senior": (in_range & (age > 40)).astype(float),
    }
    expected |= {
        "date__year": rows["date"].dt.year,
        "date__month": month,
        "date__day_of_week": weekday,
        "date__is_weekend": (weekday >= 5).astype(int),
        "date__month_sin": np.sin(2 * np.pi * (month - 1) / 12),
        "date__month_cos": np.cos(2 * np.pi * (month - 1) / 12),
    }
    expected |= {
        "poly__age": z["age"],
        "poly__salary": z["salary"],
        "poly__age^2": z["age"] ** 2,
        "poly__age salary": z["age"] * z["salary"],
        "poly__salary^2": z["salary"] ** 2,
    }
    means = train.groupby("department")["salary"].mean()
    expected["department_mean__salary_mean_by_department"] = (
        rows["department"].map(means).astype(float).fillna(train["salary"].mean())
    )
    return pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in expected.items()}, index=rows.index)


def test_pipeline_gives_every_column_its_documented_value(impl, frames, seed):
    """Every output column of the fitted pipeline holds the value its definition gives, for every new row."""
    train, test = frames
    rows = _serving_rows(test)

    features = _fitted_pipeline(impl, seed, train).transform(rows)

    expected = _expected_features(train, rows)
    assert list(features.columns) == list(expected.columns), f"columns {list(features.columns)}"
    wrong = [
        column
        for column in expected.columns
        if not np.allclose(features[column].to_numpy(float), expected[column].to_numpy(), rtol=1e-9, atol=1e-12)
    ]
    assert not wrong, (
        "build_pipeline().fit(train).transform(rows) gave unexpected values in "
        + "; ".join(
            f"{c}: got {np.round(features[c].to_numpy(float), 4).tolist()}, expected "
            f"{np.round(expected[c].to_numpy(), 4).tolist()}"
            for c in wrong
        )
        + f" (ages {rows['age'].tolist()})"
    )
    assert_array_equal(features.index, rows.index, err_msg="the pipeline lost the rows' index")


def test_pipeline_transforms_a_row_alone_as_it_does_inside_a_batch(impl, frames, seed):
    """A row sent on its own gets exactly the features it gets inside a batch: nothing is computed per batch."""
    train, test = frames
    rows = _serving_rows(test)
    pipeline = _fitted_pipeline(impl, seed, train)

    batch = pipeline.transform(rows)

    # The unseen department with age 0, an age above 100, and an ordinary row.
    for position in (0, 6, 11):
        alone = pipeline.transform(rows.iloc[[position]])
        assert_allclose(
            alone.to_numpy(float)[0],
            batch.to_numpy(float)[position],
            rtol=1e-12,
            atol=1e-12,
            err_msg=(
                f"row {position} transformed alone differs from the same row inside the batch; "
                "a statistic is being computed on the rows transformed instead of the training rows"
            ),
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


def _one_hot_test_lacks(impl, train, test):
    return impl.one_hot(train, test.drop(columns="department"), ["department"])


def _standardize_train_lacks(impl, train, test):
    return impl.standardize(train.drop(columns="salary"), test, ["salary"])


def _standardize_test_lacks(impl, train, test):
    return impl.standardize(train, test.drop(columns="salary"), ["salary"])


def _impute_train_lacks(impl, train, test):
    return impl.impute_with_training_medians(train.drop(columns="age"), test, ["age"])


def _impute_test_lacks(impl, train, test):
    return impl.impute_with_training_medians(train, test.drop(columns="age"), ["age"])


def _one_hot_train_lacks(impl, train, test):
    return impl.one_hot(train.drop(columns="department"), test, ["department"])


def _polynomial_frame_lacks(impl, train, test):
    return impl.polynomial_features(train.drop(columns="salary"), ["salary"])


def _group_mean_fit_lacks(impl, train, test):
    return impl.GroupMeanEncoder(group="department", value="salary").fit(train.drop(columns="salary"))


def _group_mean_transform_lacks(impl, train, test):
    encoder = impl.GroupMeanEncoder(group="department", value="salary").fit(train)
    return encoder.transform(test.drop(columns="department"))


@pytest.mark.parametrize(
    "call, message",
    [
        (_one_hot_train_lacks, "train is missing column(s) ['department']"),
        (_one_hot_test_lacks, "test is missing column(s) ['department']"),
        (_standardize_train_lacks, "train is missing column(s) ['salary']"),
        (_standardize_test_lacks, "test is missing column(s) ['salary']"),
        (_impute_train_lacks, "train is missing column(s) ['age']"),
        (_impute_test_lacks, "test is missing column(s) ['age']"),
        (_polynomial_frame_lacks, "frame is missing column(s) ['salary']"),
        (_group_mean_fit_lacks, "X is missing column(s) ['salary']"),
        (_group_mean_transform_lacks, "X is missing column(s) ['department']"),
    ],
    ids=lambda value: value if isinstance(value, str) else value.__name__.strip("_"),
)
def test_a_missing_column_error_names_the_frame_that_lacks_it(impl, frames, call, message):
    """The missing-column error says which argument lacks the column, in the documented words."""
    train, test = frames

    with pytest.raises(ValueError) as raised:
        call(impl, train, test)

    assert str(raised.value).startswith(message), (
        f"{call.__name__.strip('_')} raised {str(raised.value)!r}; the docstring promises {message!r}, "
        "so the caller learns which frame to fix"
    )


# --- Defaults and introspection ---------------------------------------------------------------


def test_group_mean_encoder_defaults_to_salary_by_department(impl, frames):
    """GroupMeanEncoder() with no arguments averages ``salary`` per ``department``."""
    train, test = frames

    encoder = impl.GroupMeanEncoder().fit(train)

    names = list(encoder.get_feature_names_out())
    assert names == ["salary_mean_by_department"], (
        f"GroupMeanEncoder().get_feature_names_out() gave {names}; the defaults are "
        "group='department' and value='salary'"
    )
    assert_allclose(
        encoder.transform(test)["salary_mean_by_department"].to_numpy(),
        impl.GroupMeanEncoder("department", "salary").fit(train).transform(test).iloc[:, 0].to_numpy(),
        rtol=1e-12,
    )


def test_pipeline_names_its_features_step_and_reports_every_output_name(impl, frames, seed):
    """The pipeline's step is called "features", and get_feature_names_out() lists the documented columns in order."""
    train, test = frames
    pipeline = _fitted_pipeline(impl, seed, train)

    names = list(pipeline.get_feature_names_out())

    assert "features" in pipeline.named_steps, (
        f"build_pipeline() has steps {list(pipeline.named_steps)}; the docstring names the step 'features'"
    )
    columns = list(pipeline.transform(test).columns)
    assert names == columns, (
        f"get_feature_names_out() gave {names}, but transform() gave the columns {columns}; "
        "a model inspected by feature name needs both to agree"
    )


def _train_with_shuffled_index(frames, seed):
    train, _ = frames
    shuffled = train.copy()
    shuffled.index = np.random.default_rng(seed).permutation(np.arange(500, 500 + len(train)))
    return shuffled


@pytest.mark.parametrize(
    "transform",
    [
        lambda impl, train, test: impl.one_hot(train, test, ["department"]),
        lambda impl, train, test: impl.standardize(train, test, ["age", "salary"]),
        lambda impl, train, test: impl.impute_with_training_medians(train, test, ["age", "salary"]),
    ],
    ids=["one_hot", "standardize", "impute_with_training_medians"],
)
def test_both_frames_keep_their_index_row_for_row(impl, frames, seed, transform):
    """The training frame's index comes back too, each row still carrying its own values."""
    _, test = frames
    train = _train_with_shuffled_index(frames, seed)

    train_out, test_out = transform(impl, train, test)
    plain_out, _ = transform(impl, train.reset_index(drop=True), test)

    assert_array_equal(
        train_out.index,
        train.index,
        err_msg="the transformed training frame lost its index (a non-default one, in shuffled order)",
    )
    assert_array_equal(test_out.index, test.index, err_msg="the transformed test frame lost its index")
    assert_allclose(
        train_out.to_numpy(float),
        plain_out.to_numpy(float),
        rtol=1e-12,
        err_msg="with another index, the same training rows must get the same values in the same order",
    )

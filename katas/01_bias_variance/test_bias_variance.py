"""Kata 01, bias and variance: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py). The data
are the seed's: x uniform on [0, 10), y = 2x + 3 plus Gaussian noise of standard deviation 2, so
the noise floor (the best any model can do) is a mean squared error of 4 and an R² of about 0.89.
"""

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.dummy import DummyRegressor
from sklearn.exceptions import NotFittedError
from sklearn.metrics import r2_score
from sklearn.model_selection import GridSearchCV, KFold, learning_curve
from sklearn.tree import DecisionTreeRegressor

NOISE_SD = 2.0
NOISE_FLOOR = NOISE_SD**2
DEPTHS = (1, 3, 20)
DECOMPOSITION_ROUNDS = 50
BAGGING_ROUNDS = 20
CANDIDATE_DEPTHS = (1, 2, 3, 4, 6, 20)
CURVE_SIZES = (25, 100, 400, 800)


def true_function(x):
    """The seed's noise-free target."""
    return 2.0 * x + 3.0


def _seed_data(rng, n_samples):
    X = rng.uniform(0.0, 10.0, size=(n_samples, 1))
    return X, true_function(X[:, 0]) + NOISE_SD * rng.standard_normal(n_samples)


def _tree(depth):
    return DecisionTreeRegressor(max_depth=depth, random_state=0)


@pytest.fixture(scope="session")
def seed_split(seed):
    """The seed's 100 training rows, and 1000 validation rows from the same distribution."""
    rng = np.random.default_rng(seed)
    return (*_seed_data(rng, 100), *_seed_data(rng, 1000))


@pytest.fixture(scope="session")
def curve_data(seed):
    """1000 rows of the seed's data for learning curves (training sets of 25 to 800 rows)."""
    return _seed_data(np.random.default_rng(seed), 1000)


def _neg_mse(estimator, X, y):
    """The 'neg_mean_squared_error' scorer in plain numpy (same numbers, less per-call overhead)."""
    return -float(np.mean((estimator.predict(X) - y) ** 2))


@cache
def _peer_learning_curve(seed, depth):
    """scikit-learn's own learning curve on the same data and folds, as mean squared errors."""
    X, y = _seed_data(np.random.default_rng(seed), 1000)
    _, train, val = learning_curve(
        _tree(depth),
        X,
        y,
        train_sizes=np.array(CURVE_SIZES),
        cv=KFold(n_splits=5, shuffle=True, random_state=seed),
        scoring=_neg_mse,
    )
    return -train.mean(axis=1), -val.mean(axis=1)


@cache
def _peer_best_depth(seed):
    """GridSearchCV's choice of depth on the seed's training rows and the same shuffled folds."""
    X, y = _seed_data(np.random.default_rng(seed), 100)
    search = GridSearchCV(
        _tree(None),
        {"max_depth": list(CANDIDATE_DEPTHS)},
        cv=KFold(n_splits=5, shuffle=True, random_state=seed),
        refit=False,
    )
    return search.fit(X, y).best_params_["max_depth"]


class _RecordingRegressor(RegressorMixin, BaseEstimator):
    """A spy: predicts the mean of its training labels and notes every fit and predict call.

    The log is a class attribute, so clones (which copy parameters, not attributes) share it; each
    test gets a fresh subclass from ``_recording_regressor`` and so a fresh log.
    """

    log: list

    def fit(self, X, y):
        type(self).log.append(("fit", id(self), np.array(X, dtype=float, copy=True)))
        self.mean_ = float(np.mean(y))
        return self

    def predict(self, X):
        if not hasattr(self, "mean_"):
            raise NotFittedError("predict before fit")
        type(self).log.append(("predict", id(self), np.array(X, dtype=float, copy=True)))
        return np.full(len(X), self.mean_)


def _recording_regressor():
    spy_class = type("RecordingRegressor", (_RecordingRegressor,), {"log": []})
    return spy_class()


def _calls(spy, kind):
    return [(owner, X) for name, owner, X in type(spy).log if name == kind]


def _direct_r2(depth, X_train, y_train, X_val, y_val):
    model = _tree(depth).fit(X_train, y_train)
    return r2_score(y_train, model.predict(X_train)), r2_score(y_val, model.predict(X_val))


@pytest.fixture(scope="module")
def decompose(impl, seed):
    """Decompose a tree of a given depth, on the same draws for every depth, once per module.

    The fixture returns a function rather than the results, so a missing implementation fails
    inside each test (one line, "not implemented yet") instead of erroring in setup.
    """
    cache = {}

    def decomposition(depth):
        if depth not in cache:
            cache[depth] = impl.bias_variance_decomposition(
                _tree(depth),
                true_function,
                noise_sd=NOISE_SD,
                n_rounds=DECOMPOSITION_ROUNDS,
                random_state=seed,
            )
        return cache[depth]

    return decomposition


# --- Under- and overfitting on the seed's data -----------------------------------------------


def test_stump_underfits_with_low_training_r2_and_validation_r2_close_to_it(impl, seed_split):
    """A depth-1 tree scores a low R² on its own training data, and about the same on new data."""
    X_train, y_train, X_val, y_val = seed_split

    train_r2, val_r2 = impl.train_validation_r2(_tree(1), X_train, y_train, X_val, y_val)

    assert_allclose(
        (train_r2, val_r2),
        _direct_r2(1, X_train, y_train, X_val, y_val),
        rtol=1e-9,
        err_msg="train_validation_r2(stump, ...) should fit on the training rows only and return "
        "(training R², validation R²)",
    )
    # Over seeds 0-9 the stump's training R² was 0.63-0.75 (its population value is 0.67; the
    # noise floor allows 0.89 and a depth-3 tree reached 0.91-0.93), so 0.80 is clearly "low".
    assert train_r2 <= 0.80, (
        f"train_validation_r2(stump, ...) gave training R² {train_r2:.3f}; a single split cannot "
        "follow a straight line, so the claim is a training R² of at most 0.80"
    )
    # The measured |train - validation| gap was at most 0.092; the deep tree's was at least 0.188.
    assert abs(train_r2 - val_r2) <= 0.15, (
        f"the stump scored R² {train_r2:.3f} on training and {val_r2:.3f} on validation; an "
        "underfitting model does about as badly on both, within 0.15"
    )


def test_depth_20_tree_overfits_with_training_r2_near_one_and_validation_far_below(
    impl, seed_split
):
    """A depth-20 tree memorises its training rows (R² about 1) and scores far lower on new data."""
    X_train, y_train, X_val, y_val = seed_split

    train_r2, val_r2 = impl.train_validation_r2(_tree(20), X_train, y_train, X_val, y_val)

    assert_allclose(
        (train_r2, val_r2),
        _direct_r2(20, X_train, y_train, X_val, y_val),
        rtol=1e-9,
        err_msg="train_validation_r2(depth-20 tree, ...) should fit on the training rows only and "
        "return (training R², validation R²)",
    )
    assert train_r2 >= 0.999, (
        f"train_validation_r2(depth-20 tree, ...) gave training R² {train_r2:.4f}; a tree grown "
        "out on 100 distinct x values puts each row in its own leaf, so it should be about 1"
    )
    # Measured validation R² was 0.74-0.81 over seeds 0-9, a gap of at least 0.188 below training.
    assert val_r2 <= train_r2 - 0.10, (
        f"the depth-20 tree scored R² {train_r2:.3f} on training and {val_r2:.3f} on validation; "
        "the claim is a validation R² at least 0.10 below the training R²"
    )


def test_cross_validated_best_depth_beats_both_stump_and_deep_tree_on_validation(
    impl, seed_split, seed
):
    """The depth chosen by cross-validation scores a higher validation R² than depth 1 and depth 20."""
    X_train, y_train, X_val, y_val = seed_split

    depth = impl.best_depth(X_train, y_train, depths=CANDIDATE_DEPTHS, cv=5, random_state=seed)

    expected = _peer_best_depth(seed)
    assert depth == expected, (
        f"best_depth(depths={CANDIDATE_DEPTHS}, cv=5, random_state={seed}) returned {depth!r}; "
        f"GridSearchCV on the same shuffled folds picks {expected}"
    )
    scores = {
        d: impl.train_validation_r2(_tree(d), X_train, y_train, X_val, y_val)[1]
        for d in (1, depth, 20)
    }
    # Measured: the chosen depth (3 or 4) beat depth 20 by 0.041-0.089 and depth 1 by 0.17-0.23.
    assert scores[depth] >= max(scores[1], scores[20]) + 0.02, (
        f"best_depth picked max_depth={depth}, whose validation R² is {scores[depth]:.3f}; "
        f"depth 1 scores {scores[1]:.3f} and depth 20 scores {scores[20]:.3f}. Chosen by "
        "cross-validation, it should beat both by at least 0.02."
    )


def test_train_validation_r2_fits_a_clone_on_the_training_rows_only(impl, seed_split):
    """The estimator passed in stays unfitted; one clone is fitted on exactly the training rows."""
    X_train, y_train, X_val, y_val = seed_split
    spy = _recording_regressor()

    impl.train_validation_r2(spy, X_train, y_train, X_val, y_val)

    fits = _calls(spy, "fit")
    assert len(fits) == 1 and np.array_equal(fits[0][1], X_train), (
        f"train_validation_r2 fitted the estimator {len(fits)} time(s), on "
        f"{[len(X) for _, X in fits]} rows; the claim is one fit on the {len(X_train)} training "
        "rows and none on validation rows"
    )
    assert fits[0][0] != id(spy) and not hasattr(spy, "mean_"), (
        "train_validation_r2 fitted the estimator it was given; it should fit a clone and leave "
        "the caller's estimator unfitted"
    )


def _clustered_rows(rng, per_cluster=12):
    """Five clusters of x in increasing order, with levels 0, 10, 0, 10, 0 plus unit noise."""
    X = np.repeat(np.arange(5) * 2.0, per_cluster) + rng.uniform(-0.3, 0.3, 5 * per_cluster)
    level = np.repeat([0.0, 10.0, 0.0, 10.0, 0.0], per_cluster)
    return X[:, None], level + rng.standard_normal(5 * per_cluster)


def test_best_depth_scores_shuffled_folds_on_rows_sorted_by_x(impl, seed):
    """On rows sorted by x, shuffled folds let every cluster be learned; unshuffled folds would hide one."""
    X, y = _clustered_rows(np.random.default_rng(seed))

    depth = impl.best_depth(X, y, depths=(1, 3, 6), cv=5, random_state=seed)

    # With unshuffled KFold each fold holds out one whole cluster, no depth can predict it, and
    # the stump's half-means are the least bad: it picks depth 1 (checked on seeds 0-4). Shuffled
    # folds leave every cluster in training and chose depth 6 on every seed 0-99.
    assert depth == 6, (
        f"best_depth(depths=(1, 3, 6), cv=5, random_state={seed}) returned {depth} on rows sorted "
        "by x in five clusters; on shuffled folds (KFold(shuffle=True)) the deepest tree, which "
        "separates the clusters, scores best. Depth 1 is what contiguous, unshuffled folds give."
    )


def test_best_depth_keeps_the_first_of_tied_depths_in_the_order_given(impl, seed):
    """When several depths score exactly the same, the one listed first wins, whatever its value."""
    rng = np.random.default_rng(seed)
    X = rng.choice([0.0, 1.0, 2.0, 3.0], size=(80, 1))
    y = 5.0 * (X[:, 0] % 2) + X[:, 0] + 0.5 * rng.standard_normal(80)
    depths = (6, 20, 3, 1)

    depth = impl.best_depth(X, y, depths=depths, cv=5, random_state=seed)

    # x takes four values, so any depth from 2 up grows the same four-leaf tree and scores the
    # same on every fold; the stump cannot separate the odd from the even x values.
    assert depth == 6, (
        f"best_depth(depths={depths}) returned {depth}; depths 6, 20 and 3 grow identical trees "
        "on four distinct x values, and the documented tie rule keeps the first one listed (6), "
        "as GridSearchCV does, not the shallowest, the deepest or the last"
    )


def _peer_choice(X, y, depths, cv, random_state):
    """GridSearchCV's choice of max_depth on KFold(n_splits=cv, shuffle=True, random_state)."""
    search = GridSearchCV(
        _tree(None),
        {"max_depth": list(depths)},
        cv=KFold(n_splits=cv, shuffle=True, random_state=random_state),
        refit=False,
    )
    return search.fit(X, y).best_params_["max_depth"]


def test_best_depth_averages_the_r2_of_each_fold_instead_of_pooling_the_folds(impl, seed):
    """The score of a depth is the mean of the per-fold R² values, not one R² of all out-of-fold predictions pooled."""
    # Twenty rows with heavy-tailed noise: a fold that holds an outlier has a large variance of
    # y, so pooling weighs it more than the other folds, while the mean of per-fold R² weighs
    # every fold the same. On these rows the two rules chose different depths for 18 of the
    # random states 0-29, so ten random states per seed expose pooling all but certainly.
    rng = np.random.default_rng(22)
    X = rng.uniform(0.0, 10.0, size=(20, 1))
    y = X[:, 0] + 2.0 * rng.standard_t(1.5, 20)
    depths = (1, 2, 3, 20)

    chosen = {
        rs: impl.best_depth(X, y, depths=depths, cv=5, random_state=rs)
        for rs in range(10 * seed, 10 * seed + 10)
    }

    expected = {rs: _peer_choice(X, y, depths, 5, rs) for rs in chosen}
    assert chosen == expected, (
        f"best_depth(depths={depths}, cv=5, random_state=rs) chose {chosen} by random state; "
        f"GridSearchCV, which averages the R² of the five folds, chooses {expected}. The "
        "documented score is the mean of the per-fold R², not the R² of the pooled out-of-fold "
        "predictions."
    )


def test_best_depth_splits_into_cv_folds_and_five_by_default(impl, seed):
    """best_depth uses cv folds when cv is given and five folds by default."""
    # y = x on a handful of rows: the deep tree copies a neighbour and the stump cannot follow
    # the line, so depth 20 wins on any complete set of folds (every random state 0-99). Folds
    # of one row have no R² (nan), which is what a wrong number of folds leaves here: five
    # folds of 9 rows or six of 10 rows.
    X9, X10 = np.arange(9.0)[:, None], np.arange(10.0)[:, None]

    three = impl.best_depth(X9, X9[:, 0], depths=(1, 20), cv=3, random_state=seed)
    default = impl.best_depth(X10, X10[:, 0], depths=(1, 20), random_state=seed)

    assert three == _peer_choice(X9, X9[:, 0], (1, 20), 3, seed) == 20, (
        f"best_depth(9 rows of y = x, depths=(1, 20), cv=3) returned {three}; three folds of "
        "three rows favour the deep tree (20). Is cv passed on as KFold's n_splits?"
    )
    assert default == _peer_choice(X10, X10[:, 0], (1, 20), 5, seed) == 20, (
        f"best_depth(10 rows of y = x, depths=(1, 20)) with the default cv returned {default}; "
        "the default is five folds of two rows, which favour the deep tree (20)"
    )


def test_best_depth_rejects_an_empty_list_of_depths(impl, seed_split):
    """With no candidate depth there is nothing to choose, so best_depth raises a ValueError."""
    X_train, y_train, _, _ = seed_split

    with pytest.raises(ValueError):
        impl.best_depth(X_train, y_train, depths=[], cv=5, random_state=0)


# --- The bias-variance decomposition from scratch --------------------------------------------


# Expected test MSE by depth, measured over seeds 0-9 (1: 12.71-13.66, 3: 5.08-5.35,
# 20: 7.52-8.22), widened by a fifth on each side.
MSE_BANDS = {1: (10.0, 16.5), 3: (4.0, 6.5), 20: (6.0, 10.0)}


@pytest.mark.parametrize("depth", DEPTHS)
def test_decomposition_terms_add_up_to_the_expected_test_mse(decompose, depth):
    """Expected test MSE equals bias² + variance + noise, and the noise term is the label variance."""
    parts = decompose(depth)

    total = parts["bias2"] + parts["variance"] + parts["noise"]

    # Every tree here varied by at least 1.15 (depth 3) over seeds 0-9.
    assert parts["bias2"] >= 0 and parts["variance"] >= 0.5, (
        f"bias_variance_decomposition(depth-{depth} tree) gave {parts}; bias² cannot be negative, "
        "and a tree refitted on fresh training sets must vary (variance of at least 0.5)"
    )
    low, high = MSE_BANDS[depth]
    assert low <= parts["expected_mse"] <= high, (
        f"expected_mse came back {parts['expected_mse']:.3f} for the depth-{depth} tree; on the "
        f"seed's data it lies between {low} and {high}"
    )
    # The identity is exact up to one cross term between label noise and prediction error, which
    # averages out; over seeds 0-9 it moved the sum by at most 3.1% of the MSE.
    assert abs(parts["expected_mse"] - total) <= 0.08 * parts["expected_mse"], (
        f"bias_variance_decomposition(depth-{depth} tree) gave {parts}; bias2 + variance + noise "
        f"= {total:.3f} should be within 8% of expected_mse = {parts['expected_mse']:.3f}"
    )
    # 50 rounds x 200 test points give 10,000 noise draws; measured 3.92-4.06, within 2% of 4.
    assert abs(parts["noise"] - NOISE_FLOOR) <= 0.1 * NOISE_FLOOR, (
        f"noise came back {parts['noise']:.3f}; with noise_sd={NOISE_SD} it should be about "
        f"{NOISE_FLOOR}"
    )


def test_stump_error_is_dominated_by_bias_squared(decompose):
    """A stump's bias² is far above a depth-3 tree's, and larger than that tree's whole reducible error."""
    stump, middle = decompose(1), decompose(3)

    reducible_middle = middle["bias2"] + middle["variance"]

    # Measured bias²: stump 4.6-6.5, depth 3 0.016-0.050 (a ratio of 104-377).
    assert stump["bias2"] >= 20 * middle["bias2"], (
        f"bias² came back {stump['bias2']:.3f} for the stump and {middle['bias2']:.3f} for depth "
        "3; one split cannot follow a line, so the stump's should be at least 20 times larger"
    )
    # Measured: the depth-3 tree's bias² + variance was at most 1.35.
    assert stump["bias2"] > reducible_middle, (
        f"the stump's bias² ({stump['bias2']:.3f}) should exceed the depth-3 tree's bias² + "
        f"variance ({reducible_middle:.3f})"
    )


def test_deep_tree_error_is_dominated_by_variance(decompose):
    """A depth-20 tree's variance is far above a depth-3 tree's and dwarfs its own bias²."""
    deep, middle = decompose(20), decompose(3)

    ratio = deep["variance"] / middle["variance"]

    # Measured variance: depth 20 3.7-4.0 (about noise_sd², as for 1-nearest-neighbour),
    # depth 3 1.15-1.30; the ratio was at least 2.8.
    assert ratio >= 2.0, (
        f"variance came back {deep['variance']:.3f} at depth 20 and {middle['variance']:.3f} at "
        "depth 3; a tree that memorises noise should have at least twice the variance"
    )
    # Measured bias² at depth 20 was at most 0.11, against a variance of at least 3.7.
    assert deep["variance"] >= 10 * deep["bias2"], (
        f"the depth-20 tree's variance ({deep['variance']:.3f}) should dwarf its bias² "
        f"({deep['bias2']:.3f})"
    )


def test_middle_depth_has_the_lowest_expected_test_mse(decompose):
    """Of depths 1, 3 and 20, the middle one has the lowest expected test error."""
    mse = {depth: decompose(depth)["expected_mse"] for depth in DEPTHS}

    best = min(mse, key=mse.get)

    # Measured: depth 3 5.08-5.35, depth 20 7.52-8.22, depth 1 12.71-13.66.
    assert best == 3, f"expected test MSE by depth: {mse}; depth 3 should be the lowest"


def test_stump_variance_is_not_small_on_a_linear_function(decompose):
    """Variance does not always rise with depth: a stump's variance is well above a depth-3 tree's."""
    stump, middle = decompose(1), decompose(3)

    ratio = stump["variance"] / middle["variance"]

    # The stump's one split point moves from training set to training set, and test points near
    # it jump between two leaf means about 10 apart. Measured: stump 3.1-4.6, depth 3 1.15-1.30,
    # a ratio of 2.49-3.65 over seeds 0-9; the lowest over seeds 0-99 was 1.95 (seed 81: 2.30
    # against 1.18), so the bound is 1.6. A variance that rose with depth would give below 1.
    assert ratio >= 1.6, (
        f"variance came back {stump['variance']:.3f} for the stump and {middle['variance']:.3f} "
        "for depth 3; on this linear function the stump's should be at least 1.6 times as large"
    )


def test_decomposition_rejects_fewer_than_two_rounds(impl):
    """One round cannot show how predictions vary, so n_rounds=1 raises a ValueError that says so."""
    with pytest.raises(ValueError, match="n_rounds must be at least 2"):
        impl.bias_variance_decomposition(
            _tree(3), true_function, noise_sd=NOISE_SD, n_rounds=1, random_state=0
        )


def test_decomposition_rejects_a_negative_noise_sd(impl):
    """A standard deviation cannot be negative, so noise_sd=-1 raises a ValueError that says so."""
    with pytest.raises(ValueError, match="noise_sd must be non-negative"):
        impl.bias_variance_decomposition(
            _tree(3), true_function, noise_sd=-1.0, n_rounds=5, random_state=0
        )


def test_decomposition_fits_a_fresh_training_set_each_round_and_keeps_the_test_points(impl, seed):
    """Each round fits a clone on newly drawn training x; every round predicts the same test x."""
    spy = _recording_regressor()
    n_rounds, n_train, n_test, x_range = 6, 30, 40, (-3.0, -1.0)

    parts = impl.bias_variance_decomposition(
        spy,
        true_function,
        noise_sd=NOISE_SD,
        n_train=n_train,
        n_test=n_test,
        n_rounds=n_rounds,
        x_range=x_range,
        random_state=seed,
    )

    fits, predictions = _calls(spy, "fit"), _calls(spy, "predict")
    assert len(fits) == n_rounds and all(X.shape == (n_train, 1) for _, X in fits), (
        f"bias_variance_decomposition(n_rounds={n_rounds}, n_train={n_train}) fitted "
        f"{len(fits)} times on {[X.shape for _, X in fits]}; the claim is one fit per round on "
        f"a ({n_train}, 1) training set"
    )
    assert not hasattr(spy, "mean_") and all(owner != id(spy) for owner, _ in fits), (
        "the estimator passed in was fitted itself; each round should fit a clone"
    )
    distinct_sets = {X.tobytes() for _, X in fits}
    assert len(distinct_sets) == n_rounds, (
        f"only {len(distinct_sets)} different training sets among {n_rounds} rounds; variance "
        "is about new training sets, so each round must draw its own"
    )
    test_x = predictions[0][1] if predictions else np.empty((0, 1))
    assert test_x.shape == (n_test, 1) and all(np.array_equal(X, test_x) for _, X in predictions), (
        f"the rounds predicted on {[X.shape for _, X in predictions]} points, not all the same; "
        f"one set of {n_test} test points is drawn once and every round predicts it"
    )
    every_x = np.concatenate([X.ravel() for _, X in fits + predictions])
    assert np.all((every_x >= x_range[0]) & (every_x <= x_range[1])), (
        f"x values from {every_x.min():.3f} to {every_x.max():.3f} were drawn with "
        f"x_range={x_range}"
    )
    assert len(set(test_x.ravel()) & set(np.concatenate([X.ravel() for _, X in fits]))) == 0, (
        "some test points also appear in a training set; the test points are drawn on their own"
    )
    assert set(parts) == {"bias2", "variance", "noise", "expected_mse"}, (
        f"bias_variance_decomposition returned the keys {sorted(parts)}"
    )


@settings(derandomize=True, max_examples=15, deadline=None)
@given(
    n_rounds=st.integers(2, 5),
    n_train=st.integers(2, 12),
    n_test=st.integers(1, 8),
    depth=st.sampled_from([1, 2, None]),
    low=st.sampled_from([-5.0, 0.0, 3.0]),
    random_state=st.integers(0, 2**16),
)
def test_decomposition_property_without_noise_the_terms_add_up_exactly(
    impl, n_rounds, n_train, n_test, depth, low, random_state
):
    """With noise_sd=0 the identity is exact for any sizes: noise is 0 and expected_mse = bias2 + variance."""
    parts = impl.bias_variance_decomposition(
        DecisionTreeRegressor(max_depth=depth, random_state=0),
        true_function,
        noise_sd=0.0,
        n_train=n_train,
        n_test=n_test,
        n_rounds=n_rounds,
        x_range=(low, low + 2.0),
        random_state=random_state,
    )

    assert parts["noise"] == pytest.approx(0.0, abs=1e-12), f"noise came back {parts['noise']}"
    # Mean over points of (f - p)^2 = (f - mean p)^2 + population variance of p, term by term.
    assert parts["expected_mse"] == pytest.approx(
        parts["bias2"] + parts["variance"], rel=1e-9, abs=1e-12
    ), (
        f"bias_variance_decomposition(noise_sd=0, n_rounds={n_rounds}, n_train={n_train}, "
        f"n_test={n_test}) gave {parts}; without noise bias2 + variance must equal expected_mse "
        "(the variance divides by n_rounds)"
    )


def test_decomposition_defaults_and_seed(impl, seed):
    """By default 50 rounds of 100 training points predict 200 test points; the same random_state repeats the result."""
    spy = _recording_regressor()

    parts = impl.bias_variance_decomposition(spy, true_function, noise_sd=1.0, random_state=seed)
    again = impl.bias_variance_decomposition(
        _constant_model(5.0), true_function, noise_sd=1.0, random_state=seed
    )
    repeat = impl.bias_variance_decomposition(
        _constant_model(5.0), true_function, noise_sd=1.0, random_state=seed
    )

    fits, predictions = _calls(spy, "fit"), _calls(spy, "predict")
    shapes = {
        "fits": len(fits),
        "training rows": {len(X) for _, X in fits},
        "test points": {len(X) for _, X in predictions},
    }
    assert shapes == {"fits": 50, "training rows": {100}, "test points": {200}}, (
        f"bias_variance_decomposition with the default sizes made {shapes}; the defaults are "
        "n_rounds=50 fits on n_train=100 rows, each predicting n_test=200 test points"
    )
    assert set(parts) == {"bias2", "variance", "noise", "expected_mse"}
    assert again == repeat, (
        f"bias_variance_decomposition(random_state={seed}) gave {again} and then {repeat}; "
        "random_state seeds every draw, so the same seed must give the same numbers"
    )


def _constant_model(value):
    """A regressor whose prediction is ``value`` whatever it was fitted on: no variance, known bias."""
    return DummyRegressor(strategy="constant", constant=value)


def test_decomposition_measures_noise_from_the_labels_it_draws(impl, seed):
    """noise is the mean squared gap of the drawn labels, not noise_sd²: predicting the truth exactly, expected_mse equals noise."""
    parts = impl.bias_variance_decomposition(
        _constant_model(0.0),
        np.zeros_like,
        noise_sd=1.0,
        n_train=3,
        n_test=20,
        n_rounds=5,
        random_state=seed,
    )

    # The predictions are the true values, so both numbers are the mean of the same squared
    # label noise; noise_sd² = 1 would miss that mean by about sqrt(2/100) = 0.14.
    assert parts["expected_mse"] == pytest.approx(parts["noise"], rel=1e-9), (
        f"bias_variance_decomposition(a model predicting the true function 0, noise_sd=1) gave "
        f"{parts}; with no bias and no variance the expected MSE is the mean squared label noise, "
        "so expected_mse and noise must be the same measured number"
    )


def test_decomposition_draws_fresh_test_labels_every_round(impl, seed):
    """With one test point, each round draws a new label: noise averages many squared draws, not one reused."""
    n_rounds, prediction = 200, 10.0

    parts = impl.bias_variance_decomposition(
        _constant_model(prediction),
        np.zeros_like,
        noise_sd=1.0,
        n_train=2,
        n_test=1,
        n_rounds=n_rounds,
        random_state=seed,
    )

    # Truth 0 and prediction 10: expected_mse - bias2 - noise = -2 * 10 * (mean label noise), so
    # the mean label noise can be read back. Fresh labels: mean about N(0, 1/200), noise about
    # 1 +- 0.1; over seeds 0-99 the reference gave noise 0.76-1.24 and squared mean 0-0.043.
    # One label reused makes noise equal the squared mean exactly.
    mean_noise = (parts["bias2"] + parts["noise"] - parts["expected_mse"]) / (2 * prediction)
    assert 0.6 <= parts["noise"] <= 1.5 and mean_noise**2 < 0.1, (
        f"bias_variance_decomposition(n_test=1, n_rounds={n_rounds}, noise_sd=1) gave {parts}: "
        f"noise {parts['noise']:.3f} and a mean label noise of {mean_noise:.3f}; fresh labels each "
        "round give noise near 1 and a mean near 0, one label reused gives noise = mean²"
    )


def test_decomposition_expected_mse_is_measured_against_the_noisy_labels(impl, seed):
    """expected_mse is measured, not assembled as bias2 + variance + noise, so it carries the noise x error cross term."""
    gaps = []
    for k in range(20):
        parts = impl.bias_variance_decomposition(
            _constant_model(10.0),
            np.zeros_like,
            noise_sd=1.0,
            n_train=2,
            n_test=1,
            n_rounds=2,
            random_state=seed * 20 + k,
        )
        gaps.append(parts["expected_mse"] - (parts["bias2"] + parts["variance"] + parts["noise"]))

    # Predicting 10 for a truth of 0, the gap is -2 * 10 * mean(noise of 2 labels), sd 14.1; the
    # sample sd over 20 calls ranged 9.8-21.7 over seeds 0-99. A sum of the terms gives 0 every time.
    assert np.std(gaps) > 4.0, (
        f"expected_mse - (bias2 + variance + noise) came back {np.round(gaps, 3).tolist()} for a "
        "constant prediction 10 away from the truth; measured against noisy labels it varies with "
        "the noise (sd about 14), it is not identically 0"
    )


# --- Learning curves -------------------------------------------------------------------------


def test_learning_curve_gap_of_a_capped_deep_tree_shrinks_as_the_training_set_grows(
    impl, curve_data, seed
):
    """For a depth-6 tree (high variance on small sets), the train-validation gap shrinks with more data."""
    X, y = curve_data

    sizes, train_mse, val_mse = impl.learning_curve_mse(
        _tree(6), X, y, CURVE_SIZES, cv=5, random_state=seed
    )

    assert_allclose(
        (train_mse, val_mse),
        _peer_learning_curve(seed, 6),
        rtol=1e-9,
        err_msg="learning_curve_mse(depth-6 tree) against scikit-learn's learning_curve on the same "
        "shuffled folds, as mean squared errors averaged over the folds",
    )

    gap = val_mse - train_mse
    assert list(sizes) == list(CURVE_SIZES), f"learning_curve_mse returned sizes {list(sizes)}"
    # At 25 rows each of the 64 possible leaves holds about one row (gap about 2 x noise); at 800
    # rows they hold about 12. Measured: the last gap was 0.20-0.29 of the first.
    assert gap[-1] <= 0.5 * gap[0], (
        f"learning_curve_mse(depth-6 tree) gave gaps {np.round(gap, 2).tolist()} for sizes "
        f"{list(CURVE_SIZES)}; more data should at least halve the gap"
    )


def test_learning_curve_of_an_unpruned_tree_keeps_its_gap(impl, curve_data, seed):
    """A depth-20 tree grows a leaf per row at any size, so its gap stays near twice the noise variance."""
    X, y = curve_data

    _, train_mse, val_mse = impl.learning_curve_mse(
        _tree(20), X, y, CURVE_SIZES, cv=5, random_state=seed
    )

    assert_allclose(
        (train_mse, val_mse),
        _peer_learning_curve(seed, 20),
        rtol=1e-9,
        err_msg="learning_curve_mse(depth-20 tree) against scikit-learn's learning_curve on the same "
        "shuffled folds, as mean squared errors averaged over the folds",
    )

    # Measured at 800 rows: training MSE 0.00-0.06, validation MSE 7.1-8.9 (2 x noise = 8).
    assert train_mse[-1] <= 0.1 * NOISE_FLOOR, (
        f"the depth-20 tree's training MSE at 800 rows is {train_mse[-1]:.3f}; it should still "
        "memorise its training rows"
    )
    assert val_mse[-1] - train_mse[-1] >= 1.5 * NOISE_FLOOR, (
        f"the depth-20 tree's gap at 800 rows is {val_mse[-1] - train_mse[-1]:.2f}; a tree that "
        f"keeps one row per leaf stays near 2 x noise = {2 * NOISE_FLOOR}, so at least "
        f"{1.5 * NOISE_FLOOR}"
    )


def test_learning_curves_of_a_stump_plateau_well_above_the_noise_floor(impl, curve_data, seed):
    """For a stump, training and validation error meet and level off far above the noise floor."""
    X, y = curve_data

    _, train_mse, val_mse = impl.learning_curve_mse(
        _tree(1), X, y, CURVE_SIZES, cv=5, random_state=seed
    )

    assert_allclose(
        (train_mse, val_mse),
        _peer_learning_curve(seed, 1),
        rtol=1e-9,
        err_msg="learning_curve_mse(stump) against scikit-learn's learning_curve on the same "
        "shuffled folds, as mean squared errors averaged over the folds",
    )

    # A stump on a line of slope 2 over [0, 10) cannot do better than noise + 25/3 = 12.3.
    # Measured at 400 and 800 rows: both curves 10.6-12.7, never below 10.5.
    floor = min(train_mse[-2:].min(), val_mse[-2:].min())
    assert floor >= 2 * NOISE_FLOOR, (
        f"learning_curve_mse(stump) gave train {np.round(train_mse, 2).tolist()} and validation "
        f"{np.round(val_mse, 2).tolist()} (mean squared errors); at the largest sizes both should "
        f"stay above 2 x the noise floor = {2 * NOISE_FLOOR}"
    )
    # Measured: the final gap was at most 0.73 and the last step in validation error at most 0.54.
    assert abs(val_mse[-1] - train_mse[-1]) <= 1.5 and abs(val_mse[-1] - val_mse[-2]) <= 1.0, (
        f"the stump's curves end at train {train_mse[-1]:.2f}, validation {val_mse[-1]:.2f} "
        f"(previous size {val_mse[-2]:.2f}); they should have met and levelled off"
    )


def test_learning_curve_mse_splits_into_cv_folds_and_five_by_default(impl, seed):
    """learning_curve_mse averages over cv shuffled folds when cv is given, and over five by default."""
    X, y = _seed_data(np.random.default_rng(seed), 120)
    sizes = (20, 60)

    results = {
        cv: impl.learning_curve_mse(
            _tree(3), X, y, sizes, **({} if cv is None else {"cv": cv}), random_state=seed
        )
        for cv in (None, 3)
    }

    for cv, (_, train_mse, val_mse) in results.items():
        n_splits = 5 if cv is None else cv
        _, train, val = learning_curve(
            _tree(3),
            X,
            y,
            train_sizes=np.array(sizes),
            scoring=_neg_mse,
            cv=KFold(n_splits=n_splits, shuffle=True, random_state=seed),
        )
        assert_allclose(
            (train_mse, val_mse),
            (-train.mean(axis=1), -val.mean(axis=1)),
            rtol=1e-9,
            err_msg=f"learning_curve_mse(depth-3 tree, cv={cv or 'default'}) should average over "
            f"KFold(n_splits={n_splits}, shuffle=True, random_state={seed})",
        )


# --- Where the seed overstates: a lower bias need not cost variance ---------------------------


def test_bagging_deep_trees_cuts_variance_without_raising_bias_squared(impl, seed):
    """Averaging bootstrapped deep trees lowers variance and leaves bias² where one deep tree has it."""
    draws = dict(noise_sd=NOISE_SD, n_rounds=BAGGING_ROUNDS, random_state=seed)

    single = impl.bias_variance_decomposition(_tree(20), true_function, **draws)
    bagged = impl.bias_variance_decomposition(
        impl.bagged_trees(n_estimators=5, max_depth=20, random_state=seed), true_function, **draws
    )

    # Measured: the bagged variance was 0.535-0.597 of the single tree's over seeds 0-9. Five
    # correlated trees cannot remove it all, hence the lower bound.
    assert 0.25 * single["variance"] <= bagged["variance"] <= 0.75 * single["variance"], (
        f"variance came back {bagged['variance']:.3f} for bagged_trees and "
        f"{single['variance']:.3f} for one deep tree; averaging 5 bootstrapped trees should cut "
        "it by at least a quarter, and cannot cut it by three quarters"
    )
    # The plug-in bias² includes variance / (n_rounds - 1) from the finite number of rounds;
    # without that term both are about 0 (measured -0.06 to 0.07, bagged minus single at most
    # 0.070 over seeds 0-9 with 20 rounds).
    corrected = {
        name: parts["bias2"] - parts["variance"] / (BAGGING_ROUNDS - 1)
        for name, parts in (("single", single), ("bagged", bagged))
    }
    assert corrected["bagged"] <= corrected["single"] + 0.1, (
        f"bias² (less its finite-rounds term) came back {corrected['bagged']:.3f} for "
        f"bagged_trees and {corrected['single']:.3f} for one deep tree; bagging should not raise it"
    )


def _distinct_rows_reproduced(tree, X, y):
    """How many training rows a grown-out tree predicts exactly: the distinct rows it was fitted on."""
    return int(np.sum(tree.predict(X) == y))


def test_bagged_trees_honour_their_settings_and_draw_a_full_size_bootstrap(impl, seed):
    """n_estimators trees of at most max_depth, each fitted on n rows drawn with replacement, averaged."""
    rng = np.random.default_rng(seed)
    n = 300
    X = rng.uniform(0.0, 10.0, size=(n, 1))
    y = np.arange(n, dtype=float)
    rng.shuffle(y)

    shallow = impl.bagged_trees(n_estimators=7, max_depth=3, random_state=seed).fit(X, y)
    deep = impl.bagged_trees(n_estimators=30, max_depth=40, random_state=seed).fit(X, y)

    depths = [tree.get_depth() for tree in shallow.estimators_]
    assert depths == [3] * 7, (
        f"bagged_trees(n_estimators=7, max_depth=3).fit(...) has trees of depths {depths}; the "
        "claim is 7 trees, each grown to the max_depth it was given (the fitted ensemble keeps "
        "its trees in estimators_)"
    )
    assert_allclose(
        shallow.predict(X),
        np.mean([tree.predict(X) for tree in shallow.estimators_], axis=0),
        rtol=1e-9,
        err_msg="bagged_trees(...).predict should be the mean of its trees' predictions",
    )
    # A grown-out tree reproduces exactly the distinct rows of its sample (every y differs). n draws
    # with replacement hold 1 - (1 - 1/n)^n = 63.2% of the rows, with a spread of 1.8% per tree,
    # 0.33% for the mean of 30: the band of +-2% is six of those. Without replacement all n rows
    # are there; a bootstrap of half the size holds 39%.
    shares = np.array([_distinct_rows_reproduced(t, X, y) for t in deep.estimators_]) / n
    assert len(shares) == 30 and 0.612 <= shares.mean() <= 0.652 and shares.std() > 0, (
        f"bagged_trees(n_estimators=30, max_depth=40) has {len(shares)} trees that saw on average "
        f"{shares.mean():.3f} of the distinct rows (spread {shares.std():.4f}); a bootstrap of n "
        "rows drawn with replacement holds about 0.632 of them, and varies from tree to tree"
    )


def test_bagged_trees_default_depth_limit_is_twenty(impl, seed):
    """By default every tree stops at depth 20, even where the data would grow it deeper."""
    # y = 2^(x/4) on 200 sorted x: each best split cuts off the top few rows, so a tree without a
    # limit grows a chain 29-32 levels deep on a bootstrap sample.
    X = np.arange(200.0)[:, None]
    y = 2.0 ** (X[:, 0] / 4)

    model = impl.bagged_trees(random_state=seed).fit(X, y)

    depths = [tree.get_depth() for tree in model.estimators_]
    assert depths == [20] * 5, (
        f"bagged_trees() grew trees of depths {depths} on data that needs about 30 levels; the "
        "default max_depth is 20"
    )


def test_bagged_trees_defaults_and_seed(impl, seed):
    """By default 5 trees of depth at most 20; the same random_state repeats, another one differs."""
    rng = np.random.default_rng(seed)
    X, y = _seed_data(rng, 200)

    default = impl.bagged_trees(random_state=seed).fit(X, y)
    again = impl.bagged_trees(random_state=seed).fit(X, y)
    other = impl.bagged_trees(random_state=seed + 1).fit(X, y)

    depths = [tree.get_depth() for tree in default.estimators_]
    assert len(depths) == 5 and max(depths) <= 20, (
        f"bagged_trees() grew trees of depths {depths}; the defaults are 5 trees of max_depth 20"
    )
    assert np.array_equal(default.predict(X), again.predict(X)), (
        f"bagged_trees(random_state={seed}) predicted differently on a second fit; the seed "
        "fixes the bootstrap draws"
    )
    assert not np.array_equal(default.predict(X), other.predict(X)), (
        f"bagged_trees(random_state={seed}) and random_state={seed + 1} predicted the same; "
        "the seed should drive the bootstrap draws"
    )

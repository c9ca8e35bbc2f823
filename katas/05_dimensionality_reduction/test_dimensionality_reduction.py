"""Kata 05, dimensionality reduction: every test is one claim from a senior answer, stated in its
docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

import functools
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.preprocessing import StandardScaler

N_TSNE_POINTS = 400


# The digits and scikit-learn's fits on them do not depend on the implementation under test. The
# meta-checks run this file many times in one process and import the module once, so they are
# built once here and shared by every run and test.
@functools.cache
def _digits():
    return load_digits(return_X_y=True)


@functools.cache
def _sklearn_pca_on_digits(n_components=None):
    """scikit-learn's full-solver PCA fitted on all of the digits."""
    return PCA(n_components=n_components, svd_solver="full").fit(_digits()[0])


@pytest.fixture(scope="session")
def digits():
    """The seed's data set: 1797 images of 8 x 8 pixels, 64 features with values 0-16."""
    X, y = _digits()
    return X.copy(), y.copy()  # copies: an implementation that writes into X spoils no later run


@pytest.fixture(scope="session")
def correlated(seed):
    """300 rows of 6 correlated Gaussian features with clearly different variances."""
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(6, 6)) * np.array([5.0, 3.0, 2.0, 1.0, 0.5, 0.2])[:, None]
    return rng.normal(size=(300, 6)) @ mixing + rng.normal(size=6) * 10


def _sign_aligned(scores, reference):
    """Flip each column of ``scores`` to point the same way as ``reference`` (a PC's sign is arbitrary)."""
    signs = np.sign(np.sum(scores * reference, axis=0))
    signs[signs == 0] = 1
    return scores * signs


# --- PCA from scratch ----------------------------------------------------------------------


def test_pca_components_are_orthonormal(impl, correlated, digits):
    """The principal directions are unit vectors at right angles to each other."""
    for name, X, k in [("correlated data", correlated, 6), ("digits", digits[0], 20)]:
        components = np.asarray(impl.pca(X, k)["components"])

        assert components.shape == (k, X.shape[1]), (
            f"pca({name}, {k}) gave components of shape {components.shape}; expected one row "
            f"per component, ({k}, {X.shape[1]})"
        )
        assert_allclose(
            components @ components.T,
            np.eye(k),
            atol=1e-10,
            err_msg=f"pca({name}, {k}): components @ components.T should be the identity",
        )


def test_pca_scores_are_uncorrelated_with_decreasing_variances(impl, correlated):
    """Projected onto the components, the coordinates are uncorrelated and their variances fall."""
    result = impl.pca(correlated)

    scores = np.asarray(result["scores"])
    covariance = np.cov(scores, rowvar=False)
    variances = np.diag(covariance)
    off_diagonal = covariance - np.diag(variances)
    assert np.abs(off_diagonal).max() < 1e-9 * variances.max(), (
        f"pca(X)['scores'] has covariances up to {np.abs(off_diagonal).max():.3g} between "
        "different components; projections onto principal components are uncorrelated"
    )
    assert np.all(np.diff(variances) < 0), (
        f"the score variances are {np.round(variances, 3)}; the first component carries the most "
        "variance and each later one less"
    )
    # The tolerance is relative to the largest variance: the smallest one (2.7e-6 next to 301 on
    # seed 3) carries relative errors near 1e-8 when PCA goes through the covariance matrix
    # (eigh, or scikit-learn's svd_solver="covariance_eigh"), which is a correct PCA too.
    assert_allclose(
        result["explained_variance"],
        variances,
        rtol=0,
        atol=1e-10 * variances.max(),
        err_msg="explained_variance should be the variance (ddof=1) of each column of scores",
    )


def test_pca_explained_variance_ratio_matches_scikit_learn(impl, digits):
    """On digits, the explained-variance ratios equal scikit-learn's PCA to 1e-6."""
    X, _ = digits

    ratio = impl.pca(X, 10)["explained_variance_ratio"]

    expected = _sklearn_pca_on_digits(10).explained_variance_ratio_
    assert_allclose(
        ratio,
        expected,
        rtol=0,
        atol=1e-6,
        err_msg="pca(digits, 10)['explained_variance_ratio'] differs from sklearn's PCA; the ratio "
        "is each component's variance over the total variance of all 64 features",
    )


def test_pca_projections_match_scikit_learn_up_to_sign(impl, digits):
    """On digits, the projected coordinates equal scikit-learn's, each component up to a sign flip."""
    X, _ = digits

    scores = np.asarray(impl.pca(X, 10)["scores"])

    expected = _sklearn_pca_on_digits(10).transform(X)
    assert scores.shape == expected.shape, f"pca(digits, 10)['scores'] has shape {scores.shape}"
    # Scores reach about 35 in magnitude; 1e-8 is far above float64 noise for an SVD of this size.
    assert_allclose(
        _sign_aligned(scores, expected),
        expected,
        rtol=0,
        atol=1e-8,
        err_msg="pca(digits, 10)['scores'] differs from sklearn's PCA(10).transform even after "
        "aligning each component's sign",
    )


def _awkward_matrices():
    """Small matrices with the shapes and values that trip PCA: wide, tiny, constant, tied rows."""
    shapes = st.tuples(st.integers(2, 9), st.integers(1, 9))
    values = st.sampled_from([-3.0, -1.0, 0.0, 0.1, 0.5, 2.0, 7.7, 100.0])

    @st.composite
    def build(draw):
        n, p = draw(shapes)
        X = draw(arrays(np.float64, (n, p), elements=values))
        noise = draw(arrays(np.float64, (n, p), elements=st.floats(-1, 1, width=32)))
        return X + draw(st.sampled_from([0.0, 1.0])) * noise

    return build()


@settings(
    derandomize=True, max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(X=_awkward_matrices())
def test_pca_scores_are_uncorrelated_on_any_small_matrix(impl, X):
    """On tall, wide, tiny, tied or constant data, components are orthonormal and scores uncorrelated."""
    with warnings.catch_warnings():
        # All-constant data has no variance at all; its ratios are 0/0 and not checked here.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = impl.pca(X)

    k = min(X.shape)
    components, scores = np.asarray(result["components"]), np.asarray(result["scores"])
    variances = np.asarray(result["explained_variance"])
    assert components.shape == (k, X.shape[1]) and scores.shape == (len(X), k), (
        f"pca(X of shape {X.shape}) gave components {components.shape} and scores "
        f"{scores.shape}; None keeps min(n_samples, n_features) = {k} components"
    )
    total = X.var(axis=0, ddof=1).sum()
    scale = max(total, 1e-300)
    assert_allclose(
        components @ components.T,
        np.eye(k),
        atol=1e-8,
        err_msg=f"pca(X of shape {X.shape}): components are not orthonormal",
    )
    assert_allclose(
        np.cov(scores, rowvar=False, ddof=1).reshape(k, k),
        np.diag(variances),
        atol=1e-9 * scale,
        err_msg=f"pca(X of shape {X.shape}): the scores' covariance should be "
        "diagonal, with explained_variance on the diagonal",
    )
    assert np.all(np.diff(variances) <= 1e-9 * scale), (
        f"pca(X of shape {X.shape}) gave variances {variances}; they should not rise"
    )
    assert_allclose(
        variances.sum(),
        total,
        atol=1e-9 * scale,
        err_msg="with every component kept, the variances add up to the total",
    )


def test_pca_on_a_wide_matrix_keeps_min_n_samples_n_features(impl, rng):
    """With more features than rows (20 x 50), None keeps 20 components and they match scikit-learn."""
    X = rng.normal(size=(20, 50)) @ np.diag(np.linspace(3, 0.1, 50)) + 5

    result = impl.pca(X)

    components = np.asarray(result["components"])
    scores = np.asarray(result["scores"])
    assert components.shape == (20, 50) and scores.shape == (20, 20), (
        f"pca(X of shape (20, 50)) gave components {components.shape} and scores {scores.shape}; "
        "None keeps min(n_samples, n_features) = 20"
    )
    expected = PCA(svd_solver="full").fit(X)
    # 20 centred rows span 19 directions: the 20th variance is zero and its direction arbitrary.
    assert_allclose(
        result["explained_variance"],
        expected.explained_variance_,
        rtol=0,
        atol=1e-9 * expected.explained_variance_[0],
        err_msg="pca(wide X)['explained_variance'] differs from scikit-learn's",
    )
    assert_allclose(
        np.asarray(result["explained_variance_ratio"]).sum(),
        1.0,
        atol=1e-9,
        err_msg="on a wide matrix the kept components carry all of the variance",
    )
    assert_allclose(
        _sign_aligned(scores[:, :19], expected.transform(X)[:, :19]),
        expected.transform(X)[:, :19],
        atol=1e-8,
        err_msg="pca(wide X)['scores'] differs from scikit-learn's PCA",
    )
    assert_allclose(
        result["mean"],
        X.mean(axis=0),
        atol=1e-12,
        err_msg="pca(X)['mean'] should be the column means that were subtracted",
    )
    assert impl.reconstruction_error(X, 19) < 1e-20, (
        "20 centred rows have rank 19, so 19 components rebuild them exactly; "
        f"reconstruction_error(X, 19) gave {impl.reconstruction_error(X, 19):.3g}"
    )


@pytest.mark.parametrize("value", [0.1, 7.7, 0.0])
def test_pca_standardize_leaves_a_constant_column_alone(impl, correlated, value):
    """standardize=True divides a constant column by 1: no NaN, no spurious component, scale 1."""
    X = np.insert(correlated, 2, value, axis=1)

    result = impl.pca(X, standardize=True)

    without = impl.pca(correlated, standardize=True)
    variances = np.asarray(result["explained_variance"])
    assert np.all(np.isfinite(variances)) and np.all(np.isfinite(result["components"])), (
        f"pca(X with a column of {value}s, standardize=True) gave NaN or inf; a constant "
        "feature has no spread to divide by and is left as it is"
    )
    assert_allclose(result["scale"][2], 1.0, err_msg=f"scale of the constant column ({value}s)")
    # The constant column carries no variance: the other six variances are those of the data
    # without it, and the seventh is zero. (Rounding leaves a column of 0.1s a deviation of
    # 1e-17; dividing by that turns it into a component with variance 1.)
    assert_allclose(
        variances[:6],
        without["explained_variance"],
        rtol=1e-9,
        err_msg=f"pca(X with a column of {value}s, standardize=True): a constant "
        "column should not change the other components' variances",
    )
    assert abs(variances[6]) < 1e-12 and abs(result["explained_variance_ratio"][6]) < 1e-12, (
        f"pca(X with a column of {value}s, standardize=True) gave the last component a "
        f"variance of {variances[6]:.3g}; a constant column adds none"
    )
    assert_allclose(
        np.asarray(result["components"])[:6, 2],
        0.0,
        atol=1e-8,
        err_msg="the directions with variance should not load on a constant column",
    )


def test_pca_standardize_divides_by_the_population_deviation(impl, correlated):
    """standardize=True divides by the ddof=0 deviation, as StandardScaler does, and reports it."""
    X = correlated * np.array([1.0, 10.0, 0.1, 1.0, 3.0, 1.0])

    result = impl.pca(X, 3, standardize=True)

    expected = PCA(3, svd_solver="full").fit(StandardScaler().fit_transform(X))
    assert_allclose(
        result["scale"],
        X.std(axis=0),
        rtol=1e-12,
        err_msg="pca(X, standardize=True)['scale'] should be X.std(axis=0) (ddof=0)",
    )
    assert_allclose(
        result["mean"],
        X.mean(axis=0),
        rtol=1e-12,
        atol=1e-12,
        err_msg="pca(X, standardize=True)['mean'] should be the raw column means",
    )
    assert_allclose(
        result["explained_variance"],
        expected.explained_variance_,
        rtol=1e-9,
        err_msg="pca(X, 3, standardize=True)['explained_variance'] should equal "
        "PCA on StandardScaler's output",
    )
    assert_allclose(
        result["explained_variance_ratio"],
        expected.explained_variance_ratio_,
        rtol=1e-9,
        err_msg="explained_variance_ratio after standardizing",
    )
    assert_allclose(
        _sign_aligned(
            np.asarray(result["scores"]), expected.transform(StandardScaler().fit_transform(X))
        ),
        expected.transform(StandardScaler().fit_transform(X)),
        atol=1e-9,
        err_msg="pca(X, 3, standardize=True)['scores']",
    )
    assert impl.pca(X, 3)["scale"] is None, "without standardizing, scale should be None"


# --- Choosing k and measuring what is lost ---------------------------------------------------


def test_n_components_for_95_percent_variance_is_29_on_digits(impl, digits):
    """The smallest k that keeps 95% of the digits' variance is 29, as scikit-learn's PCA(0.95) says."""
    X, _ = digits

    k = impl.n_components_for_variance(X, 0.95)

    expected = _sklearn_pca_on_digits(0.95).n_components_
    assert k == expected == 29, (
        f"n_components_for_variance(digits, 0.95) returned {k}; scikit-learn's PCA(0.95) keeps "
        f"{expected}, the smallest k whose cumulative ratio reaches 0.95"
    )
    for target in (0.5, 0.8, 0.99):
        expected = _sklearn_pca_on_digits(target).n_components_
        got = impl.n_components_for_variance(X, target)
        assert got == expected, (
            f"n_components_for_variance(digits, {target}) returned {got}; PCA({target}) keeps "
            f"{expected}"
        )


def test_reconstruction_error_falls_with_k_and_is_zero_at_full_rank(impl, digits):
    """Rebuilding from more components loses less, and from all of them loses nothing."""
    X, _ = digits
    ks = [1, 2, 5, 10, 20, 40, 64]

    errors = [impl.reconstruction_error(X, k) for k in ks]

    assert all(a > b for a, b in zip(errors, errors[1:])), (
        f"reconstruction_error(digits, k) for k = {ks} gave {np.round(errors, 4)}; "
        "each extra component should lower it"
    )
    # The full-rank rebuild is exact up to rounding: entries are at most 16, squared errors ~1e-27.
    assert errors[-1] < 1e-20, (
        f"reconstruction_error(digits, 64) is {errors[-1]:.3g}; with every component kept the "
        "rebuild (scores @ components + mean) is X itself"
    )
    # The variance left out equals the error: the mean over entries of the dropped variance.
    dropped = _sklearn_pca_on_digits().explained_variance_[10:].sum() * (len(X) - 1) / X.size
    assert_allclose(
        errors[3],
        dropped,
        rtol=1e-8,
        err_msg="reconstruction_error(digits, 10) should equal "
        "the variance of the 54 dropped components, per entry",
    )


# --- Scale -----------------------------------------------------------------------------------


def test_pca_is_not_scale_invariant_unless_standardized(impl, correlated):
    """One feature times 1000 takes over the first component, unless the features are standardized."""
    scaled = correlated.copy()
    scaled[:, 2] *= 1000

    raw_first = np.asarray(impl.pca(scaled, 1)["components"])[0]
    standardized_first = np.asarray(impl.pca(scaled, 1, standardize=True)["components"])[0]

    # Over seeds 0-99 the rescaled feature's loading was at least 0.999975 without standardizing;
    # 0.999 leaves a margin of 0.001, far above what a wrong PCA gets near (at most 0.59 below).
    assert abs(raw_first[2]) > 0.999, (
        f"pca(X with column 2 times 1000, 1) has loading {raw_first[2]:.4f} on column 2; "
        "its variance is a million times larger, so it should be nearly the whole first component"
    )
    original_first = np.asarray(impl.pca(correlated, 1, standardize=True)["components"])[0]
    assert_allclose(
        np.abs(standardized_first),
        np.abs(original_first),
        atol=1e-9,
        err_msg="after standardizing, multiplying a feature by 1000 should change nothing",
    )
    # Over seeds 0-99 the standardized loading on column 2 was 0.019-0.592; 0.9 leaves 0.3.
    assert abs(standardized_first[2]) < 0.9, (
        f"pca(..., standardize=True) still puts {standardized_first[2]:.4f} on column 2"
    )


# --- t-SNE -----------------------------------------------------------------------------------


def test_tsne_keeps_local_structure_better_than_pca(impl, digits, seed):
    """On 400 digits, a 2-D t-SNE map keeps each point's neighbours far better than 2-D PCA."""
    X, _ = digits
    rows = np.random.default_rng(seed).choice(len(X), size=N_TSNE_POINTS, replace=False)
    subset = X[rows]

    tsne_map = np.asarray(impl.embed_2d(subset, "tsne", random_state=seed))
    pca_map = np.asarray(impl.embed_2d(subset, "pca", random_state=seed))

    expected_pca_map = PCA(2).fit_transform(subset)
    assert tsne_map.shape == pca_map.shape == (N_TSNE_POINTS, 2), (
        f"embed_2d gave shapes {tsne_map.shape} (t-SNE) and {pca_map.shape} (PCA); expected "
        f"({N_TSNE_POINTS}, 2)"
    )
    assert_allclose(
        _sign_aligned(pca_map, expected_pca_map),
        expected_pca_map,
        atol=1e-8,
        err_msg="embed_2d(X, 'pca') should be the first two principal component scores",
    )
    tsne_trust = trustworthiness(subset, tsne_map, n_neighbors=5)
    pca_trust = trustworthiness(subset, pca_map, n_neighbors=5)
    # Over seeds 0-99 (400 digits each), t-SNE scored 0.982-0.993 and PCA 0.794-0.844, a gap of
    # 0.144-0.195; asking for 0.1 leaves a margin of 0.044.
    assert tsne_trust > pca_trust + 0.1, (
        f"trustworthiness (5 neighbours) is {tsne_trust:.3f} for embed_2d(X, 'tsne') and "
        f"{pca_trust:.3f} for PCA; t-SNE is built to keep neighbours together"
    )


# The settings embed_2d's docstring promises; they are what keeps the t-SNE test fast.
DOCUMENTED_TSNE_SETTINGS = {
    "n_components": 2,
    "perplexity": 30,
    "init": "pca",
    "max_iter": 300,
    "angle": 0.8,
    "early_exaggeration": 4,
}


def test_tsne_runs_with_the_documented_settings(impl, correlated, monkeypatch):
    """embed_2d(X, "tsne") runs scikit-learn's TSNE once, with the documented settings and the given random_state."""
    calls = []

    def spy_fit_transform(self, X, y=None):
        # A spy on the class, so it sees the estimator however it was imported or called (fit or
        # fit_transform), and returns at once instead of running t-SNE.
        calls.append(self.get_params())
        self.embedding_ = np.zeros((len(X), 2))
        return self.embedding_

    monkeypatch.setattr(TSNE, "fit_transform", spy_fit_transform)

    impl.embed_2d(correlated, "tsne", random_state=7)

    assert len(calls) == 1, (
        f"embed_2d(X, 'tsne') fitted scikit-learn's TSNE {len(calls)} times; the docstring says it "
        "runs TSNE once"
    )
    # random_state is passed on unchanged, as the docstring says.
    documented = {**DOCUMENTED_TSNE_SETTINGS, "random_state": 7}
    differing = {
        name: (calls[0][name], wanted)
        for name, wanted in documented.items()
        if calls[0][name] != wanted
    }
    assert not differing, (
        f"embed_2d(X, 'tsne') built TSNE with {{setting: (given, documented)}} = {differing}; the "
        "docstring promises these settings"
    )


def test_pca_features_for_a_model_come_from_the_training_rows(impl, digits):
    """For a downstream model, PCA is fitted on the training rows and the test rows are only mapped."""
    X, _ = digits
    X_train, X_test = X[:1200], X[1200:]

    Z_train, Z_test = impl.reduce_for_downstream(X_train, X_test, "pca", n_components=5)

    model = PCA(n_components=5, svd_solver="full").fit(X_train)
    for name, got, expected in [
        ("Z_train", Z_train, model.transform(X_train)),
        ("Z_test", Z_test, model.transform(X_test)),
    ]:
        got = np.asarray(got)
        assert got.shape == expected.shape, (
            f"reduce_for_downstream gave {name} of shape {got.shape}"
        )
        assert_allclose(
            _sign_aligned(got, expected),
            expected,
            atol=1e-8,
            err_msg=f"reduce_for_downstream(X_train, X_test, 'pca', 5): {name} should be X mapped "
            "by the PCA fitted on X_train alone",
        )


def test_tsne_cannot_embed_new_points_so_it_is_no_feature_extractor(impl, digits):
    """Asked for t-SNE features for unseen rows, the reducer refuses: t-SNE has no transform."""
    X, _ = digits

    with pytest.raises(ValueError, match="t-SNE cannot embed new points"):
        impl.reduce_for_downstream(X[:150], X[150:200], "tsne")


@pytest.mark.parametrize("target", [0.0, 1.0, 1.5, -0.2])
def test_n_components_for_variance_rejects_a_target_outside_zero_one(impl, correlated, target):
    """A share of the variance lies strictly between 0 and 1; anything else raises a ValueError."""
    with pytest.raises(ValueError, match="target must lie strictly between 0 and 1"):
        impl.n_components_for_variance(correlated, target)


def test_an_unknown_method_raises_a_value_error(impl, correlated):
    """embed_2d and reduce_for_downstream name the methods they know when given another one."""
    with pytest.raises(ValueError, match="method must be one of"):
        impl.embed_2d(correlated, "umap")
    with pytest.raises(ValueError, match="method must be one of"):
        impl.reduce_for_downstream(correlated[:200], correlated[200:], "umap")


def test_reduce_for_downstream_defaults_to_two_pca_components(impl, correlated):
    """Without method or n_components, reduce_for_downstream gives the first two PCA scores."""
    X_train, X_test = correlated[:200], correlated[200:]

    Z_train, Z_test = impl.reduce_for_downstream(X_train, X_test)

    model = PCA(n_components=2, svd_solver="full").fit(X_train)
    for name, got, expected in [
        ("Z_train", Z_train, model.transform(X_train)),
        ("Z_test", Z_test, model.transform(X_test)),
    ]:
        got = np.asarray(got)
        assert got.shape == expected.shape, (
            f"reduce_for_downstream(X_train, X_test) gave {name} of shape {got.shape}; the "
            f"defaults are method='pca' and n_components=2, so {expected.shape}"
        )
        assert_allclose(
            _sign_aligned(got, expected),
            expected,
            atol=1e-8,
            err_msg=f"reduce_for_downstream(X_train, X_test): {name} should be the first two PCA "
            "scores of the PCA fitted on X_train",
        )


@pytest.mark.parametrize(
    "shape", [(6,), (50, 5), (50, 7)], ids=["one row as 1-D", "too few columns", "too many columns"]
)
def test_reduce_for_downstream_refuses_test_rows_of_another_width(impl, correlated, shape):
    """X_test must be 2-D with X_train's six columns; anything else, even one row of six as 1-D, raises a ValueError."""
    X_test = np.ones(shape)

    with pytest.raises(ValueError):
        impl.reduce_for_downstream(correlated[:200], X_test, "pca", n_components=2)


@pytest.mark.parametrize(
    "X, n_components",
    [(np.arange(6.0), None), (np.ones((1, 4)), None), (np.eye(5, 3), 0), (np.eye(5, 3), 4)],
    ids=["1-D X", "one row", "0 components", "more components than min(n, p)"],
)
def test_pca_refuses_bad_shapes_and_component_counts(impl, X, n_components):
    """A 1-D X, a single row, or n_components outside 1..min(n_samples, n_features) raise a ValueError."""
    with pytest.raises(ValueError):
        impl.pca(X, n_components)


def test_pca_takes_a_boolean_feature_matrix_as_zeros_and_ones(impl, rng):
    """A boolean (one-hot style) X is read as 0/1 numbers, standardized or not."""
    flags = rng.random((40, 5)) < np.array([0.5, 0.2, 0.7, 0.4, 0.9])

    for standardize in (False, True):
        got = impl.pca(flags, 3, standardize=standardize)

        expected = impl.pca(flags.astype(float), 3, standardize=standardize)
        assert_allclose(
            got["explained_variance"],
            expected["explained_variance"],
            rtol=1e-12,
            err_msg=f"pca(boolean X, 3, standardize={standardize}) differs from pca of the same "
            "X as 0.0/1.0",
        )

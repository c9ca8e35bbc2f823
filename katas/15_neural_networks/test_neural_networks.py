"""Kata 15, neural-network anatomy: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

# A fresh interpreter for the reproducibility claim. It imports Keras (3-6 s) while this process
# does the same, then waits for the implementation's path and the data on its standard input. It
# has drawn no random numbers when the request comes, so it is as fresh as a new process; started
# here rather than by the fixture, its import no longer adds to the suite's wall time.
_FRESH_PROCESS_RUN = """
import os, select, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import hashlib, importlib.util, json
import numpy as np
import keras
# A run that never asks (a -k selection, a stop at the first failure) leaves this one idle: give up.
if not select.select([sys.stdin], [], [], 60)[0]:
    sys.exit(0)
text = sys.stdin.read()
if not text.strip():
    sys.exit(0)
request = json.loads(text)
spec = importlib.util.spec_from_file_location(request["module"], request["path"])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
arrays = np.load(request["data"])
model, _ = module.train_mlp(arrays["X"], arrays["y"], seed=request["seed"], **request["budget"])
digest = hashlib.sha256()
for weight in model.get_weights():
    digest.update(np.ascontiguousarray(weight).tobytes())
print(digest.hexdigest())
"""


# Where pytest was started, before each test moves into its scratch directory: a tool that runs
# this file (mutmut) finds its configuration there, in the fresh interpreter too. The interpreter
# writes nothing.
_LAUNCH_DIRECTORY = os.getcwd()


def _start_fresh_interpreter() -> subprocess.Popen:
    repository = str(Path(__file__).resolve().parents[2])
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [repository, os.environ.get("PYTHONPATH")])),
    }
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-c", _FRESH_PROCESS_RUN],
        cwd=_LAUNCH_DIRECTORY,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    process.log = log
    return process


# Started once, at import; the fixture takes it if it is still waiting and belongs to this process
# (a forked copy of this module, as under mutmut, must start its own).
_SPARE = {"owner": os.getpid(), "process": _start_fresh_interpreter()}

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402
from numpy.testing import assert_allclose, assert_array_equal  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

SEED_LAYER_SIZES = (64, 128, 64, 10)
# The seed's network: 64*128+128 + 128*64+64 + 64*10+10.
SEED_PARAMETER_COUNT = 17_226
# The seed's split: 30% of the rows held out, random_state=42.
SPLIT = {"test_size": 0.3, "random_state": 42}
# The training budget: 4 epochs of 48-row batches, Adam at 4e-3, 4 x 27 = 108 steps on the 1,257
# training rows. Close to the seed's 64 and 5e-3, but not train_mlp's defaults, so an answer that
# ignores its arguments shows.
BUDGET = {"epochs": 4, "batch_size": 48, "learning_rate": 4e-3}
BUDGET_STEPS = 108

_DIGITS: dict[str, tuple] = {}


def _standardized_digits():
    """The seed's split, standardized with the training rows' statistics (computed once)."""
    if "split" not in _DIGITS:
        X, y = load_digits(return_X_y=True)
        X_train, X_test, y_train, y_test = train_test_split(X, y, **SPLIT)
        scaler = StandardScaler().fit(X_train)
        _DIGITS["split"] = (
            scaler.transform(X_train).astype(np.float32),
            scaler.transform(X_test).astype(np.float32),
            y_train,
            y_test,
        )
    return _DIGITS["split"]


def _weights_digest(model) -> str:
    digest = hashlib.sha256()
    for weight in model.get_weights():
        digest.update(np.ascontiguousarray(weight).tobytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def digits():
    return _standardized_digits()


@pytest.fixture(scope="module", autouse=True)
def fresh_process_run(impl, digits, seed, tmp_path_factory):
    """train_mlp on the same data and seed in a fresh interpreter, asked before the first test.

    Here the random state has been used by earlier tests, there it is new, so a seed set after
    the weights are drawn shows (two calls in one process share that state and hide it). The
    interpreter trains on the second core while the other tests run.
    """
    spare, process = _SPARE.pop("process", None), None
    if spare is not None and _SPARE["owner"] == os.getpid() and spare.poll() is None:
        process = spare
    elif spare is not None and _SPARE["owner"] == os.getpid():
        spare.wait()  # it gave up waiting; collect it
    if process is None:
        process = _start_fresh_interpreter()
    directory = tmp_path_factory.mktemp(f"fresh-process-seed{seed}")
    X_train, _, y_train, _ = digits
    np.savez(directory / "digits.npz", X=X_train, y=y_train)
    request = {
        "path": str(impl.path),
        "module": impl.module.__name__,
        "data": str(directory / "digits.npz"),
        "seed": seed,
    }
    process.stdin.write(json.dumps({**request, "budget": BUDGET}))
    process.stdin.close()
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()
    process.stdout.close()
    process.log.close()


@pytest.fixture(scope="module")
def trained(impl, digits, seed):
    """One seeded training run of the implementation, shared by the tests that need a fitted net."""
    X_train, _, y_train, _ = digits
    return impl.train_mlp(X_train, y_train, seed=seed, **BUDGET)


# --- The architecture ------------------------------------------------------------------------


def _numpy_mlp(weights, X):
    """The network's inference arithmetic: ReLU on every hidden layer, softmax on the last."""
    h = np.asarray(X, dtype=float)
    for index in range(0, len(weights), 2):
        h = h @ weights[index] + weights[index + 1]
        if index + 2 < len(weights):
            h = np.maximum(h, 0.0)
    z = np.exp(h - h.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def _check_network(model, sizes, dropout):
    """Compare a built model with the network the widths describe, by behaviour, not by layer list."""
    call = f"build_mlp({sizes}, dropout={dropout})"
    assert tuple(model.input_shape) == (None, sizes[0]), (
        f"{call} takes input of shape {model.input_shape}; expected (None, {sizes[0]})"
    )
    shapes = [tuple(w.shape) for w in model.get_weights()]
    expected_shapes = [
        shape for n_in, n_out in zip(sizes[:-1], sizes[1:]) for shape in ((n_in, n_out), (n_out,))
    ]
    assert shapes == expected_shapes, (
        f"{call} holds weight arrays {shapes}; a Dense stack of these widths holds "
        f"{expected_shapes} (kernel and bias per layer, nothing else)"
    )
    # Which layers hold weights (W) and which drop (D), in order; activations do neither.
    kinds = "".join(
        "D" if isinstance(layer, keras.layers.Dropout) else "W" if layer.weights else ""
        for layer in model.layers
    )
    rates = [layer.rate for layer in model.layers if isinstance(layer, keras.layers.Dropout)]
    hidden = len(sizes) - 2
    assert kinds == "WD" * hidden + "W" and rates == pytest.approx([dropout] * hidden), (
        f"{call}: weighted layers (W) and Dropout layers (D) come in the order {kinds!r} with "
        f"rates {rates}; expected {'WD' * hidden + 'W'!r}, one Dropout({dropout}) after each "
        "hidden Dense layer and none after the output"
    )
    # Known weights, then the forward pass at inference: ReLU hidden, softmax out, no dropout.
    rng = np.random.default_rng(12345)
    weights = [rng.normal(scale=0.5, size=shape).astype(np.float32) for shape in expected_shapes]
    model.set_weights(weights)
    X = rng.normal(size=(32, sizes[0])).astype(np.float32)
    assert_allclose(
        np.asarray(model(X, training=False)),
        _numpy_mlp(weights, X),
        atol=1e-5,
        rtol=0,
        err_msg=f"{call} with known weights, at inference, vs ReLU on every hidden layer and a "
        "softmax on the last (float32, so atol 1e-5)",
    )


def test_build_mlp_builds_the_seed_architecture(impl, seed):
    """build_mlp gives 64 inputs, Dense 128 and 64 with ReLU each followed by Dropout 0.2, and a softmax over 10."""
    model = impl.build_mlp(SEED_LAYER_SIZES, dropout=0.2, seed=seed)

    _check_network(model, SEED_LAYER_SIZES, 0.2)


@pytest.mark.parametrize(
    ("sizes", "dropout"), [((20, 7, 5, 3), 0.5), ((12, 4), 0.3), ((6, 9, 2), 0.1)]
)
def test_build_mlp_builds_other_architectures(impl, seed, sizes, dropout):
    """build_mlp follows the widths and the dropout rate it is given, including a net with no hidden layer."""
    model = impl.build_mlp(sizes, dropout=dropout, seed=seed)

    _check_network(model, sizes, dropout)


def test_build_mlp_seed_fixes_the_initial_weights(impl, seed):
    """The same seed draws the same initial weights; another seed draws other ones."""
    first = impl.build_mlp(SEED_LAYER_SIZES, seed=seed).get_weights()
    again = impl.build_mlp(SEED_LAYER_SIZES, seed=seed).get_weights()
    other = impl.build_mlp(SEED_LAYER_SIZES, seed=seed + 1).get_weights()

    for index, (a, b) in enumerate(zip(first, again, strict=True)):
        assert_array_equal(
            a, b, err_msg=f"build_mlp(seed={seed}) twice differs in weight array {index}"
        )
    assert not np.array_equal(first[0], other[0]), (
        f"build_mlp(seed={seed}) and build_mlp(seed={seed + 1}) drew the same first kernel; "
        "the seed must decide the initial weights"
    )


def test_build_mlp_has_17226_parameters_and_count_params_agrees(impl, seed):
    """The seed's network holds 17,226 weights and biases; the from-scratch count_params gives the same."""
    model = impl.build_mlp(SEED_LAYER_SIZES, dropout=0.2, seed=seed)

    counted = impl.count_params(SEED_LAYER_SIZES)

    assert model.count_params() == SEED_PARAMETER_COUNT, (
        f"build_mlp{SEED_LAYER_SIZES}.count_params() is {model.count_params()}; "
        f"the seed's network has {SEED_PARAMETER_COUNT}"
    )
    assert counted == SEED_PARAMETER_COUNT, (
        f"count_params({SEED_LAYER_SIZES}) returned {counted}; each Dense layer holds "
        f"n_in * n_out weights plus n_out biases, {SEED_PARAMETER_COUNT} in all"
    )


def test_count_params_matches_keras_for_another_architecture(impl):
    """count_params works from the widths for any stack of Dense layers, as Keras counts them."""
    sizes = (20, 7, 5, 3)
    peer = keras.Sequential([keras.Input(shape=(20,))] + [keras.layers.Dense(n) for n in sizes[1:]])

    counted = impl.count_params(sizes)

    assert counted == peer.count_params(), (
        f"count_params({sizes}) returned {counted}; Keras counts {peer.count_params()} "
        "for the same Dense stack"
    )


# --- Softmax ---------------------------------------------------------------------------------


def test_softmax_outputs_of_the_network_are_non_negative_rows_that_sum_to_one(impl, digits, seed):
    """The network's outputs are probabilities: every entry is >= 0 and every row sums to 1."""
    _, X_test, _, _ = digits
    model = impl.build_mlp(SEED_LAYER_SIZES, dropout=0.2, seed=seed)

    probabilities = np.asarray(model(X_test, training=False))

    assert probabilities.shape == (len(X_test), 10), (
        f"the model returned shape {probabilities.shape} for {len(X_test)} rows; expected (n, 10)"
    )
    assert probabilities.min() >= 0, (
        f"the smallest output is {probabilities.min():.3g}; softmax outputs are never negative"
    )
    assert_allclose(
        probabilities.sum(axis=1),
        1.0,
        atol=1e-5,
        err_msg="rows of the network's output must sum to 1 (float32, so atol 1e-5)",
    )


def test_softmax_from_scratch_matches_keras_and_survives_huge_logits(impl, rng):
    """softmax(z) equals keras.activations.softmax row by row, and logits near 1000 give finite probabilities."""
    logits = rng.normal(scale=3.0, size=(50, 10))
    huge = np.array([[1000.0, 999.0, 0.0], [-1000.0, -1000.0, -999.0]])

    got = impl.softmax(logits)
    with np.errstate(over="raise", invalid="raise"):
        got_huge = impl.softmax(huge)

    expected = np.asarray(keras.activations.softmax(tf.constant(logits), axis=-1))
    assert_allclose(got, expected, rtol=1e-9, atol=1e-12, err_msg="softmax(logits) vs Keras")
    assert_allclose(got.sum(axis=1), 1.0, rtol=1e-12, err_msg="each row of softmax must sum to 1")
    # Subtracting the row maximum first gives exp(0) and exp(-1) for the first row.
    e = np.exp(-1.0)
    assert_allclose(
        got_huge,
        [[1 / (1 + e), e / (1 + e), 0.0], [e / (1 + 2 * e), e / (1 + 2 * e), 1 / (1 + 2 * e)]],
        rtol=1e-12,
        atol=1e-300,
        err_msg="softmax of logits near +-1000 must subtract the row maximum before exp",
    )


# --- The forward pass ------------------------------------------------------------------------


def test_forward_pass_in_numpy_matches_model_predict(impl, trained, digits):
    """A numpy forward pass with the trained model's weights reproduces model.predict to 1e-5."""
    model, _ = trained
    _, X_test, _, _ = digits

    ours = impl.forward_pass(model.get_weights(), X_test)

    theirs = model.predict(X_test, verbose=0)
    # Keras computes in float32; the largest gap measured over seeds 0-99 was 1.2e-6 (8x margin).
    assert_allclose(
        ours,
        theirs,
        atol=1e-5,
        rtol=0,
        err_msg="forward_pass(model.get_weights(), X_test) vs model.predict(X_test); at inference "
        "Dropout passes activations through unchanged (Keras scales during training instead)",
    )


def test_forward_pass_handles_a_network_with_no_hidden_layer(impl, rng):
    """With one kernel and one bias, forward_pass is softmax(X @ kernel + bias): no ReLU, and no pair is too few."""
    kernel, bias = rng.normal(size=(4, 3)), rng.normal(size=3)
    X = rng.normal(size=(6, 4))

    got = impl.forward_pass([kernel, bias], X)

    z = X @ kernel + bias
    expected = np.exp(z - z.max(axis=1, keepdims=True))
    assert_allclose(
        got, expected / expected.sum(axis=1, keepdims=True), rtol=1e-9, atol=1e-12,
        err_msg="forward_pass([kernel, bias], X) vs softmax(X @ kernel + bias)",
    )


def test_softmax_cross_entropy_gradient_is_probabilities_minus_targets(impl, rng):
    """The gradient of mean cross-entropy with respect to the logits is (softmax(z) - one_hot(y)) / n, as TensorFlow computes."""
    logits = rng.normal(scale=3.0, size=(8, 5))
    labels = np.array([0, 4, 4, 1, 2, 3, 0, 2])

    got = impl.softmax_cross_entropy_grad(logits, labels)

    variable = tf.constant(logits)
    with tf.GradientTape() as tape:
        tape.watch(variable)
        loss = tf.reduce_mean(
            keras.losses.sparse_categorical_crossentropy(labels, variable, from_logits=True)
        )
    expected = tape.gradient(loss, variable).numpy()
    assert_allclose(
        got,
        expected,
        rtol=1e-7,
        atol=1e-12,
        err_msg="softmax_cross_entropy_grad(logits, labels) vs tf.GradientTape of the mean "
        "sparse categorical cross-entropy: softmax(z) - one_hot(y), divided by the 8 rows",
    )
    with np.errstate(over="raise", invalid="raise"):
        huge = impl.softmax_cross_entropy_grad(np.array([[1000.0, 0.0, -1000.0]]), np.array([2]))
    assert_allclose(huge, [[1.0, 0.0, -1.0]], atol=1e-12, err_msg="logits near +-1000")


_LOGITS = hnp.arrays(
    np.float64,
    # One row, a batch of rows, or a stack of batches: softmax works over the last axis of each.
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
    # Few distinct values, so ties are common; large magnitudes test the max-subtraction.
    elements=st.sampled_from([-800.0, -3.0, 0.0, 0.0, 1.5, 2.0, 700.0]) | st.floats(-50, 50),
)


@settings(derandomize=True, database=None, max_examples=25, deadline=None)
@given(logits=_LOGITS, shift=st.floats(-100, 100))
@example(logits=np.array([1.0, 2.0, 2.0, -800.0]), shift=0.0)
@example(logits=np.arange(24.0).reshape(2, 3, 4), shift=5.0)
def test_softmax_rows_sum_to_one_and_ignore_a_constant_shift(impl, logits, shift):
    """Softmax over the last axis gives probabilities summing to 1 there, unchanged when a constant is added to every logit."""
    with np.errstate(over="raise", invalid="raise"):
        probabilities = impl.softmax(logits)
        shifted = impl.softmax(logits + shift)

    assert probabilities.shape == logits.shape and probabilities.min() >= 0, (
        f"softmax({logits.tolist()}) returned {probabilities.tolist()}"
    )
    assert_allclose(probabilities.sum(axis=-1), 1.0, rtol=1e-12, err_msg=f"softmax({logits.tolist()})")
    assert_allclose(
        shifted, probabilities, rtol=1e-6, atol=1e-12,
        err_msg=f"softmax({logits.tolist()} + {shift}) differs from softmax of the logits",
    )


# --- Activations -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh"])
def test_activation_from_scratch_matches_keras(impl, name):
    """relu, sigmoid and tanh from scratch equal keras.activations on a grid from -20 to 20."""
    x = np.linspace(-20.0, 20.0, 401)

    got = getattr(impl, name)(x)

    expected = np.asarray(getattr(keras.activations, name)(tf.constant(x)))
    assert_allclose(got, expected, rtol=1e-7, atol=1e-12, err_msg=f"{name}(x) vs keras.activations")


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh"])
def test_activation_gradient_matches_automatic_differentiation(impl, name):
    """Each hand-written derivative equals TensorFlow's gradient of the Keras activation at the same x."""
    x = np.linspace(-12.0, 12.0, 241)

    got = getattr(impl, f"{name}_grad")(x)

    variable = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(variable)
        out = getattr(keras.activations, name)(variable)
    expected = tape.gradient(out, variable).numpy()
    assert_allclose(
        got,
        expected,
        rtol=1e-6,
        atol=1e-12,
        err_msg=f"{name}_grad(x) vs tf.GradientTape; the derivative is evaluated at the input x",
    )


def test_sigmoid_saturates_while_relu_passes_the_gradient(impl):
    """Beyond |x| = 10 the sigmoid's gradient is below 1e-4; ReLU's gradient is exactly 1 for every x > 0."""
    far = np.array([-50.0, -20.0, -10.5, 10.5, 20.0, 50.0])
    positive = np.array([1e-3, 0.5, 10.5, 20.0, 50.0])

    sigmoid_slope = impl.sigmoid_grad(far)
    relu_slope = impl.relu_grad(positive)

    # sigmoid'(10) = e^-10 / (1 + e^-10)^2 = 4.5e-5, and it shrinks further out.
    assert np.all((sigmoid_slope >= 0) & (sigmoid_slope < 1e-4)), (
        f"sigmoid_grad({far.tolist()}) returned {sigmoid_slope.tolist()}; beyond |x| = 10 the "
        "sigmoid is flat, so its slope must lie in [0, 1e-4): that is the vanishing gradient"
    )
    assert_array_equal(
        relu_slope, 1.0, err_msg=f"relu_grad({positive.tolist()}) must be 1 for every x > 0"
    )
    assert_array_equal(
        impl.relu_grad(-positive), 0.0, err_msg="relu_grad must be 0 for every x < 0"
    )


def test_sigmoid_and_tanh_are_stable_for_huge_inputs(impl):
    """sigmoid and tanh of +-1000 give their limits without an overflow."""
    x = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])

    with np.errstate(over="raise", invalid="raise"):
        s = impl.sigmoid(x)
        t = impl.tanh(x)

    assert_allclose(s, [0.0, np.exp(-50.0), 0.5, 1.0, 1.0], rtol=1e-12, atol=1e-300)
    assert_allclose(t, [-1.0, -1.0, 0.0, 1.0, 1.0], rtol=1e-12, atol=0)


# --- Data and training -----------------------------------------------------------------------


def test_prepare_digits_standardizes_with_training_statistics_only(impl, digits):
    """prepare_digits splits as the seed does, fits the scaler on the training rows alone and returns float32 X, integer y."""
    expected = digits

    got = impl.prepare_digits(**SPLIT)

    names = ("X_train", "X_test", "y_train", "y_test")
    dtypes = [np.asarray(value).dtype for value in got]
    assert dtypes[:2] == [np.float32, np.float32], (
        f"prepare_digits returned X_train and X_test as {dtypes[:2]}; the contract is float32, "
        "what Keras computes in (float64 input is cast on every batch)"
    )
    assert all(np.issubdtype(dtype, np.integer) for dtype in dtypes[2:]), (
        f"prepare_digits returned y_train and y_test as {dtypes[2:]}; the labels are integers"
    )
    for name, value, reference in zip(names, got, expected, strict=True):
        assert_allclose(
            np.asarray(value, dtype=float),
            reference,
            atol=1e-5,
            rtol=0,
            err_msg=f"prepare_digits(test_size=0.3, random_state=42) gave a different {name}; "
            "split first, then fit StandardScaler on X_train and apply it to both",
        )


def test_prepare_digits_follows_the_split_it_is_given(impl):
    """prepare_digits(test_size=0.5, random_state=7) splits with those arguments, not the seed's 0.3 and 42."""
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=7)
    scaler = StandardScaler().fit(X_train)
    expected = (scaler.transform(X_train), scaler.transform(X_test), y_train, y_test)

    got = impl.prepare_digits(test_size=0.5, random_state=7)

    sizes = [len(value) for value in got]
    assert sizes == [898, 899, 898, 899], (
        f"prepare_digits(test_size=0.5, random_state=7) returned {sizes} rows for X_train, X_test, "
        "y_train and y_test; half of the 1,797 digits should be held out"
    )
    for name, value, reference in zip(("X_train", "X_test", "y_train", "y_test"), got, expected):
        assert_allclose(
            np.asarray(value, dtype=float), reference, atol=1e-5, rtol=0,
            err_msg=f"prepare_digits(test_size=0.5, random_state=7) gave a different {name}; the "
            "split must use the random_state it is given",
        )


def test_train_mlp_uses_the_budget_and_learning_rate_it_is_given(impl, trained):
    """train_mlp(epochs=4, batch_size=48, learning_rate=4e-3) takes 4 x 27 Adam steps at 4e-3 on the 1,257 training rows."""
    model, _ = trained

    optimizer = model.optimizer

    steps = int(optimizer.iterations.numpy())
    rate = float(np.asarray(optimizer.learning_rate))
    call = "train_mlp(X_train, y_train, epochs=4, batch_size=48, learning_rate=4e-3)"
    assert type(optimizer).__name__ == "Adam" and rate == pytest.approx(4e-3, rel=1e-6), (
        f"{call} compiled {type(optimizer).__name__} at learning rate {rate}; expected Adam at "
        "4e-3, the rate it was given"
    )
    assert steps == BUDGET_STEPS, (
        f"{call} took {steps} optimizer steps; 4 epochs of ceil(1257 / 48) = 27 batches are "
        f"{BUDGET_STEPS}"
    )


def test_trained_network_reaches_095_test_accuracy(impl, trained, digits):
    """On standardized digits with the seed's split, four epochs of training (108 Adam steps) reach at least 0.95 test accuracy."""
    model, _ = trained
    _, X_test, _, y_test = digits

    accuracy = float(np.mean(np.argmax(np.asarray(model(X_test, training=False)), 1) == y_test))

    # Over seeds 0-99 the accuracy measured 0.959 to 0.982 with this budget (540 test rows; 0.95
    # allows 27 errors, the worst seed made 22).
    assert accuracy >= 0.95, (
        f"train_mlp(..., epochs=4, batch_size=48, learning_rate=4e-3) reached test accuracy "
        f"{accuracy:.3f}; the claim is at least 0.95"
    )


def test_training_loss_falls(impl, trained):
    """The training loss of every epoch is below the one before, and the last is under a fifth of the first."""
    _, losses = trained

    drops = np.diff(losses)

    assert len(losses) == BUDGET["epochs"], (
        f"train_mlp returned {len(losses)} losses for {BUDGET['epochs']} epochs; one per epoch"
    )
    assert np.all(drops < 0), f"the loss rose between epochs: {losses}"
    # Over seeds 0-99 the loss fell every epoch and the last/first ratio measured 0.075 to 0.122;
    # a fifth leaves a wide margin.
    assert losses[-1] < losses[0] / 5, (
        f"the loss went from {losses[0]:.3f} to {losses[-1]:.3f}; it should fall below a fifth"
    )


# Waiting for the fresh interpreter can take long on a busy machine; the suite's limit is 60 s.
@pytest.mark.timeout(300)
def test_seeded_training_repeats_in_a_fresh_process(impl, trained, fresh_process_run, seed):
    """train_mlp with the same data and seed in a fresh Python process ends with bit-for-bit this process's weights."""
    first, _ = trained
    process = fresh_process_run

    returncode = process.wait(timeout=240)

    output = process.stdout.read().split()
    process.log.seek(0)
    assert returncode == 0 and output, (
        f"train_mlp failed in a fresh process:\n{process.log.read().decode()[-2000:]}"
    )
    assert output[-1] == _weights_digest(first), (
        f"train_mlp(..., seed={seed}) in a fresh process ended with other weights than the same "
        "call in this process; seed everything (keras.utils.set_random_seed) before the model "
        "is built, so the initial weights, dropout masks and shuffling all follow the seed"
    )


# --- Bad input -------------------------------------------------------------------------------


def test_count_params_rejects_a_single_width(impl):
    """A single width describes no layer; count_params says it needs inputs and outputs."""
    with pytest.raises(ValueError, match=r"at least two widths \(inputs and outputs\), got \[64\]"):
        impl.count_params([64])


def test_count_params_rejects_a_width_of_zero(impl):
    """A layer of 0 units is no layer; count_params raises a ValueError instead of counting it."""
    with pytest.raises(ValueError, match="positive"):
        impl.count_params([64, 0, 10])


def test_build_mlp_rejects_a_dropout_rate_of_one(impl):
    """Dropout 1.0 would zero every unit; build_mlp names the allowed range."""
    with pytest.raises(ValueError, match=r"dropout must be in \[0, 1\), got 1.0"):
        impl.build_mlp(SEED_LAYER_SIZES, dropout=1.0)


def test_forward_pass_rejects_input_of_the_wrong_width(impl, rng):
    """Feeding 32 features to a network built for 64 raises a ValueError that gives both widths."""
    weights = [rng.normal(size=(64, 8)), np.zeros(8), rng.normal(size=(8, 3)), np.zeros(3)]

    with pytest.raises(ValueError, match="X has 32 features but the first kernel expects 64"):
        impl.forward_pass(weights, np.ones((5, 32)))


def test_softmax_cross_entropy_grad_rejects_a_label_outside_the_classes(impl):
    """A label 5 with 5 classes is not a class index; the error gives the valid range."""
    with pytest.raises(ValueError, match=r"labels must be integer class indices in \[0, 5\)"):
        impl.softmax_cross_entropy_grad(np.zeros((2, 5)), np.array([1, 5]))


def test_softmax_cross_entropy_grad_rejects_a_negative_label(impl):
    """A label -1 is not a class index (numpy would quietly read it as the last class); the error gives the valid range."""
    with pytest.raises(ValueError, match=r"labels must be integer class indices in \[0, 5\)"):
        impl.softmax_cross_entropy_grad(np.zeros((2, 5)), np.array([1, -1]))


def test_forward_pass_rejects_weights_that_are_not_kernel_bias_pairs(impl, rng):
    """Three arrays are not kernel, bias pairs; forward_pass raises a ValueError instead of dropping one."""
    weights = [rng.normal(size=(4, 3)), np.zeros(3), rng.normal(size=(3, 2))]

    with pytest.raises(ValueError, match="kernel, bias pairs"):
        impl.forward_pass(weights, np.ones((5, 4)))


def test_softmax_cross_entropy_grad_rejects_labels_of_another_length(impl):
    """Three labels for two rows of logits do not fit together; the gradient raises a ValueError."""
    with pytest.raises(ValueError):
        impl.softmax_cross_entropy_grad(np.zeros((2, 5)), np.array([0, 1, 2]))


def test_forward_pass_rejects_a_single_row_given_as_a_vector(impl, rng):
    """X must be a matrix (n_samples, n_features); a 1-D vector gets a ValueError, not an IndexError."""
    weights = [rng.normal(size=(4, 3)), np.zeros(3)]

    with pytest.raises(ValueError):
        impl.forward_pass(weights, np.ones(4))

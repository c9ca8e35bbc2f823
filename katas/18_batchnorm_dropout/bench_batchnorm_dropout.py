"""Benchmarks for kata 18: your numpy batch normalization against Keras' layer, in training mode.

Not part of the claims. Run with ``pytest --benchmark-only katas/18_batchnorm_dropout/bench_batchnorm_dropout.py``
(add ``--solutions`` for the reference).
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

BATCH, FEATURES = 1_024, 256


@pytest.fixture(scope="module")
def batch(seed):
    """A 1,024 x 256 batch of float32 activations."""
    return np.random.default_rng(seed).normal(2.0, 3.0, size=(BATCH, FEATURES)).astype("float32")


@pytest.mark.benchmark(group="batch norm 1024 x 256, training")
def test_batchnorm_implementation_under_test(benchmark, impl, batch):
    """The implementation under test."""
    ones, zeros = np.ones(FEATURES), np.zeros(FEATURES)

    out, _, _ = benchmark(impl.batchnorm_forward, batch, ones, zeros, zeros, ones, training=True)

    assert abs(out.mean()) < 1e-3


@pytest.mark.benchmark(group="batch norm 1024 x 256, training")
def test_batchnorm_keras_layer(benchmark, batch):
    """The library peer: keras.layers.BatchNormalization called eagerly in training mode."""
    layer = keras.layers.BatchNormalization()
    layer.build(batch.shape)

    out = benchmark(lambda: keras.ops.convert_to_numpy(layer(batch, training=True)))

    assert abs(out.mean()) < 1e-3

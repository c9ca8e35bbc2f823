"""Transfer learning with Keras: freeze a pretrained base, train a new head, then fine-tune the top
of the base with a smaller step while BatchNormalization stays in inference mode."""

from __future__ import annotations

import keras
import numpy as np


def _check_base(base) -> None:
    if not isinstance(base, keras.Model) or not base.layers:
        raise TypeError(f"base must be a built Keras model with layers, got {type(base).__name__}")


def _check_n_classes(n_classes) -> None:
    if not isinstance(n_classes, int | np.integer) or n_classes < 2:
        raise ValueError(f"n_classes must be an integer of at least 2, got {n_classes!r}")


def _head(n_classes: int) -> keras.layers.Dense:
    return keras.layers.Dense(int(n_classes), activation="softmax", name="head")


def _compile(model, learning_rate: float) -> None:
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )


def sample_per_class(y, n_per_class: int, random_state=None) -> np.ndarray:
    """Draw the few labelled rows of a small-data task: ``n_per_class`` distinct rows of every class.

    Parameters
    ----------
    y : array-like of labels
    n_per_class : int
        Rows to draw from each class, without replacement.
    random_state : int or None
        Seed of the draw.

    Returns
    -------
    np.ndarray
        Indices into ``y``, sorted.

    Raises
    ------
    ValueError
        If ``n_per_class`` is below 1 or a class has fewer than ``n_per_class`` rows.
    """
    y = np.asarray(y)
    if n_per_class < 1:
        raise ValueError(f"n_per_class must be at least 1, got {n_per_class}")
    rng = np.random.default_rng(random_state)
    picks = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        if len(members) < n_per_class:
            raise ValueError(
                f"class {label} has {len(members)} rows; cannot draw {n_per_class} per class"
            )
        picks.append(rng.choice(members, size=n_per_class, replace=False))
    return np.sort(np.concatenate(picks))


def build_transfer_model(
    base, n_classes: int, *, learning_rate: float = 1e-3, seed=None
) -> keras.Sequential:
    """Freeze a pretrained base and put a new softmax head on it (feature extraction).

    Parameters
    ----------
    base : keras.Model
        The pretrained network without its old head. It is frozen in place (``trainable=False``),
        which in Keras 3 also keeps its BatchNormalization layers in inference mode.
    n_classes : int
        Classes of the target task.
    learning_rate : float
        Step size of the Adam optimizer the model is compiled with.
    seed : int or None
        If given, passed to ``keras.utils.set_random_seed`` before the head's weights are drawn.

    Returns
    -------
    keras.Sequential
        ``[base, head]``, compiled with sparse categorical cross-entropy; the head is a
        ``Dense(n_classes, activation="softmax")`` and the only trainable part.

    Raises
    ------
    ValueError
        If ``n_classes`` is not an integer of at least 2.
    """
    _check_base(base)
    _check_n_classes(n_classes)
    if seed is not None:
        # Before the head is made: a Keras initializer takes its seed when it is constructed.
        keras.utils.set_random_seed(seed)
    head = _head(n_classes)
    base.trainable = False
    model = keras.Sequential([keras.Input(shape=base.input_shape[1:]), base, head])
    _compile(model, learning_rate)
    return model


def build_from_scratch(
    base, n_classes: int, *, learning_rate: float = 1e-3, seed=None
) -> keras.Sequential:
    """The same architecture as `build_transfer_model`, freshly initialised and fully trainable.

    Parameters
    ----------
    base : keras.Model
        Only its architecture is used; the base itself, its weights and its flags are left alone.
    n_classes, learning_rate, seed
        As in `build_transfer_model`.

    Returns
    -------
    keras.Sequential
        ``[new base, head]`` with newly drawn weights everywhere, every layer trainable, compiled.

    Raises
    ------
    ValueError
        If ``n_classes`` is not an integer of at least 2.
    """
    _check_base(base)
    _check_n_classes(n_classes)
    if seed is not None:
        keras.utils.set_random_seed(seed)
    fresh = keras.models.clone_model(base)
    head = _head(n_classes)
    # clone_model copies the configuration, trainable flags included, but draws new weights.
    fresh.trainable = True
    model = keras.Sequential([keras.Input(shape=base.input_shape[1:]), fresh, head])
    _compile(model, learning_rate)
    return model


def parameter_counts(model) -> dict:
    """Count the scalars in a model's trainable and non-trainable weights.

    Returns
    -------
    dict
        ``{"trainable": int, "non_trainable": int}``. A frozen layer's weights count as
        non-trainable, and so do BatchNormalization's moving mean and variance always.
    """
    return {
        "trainable": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
        "non_trainable": int(sum(np.prod(w.shape) for w in model.non_trainable_weights)),
    }


def unfreeze_top(model, n: int, *, learning_rate: float = 1e-5) -> keras.Sequential:
    """Fine-tuning: make the last ``n`` layers of the base trainable and recompile with a smaller step.

    Parameters
    ----------
    model : keras.Sequential
        A model from `build_transfer_model`, already compiled; its first layer is the base.
    n : int
        How many of the base's top layers to unfreeze, 1 to the number of layers in the base.
        BatchNormalization layers among them stay frozen, so they keep normalizing with the
        statistics learned on the source task instead of re-estimating them from small batches.
    learning_rate : float
        Step size of the new Adam optimizer; must be below the learning rate the model has now.

    Returns
    -------
    keras.Sequential
        The same model, recompiled so that the new trainable flags take effect.

    Raises
    ------
    ValueError
        If ``n`` is out of range or ``learning_rate`` is not below the current one.
    """
    base = model.layers[0]
    _check_base(base)
    if not 1 <= n <= len(base.layers):
        raise ValueError(
            f"n={n} but the base has {len(base.layers)} layers; use 1 to {len(base.layers)}"
        )
    if model.optimizer is None:
        raise ValueError("model is not compiled; build it with build_transfer_model first")
    # The optimizer keeps its rate in float32, so compare both in float32.
    current = np.float32(model.optimizer.learning_rate.numpy())
    if np.float32(learning_rate) >= current:
        raise ValueError(
            f"learning_rate={learning_rate} is not below the first phase's {current:g}; "
            "fine-tuning needs a smaller step"
        )
    base.trainable = True
    first_unfrozen = len(base.layers) - n
    for index, layer in enumerate(base.layers):
        is_batch_norm = isinstance(layer, keras.layers.BatchNormalization)
        layer.trainable = index >= first_unfrozen and not is_batch_norm
    _compile(model, learning_rate)
    return model

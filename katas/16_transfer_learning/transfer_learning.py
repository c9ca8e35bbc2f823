"""Transfer learning with Keras: freeze a pretrained base, train a new head, then fine-tune the top
of the base with a smaller step while BatchNormalization stays in inference mode."""

from __future__ import annotations

import keras
import numpy as np


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
    # TODO: implement sample_per_class; test_transfer_learning.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement build_transfer_model; test_transfer_learning.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement build_from_scratch; test_transfer_learning.py says what it must do.
    raise NotImplementedError


def parameter_counts(model) -> dict:
    """Count the scalars in a model's trainable and non-trainable weights.

    Returns
    -------
    dict
        ``{"trainable": int, "non_trainable": int}``. A frozen layer's weights count as
        non-trainable, and so do BatchNormalization's moving mean and variance always.
    """
    # TODO: implement parameter_counts; test_transfer_learning.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement unfreeze_top; test_transfer_learning.py says what it must do.
    raise NotImplementedError

"""Mistake: KFold(shuffle=True, random_state=...) without n_splits, so learning_curve_mse ignores cv."""

import numpy as np
from sklearn.model_selection import KFold, learning_curve

from kata_harness.implementation import inherit_reference


def _neg_mse(estimator, X, y):
    return -float(np.mean((estimator.predict(X) - y) ** 2))


def learning_curve_mse(
    estimator, X, y, train_sizes, cv: int = 5, random_state=None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training and validation mean squared error as the training set grows.

    Parameters
    ----------
    estimator : an unfitted scikit-learn regressor
    X, y : all the data; each fold's training part is cut to each size, as scikit-learn's
        ``learning_curve`` does
    train_sizes : absolute numbers of training rows, increasing
    cv : number of folds: ``KFold(n_splits=cv, shuffle=True, random_state=random_state)``
    random_state : seed for the shuffle of the folds

    Returns
    -------
    (sizes, train_mse, val_mse) : arrays of equal length; the errors are means over the folds and
    are mean squared errors (positive, in squared units of y), not scores.
    """
    folds = KFold(shuffle=True, random_state=random_state)
    sizes, train_scores, val_scores = learning_curve(
        estimator,
        X,
        y,
        train_sizes=np.asarray(train_sizes),
        cv=folds,
        scoring=_neg_mse,
    )
    return sizes, -train_scores.mean(axis=1), -val_scores.mean(axis=1)


inherit_reference(globals(), "01_bias_variance")

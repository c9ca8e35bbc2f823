"""Mistake: fitting the model on training and validation rows together before scoring both.

The validation rows are no longer new to the model, so a tree that memorises noise looks as good on
"validation" as on training and the overfitting disappears from the report.
"""

import numpy as np
from sklearn.base import clone
from sklearn.metrics import r2_score

from kata_harness.implementation import inherit_reference


def train_validation_r2(estimator, X_train, y_train, X_val, y_val):
    model = clone(estimator).fit(np.vstack([X_train, X_val]), np.concatenate([y_train, y_val]))
    return (
        float(r2_score(y_train, model.predict(X_train))),
        float(r2_score(y_val, model.predict(X_val))),
    )


inherit_reference(globals(), "01_bias_variance")

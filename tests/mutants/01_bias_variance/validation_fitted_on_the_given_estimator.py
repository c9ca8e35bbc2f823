"""Mistake: fitting the caller's estimator itself instead of a clone.

The numbers are right, but the caller's object comes back fitted, and reusing it in a loop (as the
depth search and the learning curve do) silently carries state from one call into the next.
"""

from sklearn.metrics import r2_score

from kata_harness.implementation import inherit_reference


def train_validation_r2(estimator, X_train, y_train, X_val, y_val):
    estimator.fit(X_train, y_train)
    return (
        float(r2_score(y_train, estimator.predict(X_train))),
        float(r2_score(y_val, estimator.predict(X_val))),
    )


inherit_reference(globals(), "01_bias_variance")

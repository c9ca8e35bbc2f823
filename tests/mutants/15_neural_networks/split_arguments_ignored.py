"""Mistake: prepare_digits hard-codes the seed's split (30 % held out, random_state=42) and ignores
the test_size and random_state it is given; the defaults hide it.
"""

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference


def prepare_digits(test_size=0.3, random_state=42):
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    scaler = StandardScaler().fit(X_train)
    return (
        scaler.transform(X_train).astype("float32"),
        scaler.transform(X_test).astype("float32"),
        y_train,
        y_test,
    )


inherit_reference(globals(), "15_neural_networks")

"""Mistake: prepare_digits returns the scaler's float64 output, not the float32 the contract (and
Keras) asks for; the values are right, so only the dtype gives it away.
"""

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference


def prepare_digits(test_size=0.3, random_state=42):
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


inherit_reference(globals(), "15_neural_networks")

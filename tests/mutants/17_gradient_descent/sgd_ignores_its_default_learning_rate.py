"""Mistake: stochastic gradient descent that forwards to mini-batch without its own learning rate.

Calls that give learning_rate get it; calls that omit it fall back on mini-batch's default of 0.1
instead of the 0.05 in stochastic_gradient_descent's signature.
"""

from kata_harness.implementation import inherit_reference


def stochastic_gradient_descent(X, y, learning_rate=None, n_epochs=50, random_state=None):
    options = {} if learning_rate is None else {"learning_rate": learning_rate}
    return minibatch_gradient_descent(  # noqa: F821 (inherited from the reference)
        X, y, n_epochs=n_epochs, batch_size=1, random_state=random_state, **options
    )


inherit_reference(globals(), "17_gradient_descent")

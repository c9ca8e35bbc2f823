"""Mistake: counting nonzero coefficients after rounding them to one decimal.

Small Ridge coefficients round to 0 and Ridge suddenly looks sparse; Lasso's zeros are exact, and
only an exact comparison tells the two penalties apart.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def count_nonzero(coef):
    return int(np.count_nonzero(np.round(np.asarray(coef), 1)))


inherit_reference(globals(), "02_regularization")

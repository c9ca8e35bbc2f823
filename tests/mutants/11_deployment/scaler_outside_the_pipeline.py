"""Mistake: scaling in the training script and saving only the classifier.

The model was fitted on standardised features, but the served artifact has no scaler, so the
service feeds it raw centimetres and its predictions are mostly wrong.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference


def train_pipeline(X, y, random_state=None):
    X_scaled = StandardScaler().fit_transform(np.asarray(X, dtype=float))
    model = LogisticRegression(max_iter=1000, random_state=random_state).fit(X_scaled, y)
    return Pipeline([("model", model)])


inherit_reference(globals(), "11_deployment")

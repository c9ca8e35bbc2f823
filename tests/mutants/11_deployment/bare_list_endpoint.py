"""Mistake: the seed's endpoint, a bare list parameter instead of a request model.

Written as `def predict(features: list[float])`, FastAPI expects the body to *be* a JSON array,
so the seed's own curl example, {"features": [5.1, 3.5, 1.4, 0.2]}, is rejected with 422, and
nothing checks the count before the values reach the model. (The seed's literal, untyped
`features: list` is worse on FastAPI 0.165: it is read as a file upload, and the app does not
even build without python-multipart.)
"""

import numpy as np
from fastapi import FastAPI

from kata_harness.implementation import inherit_reference


def create_app(model_path):
    artifact = load_model(model_path)  # noqa: F821 (inherited from the reference)
    pipeline = artifact["pipeline"]
    version = artifact["metadata"]["model_version"]
    app = FastAPI()

    @app.get("/health")
    def health():
        return {
            "status": "ok",
            "model_version": version,
            "sklearn_version": artifact["metadata"]["sklearn_version"],
            "feature_names": artifact["schema"]["feature_names"],
        }

    @app.post("/predict")
    def predict(features: list[float]):
        X = np.array(features).reshape(1, -1)
        return {
            "prediction": pipeline.predict(X).tolist()[0],
            "probabilities": pipeline.predict_proba(X)[0].tolist(),
            "model_version": version,
        }

    @app.post("/predict/batch")
    def predict_batch(rows: list[list[float]]):
        X = np.array(rows, dtype=float)
        return {
            "predictions": pipeline.predict(X).tolist(),
            "probabilities": pipeline.predict_proba(X).tolist(),
            "model_version": version,
        }

    return app


inherit_reference(globals(), "11_deployment")

"""Mistake: rejecting NaN in the request model but keeping FastAPI's default 422 handler.

pydantic refuses NaN and infinity, but FastAPI's default 422 response echoes the offending
input back, and NaN is not valid JSON. Rendering the error fails, so the client gets a 500 for
exactly the input the check was meant to turn away.
"""

from typing import Annotated

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field, field_validator

from kata_harness.implementation import inherit_reference

Feature = Annotated[float, Field(strict=True, allow_inf_nan=False)]


def create_app(model_path):
    artifact = load_model(model_path)  # noqa: F821 (inherited from the reference)
    pipeline = artifact["pipeline"]
    names = artifact["schema"]["feature_names"]
    version = artifact["metadata"]["model_version"]
    classes = artifact["metadata"]["classes"]

    class PredictRequest(BaseModel):
        features: list[Feature]

        @field_validator("features")
        @classmethod
        def _count(cls, features):
            if len(features) != len(names):
                raise ValueError(f"expected {len(names)} features, got {len(features)}")
            return features

    class BatchRequest(BaseModel):
        rows: list[list[Feature]] = Field(min_length=1)

        @field_validator("rows")
        @classmethod
        def _count(cls, rows):
            for i, row in enumerate(rows):
                if len(row) != len(names):
                    raise ValueError(f"row {i}: expected {len(names)} features, got {len(row)}")
            return rows

    def score(rows):
        X = np.asarray(rows, dtype=float)
        return pipeline.predict(X).tolist(), pipeline.predict_proba(X).tolist()

    app = FastAPI()

    @app.get("/health")
    def health():
        return {
            "status": "ok",
            "model_version": version,
            "sklearn_version": artifact["metadata"]["sklearn_version"],
            "feature_names": names,
        }

    @app.post("/predict")
    def predict(request: PredictRequest):
        predictions, probabilities = score([request.features])
        return {
            "prediction": predictions[0],
            "probabilities": probabilities[0],
            "classes": classes,
            "model_version": version,
        }

    @app.post("/predict/batch")
    def predict_batch(request: BatchRequest):
        predictions, probabilities = score(request.rows)
        return {
            "predictions": predictions,
            "probabilities": probabilities,
            "classes": classes,
            "model_version": version,
        }

    return app


inherit_reference(globals(), "11_deployment")

"""Mistake: no check on the number of features; the model is left to complain.

scikit-learn does raise on the wrong number of columns, but inside the endpoint, so the
client gets a 500 with no hint of what was wrong, where a 422 could have said "expected 4
features, got 3". (NaN is handled properly here; only the count check is missing.)
"""

from typing import Annotated

import numpy as np
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

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

    class BatchRequest(BaseModel):
        rows: list[list[Feature]] = Field(min_length=1)

    def score(rows):
        X = np.asarray(rows, dtype=float)
        return pipeline.predict(X).tolist(), pipeline.predict_proba(X).tolist()

    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def _unprocessable(request: Request, error: RequestValidationError):
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in error.errors()]
        return JSONResponse(status_code=422, content={"detail": errors})

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

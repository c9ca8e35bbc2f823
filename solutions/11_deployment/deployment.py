"""Deploying a model: one joblib artifact that carries its schema and versions, and a FastAPI
service that validates every request before the model sees it."""

# No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations at runtime,
# and string annotations could not name the request models that create_app defines locally.
from pathlib import Path
from typing import Annotated

import joblib
import numpy as np
import sklearn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

ARTIFACT_KEYS = ("pipeline", "schema", "metadata")

# A feature is a JSON number: not a string that looks like one, not a bool, not NaN or infinity.
_Feature = Annotated[float, Field(strict=True, allow_inf_nan=False)]


def train_pipeline(X, y, random_state=None) -> Pipeline:
    """Fit one Pipeline, a StandardScaler then a LogisticRegression, on raw features.

    The scaler lives inside the pipeline, so whoever loads the artifact sends raw features and
    gets the same preprocessing that training used.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of class labels
    random_state : int, optional
    """
    pipeline = Pipeline(
        [
            ("scale", StandardScaler()),
            ("model", LogisticRegression(max_iter=1000, random_state=random_state)),
        ]
    )
    return pipeline.fit(np.asarray(X, dtype=float), np.asarray(y))


def save_model(pipeline, path, *, feature_names, model_version: str) -> Path:
    """Write a fitted pipeline, its feature schema and its metadata to one joblib file.

    The file holds a dict with exactly the keys of ``ARTIFACT_KEYS``::

        {"pipeline": the fitted pipeline,
         "schema": {"feature_names": [str, ...], "n_features": int},
         "metadata": {"model_version": str, "sklearn_version": sklearn.__version__,
                      "classes": [label, ...]}}

    Parameters
    ----------
    pipeline : a fitted scikit-learn Pipeline
    path : str or Path
    feature_names : sequence of str, in the column order the pipeline was fitted on
    model_version : str, non-empty

    Returns
    -------
    Path of the written file.

    Raises
    ------
    ValueError
        If the pipeline is not fitted, the number of names differs from the number of features
        it was fitted on, the names repeat, or the version is empty.
    """
    check_is_fitted(pipeline)
    feature_names = [str(name) for name in feature_names]
    if len(feature_names) != pipeline.n_features_in_:
        raise ValueError(
            f"{len(feature_names)} feature names for a pipeline fitted on "
            f"{pipeline.n_features_in_} features"
        )
    if len(set(feature_names)) != len(feature_names):
        raise ValueError(f"feature names repeat: {feature_names}")
    if not str(model_version).strip():
        raise ValueError("model_version is empty; every artifact needs a version to report")
    artifact = {
        "pipeline": pipeline,
        "schema": {"feature_names": feature_names, "n_features": len(feature_names)},
        "metadata": {
            "model_version": str(model_version),
            "sklearn_version": sklearn.__version__,
            "classes": np.asarray(pipeline.classes_).tolist(),
        },
    }
    path = Path(path)
    joblib.dump(artifact, path)
    return path


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(str(version).split(".")[:2])


def load_model(path, *, expected_features=None) -> dict:
    """Load an artifact written by `save_model`, and refuse it unless it is safe to serve.

    Parameters
    ----------
    path : str or Path
    expected_features : sequence of str, optional
        The columns, in order, that the caller will send. When given, the artifact's schema must
        list exactly these.

    Returns
    -------
    dict
        The artifact, with the keys of ``ARTIFACT_KEYS``.

    Raises
    ------
    ValueError
        If the file is not such a dict, the schema disagrees with the pipeline it describes, the
        artifact was saved with another scikit-learn major.minor version, or its features are not
        ``expected_features``.
    """
    artifact = joblib.load(path)
    if not isinstance(artifact, dict) or not set(ARTIFACT_KEYS) <= set(artifact):
        found = sorted(artifact) if isinstance(artifact, dict) else type(artifact).__name__
        raise ValueError(
            f"{path} is not a model artifact: expected a dict with keys {list(ARTIFACT_KEYS)}, "
            f"found {found}"
        )
    pipeline, schema, metadata = (artifact[key] for key in ARTIFACT_KEYS)
    names = list(schema.get("feature_names", []))
    fitted_on = getattr(pipeline, "n_features_in_", None)
    if len(names) != schema.get("n_features") or len(names) != fitted_on:
        raise ValueError(
            f"the artifact's schema lists {len(names)} features but the pipeline was fitted on "
            f"{fitted_on}"
        )
    saved_with = metadata.get("sklearn_version")
    if _major_minor(saved_with) != _major_minor(sklearn.__version__):
        raise ValueError(
            f"the artifact was saved with scikit-learn {saved_with} but {sklearn.__version__} is "
            "installed; pickles do not carry across versions, so retrain or pin the version"
        )
    if expected_features is not None and names != list(expected_features):
        raise ValueError(
            f"the artifact's features {names} are not the expected features "
            f"{list(expected_features)} (same names, same order)"
        )
    return artifact


def _count_message(names: list[str], got: int) -> str:
    return f"expected {len(names)} features ({', '.join(names)}), got {got}"


def _without_inputs(errors) -> list[dict]:
    """Validation errors without the offending input, which may be NaN and is not valid JSON."""
    return [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in errors
    ]


def create_app(model_path) -> FastAPI:
    """Build the prediction service around the artifact at ``model_path``, loaded once here.

    Endpoints
    ---------
    ``GET /health``
        ``{"status": "ok", "model_version", "sklearn_version", "feature_names"}``
    ``POST /predict`` with ``{"features": [x1, ..., xn]}``
        ``{"prediction", "probabilities", "classes", "model_version"}``; probabilities follow
        ``classes`` and sum to 1.
    ``POST /predict/batch`` with ``{"rows": [[x1, ..., xn], ...]}`` (at least one row)
        ``{"predictions", "probabilities", "classes", "model_version"}``, one entry per row.

    A request that is not valid, such as a wrong feature count, a non-number, NaN or infinity,
    or a missing field, gets 422 with ``{"detail": [{"loc", "msg", "type"}, ...]}`` whose
    message names the problem. No request gets a 500.

    Raises
    ------
    ValueError
        If `load_model` refuses the artifact.
    """
    artifact = load_model(model_path)
    pipeline = artifact["pipeline"]
    names = artifact["schema"]["feature_names"]
    version = artifact["metadata"]["model_version"]
    classes = artifact["metadata"]["classes"]

    class PredictRequest(BaseModel):
        model_config = ConfigDict(extra="forbid")
        features: list[_Feature]

        @field_validator("features")
        @classmethod
        def _one_value_per_feature(cls, features):
            if len(features) != len(names):
                raise ValueError(_count_message(names, len(features)))
            return features

    class BatchRequest(BaseModel):
        model_config = ConfigDict(extra="forbid")
        rows: list[list[_Feature]] = Field(min_length=1)

        @field_validator("rows")
        @classmethod
        def _one_value_per_feature(cls, rows):
            for i, row in enumerate(rows):
                if len(row) != len(names):
                    raise ValueError(f"row {i}: {_count_message(names, len(row))}")
            return rows

    def score(rows: list[list[float]]) -> tuple[list, list[list[float]]]:
        X = np.asarray(rows, dtype=float)
        probabilities = pipeline.predict_proba(X)
        if not np.all(np.isfinite(probabilities)):
            raise RequestValidationError(
                [
                    {
                        "loc": ("body",),
                        "msg": "the model could not score these values; they are far outside "
                        "the range it was trained on",
                        "type": "value_error",
                    }
                ]
            )
        return pipeline.predict(X).tolist(), probabilities.tolist()

    app = FastAPI(title="model service", version=version)

    @app.exception_handler(RequestValidationError)
    async def _unprocessable(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _without_inputs(error.errors())})

    @app.get("/health")
    def health() -> dict:
        return {
            "status": "ok",
            "model_version": version,
            "sklearn_version": artifact["metadata"]["sklearn_version"],
            "feature_names": names,
        }

    @app.post("/predict")
    def predict(request: PredictRequest) -> dict:
        predictions, probabilities = score([request.features])
        return {
            "prediction": predictions[0],
            "probabilities": probabilities[0],
            "classes": classes,
            "model_version": version,
        }

    @app.post("/predict/batch")
    def predict_batch(request: BatchRequest) -> dict:
        predictions, probabilities = score(request.rows)
        return {
            "predictions": predictions,
            "probabilities": probabilities,
            "classes": classes,
            "model_version": version,
        }

    return app

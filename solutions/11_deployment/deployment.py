"""Deploying a model: one joblib artifact that carries its schema and versions, a FastAPI
service that validates every request before the model sees it, and the Dockerfile that ships it."""

# No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations at runtime,
# and string annotations could not name the request models that create_app defines locally.
import os
from pathlib import Path
from typing import Annotated

import joblib
import numpy as np
import sklearn
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

ARTIFACT_KEYS = ("pipeline", "schema", "metadata")
# The most rows one POST /predict/batch may carry unless create_app is told otherwise.
MAX_BATCH_ROWS = 1000
# The environment variable that create_app_from_env reads the artifact's path from.
MODEL_PATH_VARIABLE = "MODEL_PATH"

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


def _unscorable(rows: list[int], field: str) -> RequestValidationError:
    return RequestValidationError(
        [
            {
                "loc": ("body", field, row) if field == "rows" else ("body", field),
                "msg": "the model cannot score these values: they are so far outside the range "
                "it was trained on that its arithmetic overflows",
                "type": "value_error",
            }
            for row in rows
        ]
    )


def create_app(model_path, *, max_batch_rows: int = MAX_BATCH_ROWS) -> FastAPI:
    """Build the prediction service around the artifact at ``model_path``, loaded once here.

    The artifact is read and checked (`load_model`) when ``create_app`` is called, never again:
    a bad artifact fails here, before the service takes traffic, and a file replaced on disk
    later does not change the answers.

    Endpoints
    ---------
    ``GET /health``
        A readiness check: it scores one probe row through the loaded pipeline. When that gives
        finite probabilities: 200 with ``{"status": "ok", "model_version", "sklearn_version",
        "feature_names"}``. When scoring fails: 503 with ``{"status": "unavailable", ...}``.
    ``POST /predict`` with ``{"features": [x1, ..., xn]}``
        ``{"prediction", "probabilities", "classes", "model_version"}``; probabilities follow
        ``classes`` (the labels the model was fitted on, as in the artifact's metadata) and sum
        to 1.
    ``POST /predict/batch`` with ``{"rows": [[x1, ..., xn], ...]}`` (1 to ``max_batch_rows`` rows)
        ``{"predictions", "probabilities", "classes", "model_version"}``, one entry per row.

    A request that is not valid gets 422 with ``{"detail": [{"loc", "msg", "type"}, ...]}``: one
    entry per problem, ``loc`` the path to it (``["body", "features", 0]`` for the first feature,
    ``["body", "features"]`` for a missing field, a wrong count or values the model cannot score,
    ``["body", "rows", 1, ...]`` for a batch's second row, ``["body", "rows"]`` for an empty
    batch), ``msg`` a message naming the problem, ``type`` a short code. Invalid means: a missing
    field, a field the endpoint does not define, a value that is not a JSON number (a string,
    null, a boolean, a list), NaN or infinity or a number too large for a float, a wrong feature
    count (``msg`` says ``expected 4 features (a, b, c, d), got 3``, with the schema's names in
    order), an empty batch, and finite values
    so extreme that the model's arithmetic overflows. A batch of more than ``max_batch_rows``
    rows gets a 4xx whose message names the limit. No request gets a 500.

    Raises
    ------
    ValueError
        If `load_model` refuses the artifact, or ``max_batch_rows`` is less than 1.
    """
    if max_batch_rows < 1:
        raise ValueError(f"max_batch_rows must be at least 1, got {max_batch_rows}")
    artifact = load_model(model_path)
    pipeline = artifact["pipeline"]
    names = artifact["schema"]["feature_names"]
    version = artifact["metadata"]["model_version"]
    classes = artifact["metadata"]["classes"]
    probe = np.zeros((1, len(names)))

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
        rows: list[list[_Feature]] = Field(min_length=1, max_length=max_batch_rows)

        @field_validator("rows")
        @classmethod
        def _one_value_per_feature(cls, rows):
            for i, row in enumerate(rows):
                if len(row) != len(names):
                    raise ValueError(f"row {i}: {_count_message(names, len(row))}")
            return rows

    def probabilities_of(X: np.ndarray) -> np.ndarray | None:
        """The pipeline's probabilities, or None where a step overflowed or raised on them."""
        # A finite 1e308 can still overflow inside the scaler or the linear model; scikit-learn
        # then raises on the infinity it made, or softmax gives NaN. Neither is the client's
        # fault to see as a 500.
        with np.errstate(all="ignore"):
            try:
                probabilities = pipeline.predict_proba(X)
            except (ValueError, OverflowError, FloatingPointError):
                return None
        return probabilities if np.all(np.isfinite(probabilities)) else None

    def score(rows: list[list[float]], field: str) -> tuple[list, list[list[float]]]:
        X = np.asarray(rows, dtype=float)
        probabilities = probabilities_of(X)
        if probabilities is None:
            # Only on this error path: score row by row to name the rows that cannot be scored.
            bad = [i for i in range(len(X)) if probabilities_of(X[i : i + 1]) is None]
            raise _unscorable(bad or list(range(len(X))), field)
        labels = np.asarray(pipeline.classes_)[np.argmax(probabilities, axis=1)]
        return labels.tolist(), probabilities.tolist()

    app = FastAPI(title="model service", version=version)

    @app.exception_handler(RequestValidationError)
    async def _unprocessable(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _without_inputs(error.errors())})

    @app.get("/health")
    def health(response: Response) -> dict:
        try:
            ready = probabilities_of(probe) is not None
        except Exception:  # readiness: whatever stops the model scoring makes the service not ready
            ready = False
        if not ready:
            response.status_code = 503
        return {
            "status": "ok" if ready else "unavailable",
            "model_version": version,
            "sklearn_version": artifact["metadata"]["sklearn_version"],
            "feature_names": names,
        }

    @app.post("/predict")
    def predict(request: PredictRequest) -> dict:
        predictions, probabilities = score([request.features], "features")
        return {
            "prediction": predictions[0],
            "probabilities": probabilities[0],
            "classes": classes,
            "model_version": version,
        }

    @app.post("/predict/batch")
    def predict_batch(request: BatchRequest) -> dict:
        predictions, probabilities = score(request.rows, "rows")
        return {
            "predictions": predictions,
            "probabilities": probabilities,
            "classes": classes,
            "model_version": version,
        }

    return app


def create_app_from_env() -> FastAPI:
    """`create_app` around the artifact whose path is in the ``MODEL_PATH`` environment variable.

    This is the factory a server process starts from, e.g.
    ``uvicorn deployment:create_app_from_env --factory`` in the Dockerfile's ``CMD``: every
    worker process builds its own app, from the same environment.

    Raises
    ------
    ValueError
        If ``MODEL_PATH`` is not set, or `create_app` refuses the artifact.
    """
    path = os.environ.get(MODEL_PATH_VARIABLE)
    if not path:
        raise ValueError(
            f"set {MODEL_PATH_VARIABLE} to the artifact's path before starting the service"
        )
    return create_app(path)


def dockerfile() -> str:
    """The text of the service's Dockerfile, kept in this module (e.g. as a string constant).

    Keep it here rather than in a file beside the module: `katas grade` reads only this module
    from a submission, so a separate Dockerfile would not be graded. To build the image, write
    ``dockerfile()`` to a file named ``Dockerfile`` in the build context.

    The tests parse it with Docker's own parser (PyPI ``dockerfile``) and check what a reviewer
    would check:

    - ``FROM`` a slim Python base pinned to a minor version or a digest, e.g.
      ``python:3.12.7-slim-bookworm`` (not ``latest``, not a bare ``python:3``);
    - one ``RUN pip install`` whose every requirement is pinned with ``==``: at least
      fastapi, uvicorn, pydantic, numpy, joblib and scikit-learn, scikit-learn at the
      major.minor version that saved the artifact (`load_model` refuses any other);
    - ``COPY`` of this module as ``deployment.py`` and of the artifact ``model.joblib`` from the
      build context, which holds those two files only;
    - ``ENV MODEL_PATH=`` the path the artifact was copied to;
    - a non-root ``USER`` (not ``root``, not ``0``), after the last ``RUN``;
    - a ``HEALTHCHECK ... CMD`` that requests ``http://127.0.0.1:<port>/health`` (or
      ``localhost``) and exits non-zero unless it answers 200; the slim image has no curl, so
      use ``python -c``;
    - an exec-form ``CMD ["uvicorn", "<module>:<app>", ..., "--host", "0.0.0.0", "--port",
      "<port>", "--workers", "<n>"]`` (``"--factory"`` with `create_app_from_env`).

    Then they lay out the image's files in a temporary folder (``WORKDIR`` and ``COPY``
    destinations inside it), run the ``CMD`` for real with the ``ENV`` values, only with
    ``127.0.0.1``, a free port and one worker in place of the host, port and workers, and run
    the ``HEALTHCHECK`` command against it: it must pass while the service is up and fail once
    it is down. Nothing is built or pulled.
    """
    return _DOCKERFILE


_DOCKERFILE = """\
# The prediction service: one pinned slim Python, pinned libraries, the code and the artifact,
# a user without privileges, and a health check that asks the service to score a row.
FROM python:3.11.7-slim-bookworm

# The scikit-learn here must be the major.minor version that saved model.joblib: load_model
# refuses any other, so an image built with a drifting version fails at start, not at request.
RUN pip install --no-cache-dir \\
        scikit-learn==1.9.1 \\
        numpy==2.4.6 \\
        scipy==1.17.1 \\
        joblib==1.6.0 \\
        fastapi==0.165.0 \\
        pydantic==2.13.4 \\
        uvicorn==0.54.0 \\
    && useradd --create-home --uid 10001 service

WORKDIR /srv/model
COPY deployment.py ./deployment.py
COPY model.joblib /srv/model/model.joblib
ENV MODEL_PATH=/srv/model/model.joblib \\
    PYTHONUNBUFFERED=1

USER 10001
EXPOSE 8000

# /health scores a probe row, so this is readiness, not only liveness. urllib raises (exit 1)
# on anything but a 2xx answer, and on a refused connection.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

# Two workers per container; scale out with more containers. Each worker builds its own app
# from MODEL_PATH through the factory. 0.0.0.0 is the container's own interface: the port is
# published by whoever runs it.
CMD ["uvicorn", "deployment:create_app_from_env", "--factory", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
"""

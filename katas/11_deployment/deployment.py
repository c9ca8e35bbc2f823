"""Deploying a model: one joblib artifact that carries its schema and versions, a FastAPI
service that validates every request before the model sees it, and the Dockerfile that ships it."""

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

MAX_BATCH_ROWS = 1000

MODEL_PATH_VARIABLE = "MODEL_PATH"


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
    # TODO: implement train_pipeline; test_deployment.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement save_model; test_deployment.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement load_model; test_deployment.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement create_app; test_deployment.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement create_app_from_env; test_deployment.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement dockerfile; test_deployment.py says what it must do.
    raise NotImplementedError

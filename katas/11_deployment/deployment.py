"""Deploying a model: one joblib artifact that carries its schema and versions, and a FastAPI
service that validates every request before the model sees it."""

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
    # TODO: implement create_app; test_deployment.py says what it must do.
    raise NotImplementedError

"""Kata 11, deploying a model: every test is one claim from a senior answer, in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py). The
service runs for real: in-process through FastAPI's TestClient, and once as a uvicorn server on
127.0.0.1. No test connects anywhere else.
"""

import asyncio
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import types
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import joblib
import numpy as np
import pytest
import sklearn
import uvicorn
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package; the httpx-based client it ships still works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

MODEL_VERSION = "1.2.0"
SEED_ROW = [5.1, 3.5, 1.4, 0.2]  # the row in the seed's curl example
LATENCY_ROUNDS = 40

# Data and a fitted pipeline that do not depend on the implementation under test, built once per
# seed. The meta-checks run this file many times in one process; the module is imported once.
_CACHE: dict = {}



class SpyLogisticRegression(LogisticRegression):
    """A logistic regression that counts its unpickling and scoring, and can be made to fail.

    Counting ``__setstate__`` observes every load of the artifact, whichever loader a service
    uses (joblib, pickle); ``broken`` stands for a model that stopped working after start.
    """

    loads = 0
    scored = 0
    broken = False
    gives_nan = False

    def __setstate__(self, state):
        SpyLogisticRegression.loads += 1
        super().__setstate__(state)

    def predict_proba(self, X):
        SpyLogisticRegression.scored += 1
        if SpyLogisticRegression.broken:
            raise RuntimeError("the model's backing store went away")
        probabilities = super().predict_proba(X)
        if SpyLogisticRegression.gives_nan:
            probabilities[:] = np.nan  # what an overflowing softmax or a corrupt weight gives
        return probabilities


# Pickle finds a class through its module; the meta-checks import this file under varying names,
# so the spy lives in a module of its own that every run shares.
_SPIES = sys.modules.setdefault("kata11_spies", types.ModuleType("kata11_spies"))
SpyLogisticRegression = getattr(_SPIES, "SpyLogisticRegression", SpyLogisticRegression)
SpyLogisticRegression.__module__ = _SPIES.__name__
_SPIES.SpyLogisticRegression = SpyLogisticRegression


@pytest.fixture(scope="session")
def iris(seed):
    """The iris data, split 80/20 with stratification, and its feature names."""
    if ("iris", seed) not in _CACHE:
        data = load_iris()
        split = train_test_split(
            data.data, data.target, test_size=0.2, stratify=data.target, random_state=seed
        )
        _CACHE["iris", seed] = (*split, list(data.feature_names))
    return _CACHE["iris", seed]


@pytest.fixture(scope="session")
def fitted(iris, seed):
    """A scaler and logistic regression Pipeline, fitted by the test itself for the service tests."""
    if ("fitted", seed) not in _CACHE:
        X_train, _, y_train, *_ = iris
        pipeline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())])
        _CACHE["fitted", seed] = pipeline.fit(X_train, y_train)
    return _CACHE["fitted", seed]


@pytest.fixture(scope="module")
def artifact_path(impl, fitted, iris, tmp_path_factory):
    """The fitted pipeline saved by the implementation's save_model."""
    path = tmp_path_factory.mktemp("artifact") / "model.joblib"
    impl.save_model(fitted, path, feature_names=iris[-1], model_version=MODEL_VERSION)
    return path


@pytest.fixture(scope="session")
def spy_pipeline(iris, seed):
    """The service pipeline with a spy in place of the logistic regression."""
    if ("spy", seed) not in _CACHE:
        X_train, _, y_train, *_ = iris
        pipeline = Pipeline([("scale", StandardScaler()), ("model", SpyLogisticRegression())])
        _CACHE["spy", seed] = pipeline.fit(X_train, y_train)
    return _CACHE["spy", seed]


@pytest.fixture
def spy_artifact(impl, spy_pipeline, iris, tmp_path):
    """The spy pipeline saved by the implementation; the spy is repaired afterwards."""
    path = tmp_path / "spy.joblib"
    impl.save_model(spy_pipeline, path, feature_names=iris[-1], model_version=MODEL_VERSION)
    yield path
    SpyLogisticRegression.broken = SpyLogisticRegression.gives_nan = False


@pytest.fixture(scope="module")
def app(impl, artifact_path):
    """The implementation's FastAPI app around the saved artifact."""
    return impl.create_app(artifact_path)


@pytest.fixture(scope="module")
def client(app):
    """An in-process client; a server error comes back as a 500 response instead of raising."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _post_raw(client, url: str, body: str):
    """POST a body as written: NaN and Infinity are not valid JSON, so no encoder emits them."""
    return client.post(url, content=body, headers={"content-type": "application/json"})


# --- Packaging: one artifact, checked when loaded --------------------------------------------


def test_train_pipeline_is_one_pipeline_that_takes_raw_features(impl, iris, seed):
    """The preprocessing lives inside one Pipeline, so raw features in give good predictions out."""
    X_train, X_test, y_train, y_test, _ = iris

    pipeline = impl.train_pipeline(X_train, y_train, random_state=seed)

    assert isinstance(pipeline, Pipeline) and len(pipeline.steps) >= 2, (
        f"train_pipeline returned {pipeline!r}; the claim is one Pipeline holding the scaler and "
        "the model, so the served artifact cannot be separated from its preprocessing"
    )
    accuracy = float(np.mean(pipeline.predict(X_test) == y_test))
    # On the 30 raw held-out rows the reference scored 0.867 to 1.00 over seeds 0-99 (0.867 once,
    # then 0.9; a margin of two rows); a classifier fitted on scaled features but fed raw ones
    # scored 0.333 (one class for every row).
    assert accuracy >= 0.8, (
        f"the pipeline from train_pipeline scored {accuracy:.2f} on raw held-out rows; fed raw "
        "features it should classify iris at 0.8 or better"
    )


def test_save_and_load_round_trip_gives_identical_predictions(impl, fitted, iris, tmp_path):
    """A saved and reloaded artifact predicts the same labels and bit-identical probabilities."""
    _, X_test, _, _, names = iris
    path = tmp_path / "model.joblib"

    impl.save_model(fitted, path, feature_names=names, model_version=MODEL_VERSION)
    loaded = impl.load_model(path)["pipeline"]

    assert_array_equal(loaded.predict(X_test), fitted.predict(X_test))
    assert_array_equal(
        loaded.predict_proba(X_test),
        fitted.predict_proba(X_test),
        err_msg="probabilities changed across save_model / load_model",
    )


def test_artifact_bundles_the_pipeline_the_schema_and_the_versions(impl, fitted, iris, tmp_path):
    """The joblib file holds the Pipeline, the feature schema, the model version and scikit-learn's version."""
    names = iris[-1]
    path = tmp_path / "model.joblib"

    impl.save_model(fitted, path, feature_names=names, model_version=MODEL_VERSION)

    artifact = joblib.load(path)
    assert isinstance(artifact, dict) and set(artifact) >= {"pipeline", "schema", "metadata"}, (
        f"joblib.load of the saved file gave {type(artifact).__name__} "
        f"{sorted(artifact) if isinstance(artifact, dict) else ''}; the claim is one dict with "
        "pipeline, schema and metadata, not a bare model"
    )
    assert isinstance(artifact["pipeline"], Pipeline)
    assert artifact["schema"] == {"feature_names": names, "n_features": 4}, (
        f"schema came back {artifact['schema']}"
    )
    metadata = artifact["metadata"]
    assert metadata["model_version"] == MODEL_VERSION, f"metadata: {metadata}"
    assert metadata["sklearn_version"] == sklearn.__version__, (
        f"metadata records scikit-learn {metadata.get('sklearn_version')}; "
        f"{sklearn.__version__} saved it"
    )


def _tampered(impl, fitted, names, tmp_path, change) -> str:
    """Save an artifact with the implementation, then edit the stored dict with ``change``."""
    path = tmp_path / "model.joblib"
    impl.save_model(fitted, path, feature_names=names, model_version=MODEL_VERSION)
    artifact = joblib.load(path)
    change(artifact)
    joblib.dump(artifact, path)
    return path


def test_load_model_refuses_a_schema_that_disagrees_with_the_pipeline(impl, fitted, iris, tmp_path):
    """An artifact whose schema lists 5 features for a pipeline fitted on 4 is refused."""
    names = iris[-1]

    def add_a_feature(artifact):
        artifact["schema"] = {"feature_names": [*names, "stem length (cm)"], "n_features": 5}

    path = _tampered(impl, fitted, names, tmp_path, add_a_feature)

    with pytest.raises(
        ValueError, match="schema lists 5 features but the pipeline was fitted on 4"
    ):
        impl.load_model(path)


def test_load_model_refuses_an_artifact_for_other_features(impl, fitted, iris, tmp_path):
    """When the caller's columns differ from the schema, even only in order, loading is refused."""
    names = iris[-1]
    path = tmp_path / "model.joblib"
    impl.save_model(fitted, path, feature_names=names, model_version=MODEL_VERSION)
    swapped = [names[1], names[0], *names[2:]]

    with pytest.raises(ValueError, match="are not the expected features"):
        impl.load_model(path, expected_features=swapped)
    assert impl.load_model(path, expected_features=names)["schema"]["feature_names"] == names


def test_load_model_refuses_an_artifact_from_another_scikit_learn(impl, fitted, iris, tmp_path):
    """A pickle from another scikit-learn version is refused with both versions named."""

    def age_it(artifact):
        artifact["metadata"]["sklearn_version"] = "0.24.2"

    path = _tampered(impl, fitted, iris[-1], tmp_path, age_it)

    with pytest.raises(ValueError, match=r"saved with scikit-learn 0\.24\.2"):
        impl.load_model(path)


@pytest.mark.parametrize("damage", ["schema_without_names", "unfitted_pipeline"])
def test_load_model_refuses_a_schema_without_names_and_an_unfitted_pipeline(
    impl, fitted, iris, tmp_path, damage
):
    """A schema with no feature_names, or an unfitted pipeline in place of the fitted one, disagrees with its counterpart and is refused with a ValueError."""

    def change(artifact):
        if damage == "schema_without_names":
            artifact["schema"] = {"n_features": 4}
        else:
            artifact["pipeline"] = Pipeline(
                [("scale", StandardScaler()), ("model", LogisticRegression())]
            )

    path = _tampered(impl, fitted, iris[-1], tmp_path, change)

    with pytest.raises(ValueError):
        impl.load_model(path)


def test_load_model_refuses_a_bare_pickled_model(impl, fitted, tmp_path):
    """A file holding only a model, as the seed writes it, is not an artifact and is refused."""
    path = tmp_path / "model.joblib"
    joblib.dump(fitted, path)

    with pytest.raises(ValueError, match="is not a model artifact"):
        impl.load_model(path)


@pytest.mark.parametrize("missing", ["pipeline", "schema", "metadata"])
def test_load_model_refuses_a_dict_that_lacks_a_key(impl, fitted, iris, tmp_path, missing):
    """A saved dict with one of pipeline, schema and metadata removed is not an artifact and is refused with a ValueError."""
    path = _tampered(impl, fitted, iris[-1], tmp_path, lambda artifact: artifact.pop(missing))

    with pytest.raises(ValueError):
        impl.load_model(path)


def test_save_model_refuses_names_that_do_not_match_the_pipeline(impl, fitted, iris, tmp_path):
    """Three feature names for a pipeline fitted on four features are refused at save time."""
    names = iris[-1][:3]

    with pytest.raises(ValueError, match="3 feature names for a pipeline fitted on 4 features"):
        impl.save_model(
            fitted, tmp_path / "model.joblib", feature_names=names, model_version=MODEL_VERSION
        )


@pytest.mark.parametrize(
    "names, version",
    [
        (["a", "b", "a", "c"], MODEL_VERSION),
        (None, ""),
    ],
    ids=["repeated_feature_name", "empty_version"],
)
def test_save_model_refuses_repeated_names_and_an_empty_version(
    impl, fitted, iris, tmp_path, names, version
):
    """A repeated feature name or an empty model version is refused at save time with a ValueError that names the feature names or model_version, and no file is written."""
    names = names or iris[-1]
    path = tmp_path / "model.joblib"
    subject = "model_version" if not version else "feature"

    with pytest.raises(ValueError, match=subject):
        impl.save_model(fitted, path, feature_names=names, model_version=version)
    assert not path.exists(), (
        f"save_model(feature_names={names}, model_version={version!r}) raised but left {path} "
        "behind; a refused artifact must not be written"
    )


def test_save_model_refuses_an_unfitted_pipeline(impl, iris, tmp_path):
    """An unfitted pipeline is refused at save time with a ValueError, and no file is written."""
    unfitted = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())])
    path = tmp_path / "model.joblib"

    with pytest.raises(ValueError):
        impl.save_model(unfitted, path, feature_names=iris[-1], model_version=MODEL_VERSION)
    assert not path.exists(), f"save_model(an unfitted pipeline) raised but left {path} behind"


def _other_version(delta_minor: int, patch: str) -> str:
    major, minor = (int(part) for part in sklearn.__version__.split(".")[:2])
    return f"{major}.{minor + delta_minor}.{patch}"


@pytest.mark.parametrize("delta_minor", [-1, 1])
def test_load_model_refuses_another_minor_version_and_accepts_another_patch(
    impl, fitted, iris, tmp_path, delta_minor
):
    """The version check is strict to the minor version: 1.8 or 1.10 is refused where 1.9 runs, 1.9.99 loads."""
    other_minor, other_patch = _other_version(delta_minor, "0"), _other_version(0, "99")

    def stamp(version):
        def change(artifact):
            artifact["metadata"]["sklearn_version"] = version

        return change

    refused = _tampered(impl, fitted, iris[-1], tmp_path, stamp(other_minor))
    with pytest.raises(ValueError, match=re.escape(f"scikit-learn {other_minor}")):
        impl.load_model(refused)
    accepted = _tampered(impl, fitted, iris[-1], tmp_path, stamp(other_patch))
    assert impl.load_model(accepted)["metadata"]["sklearn_version"] == other_patch, (
        f"load_model refused an artifact saved with scikit-learn {other_patch} while "
        f"{sklearn.__version__} is installed; the contract refuses another major.minor only"
    )


def test_artifact_metadata_lists_the_classes_in_the_models_order(impl, iris, tmp_path, seed):
    """The metadata's classes are the labels the pipeline was fitted on, in its order, strings included."""
    X_train, _, y_train, _, names = iris
    species = np.array(["setosa", "versicolor", "virginica"], dtype=object)[y_train]
    pipeline = impl.train_pipeline(X_train, species, random_state=seed)
    path = tmp_path / "model.joblib"

    impl.save_model(pipeline, path, feature_names=names, model_version=MODEL_VERSION)

    classes = joblib.load(path)["metadata"]["classes"]
    assert classes == ["setosa", "versicolor", "virginica"], (
        f"metadata['classes'] is {classes!r}; it should be pipeline.classes_ as a plain list"
    )


# --- The service, in process -----------------------------------------------------------------


def test_health_reports_the_loaded_model_version(client, iris):
    """GET /health answers 200 with the model version, scikit-learn's version and the features."""
    response = client.get("/health")

    assert response.status_code == 200, f"GET /health gave {response.status_code}"
    body = response.json()
    assert body["model_version"] == MODEL_VERSION and body["status"] == "ok", f"/health: {body}"
    assert body["sklearn_version"] == sklearn.__version__ and body["feature_names"] == iris[-1]


def test_predict_returns_the_models_prediction_probabilities_and_version(client, fitted):
    """POST /predict with {"features": [...]} gives the model's own label and probabilities, summing to 1."""
    response = client.post("/predict", json={"features": SEED_ROW})

    assert response.status_code == 200, (
        f"POST /predict with {{'features': {SEED_ROW}}} gave {response.status_code}: "
        f"{response.text}; the seed's curl example must work"
    )
    body = response.json()
    expected = fitted.predict_proba([SEED_ROW])[0]
    assert body["prediction"] == fitted.predict([SEED_ROW])[0], f"/predict answered {body}"
    assert_allclose(
        body["probabilities"], expected, rtol=1e-12, err_msg="/predict probabilities vs the model"
    )
    assert sum(body["probabilities"]) == pytest.approx(1.0, abs=1e-12)
    assert body["model_version"] == MODEL_VERSION


def test_predict_batch_gives_one_result_per_row(client, fitted, iris):
    """POST /predict/batch with 30 rows gives 30 predictions and 30 probability rows, in order."""
    X_test = iris[1]

    response = client.post("/predict/batch", json={"rows": X_test.tolist()})

    assert response.status_code == 200, (
        f"/predict/batch gave {response.status_code}: {response.text}"
    )
    body = response.json()
    assert body["predictions"] == fitted.predict(X_test).tolist(), (
        f"/predict/batch with {len(X_test)} rows gave predictions {body['predictions']}"
    )
    assert_allclose(body["probabilities"], fitted.predict_proba(X_test), rtol=1e-12)
    assert body["model_version"] == MODEL_VERSION


def _assert_422(response, request: str, loc=None, *phrases: str) -> list:
    """422 with the documented ``{"detail": [{"loc", "msg", "type"}, ...]}``; returns the entries.

    ``loc``, when given, must start the ``loc`` of at least one entry; each phrase must appear
    in the ``msg`` of at least one entry.
    """
    assert response.status_code == 422, (
        f"{request} gave {response.status_code}: {response.text[:300]}; the claim is 422"
    )
    body = response.json()
    detail = body.get("detail") if isinstance(body, dict) else None
    assert isinstance(detail, list) and detail, (
        f"{request} gave 422 with {response.text[:300]}; the documented body is "
        '{"detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]}'
    )
    for entry in detail:
        assert (
            isinstance(entry, dict)
            and isinstance(entry.get("loc"), list)
            and isinstance(entry.get("msg"), str)
            and entry["msg"]
            and isinstance(entry.get("type"), str)
            and entry["type"]
        ), f"{request}: the 422 entry {entry} lacks a list loc, a message or a type"
    if loc is not None:
        locs = [entry["loc"] for entry in detail]
        assert any(found[: len(loc)] == list(loc) for found in locs), (
            f"{request} gave 422 with locations {locs}; one should start with {list(loc)}, the "
            "path to the problem"
        )
    for phrase in phrases:
        assert any(phrase in entry["msg"] for entry in detail), (
            f"{request} gave 422 with {response.text[:300]}; a message should say {phrase!r}"
        )
    return detail


@pytest.mark.parametrize("features", [SEED_ROW[:3], [*SEED_ROW, 1.0]])
def test_predict_rejects_a_wrong_feature_count_with_422(client, iris, features):
    """Three or five features for a four-feature model get 422, saying how many were expected, which, in order, and how many were sent."""
    response = client.post("/predict", json={"features": features})

    _assert_422(
        response,
        f"POST /predict with {len(features)} features",
        ["body", "features"],
        "expected 4 features",
        f"({', '.join(iris[-1])})",
        f"got {len(features)}",
    )


@pytest.mark.parametrize("value", ['"abc"', '"1.5"', "null", "true", "[1.0]"])
def test_predict_rejects_a_non_number_with_422(client, value):
    """A string, null, a boolean or a list where a feature belongs gets 422 located at that feature."""
    body = f'{{"features": [{value}, 3.5, 1.4, 0.2]}}'

    response = _post_raw(client, "/predict", body)

    _assert_422(response, f"POST /predict {body}", ["body", "features", 0])


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_predict_rejects_nan_and_infinity_with_422(client, value):
    """NaN, infinity and a number too large for a float get 422 located at that feature, not a 500."""
    body = f'{{"features": [3.5, {value}, 1.4, 0.2]}}'

    response = _post_raw(client, "/predict", body)

    _assert_422(response, f"POST /predict {body}", ["body", "features", 1])


@pytest.mark.parametrize("body", ["{}", '{"feature": [5.1, 3.5, 1.4, 0.2]}'])
def test_predict_rejects_a_missing_field_with_422(client, body):
    """A body without "features" gets 422 located at the missing field."""
    response = _post_raw(client, "/predict", body)

    _assert_422(response, f"POST /predict {body}", ["body", "features"])


def test_predict_batch_names_the_bad_row(client):
    """A batch whose second row has three features gets 422 naming row 1."""
    rows = [SEED_ROW, SEED_ROW[:3], SEED_ROW]

    response = client.post("/predict/batch", json={"rows": rows})

    detail = _assert_422(
        response, "POST /predict/batch with a short row 1", ["body", "rows"], "expected 4 features"
    )
    assert any(
        entry["loc"][:3] == ["body", "rows", 1] or "row 1" in entry["msg"] for entry in detail
    ), f"the 422 for a short row 1 does not name row 1 in loc or msg: {detail}"


@pytest.mark.parametrize(
    "url, body, field",
    [
        ("/predict", {"features": SEED_ROW, "feature": SEED_ROW}, "feature"),
        ("/predict/batch", {"rows": [SEED_ROW], "row": [SEED_ROW]}, "row"),
    ],
    ids=["predict", "batch"],
)
def test_a_field_the_endpoint_does_not_define_gets_422(client, url, body, field):
    """A body with a field the endpoint does not define (a misspelt twin of the right one) gets 422 located at that field."""
    response = client.post(url, json=body)

    _assert_422(response, f"POST {url} with an extra field {field!r}", ["body", field])


def test_an_empty_batch_gets_422_located_at_rows(client):
    """POST /predict/batch with no rows gets 422 located at ["body", "rows"]."""
    response = client.post("/predict/batch", json={"rows": []})

    _assert_422(response, 'POST /predict/batch {"rows": []}', ["body", "rows"])


OVERFLOW_ROW = [-1e308, 1e308, 1e308, -1e308]  # finite, but scaling overflows to infinity


def test_unscorable_values_get_422_located_at_the_features_or_at_their_row(client):
    """Values the model cannot score get 422 at ["body", "features"] from /predict, and at row 1 alone from a batch whose row 1 overflows."""
    single = client.post("/predict", json={"features": OVERFLOW_ROW})
    batch = client.post("/predict/batch", json={"rows": [SEED_ROW, OVERFLOW_ROW, SEED_ROW]})

    locs = [entry["loc"] for entry in _assert_422(single, f"POST /predict with {OVERFLOW_ROW}")]
    assert ["body", "features"] in locs, (
        f"POST /predict with {OVERFLOW_ROW} gave 422 at {locs}; values the model cannot score "
        'are located at ["body", "features"] (["body", "features", 0] would name the first '
        "feature alone)"
    )
    request = f"POST /predict/batch with rows 0 and 2 fine and row 1 = {OVERFLOW_ROW}"
    detail = _assert_422(batch, request, ["body", "rows", 1])
    rows = sorted({tuple(entry["loc"][:3]) for entry in detail})
    assert rows == [("body", "rows", 1)], (
        f"{request} gave 422 at {rows}; only row 1 is a problem, so only row 1 is named"
    )


def test_no_bad_request_gets_a_500(client):
    """Every malformed or unscorable request gets a 4xx answer; none reaches the model and crashes it."""
    bad = {
        "/predict": [
            "",
            "not json",
            "[5.1, 3.5, 1.4, 0.2]",
            '{"features": 5.1}',
            '{"features": [[5.1, 3.5, 1.4, 0.2]]}',
            '{"features": []}',
            '{"features": [NaN, NaN, NaN, NaN]}',
            '{"features": [-1e308, 1e308, 1e308, -1e308]}',
            '{"features": [1.7976931348623157e308, 1e308, -1e308, -1.7976931348623157e308]}',
        ],
        "/predict/batch": [
            '{"rows": []}',
            '{"rows": [5.1, 3.5, 1.4, 0.2]}',
            '{"rows": [[5.1, 3.5, 1.4, Infinity]]}',
            '{"rows": [[5.1, 3.5, 1.4, 0.2], ["a", 3.5, 1.4, 0.2]]}',
            '{"rows": [[5.1, 3.5, 1.4, 0.2], [-1e308, 1e308, 1e308, -1e308]]}',
        ],
    }

    answers = {
        (url, body): _post_raw(client, url, body).status_code
        for url, bodies in bad.items()
        for body in bodies
    }

    not_4xx = {request: status for request, status in answers.items() if not 400 <= status < 500}
    assert not not_4xx, f"these bad requests did not get a 4xx answer: {not_4xx}"


# --- Operating the service: one load at start, readiness, bounded work ------------------------


def _client_for(app):
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("damage", ["schema_of_five", "bare_model", "other_minor_version"])
def test_create_app_fails_fast_on_a_bad_artifact(impl, fitted, iris, tmp_path, damage):
    """create_app itself raises ValueError on an artifact load_model refuses, before any request."""
    names = iris[-1]
    if damage == "bare_model":
        path = tmp_path / "model.joblib"
        joblib.dump(fitted, path)
    else:

        def change(artifact):
            if damage == "schema_of_five":
                artifact["schema"] = {"feature_names": [*names, "x"], "n_features": 5}
            else:
                artifact["metadata"]["sklearn_version"] = _other_version(1, "0")

        path = _tampered(impl, fitted, names, tmp_path, change)

    with pytest.raises(ValueError):
        impl.create_app(path)


def test_create_app_loads_the_artifact_once_and_never_per_request(impl, spy_artifact):
    """The artifact is unpickled inside create_app, and requests afterwards load nothing."""
    before = SpyLogisticRegression.loads

    app = impl.create_app(spy_artifact)
    at_start = SpyLogisticRegression.loads - before
    with _client_for(app) as client:
        answers = [client.get("/health").status_code]
        for _ in range(5):
            answers.append(client.post("/predict", json={"features": SEED_ROW}).status_code)
            answers.append(client.post("/predict/batch", json={"rows": [SEED_ROW]}).status_code)
    during_requests = SpyLogisticRegression.loads - before - at_start

    assert at_start >= 1, (
        "create_app returned without unpickling the model; it must load (and check) the "
        "artifact itself, so a bad one fails before the service takes traffic"
    )
    assert answers == [200] * 11, f"GET /health and 10 predictions answered {answers}"
    assert during_requests == 0, (
        f"11 requests unpickled the model {during_requests} more times; load it once, at start"
    )


def test_answers_do_not_change_when_the_file_changes_after_start(impl, fitted, iris, tmp_path):
    """Replacing, then deleting, the artifact file after create_app changes no answer."""
    X_train, _, y_train, _, names = iris
    path = tmp_path / "model.joblib"
    impl.save_model(fitted, path, feature_names=names, model_version=MODEL_VERSION)
    app = impl.create_app(path)
    other = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(C=1e-3))])
    other.fit(X_train, np.roll(y_train, 7))
    expected = fitted.predict_proba([SEED_ROW])[0]

    with _client_for(app) as client:
        impl.save_model(other, path, feature_names=names, model_version="9.9.9")
        replaced = client.post("/predict", json={"features": SEED_ROW}).json()
        path.unlink()
        deleted = client.post("/predict", json={"features": SEED_ROW}).json()
        health = client.get("/health")

    for moment, body in (("replaced", replaced), ("deleted", deleted)):
        assert body.get("model_version") == MODEL_VERSION, (
            f"after the file was {moment}, /predict answered {body}; the service keeps the model "
            f"it loaded at start, version {MODEL_VERSION}"
        )
        assert_allclose(body["probabilities"], expected, rtol=1e-12, err_msg=moment)
    assert health.status_code == 200 and health.json()["model_version"] == MODEL_VERSION


def test_health_is_a_readiness_check_that_scores_a_row(impl, spy_artifact):
    """GET /health scores a row: 200 while the model scores, 503 when it raises or gives NaN; a NaN answer is refused with a 4xx."""
    app = impl.create_app(spy_artifact)

    with _client_for(app) as client:
        scored_before = SpyLogisticRegression.scored
        ready = client.get("/health")
        scored_by_health = SpyLogisticRegression.scored - scored_before
        SpyLogisticRegression.broken = True
        try:
            not_ready = client.get("/health")
        finally:
            SpyLogisticRegression.broken = False
        ready_again = client.get("/health")
        SpyLogisticRegression.gives_nan = True
        try:
            nan_health = client.get("/health")
            nan_predict = client.post("/predict", json={"features": SEED_ROW})
        finally:
            SpyLogisticRegression.gives_nan = False

    assert ready.status_code == 200 and ready.json()["status"] == "ok", f"/health: {ready.text}"
    assert scored_by_health >= 1, (
        "GET /health answered without scoring anything; a readiness check asks the model to "
        "score a probe row, so a model that loaded but cannot predict is taken out of rotation"
    )
    assert not_ready.status_code == 503, (
        f"with a model whose predict_proba raises, GET /health gave {not_ready.status_code}: "
        f"{not_ready.text[:200]}; the claim is 503, not ready"
    )
    assert not_ready.json().get("status") == "unavailable", f"/health: {not_ready.text[:200]}"
    assert ready_again.status_code == 200, "after the model recovered /health stayed unready"
    assert nan_health.status_code == 503, (
        f"with a model whose probabilities are NaN, GET /health gave {nan_health.status_code}; "
        "ready means finite probabilities"
    )
    assert 400 <= nan_predict.status_code < 500, (
        f"with a model whose probabilities are NaN, POST /predict gave {nan_predict.status_code}: "
        f"{nan_predict.text[:200]}; the service must refuse to answer NaN, and never with a 500"
    )


def test_responses_carry_the_classes_and_string_labels_come_back_as_labels(impl, iris, tmp_path, seed):
    """With string labels, /predict's prediction is a label from classes and probabilities follow classes."""
    X_train, X_test, y_train, _, names = iris
    species = np.array(["setosa", "versicolor", "virginica"], dtype=object)
    pipeline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())])
    pipeline.fit(X_train, species[y_train])
    path = tmp_path / "model.joblib"
    impl.save_model(pipeline, path, feature_names=names, model_version=MODEL_VERSION)

    with _client_for(impl.create_app(path)) as client:
        single = client.post("/predict", json={"features": X_test[0].tolist()}).json()
        batch = client.post("/predict/batch", json={"rows": X_test.tolist()}).json()

    for body in (single, batch):
        assert body.get("classes") == species.tolist(), (
            f"the response's classes are {body.get('classes')!r}; they should be the model's "
            f"labels {species.tolist()}, in the order the probabilities follow"
        )
    assert single["prediction"] == pipeline.predict(X_test[:1])[0]
    assert batch["predictions"] == pipeline.predict(X_test).tolist()
    assert_allclose(batch["probabilities"], pipeline.predict_proba(X_test), rtol=1e-12)


def test_responses_carry_integer_labels_as_the_model_fitted_them(client, fitted, iris):
    """With integer labels, classes in /predict and /predict/batch are those integers, not their text."""
    expected = fitted.classes_.tolist()

    single = client.post("/predict", json={"features": SEED_ROW}).json()
    batch = client.post("/predict/batch", json={"rows": iris[1][:3].tolist()}).json()

    for endpoint, body in (("/predict", single), ("/predict/batch", batch)):
        assert body.get("classes") == expected, (
            f"{endpoint} answered classes {body.get('classes')!r}; they should be the labels the "
            f"model was fitted on, {expected!r}, as in the artifact's metadata"
        )


def test_create_app_from_env_serves_model_path_and_needs_it(impl, artifact_path, monkeypatch):
    """create_app_from_env serves the artifact named by MODEL_PATH, and without it raises a ValueError that names MODEL_PATH."""
    monkeypatch.delenv("MODEL_PATH", raising=False)
    with pytest.raises(ValueError, match="MODEL_PATH"):
        impl.create_app_from_env()

    monkeypatch.setenv("MODEL_PATH", str(artifact_path))
    with _client_for(impl.create_app_from_env()) as client:
        health = client.get("/health")

    assert health.status_code == 200 and health.json()["model_version"] == MODEL_VERSION, (
        f"create_app_from_env() with MODEL_PATH={artifact_path} answered /health with "
        f"{health.status_code}: {health.text[:200]}"
    )


@pytest.mark.parametrize("cap", [1, 3])
def test_a_batch_above_the_cap_gets_a_clear_4xx_and_the_cap_itself_is_served(
    impl, artifact_path, cap
):
    """create_app(path, max_batch_rows=1 or 3): that many rows are scored, one more gets a 4xx whose message names the limit."""
    app = impl.create_app(artifact_path, max_batch_rows=cap)

    with _client_for(app) as client:
        at_cap = client.post("/predict/batch", json={"rows": [SEED_ROW] * cap})
        above = client.post("/predict/batch", json={"rows": [SEED_ROW] * (cap + 1)})

    assert at_cap.status_code == 200 and len(at_cap.json()["predictions"]) == cap, (
        f"{cap} rows with max_batch_rows={cap} gave {at_cap.status_code}: {at_cap.text[:200]}"
    )
    assert 400 <= above.status_code < 500, (
        f"{cap + 1} rows with max_batch_rows={cap} gave {above.status_code}: {above.text[:200]}; "
        "a batch over the cap must be refused with a 4xx, so one request cannot ask for "
        "unbounded work"
    )
    assert str(cap) in above.text, (
        f"the refusal does not name the limit of {cap}: {above.text[:300]}"
    )


@pytest.mark.parametrize("cap", [0, -1])
def test_create_app_refuses_a_batch_cap_below_one(impl, artifact_path, cap):
    """create_app(path, max_batch_rows=0 or -1) raises a ValueError naming max_batch_rows instead of serving no batch at all."""
    with pytest.raises(ValueError, match="max_batch_rows"):
        impl.create_app(artifact_path, max_batch_rows=cap)


def test_the_default_batch_cap_is_1000_rows(client):
    """Without max_batch_rows the service scores 1000 rows in one batch and refuses 1001."""
    at_cap = client.post("/predict/batch", json={"rows": [SEED_ROW] * 1000})
    above = client.post("/predict/batch", json={"rows": [SEED_ROW] * 1001})

    assert at_cap.status_code == 200 and len(at_cap.json()["predictions"]) == 1000, (
        f"a batch of 1000 rows gave {at_cap.status_code}: {at_cap.text[:200]}"
    )
    assert 400 <= above.status_code < 500 and "1000" in above.text, (
        f"a batch of 1001 rows gave {above.status_code}: {above.text[:300]}; the default cap is "
        "1000 rows, refused with a 4xx that names it"
    )


EXTREME_ROWS = [
    [-1e308, 1e308, 1e308, -1e308],  # the scaler overflows to infinity
    [1.7e308, -1.7e308, 1.7e308, -1.7e308],
    [1e300, 1e300, 1e300, 1e300],  # scaled values stay finite; the linear model saturates
    [5e-324, -5e-324, 0.0, -0.0],  # subnormals and signed zeros are ordinary numbers
]


@pytest.mark.parametrize("row", EXTREME_ROWS, ids=["overflow", "near_max", "1e300", "tiny"])
def test_extreme_finite_values_get_an_answer_or_a_422_never_a_500(client, row):
    """Finite JSON numbers at the edge of float64 are scored to finite probabilities or refused with 422."""
    single = client.post("/predict", json={"features": row})
    batch = client.post("/predict/batch", json={"rows": [SEED_ROW, row]})

    for name, response in (("/predict", single), ("/predict/batch", batch)):
        request = f"POST {name} with {row}"
        assert response.status_code in (200, 422), (
            f"{request} gave {response.status_code}: {response.text[:200]}; every value is a "
            "finite number, so the answer is a prediction or a 422 that says why not, never a 500"
        )
        if response.status_code == 422:
            _assert_422(response, request)
        else:
            body = response.json()
            probabilities = np.atleast_2d(body["probabilities"])
            assert np.all(np.isfinite(probabilities)) and np.allclose(
                probabilities.sum(axis=1), 1.0
            ), f"{request} answered 200 with probabilities {body['probabilities']}"


# --- A real server on 127.0.0.1 --------------------------------------------------------------


def _local_client(**kwargs) -> httpx.Client:
    """An httpx client for plain HTTP to 127.0.0.1 only."""
    # trust_env=False: no proxy from the environment may reroute traffic off this machine.
    # The URLs are plain http, so no certificate is ever checked; a TLS context that trusts none
    # spares loading the CA bundle, which took 14-62 ms per client.
    return httpx.Client(trust_env=False, verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), **kwargs)


class _Server(uvicorn.Server):
    """uvicorn's Server, looking at ``should_exit`` every 10 ms instead of every 100 ms.

    Only the wait between ticks changes; the tick itself and the shutdown are uvicorn's own.
    """

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):
            await asyncio.sleep(0.01)
            counter = (counter + 1) % 864_000


@contextmanager
def _serve(app):
    """Run ``app`` under uvicorn in a thread on a free 127.0.0.1 port; stop it on exit."""
    # IPPROTO_TCP spelled out: asyncio turns Nagle off (TCP_NODELAY) only on sockets whose proto
    # says TCP, and with Nagle on every keep-alive response waited ~44 ms for a delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))  # port 0: the OS picks a free port, no race with others
    port = listener.getsockname()[1]
    # ws="none": the service has no websocket route, and uvicorn's default loads a websocket
    # protocol library at start-up (wsproto here, about 0.1 s) that no test would use.
    config = uvicorn.Config(app, ws="none", log_level="warning", log_config=None, access_log=False)
    server = _Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        with _local_client(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            _wait_until_healthy(http)
            yield http, thread
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


def _wait_until_healthy(http: httpx.Client, attempts: int = 500, pause: float = 0.01) -> None:
    """Poll /health until it answers 200, at most ``attempts`` times (5 s by default)."""
    for _ in range(attempts):
        try:
            if http.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(pause)
    raise AssertionError(f"the server at {http.base_url} did not answer /health within 5 s")


@pytest.fixture
def live_server(app):
    """The app under uvicorn on 127.0.0.1; the finalizer stops it and checks that it let go.

    A server that does not stop, or keeps its port open, fails the test at teardown.
    """
    with _serve(app) as (http, thread):
        health_url = f"{http.base_url}".rstrip("/") + "/health"
        yield http

    assert not thread.is_alive(), "the uvicorn thread was still running 10 s after should_exit"
    with pytest.raises(httpx.ConnectError), _local_client(timeout=2) as http:
        http.get(health_url)


def test_real_server_serves_predictions_over_http_and_shuts_down(live_server, fitted, iris):
    """Under uvicorn on 127.0.0.1, real HTTP requests get the model's answers; then it stops cleanly."""
    X_test = iris[1]

    health = live_server.get("/health")
    single = live_server.post("/predict", json={"features": SEED_ROW})
    batch = live_server.post("/predict/batch", json={"rows": X_test[:5].tolist()})
    bad = live_server.post(
        "/predict",
        content='{"features": [NaN, 3.5, 1.4, 0.2]}',
        headers={"content-type": "application/json"},
    )

    assert health.status_code == 200 and health.json()["model_version"] == MODEL_VERSION
    assert single.status_code == 200, f"POST /predict over HTTP gave {single.status_code}"
    assert_allclose(single.json()["probabilities"], fitted.predict_proba([SEED_ROW])[0], rtol=1e-12)
    assert batch.json()["predictions"] == fitted.predict(X_test[:5]).tolist()
    _assert_422(bad, "POST /predict with NaN over HTTP", ["body", "features", 0])


CONCURRENT_CLIENTS = 8
REQUESTS_PER_CLIENT = 6


def test_real_server_answers_many_concurrent_requests_each_with_its_own_rows(live_server, fitted, iris):
    """48 requests from 8 clients at once, each with its own rows, all get their own answers within 20 s."""
    X_test = iris[1]
    base_url = str(live_server.base_url)
    # Request i sends its own row (single) or its own pair of rows (batch), so a service that
    # mixed requests up would answer one client with another's numbers.
    jobs = [(i, i % 2 == 0) for i in range(CONCURRENT_CLIENTS * REQUESTS_PER_CLIENT)]

    def rows_of(i):
        return [X_test[i % len(X_test)] + 0.01 * (i // len(X_test))] + (
            [X_test[(i + 7) % len(X_test)]] if i % 2 else []
        )

    def client_work(share):
        with _local_client(base_url=base_url, timeout=10) as http:
            answers = []
            for i, single in share:
                rows = np.array(rows_of(i))
                if single:
                    body = http.post("/predict", json={"features": rows[0].tolist()})
                else:
                    body = http.post("/predict/batch", json={"rows": rows.tolist()})
                answers.append((i, rows, single, body.status_code, body.json()))
            return answers

    shares = [jobs[k::CONCURRENT_CLIENTS] for k in range(CONCURRENT_CLIENTS)]
    start = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENT_CLIENTS) as pool:
        answers = [a for batch in pool.map(client_work, shares, timeout=20) for a in batch]
    elapsed = time.perf_counter() - start

    assert len(answers) == len(jobs)
    for i, rows, single, status, body in answers:
        assert status == 200, f"concurrent request {i} gave {status}: {body}"
        got = [body["probabilities"]] if single else body["probabilities"]
        assert_allclose(
            got,
            fitted.predict_proba(rows),
            rtol=1e-12,
            err_msg=f"concurrent request {i} got probabilities that are not its own rows'",
        )
    # 48 requests took 0.1-0.3 s on the shared machine; 20 s only catches a server that
    # serialises on a lock held for seconds or hangs.
    assert elapsed < 20, f"{len(jobs)} concurrent requests took {elapsed:.1f} s"


# --- Latency ---------------------------------------------------------------------------------


def test_single_row_predict_latency_through_the_app(client, benchmark, fitted):
    """A single-row POST /predict through the app takes well under 50 ms at the median."""
    body = {"features": SEED_ROW}

    def call():
        return client.post("/predict", json=body)

    response = benchmark.pedantic(call, rounds=LATENCY_ROUNDS, warmup_rounds=3)

    assert response.status_code == 200, f"POST /predict gave {response.status_code}"
    assert response.json()["prediction"] == fitted.predict([SEED_ROW])[0]
    if benchmark.enabled:
        median = benchmark.stats.stats.median
    else:
        # pytest-benchmark switches itself off under xdist; time the same calls by hand.
        durations = []
        for _ in range(LATENCY_ROUNDS):
            start = time.perf_counter()
            call()
            durations.append(time.perf_counter() - start)
        median = statistics.median(durations)
    # The median measured 1.4 ms on an idle machine and 3.1 to 5.9 ms over seeds 0-9 on the shared
    # 2-core machine at a load average of 5; 50 ms is eight times the slowest, so load cannot flake
    # it, and a service that misses it has a real problem (a blocked event loop, a cold model).
    assert median < 0.050, (
        f"single-row POST /predict took {median * 1e3:.1f} ms at the median over "
        f"{LATENCY_ROUNDS} calls; expected well under 50 ms"
    )



# --- The container: a Dockerfile read by Docker's own parser, its CMD run for real ------------

REQUIRED_PINS = {"fastapi", "uvicorn", "pydantic", "numpy", "joblib", "scikit-learn"}
ROOT_USERS = {"root", "0", "root:root", "0:0", "root:0", "0:root"}
# Official slim Python tags pinned at least to a minor version, or any image pinned by digest.
PINNED_SLIM = re.compile(r"^python:3\.\d+(\.\d+)?-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?$")
BUILD_CONTEXT = ("deployment.py", "model.joblib")


@pytest.fixture(scope="module")
def instructions(impl):
    """The implementation's Dockerfile as Docker's parser reads it: (instruction, parsed command)."""
    text = impl.dockerfile()
    assert isinstance(text, str) and text.strip(), f"dockerfile() returned {text!r}"
    # Docker's parser ships wheels for Linux x86-64, macOS 14+ and Windows; pyproject.toml leaves it
    # out on ARM Linux, where it would need Go to build.
    parser = pytest.importorskip(
        "dockerfile", reason="PyPI's dockerfile (Docker's parser) has no wheel for this platform"
    )
    return [(command.cmd.upper(), command) for command in parser.parse_string(text)]


def _all(instructions, name):
    return [command for found, command in instructions if found == name]


def _last(instructions, name):
    found = _all(instructions, name)
    assert found, f"the Dockerfile has no {name} instruction"
    return found[-1]


def _cmd(instructions):
    command = _last(instructions, "CMD")
    assert command.json, (
        f"CMD is in shell form ({command.original}); use the exec form, a JSON list, so uvicorn "
        "is PID 1 and receives the stop signal itself instead of a shell swallowing it"
    )
    return list(command.value)


def _option(argv, name):
    """The value of ``--name value`` or ``--name=value`` in argv, or None."""
    for position, word in enumerate(argv):
        if word == name and position + 1 < len(argv):
            return argv[position + 1]
        if word.startswith(name + "="):
            return word.split("=", 1)[1]
    return None


def _with_option(argv, name, value):
    out, skip = [], False
    for position, word in enumerate(argv):
        if skip:
            skip = False
        elif word == name and position + 1 < len(argv):
            out += [name, value]
            skip = True
        elif word.startswith(name + "="):
            out.append(f"{name}={value}")
        else:
            out.append(word)
    return out


def _pip_requirements(instructions):
    """Every requirement named after ``pip install`` in a RUN, flags and other commands left out."""
    requirements = []
    for command in _all(instructions, "RUN"):
        script = " ".join(command.value)
        for part in re.split(r"&&|;|\|\|", script):
            words = shlex.split(part.replace("\\\n", " "))
            if "install" not in words or not any(w.endswith("pip") or w == "pip3" for w in words):
                continue
            after = words[words.index("install") + 1 :]
            requirements += [w for w in after if not w.startswith("-")]
            if any(w in ("-r", "--requirement") or w.startswith("--requirement=") for w in after):
                requirements.append("<a requirements file>")
    return requirements


def test_dockerfile_starts_from_a_pinned_slim_python(instructions):
    """The final FROM is a slim Python image pinned to a minor version (or a digest), never latest."""
    image = _last(instructions, "FROM").value[0]

    assert PINNED_SLIM.match(image), (
        f"FROM {image}: the base must be a slim Python pinned at least to its minor version, "
        "e.g. python:3.11.7-slim-bookworm; 'latest' or 'python:3' changes under you"
    )


def test_dockerfile_pins_every_requirement_and_the_artifacts_scikit_learn(instructions):
    """pip installs fastapi, uvicorn, pydantic, numpy, joblib and scikit-learn, each pinned with ==, scikit-learn at this major.minor."""
    requirements = _pip_requirements(instructions)
    pins = dict(r.split("==", 1) for r in requirements if "==" in r)
    pins = {re.sub(r"\[.*\]$", "", name).lower().replace("_", "-"): v for name, v in pins.items()}

    unpinned = [r for r in requirements if "==" not in r]
    assert requirements and not unpinned, (
        f"RUN pip install names {requirements}; every requirement must be pinned with == in the "
        f"Dockerfile itself (unpinned: {unpinned})"
    )
    assert REQUIRED_PINS <= set(pins), (
        f"the Dockerfile pins {sorted(pins)}; the service needs {sorted(REQUIRED_PINS)}"
    )
    installed = sklearn.__version__.split(".")[:2]
    assert pins["scikit-learn"].split(".")[:2] == installed, (
        f"the image would install scikit-learn {pins['scikit-learn']} while the artifact is "
        f"saved with {sklearn.__version__}; load_model refuses another major.minor"
    )


def _layout(instructions):
    """Where each build-context file lands in the image, the final WORKDIR and the ENV values."""
    workdir, copied, env = "/", {}, {}
    for name, command in instructions:
        if name == "WORKDIR":
            workdir = os.path.normpath(os.path.join(workdir, command.value[0]))
        elif name in ("COPY", "ADD"):
            *sources, destination = command.value
            into = os.path.join(workdir, destination)
            as_folder = destination.endswith("/") or destination in (".", "./") or len(sources) > 1
            for source in sources:
                target = os.path.join(into, os.path.basename(source)) if as_folder else into
                copied[os.path.normpath(source)] = os.path.normpath(target)
        elif name == "ENV":
            pairs = list(command.value)
            env.update(zip(pairs[0::2], pairs[1::2], strict=True))
    return workdir, copied, env


def test_dockerfile_copies_the_code_and_the_artifact_and_points_model_path_at_it(instructions):
    """COPY brings deployment.py and model.joblib into the image, and ENV MODEL_PATH names the copied artifact."""
    workdir, copied, env = _layout(instructions)

    missing = [name for name in BUILD_CONTEXT if name not in copied]
    assert not missing, f"the Dockerfile copies {sorted(copied)}; it must also copy {missing}"
    model_path = os.path.normpath(os.path.join(workdir, env.get("MODEL_PATH", "")))
    assert model_path == copied["model.joblib"], (
        f"ENV MODEL_PATH is {env.get('MODEL_PATH')!r} but model.joblib is copied to "
        f"{copied['model.joblib']!r}; the service would start without its model"
    )


def test_dockerfile_runs_the_service_as_a_non_root_user(instructions):
    """The USER in force when CMD runs is not root, and it is set after the last RUN."""
    order = [name for name, _ in instructions]
    user = _last(instructions, "USER").value[0]
    last_user = max(i for i, name in enumerate(order) if name == "USER")
    last_run = max((i for i, name in enumerate(order) if name == "RUN"), default=-1)

    assert user not in ROOT_USERS, f"USER {user}: the service must not run as root"
    assert last_user > last_run, "a RUN comes after the last USER; drop privileges last"


def test_dockerfile_healthcheck_requests_health_on_the_served_port(instructions):
    """HEALTHCHECK runs python (the slim image has no curl) to request /health on the port the CMD serves."""
    check = _last(instructions, "HEALTHCHECK")
    port = _option(_cmd(instructions), "--port")
    text = " ".join(check.value)

    assert check.value and check.value[0].upper() == "CMD", f"HEALTHCHECK {check.original}"
    program = (check.value[1] if check.json else shlex.split(check.value[1])[0]).rsplit("/", 1)[-1]
    assert re.fullmatch(r"python3?(\.\d+)?", program), (
        f"HEALTHCHECK runs {program}; the slim image has no curl or wget, so the check would "
        "always fail there. Use python -c with urllib.request"
    )
    assert port and re.search(rf"(127\.0\.0\.1|localhost):{port}/health\b", text), (
        f"HEALTHCHECK {check.original}: it should request http://127.0.0.1:{port}/health, the "
        "port that CMD serves"
    )


def test_dockerfile_cmd_starts_uvicorn_in_exec_form_with_host_port_and_workers(instructions):
    """CMD is an exec-form uvicorn command with --host 0.0.0.0, a --port and a --workers count."""
    argv = _cmd(instructions)
    launcher = argv[:3] if argv[0].startswith("python") else argv[:1]

    assert launcher in (["uvicorn"], [argv[0], "-m", "uvicorn"]), f"CMD {argv} does not start uvicorn"
    assert _option(argv, "--host") == "0.0.0.0", (
        f"CMD {argv}: inside a container uvicorn must listen on 0.0.0.0; 127.0.0.1 is unreachable "
        "from outside it"
    )
    port, workers = _option(argv, "--port"), _option(argv, "--workers")
    assert port and port.isdigit(), f"CMD {argv} names no --port"
    assert workers and workers.isdigit() and int(workers) >= 1, f"CMD {argv} names no --workers"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _local_argv(argv):
    """Run a container command here: this interpreter for python and uvicorn."""
    if argv[0] == "uvicorn":
        return [sys.executable, "-m", "uvicorn", *argv[1:]]
    if re.fullmatch(r"(/usr/(local/)?bin/)?python3?(\.\d+)?", argv[0]):
        return [sys.executable, *argv[1:]]
    return list(argv)


@pytest.fixture(scope="session")
def container_pipeline():
    """The pipeline the container serves, fitted on all of iris: no seed, so one process per run."""
    if "container" not in _CACHE:
        data = load_iris()
        pipeline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())])
        _CACHE["container"] = (pipeline.fit(data.data, data.target), list(data.feature_names))
    return _CACHE["container"]


@pytest.fixture(scope="module")
def container_artifact(impl, container_pipeline, tmp_path_factory):
    """The container's artifact, saved by the implementation's save_model."""
    pipeline, names = container_pipeline
    path = tmp_path_factory.mktemp("context") / "model.joblib"
    impl.save_model(pipeline, path, feature_names=names, model_version=MODEL_VERSION)
    return path


@pytest.fixture(scope="module")
def container(impl, instructions, container_artifact, tmp_path_factory):
    """The Dockerfile's CMD, running here: its files laid out in a temporary root, its ENV set,
    127.0.0.1, a free port and one worker in place of its host, port and workers."""
    root = tmp_path_factory.mktemp("image")
    workdir, copied, env = _layout(instructions)
    context = {"deployment.py": impl.path, "model.joblib": container_artifact}
    for source, target in copied.items():
        assert source in context, (
            f"the Dockerfile copies {source}; the build context holds {list(BUILD_CONTEXT)} only"
        )
        (root / target.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(context[source], root / target.lstrip("/"))
    inside = {k: str(root / v.lstrip("/")) if v.startswith("/") else v for k, v in env.items()}
    cwd = root / workdir.lstrip("/")
    cwd.mkdir(parents=True, exist_ok=True)
    argv = _cmd(instructions)
    served_port, port = _option(argv, "--port"), _free_port()
    for name, value in (("--host", "127.0.0.1"), ("--port", str(port)), ("--workers", "1")):
        argv = _with_option(argv, name, value)
    repo = str(Path(__file__).resolve().parents[2])  # mutants import kata_harness from here
    process_env = {
        **os.environ,
        **inside,
        "PYTHONPATH": os.pathsep.join(filter(None, [inside.get("PYTHONPATH"), repo])),
        # A shell-form HEALTHCHECK says `python`: let it find this interpreter first.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    log = (root / "server.log").open("wb")
    process = subprocess.Popen(
        _local_argv(argv), cwd=cwd, env=process_env, stdout=log, stderr=subprocess.STDOUT
    )
    running = types.SimpleNamespace(
        process=process, port=port, served_port=served_port, log=root / "server.log", cwd=cwd,
        env=process_env,
    )
    try:
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.fixture(scope="module", autouse=True)
def _container_starts_early(request):
    """Start the Dockerfile's CMD as the module begins, so its imports overlap the other tests.

    Whatever goes wrong here (a stub, a missing Dockerfile) is left for the container tests to
    report; no other test depends on it.
    """
    try:
        request.getfixturevalue("container")
    except Exception:  # noqa: BLE001 - reported by the tests that use the container
        pass


def _wait_for_health(running, seconds: float = 45.0) -> httpx.Response:
    deadline = time.monotonic() + seconds
    with _local_client(base_url=f"http://127.0.0.1:{running.port}", timeout=2) as http:
        while time.monotonic() < deadline:
            if running.process.poll() is not None:
                break
            try:
                return http.get("/health")
            except httpx.TransportError:
                time.sleep(0.01)
    tail = running.log.read_bytes()[-1500:].decode(errors="replace")
    raise AssertionError(
        f"the Dockerfile's CMD did not answer /health within {seconds:.0f} s "
        f"(exit code {running.process.poll()}); its output ends with:\n{tail}"
    )


def _wait_until_refused(running, seconds: float = 10.0) -> None:
    """Return once the served port refuses connections (or the process has exited)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and running.process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", running.port), timeout=1).close()
        except OSError:
            return
        time.sleep(0.01)


def _run_healthcheck(instructions, running) -> subprocess.CompletedProcess:
    check = _last(instructions, "HEALTHCHECK")
    words = [w.replace(f":{running.served_port}", f":{running.port}") for w in check.value[1:]]
    words = [w.replace("localhost:", "127.0.0.1:") for w in words]
    argv = _local_argv(words) if check.json else ["/bin/sh", "-c", " ".join(words)]
    return subprocess.run(
        argv, cwd=running.cwd, env=running.env, capture_output=True, timeout=30, check=False
    )


def test_dockerfile_cmd_serves_the_artifact_and_its_healthcheck_tracks_the_service(
    instructions, container, container_pipeline
):
    """The CMD, run with the Dockerfile's WORKDIR and ENV, serves the model; HEALTHCHECK passes while it is up and fails once it is down."""
    health = _wait_for_health(container)
    with _local_client(base_url=f"http://127.0.0.1:{container.port}", timeout=5) as http:
        answer = http.post("/predict", json={"features": SEED_ROW})
    while_up = _run_healthcheck(instructions, container)
    container.process.send_signal(signal.SIGTERM)
    # Down means refusing connections: uvicorn closes its socket first, then finishes shutting
    # down and the interpreter exits (about 0.2 s more), which the check need not wait for.
    _wait_until_refused(container)
    once_down = _run_healthcheck(instructions, container)
    container.process.wait(timeout=10)

    assert health.status_code == 200 and health.json()["model_version"] == MODEL_VERSION, (
        f"the container's /health answered {health.status_code}: {health.text[:200]}"
    )
    assert answer.status_code == 200, f"the container's /predict gave {answer.status_code}"
    expected = container_pipeline[0].predict_proba([SEED_ROW])[0]
    assert_allclose(answer.json()["probabilities"], expected, rtol=1e-12)
    assert while_up.returncode == 0, (
        f"the HEALTHCHECK command exited {while_up.returncode} against a healthy service: "
        f"{while_up.stderr[-500:].decode(errors='replace')}"
    )
    assert once_down.returncode != 0, (
        "the HEALTHCHECK command exited 0 with the service stopped; a check that cannot fail "
        "never takes a dead container out of rotation"
    )

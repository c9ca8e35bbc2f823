"""Kata 11, deploying a model: every test is one claim from a senior answer, in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py). The
service runs for real: in-process through FastAPI's TestClient, and once as a uvicorn server on
127.0.0.1. No test connects anywhere else.
"""

import asyncio
import socket
import ssl
import statistics
import threading
import time
import warnings
from contextlib import contextmanager

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
    # On the 30 raw held-out rows the reference scored 0.867 to 1.00 over seeds 0-9; a classifier
    # fitted on scaled features but fed raw ones scored 0.333 (one class for every row).
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


def test_load_model_refuses_a_bare_pickled_model(impl, fitted, tmp_path):
    """A file holding only a model, as the seed writes it, is not an artifact and is refused."""
    path = tmp_path / "model.joblib"
    joblib.dump(fitted, path)

    with pytest.raises(ValueError, match="is not a model artifact"):
        impl.load_model(path)


def test_save_model_refuses_names_that_do_not_match_the_pipeline(impl, fitted, iris, tmp_path):
    """Three feature names for a pipeline fitted on four features are refused at save time."""
    names = iris[-1][:3]

    with pytest.raises(ValueError, match="3 feature names for a pipeline fitted on 4 features"):
        impl.save_model(
            fitted, tmp_path / "model.joblib", feature_names=names, model_version=MODEL_VERSION
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


def _assert_422(response, request: str, *phrases: str) -> None:
    assert response.status_code == 422, (
        f"{request} gave {response.status_code}: {response.text[:300]}; the claim is 422"
    )
    for phrase in phrases:
        assert phrase in response.text, (
            f"{request} gave 422 with {response.text[:300]}; the message should say {phrase!r}"
        )


@pytest.mark.parametrize("features", [SEED_ROW[:3], [*SEED_ROW, 1.0]])
def test_predict_rejects_a_wrong_feature_count_with_422(client, features):
    """Three or five features for a four-feature model get 422, saying how many were expected and sent."""
    response = client.post("/predict", json={"features": features})

    _assert_422(
        response,
        f"POST /predict with {len(features)} features",
        "expected 4 features",
        f"got {len(features)}",
    )


@pytest.mark.parametrize("value", ['"abc"', '"1.5"', "null", "true", "[1.0]"])
def test_predict_rejects_a_non_number_with_422(client, value):
    """A string, null, a boolean or a list where a feature belongs gets 422 naming a number as expected."""
    body = f'{{"features": [{value}, 3.5, 1.4, 0.2]}}'

    response = _post_raw(client, "/predict", body)

    _assert_422(response, f"POST /predict {body}", "valid number")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_predict_rejects_nan_and_infinity_with_422(client, value):
    """NaN, infinity and a number too large for a float get 422 asking for a finite number, not a 500."""
    body = f'{{"features": [{value}, 3.5, 1.4, 0.2]}}'

    response = _post_raw(client, "/predict", body)

    _assert_422(response, f"POST /predict {body}", "finite number")


@pytest.mark.parametrize("body", ["{}", '{"feature": [5.1, 3.5, 1.4, 0.2]}'])
def test_predict_rejects_a_missing_field_with_422(client, body):
    """A body without "features" gets 422 naming the missing field."""
    response = _post_raw(client, "/predict", body)

    _assert_422(response, f"POST /predict {body}", "features", "Field required")


def test_predict_batch_names_the_bad_row(client):
    """A batch whose second row has three features gets 422 naming row 1."""
    rows = [SEED_ROW, SEED_ROW[:3], SEED_ROW]

    response = client.post("/predict/batch", json={"rows": rows})

    _assert_422(response, "POST /predict/batch with a short row 1", "row 1", "expected 4 features")


def test_no_bad_request_gets_a_500(client):
    """Every malformed request gets a 4xx answer; none reaches the model and crashes it."""
    bad = {
        "/predict": [
            "",
            "not json",
            "[5.1, 3.5, 1.4, 0.2]",
            '{"features": 5.1}',
            '{"features": [[5.1, 3.5, 1.4, 0.2]]}',
            '{"features": []}',
            '{"features": [NaN, NaN, NaN, NaN]}',
        ],
        "/predict/batch": [
            '{"rows": []}',
            '{"rows": [5.1, 3.5, 1.4, 0.2]}',
            '{"rows": [[5.1, 3.5, 1.4, Infinity]]}',
            '{"rows": [[5.1, 3.5, 1.4, 0.2], ["a", 3.5, 1.4, 0.2]]}',
        ],
    }

    answers = {
        (url, body): _post_raw(client, url, body).status_code
        for url, bodies in bad.items()
        for body in bodies
    }

    not_4xx = {request: status for request, status in answers.items() if not 400 <= status < 500}
    assert not not_4xx, f"these bad requests did not get a 4xx answer: {not_4xx}"


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
    config = uvicorn.Config(app, log_level="warning", log_config=None, access_log=False)
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
    _assert_422(bad, "POST /predict with NaN over HTTP", "finite number")


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

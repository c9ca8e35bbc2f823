"""Mistake: CMD points uvicorn at create_app itself, which needs the artifact's path: the workers fail to start (the app is built by a factory from MODEL_PATH)."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('"deployment:create_app_from_env", "--factory", ', '"deployment:create_app", ')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")

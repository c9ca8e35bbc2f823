"""Mistake: uvicorn bound to 127.0.0.1 inside the container: nothing outside the container can reach it."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('"--host", "0.0.0.0"', '"--host", "127.0.0.1"')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")

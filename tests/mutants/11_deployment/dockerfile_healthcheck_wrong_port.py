"""Mistake: the HEALTHCHECK asks port 80 while uvicorn serves 8000: the check fails on a healthy container."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('127.0.0.1:8000/health', '127.0.0.1:80/health')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")

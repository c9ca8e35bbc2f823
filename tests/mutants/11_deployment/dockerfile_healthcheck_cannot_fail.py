"""Mistake: a HEALTHCHECK that always exits 0 (`... || exit 0`), so a dead service is never taken out of rotation."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=4)"]', '    CMD python -c "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=4)" || exit 0')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")

"""Mistake: the finiteness guard looks only at the probabilities, after predict_proba has run.

Every value is a finite JSON number, so validation lets [-1e308, 1e308, 1e308, -1e308] through;
the scaler overflows to infinity and scikit-learn raises inside the endpoint: a 500.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('            except (ValueError, OverflowError, FloatingPointError):\n                return None', '            except FloatingPointError:\n                return None')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")

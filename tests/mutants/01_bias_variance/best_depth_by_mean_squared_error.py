"""Mistake: choosing the depth by the mean per-fold mean squared error instead of the mean per-fold R²."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "01_bias_variance" / "bias_variance.py").read_text(encoding="utf-8")
_CHANGES = [('    scores = [\n        cross_val_score(DecisionTreeRegressor(max_depth=d, random_state=0), X, y, cv=folds).mean()\n', "    scores = [\n        cross_val_score(DecisionTreeRegressor(max_depth=d, random_state=0), X, y, cv=folds, scoring='neg_mean_squared_error').mean()\n")]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())

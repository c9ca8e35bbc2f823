"""The README's generated blocks (the questions and the sample session) match what the code prints."""

from __future__ import annotations

import difflib

import pytest

from kata_harness import readme

pytestmark = [pytest.mark.meta, pytest.mark.xdist_group("readme"), pytest.mark.timeout(900)]


def test_readme_questions_and_sample_session_are_current():
    """README.md's question table and sample session are what the catalog and `katas` produce today."""
    current = readme.README.read_text(encoding="utf-8")

    fresh = readme.rendered(current)

    difference = "".join(
        list(difflib.unified_diff(current.splitlines(True), fresh.splitlines(True), n=1))[:40]
    )
    assert fresh == current, (
        "README.md's generated blocks are stale; run `python -m kata_harness.readme --write` and "
        f"commit README.md:\n{difference}"
    )

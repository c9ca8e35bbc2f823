"""A synthetic class: grade files for the gradebook's benchmark, tests and the README screenshot.

The claims are the catalog's real ones (read from each kata's test file, without importing it);
who passes what is drawn from a seeded generator, with some claims harder than others so that the
"claims the class misses most" view has something to say.

``python -m kata_harness.class_demo --screenshot docs/gradebook.png`` redraws the screenshot.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import tempfile
from pathlib import Path

import numpy as np

from kata_harness.catalog import load_catalog
from kata_harness.grading.report import SCHEMA


def catalog_claims() -> dict[str, list[tuple[str, str]]]:
    """Every kata's tests as (name, claim sentence), in file order."""
    claims = {}
    for kata in load_catalog():
        tree = ast.parse(kata.test_path.read_text(encoding="utf-8"))
        claims[kata.id] = [
            (node.name, " ".join((ast.get_docstring(node) or node.name).split()))
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        ]
    return claims


def grade_documents(n_students: int, seed: int = 0) -> list[dict]:
    """``n_students`` grade documents in the schema `katas grade` writes."""
    rng = np.random.default_rng(seed)
    claims = catalog_claims()
    difficulty = {k: rng.uniform(0.05, 0.95, size=len(v)) for k, v in claims.items()}
    documents = []
    for index in range(n_students):
        skill = rng.beta(4, 2)
        if index % 17 == 5:
            documents.append(
                {
                    "schema": SCHEMA,
                    "status": "refused",
                    "student": f"student-{index:04d}",
                    "graded_at": "2026-12-08T00:00:00+00:00",
                    "reasons": ["the submission is not a git repository, a folder or an archive"],
                    "submission": {},
                    "katas": [],
                }
            )
            continue
        katas = []
        for kata_id, tests in claims.items():
            passed = rng.random(len(tests)) < skill * (1 - difficulty[kata_id]) + 0.1
            flags = []
            if rng.random() < 0.01:
                flags.append({"rule": "subprocess", "line": 3, "detail": "imports subprocess"})
            katas.append(
                {
                    "id": kata_id,
                    "claims_passed": int(passed.sum()),
                    "claims_total": len(tests),
                    "state": "done" if passed.all() else "in progress",
                    "flags": flags,
                    "copy": {
                        "verdict": "copy" if rng.random() < 0.005 else "original",
                        "similarity": None,
                    },
                    "tests": [
                        {
                            "claim_id": f"{kata_id}::{name}",
                            "name": name,
                            "claim": claim,
                            "status": "passed" if ok else "failed",
                            "message": "",
                        }
                        for (name, claim), ok in zip(tests, passed)
                    ],
                }
            )
        documents.append(
            {
                "schema": SCHEMA,
                "status": "graded",
                "student": f"student-{index:04d}",
                "repository": f"course/katas-student-{index:04d}",
                "graded_at": "2026-12-08T00:00:00+00:00",
                "submission": {
                    "commit": f"{rng.integers(16**12):012x}",
                    "commit_time": "2026-12-07T21:00:00+00:00",
                },
                "katas": katas,
            }
        )
    return documents


def write_grade_files(folder: Path, n_students: int, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in grade_documents(n_students, seed):
        path = folder / f"{document['student']}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(path)
    return paths


@contextlib.contextmanager
def headless_chromium(*, width: int = 1400, height: int = 1500):
    """Debian's Chromium, headless and off the network, driven by its chromedriver; console kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with tempfile.TemporaryDirectory(prefix="katas-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def console_errors(driver) -> list:
    """The console's errors since the page loaded."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def screenshot(html_path: Path, png_path: Path) -> list:
    """Open the page in headless Chromium, save a screenshot, return the console's errors."""
    with headless_chromium() as driver:
        driver.get(Path(html_path).resolve().as_uri())
        driver.save_screenshot(str(png_path))
        return console_errors(driver)


def main(argv: list[str] | None = None) -> int:
    from kata_harness import gradebook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, required=True, help="where to save the PNG")
    parser.add_argument("--students", type=int, default=12)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="katas-class-") as scratch:
        paths = write_grade_files(Path(scratch) / "grades", options.students)
        book = gradebook.build(paths)
        page = Path(scratch) / "index.html"
        page.write_text(gradebook.to_html(book, title="Gradebook: a synthetic class"), "utf-8")
        errors = screenshot(page, options.screenshot)
    print(f"wrote {options.screenshot}; console errors: {len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

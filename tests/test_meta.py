"""Meta-checks: every kata in the catalog is sound.

For each kata: the reference passes every test, the stub as committed fails every test, every
mutant fails at least one test, stub and reference expose the same API, catalog and folders
agree, and every alternative (a correct answer written another way) passes every test. Kata runs happen in this process (see kata_harness.meta), grouped per kata for xdist.
"""

from __future__ import annotations

import ast
import inspect

import pytest

from kata_harness.catalog import (
    ALTERNATIVES_DIR,
    KATAS_DIR,
    MUTANTS_DIR,
    SOLUTIONS_DIR,
    load_catalog,
)
from kata_harness.implementation import import_module_from, public_names
from kata_harness.meta import (
    install_as_implementation,
    pristine_stub_source,
    run_kata,
    work_tree_entries,
)

pytestmark = pytest.mark.meta

KATAS = load_catalog()
MUTANTS = [(kata, path) for kata in KATAS for path in kata.mutant_paths]
ALTERNATIVES = [(kata, path) for kata in KATAS for path in kata.alternative_paths]


def _per_kata(kata):
    return pytest.param(kata, id=kata.id, marks=pytest.mark.xdist_group(kata.id))


def _per_variant(kata, path):
    return pytest.param(
        kata, path, id=f"{kata.id}/{path.stem}", marks=pytest.mark.xdist_group(kata.id)
    )


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_reference_passes_every_test(kata):
    """Every test of the kata passes against solutions/, and leaves nothing behind in the checkout."""
    before = work_tree_entries()

    run = run_kata(kata, SOLUTIONS_DIR)

    assert run.outcomes, f"no test of {kata.id} ran against the reference"
    assert run.not_passed() == [], (
        f"{kata.id}: the reference does not pass:\n{run.describe(run.not_passed())}"
    )
    left_behind = sorted(work_tree_entries() - before)
    assert not left_behind, (
        f"{kata.id}: its tests wrote into the repository; tests must write to temporary "
        f"folders only: {left_behind}"
    )


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_pristine_stub_fails_every_test(kata, tmp_path):
    """No test passes (or skips) against the stub as committed: a stub can never earn a claim."""
    impl_dir = install_as_implementation(kata, pristine_stub_source(kata), tmp_path)

    run = run_kata(kata, impl_dir)

    assert run.outcomes, f"no test of {kata.id} ran against the stub"
    assert run.not_failed() == [], (
        f"{kata.id}: these tests do not fail on the untouched stub, so they prove nothing:\n"
        f"{run.describe(run.not_failed())}"
    )


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kata, mutant", [_per_variant(k, p) for k, p in MUTANTS])
def test_mutant_is_rejected_by_at_least_one_test(kata, mutant, tmp_path):
    """A plausible wrong solution fails at least one test of its kata."""
    impl_dir = install_as_implementation(kata, mutant.read_text(encoding="utf-8"), tmp_path)

    run = run_kata(kata, impl_dir, stop_at_first_failure=True)

    assert run.failed, (
        f"{kata.id}: the mutant {mutant.name} passes every test. Its mistake: "
        f"{inspect.cleandoc(ast.get_docstring(ast.parse(mutant.read_text())) or '?').splitlines()[0]}"
    )


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kata, alternative", [_per_variant(k, p) for k, p in ALTERNATIVES])
def test_alternative_passes_every_test(kata, alternative, tmp_path):
    """A correct answer written another way than the reference passes every test of its kata."""
    impl_dir = install_as_implementation(kata, alternative.read_text(encoding="utf-8"), tmp_path)

    run = run_kata(kata, impl_dir)

    assert run.outcomes, f"no test of {kata.id} ran against {alternative.name}"
    assert run.not_passed() == [], (
        f"{kata.id}: the alternative {alternative.name} is rejected. Either it is wrong, or these "
        f"tests pin something the docstrings do not promise:\n{run.describe(run.not_passed())}"
    )


def _first_docstring_line(path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    return inspect.cleandoc(doc).splitlines()[0] if doc else ""


@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_every_kata_has_two_stand_alone_alternatives(kata):
    """Each kata carries two alternatives that say how they differ and take nothing from solutions/."""
    problems = []
    for path in kata.alternative_paths:
        source = path.read_text(encoding="utf-8")
        if not _first_docstring_line(path):
            problems.append(
                f"{path.name} has no docstring saying how it differs from the reference"
            )
        if "inherit_reference" in source or "solutions" in source:
            problems.append(f"{path.name} borrows from the reference; an alternative stands alone")

    assert len(kata.alternative_paths) >= 2, (
        f"{kata.id} has {len(kata.alternative_paths)} alternatives in "
        f"{ALTERNATIVES_DIR.relative_to(KATAS_DIR.parent)}/{kata.id}; it needs 2"
    )
    assert not problems, f"{kata.id}: " + "; ".join(problems)


@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_every_kata_has_three_documented_mutants(kata):
    """Each kata carries at least three mutants, and each mutant's docstring names its mistake."""
    undocumented = [
        p.name for p in kata.mutant_paths if not ast.get_docstring(ast.parse(p.read_text()))
    ]

    assert len(kata.mutant_paths) >= 3, (
        f"{kata.id} has {len(kata.mutant_paths)} mutants; it needs 3"
    )
    assert not undocumented, (
        f"{kata.id}: mutants without a docstring naming the mistake: {undocumented}"
    )


def _api(module) -> dict[str, tuple[str, str]]:
    """Every public function, class and public method with its signature and docstring."""
    api = {}
    for name, value in public_names(module).items():
        if inspect.isfunction(value) or inspect.isclass(value):
            api[name] = (str(inspect.signature(value)), inspect.getdoc(value))
        if inspect.isclass(value):
            for method_name, method in vars(value).items():
                if inspect.isfunction(method) and not method_name.startswith("_"):
                    api[f"{name}.{method_name}"] = (
                        str(inspect.signature(method)),
                        inspect.getdoc(method),
                    )
    return api


@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_stub_and_reference_expose_the_same_api(kata, tmp_path):
    """Stub and reference define the same public names, with the same signatures and docstrings."""
    stub = import_module_from(
        kata,
        install_as_implementation(kata, pristine_stub_source(kata), tmp_path)
        / kata.id
        / kata.module_filename,
    )
    reference = import_module_from(kata, kata.module_path(SOLUTIONS_DIR))

    stub_api, reference_api = _api(stub), _api(reference)

    assert sorted(stub_api) == sorted(reference_api), (
        f"{kata.id}: only in the stub {sorted(set(stub_api) - set(reference_api))}, "
        f"only in the reference {sorted(set(reference_api) - set(stub_api))}"
    )
    for name, (signature, doc) in reference_api.items():
        assert stub_api[name][0] == signature, (
            f"{kata.id}.{name}: stub {stub_api[name][0]} != reference {signature}"
        )
        assert stub_api[name][1] == doc, (
            f"{kata.id}.{name}: the stub's docstring differs from the reference's"
        )
        assert doc, f"{kata.id}.{name} has no docstring; the docstring is the learner's contract"


@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_every_kata_test_states_its_claim(kata):
    """Every test function in a kata has a docstring: the claim it makes executable."""
    tree = ast.parse(kata.test_path.read_text(encoding="utf-8"))
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]

    silent = [t.name for t in tests if not ast.get_docstring(t)]

    assert tests, f"{kata.test_path} defines no tests"
    assert not silent, f"{kata.id}: tests without a one-sentence claim: {silent}"


@pytest.mark.parametrize("kata", [_per_kata(k) for k in KATAS])
def test_every_public_function_has_its_own_hints(kata):
    """`katas hint KATA FUNCTION` has at least two tiers for every public function and method."""
    api = _api(import_module_from(kata, kata.module_path(SOLUTIONS_DIR)))
    hinted = dict(kata.function_hints)

    # A class is covered by hints on the class itself or on every public method it has.
    missing = sorted(
        name
        for name in api
        if "." not in name
        and name not in hinted
        and not (
            (methods := [m for m in api if m.startswith(f"{name}.")])
            and set(methods) <= set(hinted)
        )
    )
    unknown = sorted(name for name in hinted if name not in api)

    assert not missing, f"{kata.id}: katas.toml has no [kata.function_hints] entry for {missing}"
    assert not unknown, f"{kata.id}: function_hints name what the kata does not define: {unknown}"


def test_catalog_and_folders_agree():
    """Each catalog entry has its README, stub, tests, reference and mutants; no folder is unlisted."""
    ids = [kata.id for kata in KATAS]
    problems = []
    for kata in KATAS:
        for path in (
            kata.folder / "README.md",
            kata.folder / kata.module_filename,
            kata.test_path,
            kata.module_path(SOLUTIONS_DIR),
        ):
            if not path.is_file():
                problems.append(f"{kata.id}: missing {path.relative_to(KATAS_DIR.parent)}")
    for root in (KATAS_DIR, SOLUTIONS_DIR, MUTANTS_DIR, ALTERNATIVES_DIR):
        for folder in sorted(
            p
            for p in (root.iterdir() if root.is_dir() else ())
            if p.is_dir() and not p.name.startswith((".", "_"))
        ):
            if folder.name not in ids:
                problems.append(f"{folder.relative_to(KATAS_DIR.parent)} is not in katas.toml")

    assert not problems, "\n".join(problems)
    assert ids == sorted(ids), f"katas.toml lists katas out of order: {ids}"
    assert len(set(ids)) == len(ids), f"katas.toml lists a kata twice: {ids}"

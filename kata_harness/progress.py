"""The learner's progress: every kata's state and claims, as cheaply as the cache allows.

A kata whose file is still the untouched stub is only collected, never run (the meta-checks prove
that a pristine stub fails every test), so a fresh clone costs one pytest collection. A kata whose
files have not changed since its last run reuses the cached result and costs nothing. Only katas
with new work are run, all in one pytest process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kata_harness import manifest
from kata_harness.catalog import Kata
from kata_harness.repo import Repo, file_digest, text_digest
from kata_harness.runner import KataResult, missing_test_file, run_katas
from kata_harness.state import ResultCache, result_key

# Results that say more about the machine than about the code are not cached.
_NOT_CACHED_PREFIX = "pytest could not run"


def is_untouched_stub(repo: Repo, kata: Kata, document: dict | None) -> bool:
    """True when the learner's file is byte-for-byte the stub the course ships."""
    module = repo.module_path(kata)
    if not module.is_file():
        return False
    expected = manifest.stub_digest(repo, kata, document)
    if expected is None:
        committed = repo.git_show("HEAD", repo.relative(module))
        expected = text_digest(committed) if committed is not None else None
    return expected is not None and file_digest(module) == expected


def missing_module_note(repo: Repo, kata: Kata) -> str:
    return (
        f"{repo.relative(repo.module_path(kata))} is missing; `katas reset {kata.number:02d}` "
        "restores the stub (and `katas reset --undo` any backup)"
    )


@dataclass
class Progress:
    """Every kata's latest result, in catalog order, with the notes collected on the way."""

    katas: Sequence[Kata]
    results: dict[str, KataResult]
    notes: list[str] = field(default_factory=list)
    # When each learner file that differs from its stub was last saved (seconds since the epoch).
    touched_at: dict[str, float] = field(default_factory=dict)

    @property
    def claims_passed(self) -> int:
        return sum(self.results[k.id].claims_passed for k in self.katas)

    @property
    def claims_total(self) -> int:
        return sum(self.results[k.id].claims_total for k in self.katas)

    @property
    def katas_done(self) -> int:
        return sum(self.results[k.id].state == "done" for k in self.katas)

    @property
    def next_kata(self) -> Kata | None:
        """The kata the learner is working on: the most recently saved file that is not done yet.

        With no work under way, the first kata in catalog order that is not done.
        """
        open_katas = [k for k in self.katas if self.results[k.id].state != "done"]
        worked_on = [k for k in open_katas if k.id in self.touched_at]
        if worked_on:
            return max(worked_on, key=lambda k: self.touched_at[k.id])
        return open_katas[0] if open_katas else None

    def to_json(self) -> dict:
        upcoming = self.next_kata
        return {
            "claims_passed": self.claims_passed,
            "claims_total": self.claims_total,
            "katas_done": self.katas_done,
            "katas_total": len(self.katas),
            "next": upcoming.id if upcoming else None,
            "notes": self.notes,
            "katas": [
                {
                    "id": kata.id,
                    "title": kata.title,
                    "state": self.results[kata.id].state,
                    "claims_passed": self.results[kata.id].claims_passed,
                    "claims_total": self.results[kata.id].claims_total,
                    "problem": self.results[kata.id].problem,
                    "message": self.results[kata.id].common_message(),
                    "tests": [
                        {"name": t.name, "status": t.status, "message": t.message}
                        for t in self.results[kata.id].tests
                    ],
                }
                for kata in self.katas
            ],
        }


def collect_progress(
    repo: Repo,
    *,
    only: Sequence[Kata] | None = None,
    timeout: float | None = None,
    on_work: Callable[[list[Kata], list[Kata]], None] | None = None,
) -> Progress:
    """Each kata's result from the cache, or from one pytest run over the katas that changed.

    ``on_work(to_run, to_count)`` is called before pytest starts, e.g. to show a spinner.
    """
    katas = list(only) if only is not None else list(repo.katas())
    cache = ResultCache(repo)
    document = manifest.load_quietly(repo)
    results: dict[str, KataResult] = {}
    keys: dict[str, str] = {}
    to_run: list[Kata] = []
    to_count: list[Kata] = []
    untouched = {k.id for k in katas if is_untouched_stub(repo, k, document)}
    touched_at = {
        k.id: repo.module_path(k).stat().st_mtime
        for k in katas
        if k.id not in untouched and repo.module_path(k).is_file()
    }
    for kata in katas:
        key = result_key(repo, kata)
        cached = cache.get(kata, key)
        if cached is not None:
            results[kata.id] = cached
        elif not repo.test_path(kata).is_file():
            results[kata.id] = missing_test_file(repo, kata)
        else:
            keys[kata.id] = key
            if repo.module_path(kata).is_file() and kata.id not in untouched:
                to_run.append(kata)
            else:
                to_count.append(kata)
    if to_run or to_count:
        if on_work is not None:
            on_work(to_run, to_count)
        pytest_args = ["-q", "--tb=line", "-p", "no:cacheprovider"]
        if timeout is not None:
            pytest_args += ["--timeout", str(timeout)]
        fresh = run_katas(
            repo, to_run + to_count, count_only=[k.id for k in to_count], pytest_args=pytest_args
        )
        for kata in to_run + to_count:
            result = fresh[kata.id]
            if not repo.module_path(kata).is_file() and not result.problem:
                result.problem = missing_module_note(repo, kata)
            results[kata.id] = result
            if not result.problem.startswith(_NOT_CACHED_PREFIX):
                cache.put(kata, keys[kata.id], result)
    cache.save()
    for kata_id in untouched:
        # An untouched stub has not been started, even after `katas run` tried it.
        if not results[kata_id].problem:
            results[kata_id].ran = False
    return Progress(katas, results, cache.notes, touched_at)


def remember(repo: Repo, kata: Kata, result: KataResult, key: str | None = None) -> list[str]:
    """Store a result obtained elsewhere (``katas run``, ``katas watch``); returns cache notes."""
    cache = ResultCache(repo)
    cache.put(kata, key or result_key(repo, kata), result)
    cache.save()
    return cache.notes

"""`katas`: the command line for learners (status, run, hint, watch, solution, reset) and for
instructors (grade, manifest).

Every command reads the catalog of the checkout it runs in; none keeps a list of katas. Errors the
user can fix print one message and exit with status 2 (3 for `katas grade`); no learner file is
ever written except by `katas reset`, which keeps a backup first.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table

from kata_harness import grading, manifest
from kata_harness.catalog import Kata
from kata_harness.progress import Progress, collect_progress, remember
from kata_harness.repo import KatasError, Repo, file_digest, text_digest
from kata_harness.runner import KataResult, run_katas
from kata_harness.state import backups, keep_backup, result_key

EXIT_NOT_DONE = 1  # `run` and `solution` when the kata does not pass yet; `manifest` out of date
EXIT_USAGE = 2  # something the user can fix: unknown kata, outside the repository, ...
EXIT_NOT_GRADED = 3  # `grade` could not produce a trustworthy grade

STATE_STYLES = {
    "done": "green",
    "in progress": "yellow",
    "not started": "dim",
    "needs attention": "bold red",
}

app = typer.Typer(
    name="katas",
    help=(
        "Work through the data-science interview katas. Run without a command for your progress. "
        "Name a kata by number, name or folder: 08, 8, imbalance or 08_imbalance."
    ),
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _console(stderr: bool = False) -> Console:
    # Off a terminal (a pipe, a log, a CI page) a message is one line however long: wrapping it
    # would split the sentences people and scripts search for. Tables and panels lay themselves
    # out in $COLUMNS, or 100 columns.
    if (sys.stderr if stderr else sys.stdout).isatty():
        return Console(stderr=stderr, highlight=False)
    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 100
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=width)


def _out() -> Console:
    return _console()


def _err() -> Console:
    return _console(stderr=True)


def _repo(ctx: typer.Context) -> Repo:
    root = (ctx.obj or {}).get("root") if ctx is not None else None
    return Repo.discover(Path(root) if root else None)


def _notes(notes: list[str]) -> None:
    for note in notes:
        _err().print(f"[yellow]note:[/] {escape(note)}")


def handles_errors(exit_code: int | None = None):
    """Turn a KatasError into its message and exit status (``exit_code`` overrides it)."""

    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, **kwargs):
            try:
                return command(*args, **kwargs)
            except KatasError as error:
                _err().print(f"[bold red]katas:[/] {escape(str(error))}")
                raise typer.Exit(exit_code or error.exit_code) from None

        return wrapper

    return decorate


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("ds-interview-katas")
        except PackageNotFoundError:
            number = "unknown (not installed; run `pip install -e .` in the checkout)"
        _out().print(f"katas {number}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root", help="The repository to work in (default: found from the current directory)."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"root": root}
    if ctx.invoked_subcommand is None:
        status(ctx)


# --- status ---------------------------------------------------------------------------------


def _progress(
    repo: Repo, *, only: list[Kata] | None = None, timeout: float | None = None
) -> Progress:
    console = _err()

    def announce(to_run: list[Kata], to_count: list[Kata]) -> None:
        if to_run:
            names = ", ".join(k.id for k in to_run)
            console.print(f"[dim]running the katas that changed: {names}[/]")
        elif to_count:
            console.print("[dim]counting the claims of untouched katas…[/]")

    progress = collect_progress(repo, only=only, timeout=timeout, on_work=announce)
    _notes(progress.notes)
    return progress


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _bar(done: int, total: int, width: int = 30) -> str:
    """A progress bar that reads the same in a terminal, a log file and a CI page."""
    filled = round(width * done / total) if total else 0
    return f"[green]{'█' * filled}[/][dim]{'░' * (width - filled)}[/]"


def _render_progress(progress: Progress) -> None:
    out = _out()
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Kata", no_wrap=True)
    table.add_column("Title")
    table.add_column("State", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    table.add_column("Note")
    for kata in progress.katas:
        result = progress.results[kata.id]
        style = STATE_STYLES.get(result.state, "")
        claims = f"{result.claims_passed}/{result.claims_total}" if result.tests else "-"
        table.add_row(
            f"{kata.number:02d}",
            kata.id,
            escape(kata.title),
            f"[{style}]{result.state}[/]",
            claims,
            escape(_short(result.common_message())),
        )
    out.print(table, soft_wrap=False)
    out.print()
    out.print(
        f"Progress {_bar(progress.claims_passed, progress.claims_total)} "
        f"{progress.claims_passed}/{progress.claims_total} claims, "
        f"{progress.katas_done}/{len(progress.katas)} katas done"
    )
    upcoming = progress.next_kata
    if upcoming is None:
        out.print("[green]Every kata is done.[/] `katas grade` shows what an instructor would see.")
    else:
        number = f"{upcoming.number:02d}"
        out.print(
            f"Next: [bold]{upcoming.id}[/] ({escape(upcoming.title)}). "
            f"Run it with `katas run {number}`, re-run on every save with `katas watch {number}`, "
            f"stuck? `katas hint {number}`."
        )


@app.command()
@handles_errors()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the progress as JSON.")] = False,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds before a single test counts as timed out.")
    ] = None,
) -> None:
    """Every kata in order: its state, claims passed, overall progress and what to do next."""
    repo = _repo(ctx)
    progress = _progress(repo, timeout=timeout)
    if as_json:
        _out().print_json(json.dumps(progress.to_json()))
    else:
        _render_progress(progress)


@app.command("list")
@handles_errors()
def list_katas(ctx: typer.Context) -> None:
    """Every kata in order, with the interview question it answers."""
    repo = _repo(ctx)
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Kata", no_wrap=True)
    table.add_column("Question")
    for kata in repo.katas():
        table.add_row(f"{kata.number:02d}", kata.id, escape(kata.question))
    _out().print(table, soft_wrap=False)


# --- run ------------------------------------------------------------------------------------


def _kata_or_next(repo: Repo, kata_id: str | None) -> Kata:
    if kata_id is not None:
        return repo.resolve(kata_id)
    upcoming = _progress(repo).next_kata
    if upcoming is None:
        raise KatasError("every kata is done; name one, e.g. `katas run 08`")
    return upcoming


_NOT_IMPLEMENTED = re.compile(r"(\w+)\(\) is not implemented yet")


def render_result(console: Console, kata: Kata, result: KataResult, seconds: float | None) -> None:
    """A kata's claims, one line each; a failure's message under it."""
    style = STATE_STYLES.get(result.state, "")
    timing = f" in {seconds:.2f} s" if seconds is not None else ""
    console.print(
        f"[bold]{kata.id}[/]: [{style}]{result.claims_passed}/{result.claims_total} claims pass"
        f"[/]{timing}"
    )
    if result.problem:
        console.print(f"  [red]{escape(result.problem)}[/]")
        return
    shared = result.common_message()
    if shared and not _NOT_IMPLEMENTED.search(shared):
        console.print(f"  [red]every claim fails with:[/] {escape(shared)}")
        return
    missing: dict[str, None] = {}
    for test in result.tests:
        if test.status == "passed":
            console.print(f"  [green]✓[/] {escape(test.claim)}")
            continue
        console.print(f"  [red]✗[/] {escape(test.claim)}")
        found = _NOT_IMPLEMENTED.search(test.message)
        if found:
            missing[found.group(1)] = None
        elif test.message:
            console.print(f"      [dim]{escape(_short(test.message, 300))}[/]")
    if missing:
        names = ", ".join(f"{name}()" for name in missing)
        console.print(f"  [dim]not implemented yet: {names}[/]")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@handles_errors()
def run(
    ctx: typer.Context,
    kata_id: Annotated[
        str | None,
        typer.Argument(
            metavar="KATA", help="e.g. 08, 8, imbalance; default: the kata you are working on"
        ),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds before a single test counts as timed out.")
    ] = None,
) -> None:
    """Run one kata's tests against your code (extra arguments after -- go to pytest)."""
    repo = _repo(ctx)
    kata = _kata_or_next(repo, kata_id)
    if not repo.test_path(kata).is_file():
        shown = repo.relative(repo.test_path(kata))
        raise KatasError(
            f"the test file {shown} is missing; restore it with `git checkout -- {shown}`"
        )
    extra = list(ctx.args)
    args = ["--color=yes"] if sys.stdout.isatty() else []
    args += extra
    if timeout is not None:
        args += ["--timeout", str(timeout)]
    key = result_key(repo, kata)

    def show(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    result = run_katas(repo, [kata], pytest_args=args, output=show)[kata.id]
    if not extra and result_key(repo, kata) == key:
        _notes(remember(repo, kata, result, key))
    out = _out()
    out.print()
    render_summary_line(out, repo, kata, result)
    raise typer.Exit(0 if result.state == "done" else EXIT_NOT_DONE)


def render_summary_line(console: Console, repo: Repo, kata: Kata, result: KataResult) -> None:
    number = f"{kata.number:02d}"
    if result.problem:
        console.print(f"[red]{kata.id}: {escape(result.problem)}[/]")
    elif result.state == "done":
        console.print(
            f"[green]{kata.id}: all {result.claims_total} claims pass.[/] Compare with the "
            f"reference: `katas solution {number}`; your progress: `katas`."
        )
    else:
        console.print(
            f"{kata.id}: {result.claims_passed}/{result.claims_total} claims pass. "
            f"Stuck? `katas hint {number}`. Re-run on every save: `katas watch {number}`."
        )


# --- hint -----------------------------------------------------------------------------------


def _hint_target(kata: Kata, words: list[str]) -> tuple[str | None, int]:
    """Read ``[FUNCTION] [LEVEL]`` after the kata: which tiers, and which level of them."""
    function, level = None, 1
    if words and not words[0].isdigit():
        function, words = words[0], words[1:]
    if words:
        if not words[0].isdigit() or len(words) > 1:
            raise KatasError(
                f"expected `katas hint {kata.number:02d} [FUNCTION] [LEVEL]`, got "
                f"{' '.join(words)!r} after the kata"
            )
        level = int(words[0])
    return function, level


@app.command()
@handles_errors()
def hint(
    ctx: typer.Context,
    kata_id: Annotated[
        str | None,
        typer.Argument(
            metavar="KATA", help="e.g. 08, 8, imbalance; default: the kata you are working on"
        ),
    ] = None,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FUNCTION] [LEVEL]",
            help="A function of the kata for hints on it alone; LEVEL 1 asks a question, later "
            "ones say more.",
        ),
    ] = None,
) -> None:
    """Show hints one level at a time, for the whole kata or for one of its functions."""
    repo = _repo(ctx)
    kata = _kata_or_next(repo, kata_id)
    function, level = _hint_target(kata, list(words or []))
    by_function = dict(kata.function_hints)
    number = f"{kata.number:02d}"
    if function is None:
        tiers, subject, again = kata.hints, kata.id, f"katas hint {number}"
    elif function in by_function:
        tiers, subject = by_function[function], f"{kata.id} · {function}()"
        again = f"katas hint {number} {function}"
    else:
        known = ", ".join(by_function) or "none yet"
        raise KatasError(f"{kata.id} has no hints for {function!r}; functions with hints: {known}")
    count = len(tiers)
    if not 1 <= level <= count:
        raise KatasError(f"{subject} has {count} hints; choose a level from 1 to {count}.")
    out = _out()
    out.print(
        Panel(
            escape(tiers[level - 1]),
            title=f"{subject} · hint {level} of {count}",
            title_align="left",
            expand=False,
        ),
        soft_wrap=False,  # a panel wraps its text to fit; soft wrapping would crop it instead
    )
    if level < count:
        out.print(f"{count - level} more: `{again} {level + 1}`.")
    else:
        out.print(f"That was the last hint. katas/{kata.id}/README.md holds the senior answer.")
    if function is None and by_function:
        out.print(
            f"Stuck on one function? `katas hint {number} FUNCTION` for: {', '.join(by_function)}."
        )


# --- solution -------------------------------------------------------------------------------


@app.command()
@handles_errors()
def solution(
    ctx: typer.Context,
    kata_id: Annotated[str, typer.Argument(metavar="KATA", help="e.g. 08, 8, imbalance")],
    force: Annotated[
        bool, typer.Option("--force", help="Show it even if the kata does not pass yet.")
    ] = False,
) -> None:
    """Show the reference solution, once your code passes every claim (or with --force)."""
    repo = _repo(ctx)
    kata = repo.resolve(kata_id)
    path = repo.solution_path(kata)
    if not path.is_file():
        raise KatasError(
            f"this checkout has no reference for {kata.id} ({repo.relative(path)} is missing; "
            "course copies for grading ship without solutions/)."
        )
    if not force:
        result = _progress(repo, only=[kata]).results[kata.id]
        if result.state != "done":
            _err().print(
                f"{kata.id} does not pass yet ({result.claims_passed}/{result.claims_total} "
                f"claims). Finish it first, or look anyway: `katas solution {kata.number:02d} --force`."
            )
            raise typer.Exit(EXIT_NOT_DONE)
    source = path.read_text(encoding="utf-8")
    header = f"{repo.relative(path)}: the reference solution of {kata.id} ({kata.title})."
    warning = "Spoiler: this is one way to make every claim true, not the only one. " + (
        "Your code passes already; compare the ideas, not the lines."
        if not force
        else "Reading it before your own green run trades the practice for the answer."
    )
    out = _out()
    if out.is_terminal:
        # $PAGER (or `less`) shows a long file a screen at a time; quitting it ends the command.
        with out.pager(styles=True):
            out.print(f"[bold]{escape(header)}[/]")
            out.print(f"[yellow]{escape(warning)}[/]")
            out.print(Syntax(source, "python", line_numbers=True, word_wrap=True))
    else:
        # Redirected output stays the plain file; the header goes to the terminal's error stream.
        _err().print(escape(header))
        _err().print(escape(warning))
        sys.stdout.write(source)


# --- reset ----------------------------------------------------------------------------------


def pristine_stub(repo: Repo, kata: Kata) -> bytes:
    """The stub as the course shipped it: the git version the manifest's hash names."""
    relative = repo.relative(repo.module_path(kata))
    expected = manifest.stub_digest(repo, kata, manifest.load_quietly(repo))
    if expected is None:
        committed = repo.git_show("HEAD", relative)
        if committed is None:
            raise KatasError(
                f"cannot find the pristine stub of {kata.id}: {manifest.MANIFEST_NAME} does not "
                f"list it and git has no committed {relative}."
            )
        return committed
    found = repo.find_committed_version(relative, expected)
    if found is not None:
        return found[1]
    reference = repo.solution_path(kata)
    if reference.is_file():
        from kata_harness.stubgen import make_stub

        generated = make_stub(reference).encode("utf-8")
        if text_digest(generated) == expected:
            return generated
    raise KatasError(
        f"cannot find the pristine stub of {kata.id}: no commit in this checkout's history holds "
        f"the version {manifest.MANIFEST_NAME} names. Copy it from the course repository."
    )


def _write_learner_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.katas-tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def _last_reset(repo: Repo) -> Kata:
    """The kata whose backup is newest: what a bare `katas reset --undo` brings back."""
    newest = [
        (saved[-1].stat().st_mtime, kata) for kata in repo.katas() if (saved := backups(repo, kata))
    ]
    if not newest:
        raise KatasError("there is no backup to bring back (none in .katas/backups/).")
    return max(newest, key=lambda pair: pair[0])[1]


@app.command()
@handles_errors()
def reset(
    ctx: typer.Context,
    kata_id: Annotated[
        str | None,
        typer.Argument(
            metavar="KATA", help="e.g. 08, 8, imbalance; with --undo, default: the last reset"
        ),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="Bring back the file the last reset replaced.")
    ] = False,
) -> None:
    """Put the untouched stub back, keeping your file in .katas/backups/ (--undo brings it back)."""
    repo = _repo(ctx)
    if kata_id is None and not undo:
        raise KatasError("name the kata to reset, e.g. `katas reset 08`")
    kata = repo.resolve(kata_id) if kata_id is not None else _last_reset(repo)
    module = repo.module_path(kata)
    shown = repo.relative(module)
    current = module.read_bytes() if module.is_file() else None
    out = _out()
    if undo:
        saved = backups(repo, kata)
        if not saved:
            raise KatasError(
                f"there is no backup of {kata.id} to bring back (none in .katas/backups/)."
            )
        latest = saved[-1]
        content = latest.read_bytes()
        if current is not None and text_digest(current) != text_digest(content):
            known = {file_digest(path) for path in saved}
            stub_digest = manifest.stub_digest(repo, kata, manifest.load_quietly(repo))
            if text_digest(current) not in known | {stub_digest}:
                kept = keep_backup(repo, kata, current)
                out.print(f"Your current {shown} is kept in {repo.relative(kept)}.")
        _write_learner_file(module, content)
        out.print(f"{shown} is back as it was before the reset ({repo.relative(latest)}).")
        return
    stub = pristine_stub(repo, kata)
    if current is not None and text_digest(current) == text_digest(stub):
        out.print(f"{shown} is already the untouched stub; nothing to do.")
        return
    kept = keep_backup(repo, kata, current) if current is not None else None
    _write_learner_file(module, stub)
    if kept is not None:
        out.print(
            f"{shown} is the untouched stub again. Your version is kept in {repo.relative(kept)}; "
            f"`katas reset --undo {kata.number:02d}` brings it back."
        )
    else:
        out.print(f"{shown} was missing; the untouched stub is back.")


# --- watch ----------------------------------------------------------------------------------


@app.command()
@handles_errors()
def watch(
    ctx: typer.Context,
    kata_id: Annotated[
        str | None, typer.Argument(metavar="KATA", help="e.g. 08; default: every kata")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds before a single test counts as timed out.")
    ] = 60.0,
    max_runs: Annotated[
        int | None, typer.Option(help="Stop after this many re-runs (for scripts and tests).")
    ] = None,
    measure: Annotated[
        bool,
        typer.Option(
            "--measure",
            help="Time a cold `pytest katas/NN_x` against a warm re-run after a save, on a copy.",
        ),
    ] = False,
    with_reference: Annotated[
        bool, typer.Option(help="With --measure: time the reference instead of your file.")
    ] = False,
    repeats: Annotated[int, typer.Option(help="With --measure: repetitions; the best counts.")] = 3,
) -> None:
    """Re-run a kata each time you save it, from an interpreter that keeps its libraries loaded."""
    from kata_harness import watch as watching

    repo = _repo(ctx)
    out = _out()
    if measure:
        kata = _kata_or_next(repo, kata_id)
        figures = watching.measure(
            repo, kata, repeats=repeats, with_reference=with_reference, timeout=timeout
        )
        cold, saved = min(figures["cold_seconds"]), min(figures["save_to_result_seconds"])
        out.print(
            f"{kata.id} ({figures['implementation']}, {figures['claims']} claims pass), best of {repeats}:"
        )
        out.print(f"  cold `pytest katas/{kata.id}`:   {cold:.2f} s")
        out.print(f"  warm re-run in the worker:       {min(figures['warm_run_seconds']):.2f} s")
        out.print(f"  save to result (file watcher):   {saved:.2f} s")
        out.print(f"  ratio save-to-result / cold:     {figures['ratio']:.3f}")
        return
    katas = [repo.resolve(kata_id)] if kata_id is not None else list(repo.katas())
    first = katas[0] if kata_id is not None else _kata_or_next(repo, None)
    runner = watching.WarmInterpreter(repo, timeout=timeout)
    stop = threading.Event()
    out.print(
        f"Loading {', '.join(first.libraries) or 'the harness'} once for {first.id}; "
        "later runs reuse it."
    )
    try:
        for failure in runner.start(first.libraries):
            _err().print(f"[yellow]note:[/] could not preload {escape(failure)}")

        where = "katas/" if kata_id is None else repo.relative(repo.folder(first)) + "/"

        def show(kata: Kata, result: KataResult, seconds: float, key: str | None = None) -> None:
            render_result(out, kata, result, seconds)
            if key is None or result_key(repo, kata) == key:
                _notes(remember(repo, kata, result, key))
            out.print(f"[dim]watching {where} — save a kata file to re-run, Ctrl-C to stop[/]")

        changes = watching.file_changes(repo, stop)  # watching from now on: no save is missed
        key = result_key(repo, first)
        result, seconds = runner.run(first)
        show(first, result, seconds, key)
        watching.watch_loop(repo, katas, runner, on_result=show, changes=changes, max_runs=max_runs)
    except KeyboardInterrupt:
        out.print("stopped.")
    finally:
        stop.set()
        runner.close()


# --- grade ----------------------------------------------------------------------------------


def _write_output(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise KatasError(f"could not write {path}: {error}") from None


@app.command()
@handles_errors(exit_code=EXIT_NOT_GRADED)
def grade(
    ctx: typer.Context,
    submission: Annotated[
        str | None,
        typer.Option(
            "--submission",
            help="Grade this submission (a git repository, a directory or an archive) with this "
            "checkout's tests and harness. Without it, the checkout grades itself: feedback.",
        ),
    ] = None,
    ref: Annotated[
        str | None, typer.Option(help="With --submission: the commit to grade (default HEAD).")
    ] = None,
    student: Annotated[str | None, typer.Option(help="The student's name, for the JSON.")] = None,
    repository: Annotated[
        str | None,
        typer.Option(help="The submission's repository (URL or owner/name), for the JSON."),
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the grade as JSON here.")
    ] = None,
    junit_path: Annotated[
        Path | None, typer.Option("--junit", help="Write the grade as JUnit XML here.")
    ] = None,
    markdown_path: Annotated[
        Path | None,
        typer.Option(
            "--markdown", help="Append a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)."
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds before a single test counts as timed out.")
    ] = grading.DEFAULT_TIMEOUT,
    seed: Annotated[
        str | None,
        typer.Option(
            envvar="KATAS_GRADE_SEED",
            help="The seed of every test: an integer, or any secret text (hashed to one).",
        ),
    ] = None,
    deadline: Annotated[
        float, typer.Option(help="Seconds for the whole grade; claims left after it fail.")
    ] = 3600.0,
    memory_mb: Annotated[
        int, typer.Option(help="Address-space limit of each kata's process.")
    ] = 4096,
    jobs: Annotated[
        int | None,
        typer.Option(help="Katas graded at the same time (default: 2, or 1 on a single core)."),
    ] = None,
    sandbox: Annotated[
        str, typer.Option(help="auto (the best available), bwrap, unshare or plain.")
    ] = "auto",
    manifest_sha256: Annotated[
        str | None,
        typer.Option(
            envvar="KATAS_MANIFEST_SHA256",
            help="Refuse unless grading-manifest.json has this SHA-256 (pin the course's manifest).",
        ),
    ] = None,
    assignment: Annotated[
        Path | None,
        typer.Option(
            help="An assignment file: grade its katas, add weighted points, apply its seed."
        ),
    ] = None,
    solutions: Annotated[bool, typer.Option("--solutions", hidden=True)] = False,
    impl_dir: Annotated[str | None, typer.Option("--impl-dir", hidden=True)] = None,
) -> None:
    """Grade every kata, one sandboxed process per kata, with per-test timeouts.

    With --submission this checkout is the grader and reads only the kata modules from the
    submission; without it, the checkout grades its own katas/ as feedback. Exit status 0 means
    graded (whatever the score); 3 means it could not be graded (the JSON says why).
    """
    if solutions or impl_dir is not None:
        raise KatasError(
            "katas grade grades the learner's code in katas/ and nothing else, so it refuses "
            "--solutions and --impl-dir. To try the reference, run `pytest --solutions katas/NN_x`."
        )
    if sandbox not in ("auto", "bwrap", "unshare", "plain"):
        raise KatasError(f"--sandbox {sandbox}: choose auto, bwrap, unshare or plain")
    if timeout <= 0 or deadline <= 0 or (jobs is not None and jobs < 1) or memory_mb < 256:
        raise KatasError(
            "--timeout and --deadline must be positive, --jobs at least 1, --memory-mb at least 256"
        )
    if ref is not None and submission is None:
        raise KatasError("--ref needs --submission: it names the commit of the submission to grade")
    repo = _repo(ctx)
    from kata_harness.assignment import annotate, load_assignment

    loaded = load_assignment(assignment) if assignment is not None else None
    if loaded is not None and loaded.seed != "secret":
        seed = loaded.seed  # the assignment pins the seed
    settings = grading.Settings(
        limits=grading.Limits(timeout=timeout, memory_mb=memory_mb),
        seed=grading.parse_seed(seed),
        deadline_seconds=deadline,
        sandbox=sandbox,
    )
    if jobs is not None:
        settings.jobs = jobs
    if loaded is not None:
        settings.only = loaded.katas
    console = _err()

    def progress(kata: Kata, result: KataResult) -> None:
        console.print(f"[dim]  {kata.id}: {result.claims_passed}/{result.claims_total}[/]")

    if submission is not None:
        console.print(f"[dim]grading {escape(submission)} with this checkout's tests…[/]")
        report = grading.grade_submission(
            repo,
            submission,
            ref=ref,
            settings=settings,
            student=student,
            repository=repository,
            progress=progress,
        )
    else:
        console.print("[dim]feedback: checking the trusted files and grading every kata…[/]")
        report = grading.grade_feedback(
            repo,
            settings=settings,
            expected_manifest_sha256=manifest_sha256 or None,
            progress=progress,
        )
    # Written here, by the parent, after every child of the grade is gone.
    document = report.to_json()
    if loaded is not None:
        annotate(document, loaded)
    if json_path is not None:
        _write_output(json_path, json.dumps(document, indent=2) + "\n")
    if junit_path is not None:
        _write_output(junit_path, grading.junit_xml(report))
    if markdown_path is not None:
        try:
            with open(markdown_path, "a", encoding="utf-8") as summary:
                summary.write(grading.markdown_summary(report))
        except OSError as error:
            raise KatasError(f"could not write {markdown_path}: {error}") from None
    if report.status == "refused":
        raise KatasError("\n".join(report.reasons))
    _render_grade(report, document)
    for label, path in (("JSON", json_path), ("JUnit XML", junit_path)):
        if path is not None:
            _out().print(f"{label}: {path}")


def _render_grade(report: grading.GradeReport, document: dict) -> None:
    out = _out()
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for column, justify in (
        ("Kata", "left"),
        ("State", "left"),
        ("Points", "right"),
        ("Flags", "right"),
        ("Note", "left"),
    ):
        table.add_column(column, justify=justify, no_wrap=column != "Note")
    for item in report.grades:
        style = STATE_STYLES.get(item.result.state, "")
        table.add_row(
            item.kata.id,
            f"[{style}]{item.result.state}[/]",
            f"{item.points}/{item.max_points}",
            str(len(item.flags)) if item.flags else "",
            escape(_short(item.result.common_message())),
        )
    out.print(table)
    kind = "Feedback" if report.mode == "feedback" else "Score"
    out.print(
        f"\n[bold]{kind}: {report.points}/{report.max_points} claims ({report.percent:.1f}%)[/], "
        f"{document['score']['katas_done']}/{len(report.grades)} katas done, "
        f"sandbox {report.sandbox.get('tool')}, {report.seconds} s."
    )
    _notes(report.notes)


# --- manifest -------------------------------------------------------------------------------


@app.command("manifest")
@handles_errors()
def manifest_command(
    ctx: typer.Context,
    write: Annotated[
        bool, typer.Option("--write", help="Rewrite grading-manifest.json from the current tree.")
    ] = False,
) -> None:
    """For maintainers: check (or --write) the hashes that `katas grade` trusts."""
    repo = _repo(ctx)
    out = _out()
    if write:
        path = manifest.write(repo)
        document = manifest.load(repo)
        out.print(
            f"wrote {repo.relative(path)}: {len(document['files'])} trusted files, "
            f"{len(document['stubs'])} stubs, SHA-256 {manifest.digest(repo)}. Commit it."
        )
        return
    differences = manifest.out_of_date(repo)
    if differences:
        for line in differences:
            out.print(f"  {escape(line)}")
        out.print(f"{manifest.MANIFEST_NAME} is out of date; run `{manifest.WRITE_COMMAND}`.")
        raise typer.Exit(EXIT_NOT_DONE)
    out.print(f"{manifest.MANIFEST_NAME} matches the tree (SHA-256 {manifest.digest(repo)}).")


# --- a class: template, roster, gradebook -------------------------------------------------------


@app.command("grade-check")
@handles_errors()
def grade_check(
    grade_json: Annotated[Path, typer.Argument(help="A grade JSON written by `katas grade`.")],
    kata_id: Annotated[
        str, typer.Argument(metavar="KATA", help="The kata's id, e.g. 08_imbalance")
    ],
) -> None:
    """Exit 0 when the grade file says KATA is done (one Classroom test per kata), 1 otherwise."""
    try:
        document = json.loads(grade_json.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KatasError(f"{grade_json} is not a readable grade file: {error}") from None
    katas = {k.get("id"): k for k in document.get("katas", []) if isinstance(k, dict)}
    if document.get("status") != "graded" or kata_id not in katas:
        raise KatasError(
            f"{grade_json} holds no grade of {kata_id} (status {document.get('status')})"
        )
    kata = katas[kata_id]
    _out().print(f"{kata_id}: {kata.get('claims_passed')}/{kata.get('claims_total')} claims pass")
    raise typer.Exit(0 if kata.get("state") == "done" else EXIT_NOT_DONE)


@app.command()
@handles_errors()
def template(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Argument(help="A new or empty folder for the learners' repository.")
    ],
) -> None:
    """For instructors: build the learners' repository (one commit, no references) in OUT."""
    from kata_harness.template import build_template

    repo = _repo(ctx)
    built = build_template(repo, out)
    _out().print(
        f"Built the learners' repository in {built} (one commit, no solutions/, no maintainer "
        "tests). Push it as the template of the Classroom assignment; docs/instructors.md says how."
    )


roster_app = typer.Typer(
    help="For instructors: grade a class from a roster CSV (student,repository[,ref]).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(roster_app, name="roster")


@roster_app.command("plan")
@handles_errors()
def roster_plan(
    roster: Annotated[Path, typer.Argument(help="The roster CSV.")],
    max_jobs: Annotated[int, typer.Option(help="Jobs the matrix may have.")] = 256,
) -> None:
    """Print the GitHub Actions matrix for the roster: at most --max-jobs chunks of students."""
    from kata_harness import roster as rosters

    if max_jobs < 1:
        raise KatasError("--max-jobs must be at least 1")
    sys.stdout.write(json.dumps(rosters.plan(rosters.read_roster(roster), max_jobs)) + "\n")


@roster_app.command("grade")
@handles_errors()
def roster_grade(
    ctx: typer.Context,
    roster: Annotated[Path, typer.Argument(help="The roster CSV.")],
    out: Annotated[Path, typer.Option(help="Folder for one grade JSON per student.")],
    assignment: Annotated[
        Path | None, typer.Option(help="The assignment file (katas, weights, deadline, seed).")
    ] = None,
    chunk: Annotated[
        int | None, typer.Option(help="Grade only this chunk of `katas roster plan` (a CI job).")
    ] = None,
    max_jobs: Annotated[int, typer.Option(help="As given to `katas roster plan`.")] = 256,
) -> None:
    """Grade every student of the roster (or one chunk of it), each from the last commit before the deadline."""
    from kata_harness import roster as rosters
    from kata_harness.assignment import load_assignment

    repo = _repo(ctx)
    students = rosters.read_roster(roster)
    loaded = load_assignment(assignment) if assignment is not None else None
    groups = rosters.chunks(students, max_jobs)
    if chunk is not None:
        if not 0 <= chunk < len(groups):
            raise KatasError(f"--chunk {chunk}: the roster has chunks 0 to {len(groups) - 1}")
        students = groups[chunk]
    failed = 0
    for student in students:
        outcome = rosters.grade_student(
            repo.root, student, out, assignment_path=assignment, assignment=loaded
        )
        failed += outcome["outcome"] == "not graded"
        detail = outcome.get("file") or outcome.get("reason", "")
        _err().print(f"{escape(student.name)}: {outcome['outcome']} {escape(detail)}")
    if failed:
        # The others' grade files are written; the job reports the students it could not grade.
        raise typer.Exit(EXIT_NOT_GRADED)


@app.command()
@handles_errors()
def gradebook(
    grades: Annotated[list[Path], typer.Argument(help="Grade JSON files, or folders of them.")],
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Write the CSV here.")] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Write the HTML dashboard here.")
    ] = None,
    roster: Annotated[
        Path | None, typer.Option(help="The roster: students without a grade file are missing.")
    ] = None,
    assignment: Annotated[
        Path | None, typer.Option(help="The assignment: its katas, weights and deadline.")
    ] = None,
) -> None:
    """For instructors: gather grade files into one CSV (a row per student) and an HTML dashboard."""
    from kata_harness import gradebook as books
    from kata_harness.assignment import load_assignment
    from kata_harness.roster import read_roster

    files: list[Path] = []
    for path in grades:
        if path.is_dir():
            files += sorted(path.glob("*.json"))
        elif path.is_file():
            files.append(path)
        else:
            raise KatasError(f"{path} is neither a grade file nor a folder of them")
    book = books.build(
        files,
        roster=read_roster(roster) if roster is not None else None,
        assignment=load_assignment(assignment) if assignment is not None else None,
    )
    if csv_path is not None:
        _write_output(csv_path, books.to_csv(book))
    if html_path is not None:
        _write_output(html_path, books.to_html(book))
    counts = {status: sum(r.status == status for r in book.rows) for status in books.STATUSES}
    _out().print(
        f"{len(book.rows)} students: "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + "".join(
            f"; {label}: {path}" for label, path in (("CSV", csv_path), ("HTML", html_path)) if path
        )
    )
    _notes(book.notes)


def main() -> None:
    """The console script: `katas`."""
    app(prog_name="katas")


if __name__ == "__main__":
    main()

"""An audit hook that refuses to open the references: a second fence where no sandbox hides them.

It runs inside the child that runs the learner's code, so code that patches the interpreter can
get past it; under bubblewrap the references are not mounted at all and it is not installed.
"""

from __future__ import annotations

import os
import sys


def install_guard(forbidden: list[str]) -> None:
    """Refuse, for the rest of this process, to open any file under the ``forbidden`` folders."""
    roots = tuple(os.path.realpath(path) for path in forbidden)
    message = (
        "katas grade: {path} is off limits while grading; your code must not read the "
        "reference solutions or the mutants"
    )

    def guard(event: str, args: tuple) -> None:
        if event not in ("open", "os.listdir", "os.scandir"):
            return
        path = args[0] if args else None
        if path is None or isinstance(path, int):
            return
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return
        for root in roots:
            if real == root or real.startswith(root + os.sep):
                raise PermissionError(message.format(path=os.fsdecode(path)))

    sys.addaudithook(guard)

"""Mistake: dvc checkout without force.

DVC will not overwrite a tracked file that was edited in place without confirmation, so restoring
after an edit stops with an error instead of bringing the tracked version back.
"""

from pathlib import Path

from dvc.repo import Repo

from kata_harness.implementation import inherit_reference


def restore_data(repo_root):
    with Repo(Path(repo_root)) as repo:
        repo.checkout()


inherit_reference(globals(), "14_mlops")

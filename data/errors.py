"""Errors the store raises, each carrying one paragraph a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A plan file could not be opened or written. ``str()`` is the message for the user."""


class PlanBusyError(StoreError):
    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(
            f"The plan {path} is busy: another socialplan process held its lock for "
            f"{seconds:g} s. Try again in a moment."
        )


class UnreadablePlanError(StoreError):
    """The file exists but is not a plan this version can use. It is never overwritten."""

    def __init__(self, path: Path, reason: str, backups: list[Path]) -> None:
        self.path = path
        self.reason = reason
        self.backups = backups
        if backups:
            restore = (
                f" The newest backup is {backups[0]}; restore it with: socialplan restore "
                f"'{backups[0]}' --db '{path}' (the file as it is now is kept aside), or see "
                f"them all with: socialplan backups --db '{path}'"
            )
        else:
            restore = " There is no backup of it."
        super().__init__(
            f"Cannot open the plan {path}: {reason}. The file has not been changed.{restore}"
        )


class SaveFailedError(StoreError):
    def __init__(self, path: Path, cause: OSError) -> None:
        self.cause = cause
        super().__init__(
            f"Could not save to {path}: {cause.strerror or cause}. "
            "Nothing on disk was changed; the edit is still on screen."
        )

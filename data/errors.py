"""Errors the store raises, each carrying one paragraph a user can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socialplan.core.edits import describe
from socialplan.core.i18n import _


class StoreError(Exception):
    """A plan file could not be opened or written. ``str()`` is the message for the user."""


class PlanBusyError(StoreError):
    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(
            _(
                "The plan {path} is busy: another socialplan process held its lock for "
                "{seconds:g} s. Try again in a moment."
            ).format(path=path, seconds=seconds)
        )


class UnreadablePlanError(StoreError):
    """The file exists but is not a plan this version can use. It is never overwritten."""

    def __init__(self, path: Path, reason: str, backups: list[Path]) -> None:
        self.path = path
        self.reason = reason
        self.backups = backups
        if backups:
            restore = _(
                " The newest backup is {backups}; restore it with: socialplan restore "
                "'{backups}' --db '{path}' (the file as it is now is kept aside), or see "
                "them all with: socialplan backups --db '{path}'"
            ).format(backups=backups[0], path=path)
        else:
            restore = _(" There is no backup of it.")
        super().__init__(
            _(
                "Cannot open the plan {path}: {reason}. The file has not been changed.{restore}"
            ).format(path=path, reason=reason, restore=restore)
        )


class SaveFailedError(StoreError):
    def __init__(self, path: Path, cause: OSError) -> None:
        self.cause = cause
        super().__init__(
            _("Could not save to {path}: {value}. Nothing on disk was changed.").format(
                path=path, value=cause.strerror or cause
            )
        )


class MissingDocumentError(StoreError):
    """The entry to update is gone: another session deleted it."""

    def __init__(self, table: str, doc_id: int) -> None:
        self.table = table
        self.doc_id = doc_id
        super().__init__(
            _(
                "Entry {doc_id} in {table} no longer exists: it was deleted, perhaps in "
                "another session. Reload to see the current plan."
            ).format(doc_id=doc_id, table=table)
        )


class ConflictError(StoreError):
    """The stored entry is no longer the version this session changed: another session
    changed it since. ``theirs`` is the version now on disk; ``by`` who saved it, where the
    store knows."""

    def __init__(self, theirs: Any, by: str = "") -> None:
        self.theirs = theirs
        self.by = by
        if by:
            message = _(
                "{capitalize} was changed by {by} since you opened it; nothing was saved."
            ).format(capitalize=describe(theirs), by=by)
        else:
            message = _(
                "{capitalize} was changed in another session since you opened it; "
                "nothing was saved."
            ).format(capitalize=describe(theirs))
        super().__init__(message)


class ServerUnreachableError(StoreError):
    """The database server cannot be reached now (down, restarting, the network cut): an
    edit is held and tried again, as for a full disk."""


class RefusedByServerError(StoreError):
    """The server refused the change for good: the user's role may not make it."""

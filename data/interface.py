"""What the App and the command line need of a plan's storage, whatever keeps it.

``PlanStorage`` is the one interface; the TinyDB file store (``store.PlanStore``) and the
PostgreSQL store (``server_store.ServerStore``) implement it: adding another is a class
with these methods and a branch in ``open_storage``. Every implementation passes
``tests/test_store_protocol.py``.

The rules every implementation keeps:

- an edit is durable when its method returns, or it raises and nothing changed;
- ``update``, ``delete`` and ``restore`` take the version the change was made to
  (``expected``) and raise ``ConflictError`` when the stored one differs; ``restore`` with
  None means the entry must be absent;
- ids are never handed out twice in one plan;
- ``changed_elsewhere`` tells once about each change another session made (and never
  about this session's own).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from socialplan.core.activity import Change
from socialplan.core.i18n import _
from socialplan.core.plan_data import PlanData

from .errors import StoreError

E = TypeVar("E")
SERVER_SCHEMES = ("postgresql", "postgres")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class PlanStorage(Protocol):
    path: Path
    """Where the plan lives, for the exports and recovery files written beside it."""
    warnings: list[str]
    """What went wrong opening it that did not keep it from opening."""

    def load(self) -> PlanData: ...

    def reload(self) -> PlanData:
        """The plan as stored now, read afresh (safe from a worker thread)."""

    @property
    def writes(self) -> int:
        """How many writes this session made: a reload read before the latest is stale."""

    def add(self, entity: E) -> E: ...

    def update(self, entity: Any, *, expected: Any = None) -> None: ...

    def restore(self, entity: Any, *, expected: Any = None) -> None: ...

    def delete(self, entity_type: type, doc_id: int, *, expected: Any = None) -> None: ...

    def batch(self) -> AbstractContextManager[None]: ...

    def replace_all(self, plan_data: PlanData, marks: dict[str, int] | None = None) -> None:
        """A whole other plan in this one's place; ids handed out (here, or in ``marks``)
        stay spent."""

    def changed_elsewhere(self) -> bool: ...

    def activity(
        self, *, kind: str | None = None, entry_id: int | None = None, limit: int = 200
    ) -> list[Change]:
        """The latest changes to the plan (of one entry), newest first, with who made them."""

    def watch(self, notify: Callable[[], None]) -> bool:
        """Call ``notify`` (from any thread) when another session changed the plan;
        False when this storage cannot, and is only asked by ``changed_elsewhere``."""

    def close(self) -> None: ...


def is_url(target: str) -> bool:
    return bool(_URL.match(target))


def raise_unsupported(scheme: str) -> None:
    raise StoreError(
        _(
            "'{scheme}://' is not a plan socialplan can open: give a plan file or a "
            "postgresql:// URL."
        ).format(scheme=scheme)
    )


def open_storage(target: str | Path, *, lock_timeout: float = 10.0) -> PlanStorage:
    """The plan a ``--db`` value names: a URL by its scheme, anything else a file path."""
    text = str(target)
    if is_url(text):
        scheme = text.split("://", 1)[0].lower()
        if scheme == "file":
            return open_storage(text.split("://", 1)[1], lock_timeout=lock_timeout)
        if scheme in SERVER_SCHEMES:
            from .server_store import ServerStore

            return ServerStore.open(text)
        raise_unsupported(scheme)
    from .store import PlanStore

    return PlanStore.open(text, lock_timeout=lock_timeout)


def is_server(target: str) -> bool:
    return is_url(target) and target.split("://", 1)[0].lower() in SERVER_SCHEMES


def read_plan_at(target: str) -> PlanData:
    """A plan read once, for a quick look or an export (a file without its lock)."""
    if is_server(target):
        from .server_store import ServerStore

        store = ServerStore.open(target, create=False)
        try:
            return store.load()
        finally:
            store.close()
    from .store import read_plan

    return read_plan(target)


def read_with_activity_at(
    target: str, *, kind: str | None = None, limit: int = 200
) -> tuple[PlanData, list[Change]]:
    """A plan read once, with its latest changes (of one table): a file and its log
    without opening the plan (no lock, no backup), a server's plan on one connection."""
    if is_server(target):
        from .server_store import ServerStore

        store = ServerStore.open(target, create=False)
        try:
            return store.load(), store.activity(kind=kind, limit=limit)
        finally:
            store.close()
    from . import activity_log
    from .store import read_plan

    path = Path(target).expanduser()
    return read_plan(path), activity_log.latest(path, kind=kind, limit=limit)


def plan_exists(target: str) -> bool:
    if is_server(target):
        from .server_connection import ServerAddress, plan_names

        address = ServerAddress.parse(target)
        return address.plan is not None and address.plan in plan_names(address)
    return Path(target).expanduser().exists()


def create_plan_at(target: str, plan_data: PlanData) -> None:
    """A new plan holding ``plan_data``, where ``target`` says; an existing one is refused."""
    if is_server(target):
        from .server_store import ServerStore

        ServerStore.create(target, plan_data).close()
        return
    from .store import PlanStore

    PlanStore.create(target, plan_data).close()


def local_place(target: str) -> Path:
    """The file a plan is, or for a plan on a server the (never written) path beside
    which its exports and recovery files go."""
    if is_server(target):
        from .server_connection import ServerAddress, server_plan_path

        return server_plan_path(ServerAddress.parse(target))
    return Path(target).expanduser()

"""The plan store: typed entities in a TinyDB file, every edit persisted before it returns.

One table per entity type (``Entity.TABLE``), the document id is the entity's id, and a
``meta`` table holds the schema version. Opening a plan removes temp files of killed
writers, refuses files it cannot understand (never overwriting them), backs the file up,
and migrates older schema versions.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from socialplan import __version__
from socialplan.core.codec import from_doc, to_doc
from socialplan.core.edits import describe
from socialplan.core.i18n import _
from socialplan.core.model import ENTITY_TYPES, Plan, PlanData, default_stages

from .backups import list_backups, make_backup, restore_backup
from .errors import StoreError, UnreadablePlanError
from .storage import SafeJSONStorage, parse_plan_bytes
from .table import LAST_IDS, META_TABLE, LazyKeyTable, high_water_marks, highest_ids

SCHEMA_VERSION = 2

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _split_result_cost(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 splits a result's one ``cost`` into ad spend, tool cost and hours × rate;
    an old cost becomes ad spend, so every ROI stays the same."""
    for result in (document.get("results") or {}).values():
        if "cost" in result:
            result["ad_spend"] = result.pop("cost")
    return document


MIGRATIONS: dict[int, Migration] = {1: _split_result_cost}
"""``MIGRATIONS[n]`` turns a raw version-n document into version n+1."""

E = TypeVar("E")


class MissingDocumentError(StoreError):
    def __init__(self, table: str, doc_id: int) -> None:
        super().__init__(
            _(
                "Entry {doc_id} in {table} no longer exists: it was deleted, perhaps in "
                "another session. Reload to see the current plan."
            ).format(doc_id=doc_id, table=table)
        )


class ConflictError(StoreError):
    """The stored entry is no longer the version this session changed: another session
    changed it since. ``theirs`` is the version now on disk."""

    def __init__(self, theirs: Any) -> None:
        self.theirs = theirs
        super().__init__(
            _(
                "{capitalize} was changed in another session since you opened it; "
                "nothing was saved."
            ).format(capitalize=describe(theirs).capitalize())
        )


class _PlanDB(TinyDB):
    table_class = LazyKeyTable


class PlanStore:
    def __init__(self, path: Path, lock_timeout: float = 10.0) -> None:
        self.path = path
        self.db = _PlanDB(path, storage=SafeJSONStorage, lock_timeout=lock_timeout)
        self.storage: SafeJSONStorage = self.db.storage  # type: ignore[assignment]

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        plan_name: str | None = None,
        lock_timeout: float = 10.0,
    ) -> PlanStore:
        """Open (creating it if missing) the plan at ``path``."""
        target = _checked_path(Path(path).expanduser())
        store = cls(target, lock_timeout)
        with store.storage.locked():
            store.storage.remove_orphaned_temp_files()
            raw = _read_existing(target)
            if raw is None:
                store._write_whole(encode_plan(starter_plan(plan_name or _("My social plan"))))
            else:
                store._prepare_existing(raw)
        return store

    @classmethod
    def create(cls, path: str | os.PathLike[str], data: PlanData) -> PlanStore:
        """Write a whole plan (ids set by the caller) to a new file in one atomic write."""
        target = _checked_path(Path(path).expanduser())
        store = cls(target)
        with store.storage.locked():
            if target.exists():
                raise StoreError(
                    _("Will not overwrite the existing plan {target}.").format(target=target)
                )
            store._write_whole(encode_plan(data))
        return store

    def replace_all(self, data: PlanData) -> None:
        """Write a whole other plan over this one, in one atomic write under the lock; the
        file as it was is kept as a backup first."""
        with self.storage.locked():
            make_backup(self.path, self.path.read_bytes())
            marks = high_water_marks(self.storage.read() or {})
            self._write_whole(encode_plan(data, marks))

    def load(self) -> PlanData:
        return decode_plan(self.storage.read() or {}, self.path)

    def add(self, entity: E) -> E:
        with self._table(type(entity)) as table:
            doc_id = table.insert(to_doc(entity))
        return replace(entity, id=doc_id)  # type: ignore[type-var]

    def update(self, entity: Any, *, expected: Any = None) -> None:
        """Replace the stored entry by ``entity``. With ``expected`` (the version the
        change was made to), refuse with ``ConflictError`` if the entry on disk is no
        longer that version: another session changed it meanwhile."""
        with self._table(type(entity)) as table:
            stored = table.get(doc_id=entity.id)
            if stored is None:
                raise MissingDocumentError(table.name, entity.id)
            _check_unchanged(type(entity), stored, expected)
            table.update(_replaced_by(to_doc(entity)), doc_ids=[entity.id])

    def restore(self, entity: Any, *, expected: Any = None) -> None:
        """Put ``entity`` back as it was, under its own id (to undo an edit or a delete).
        The entry on disk must still be ``expected``; with None it must be absent, so a
        deleted entry never comes back over whatever stands under its id now."""
        with self._table(type(entity)) as table:
            stored = table.get(doc_id=entity.id)
            if expected is None and stored is not None:
                raise ConflictError(from_doc(type(entity), stored, stored.doc_id))
            _check_unchanged(type(entity), stored, expected)
            if stored is not None:
                table.update(_replaced_by(to_doc(entity)), doc_ids=[entity.id])
            else:
                table.insert(Document(to_doc(entity), doc_id=entity.id))

    def delete(self, entity_type: type, doc_id: int, *, expected: Any = None) -> None:
        """Remove an entry (gone already is fine). With ``expected``, refuse with
        ``ConflictError`` if another session changed it since."""
        with self._table(entity_type) as table:
            stored = table.get(doc_id=doc_id)
            if stored is not None:
                _check_unchanged(entity_type, stored, expected)
                table.remove(doc_ids=[doc_id])

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Edits made inside are written at once, atomically, when the block ends."""
        return self.storage.batched()

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def _table(self, entity_type: type) -> Iterator[Table]:
        """A table ready for a read-modify-write under the lock.

        TinyDB caches the next id and query results per process; another process may have
        written since, so both are reset once the lock is held.
        """
        with self.storage.locked():
            table = self.db.table(entity_type.TABLE)  # type: ignore[attr-defined]
            table._next_id = None
            table.clear_cache()
            yield table

    def _write_whole(self, document: dict[str, Any]) -> None:
        self.storage.write(document)
        self.db.clear_cache()

    def _prepare_existing(self, raw: bytes) -> None:
        document = parse_plan_bytes(self.path, raw)
        if not document:
            self._write_whole(encode_plan(starter_plan(_("My social plan"))))
            return
        version = schema_version(self.path, document)
        make_backup(self.path, raw)
        if version < SCHEMA_VERSION:
            self._write_whole(migrate(document, version))
        else:
            self.storage.remember(document)


def _check_unchanged(entity_type: type, stored: Document | None, expected: Any) -> None:
    """Compared as entities, not raw documents, so keys an older version wrote in another
    form, or a newer version added, do not count as a change."""
    if expected is None or stored is None:
        return
    on_disk = from_doc(entity_type, stored, stored.doc_id)
    if on_disk != expected:
        raise ConflictError(on_disk)


def _replaced_by(document: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update that replaces the whole stored document: fields back at an empty
    default are left out of ``document`` and must disappear from the stored one too."""

    def replace_document(stored: dict[str, Any]) -> None:
        stored.clear()
        stored.update(document)

    return replace_document


def restore_plan(path: str | os.PathLike[str], backup: Path) -> Path | None:
    """Restore ``backup`` as the plan at ``path`` under the plan's lock (see
    ``backups.restore_backup``); an unreadable backup raises and changes nothing."""
    target = Path(path).expanduser()
    storage = SafeJSONStorage(target)
    try:
        with storage.locked():
            return restore_backup(target, backup, read_plan)
    finally:
        storage.close()


def read_plan(path: str | os.PathLike[str]) -> PlanData:
    """Read a plan without locking, backing up or writing anything (for quick looks).

    Safe without the lock: writers replace the file by an atomic rename, so a reader sees
    either the old or the new file, whole.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise UnreadablePlanError(target, _("it is a directory, not a file"), [])
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            _(
                "There is no plan at {target} yet. Run 'socialplan --db {target}' to create it."
            ).format(target=target)
        ) from None
    except PermissionError:
        raise UnreadablePlanError(target, _("you have no permission to read it"), []) from None
    document = parse_plan_bytes(target, raw)
    version = schema_version(target, document)
    if version < SCHEMA_VERSION:
        document = migrate(document, version)
    return decode_plan(document, target)


def migrate(document: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply each migration from ``version`` up to ``SCHEMA_VERSION``."""
    for step in range(version, SCHEMA_VERSION):
        document = MIGRATIONS[step](document)
    document[META_TABLE] = _meta_table(highest_ids(document, high_water_marks(document)))
    return document


def starter_plan(name: str) -> PlanData:
    stages = tuple(replace(stage, id=n) for n, stage in enumerate(default_stages(), start=1))
    return PlanData(plan=Plan(name=name, uid=uuid.uuid4().hex[:16], id=1), stages=stages)


def encode_plan(data: PlanData, marks: dict[str, int] | None = None) -> dict[str, Any]:
    """A whole plan as the raw TinyDB document (tables of str(id) → doc), recording the
    highest id of each table (or of ``marks``, ids an earlier version handed out)."""
    document: dict[str, Any] = {Plan.TABLE: {"1": to_doc(data.plan)}}
    for entity_type in ENTITY_TYPES:
        if entity_type is Plan:
            continue
        entities = getattr(data, entity_type.TABLE)
        document[entity_type.TABLE] = {str(e.id): to_doc(e) for e in entities}
    document[META_TABLE] = _meta_table(highest_ids(document, marks or {}))
    return document


def decode_plan(document: dict[str, Any], path: Path) -> PlanData:
    plans = document.get(Plan.TABLE) or {}
    if not plans:
        raise UnreadablePlanError(path, _("the file holds no plan"), list_backups(path))
    plan_id, plan_doc = min(plans.items(), key=lambda kv: int(kv[0]))
    tables: dict[str, tuple[Any, ...]] = {}
    for entity_type in ENTITY_TYPES:
        if entity_type is Plan:
            continue
        raw_table = document.get(entity_type.TABLE) or {}
        tables[entity_type.TABLE] = tuple(
            from_doc(entity_type, doc, int(doc_id))
            for doc_id, doc in sorted(raw_table.items(), key=lambda kv: int(kv[0]))
        )
    return PlanData(plan=from_doc(Plan, plan_doc, int(plan_id)), **tables)


def _meta_table(marks: dict[str, int]) -> dict[str, Any]:
    entry = {"schema_version": SCHEMA_VERSION, "written_by": f"socialplan {__version__}"}
    return {"1": {**entry, LAST_IDS: dict(sorted(marks.items()))}}


def schema_version(path: Path, document: dict[str, Any]) -> int:
    meta = document.get(META_TABLE) or {}
    version = next(iter(meta.values()), {}).get("schema_version") if meta else None
    if not isinstance(version, int):
        raise UnreadablePlanError(
            path,
            _("it is a TinyDB file but not a socialplan plan (no schema version)"),
            list_backups(path),
        )
    if version > SCHEMA_VERSION:
        raise UnreadablePlanError(
            path,
            _(
                "it was written by a newer socialplan (schema {version}; this version "
                "reads up to {SCHEMA_VERSION}); upgrade socialplan to open it"
            ).format(version=version, SCHEMA_VERSION=SCHEMA_VERSION),
            list_backups(path),
        )
    return version


def _checked_path(path: Path) -> Path:
    if path.is_dir():
        raise UnreadablePlanError(path, _("it is a directory, not a file"), [])
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _read_existing(path: Path) -> bytes | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except PermissionError:
        raise UnreadablePlanError(path, _("you have no permission to read it"), []) from None
    if not os.access(path, os.W_OK):
        raise UnreadablePlanError(
            path, _("you have no permission to write it (edits could not be saved)"), []
        )
    return raw

"""The plan store: typed entities in a TinyDB file, every edit persisted before it returns.

One table per entity type (``Entity.TABLE``), the document id is the entity's id, and a
``meta`` table holds the schema version. Opening a plan removes temp files of killed
writers, refuses files it cannot understand (never overwriting them), backs the file up,
and migrates older schema versions.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from socialplan.compat import reset_table_caches
from socialplan.core.activity import Action, Change, changed_fields, post_facts, summary_of
from socialplan.core.codec import from_doc, to_doc
from socialplan.core.cycle import with_first_iteration
from socialplan.core.i18n import _
from socialplan.core.journey import default_stages
from socialplan.core.model import Plan
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time

from . import activity_log
from .backups import ids_handed_out, keep_current, make_backup
from .errors import ConflictError, MissingDocumentError, StoreError, UnreadablePlanError
from .plan_document import brought_up_to_date, decode_plan, encode_plan
from .storage import SafeJSONStorage, parse_plan_bytes, read_plan_bytes
from .table import LazyKeyTable, high_water_marks

E = TypeVar("E")


class _PlanDB(TinyDB):
    table_class = LazyKeyTable


class PlanStore:
    def __init__(self, path: Path, lock_timeout: float = 10.0) -> None:
        self.path = path
        self.db = _PlanDB(path, storage=SafeJSONStorage, lock_timeout=lock_timeout)
        self.storage: SafeJSONStorage = self.db.storage  # type: ignore[assignment]
        self.warnings: list[str] = []
        """What went wrong on the way that did not keep the plan from opening."""
        self._fresh: dict[str, int] = {}
        """Per table, the lock acquisition its caches were last reset under."""
        self._decoded: tuple[dict[str, Any], int, PlanData] | None = None
        """The last plan decoded, with the document (held, so that its identity cannot
        pass to another) and the write count it came from."""
        self._person = activity_log.current_person()
        self._pending: list[Change] = []
        """Changes made, for the activity log once the plan is written."""
        self._batching = False

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        plan_name: str | None = None,
        lock_timeout: float = 10.0,
    ) -> PlanStore:
        """Open (creating it if missing) the plan at ``path``."""
        target = _checked_path(real_plan_path(path))
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
    def create(
        cls,
        path: str | os.PathLike[str],
        plan_data: PlanData,
        marks: dict[str, int] | None = None,
    ) -> PlanStore:
        """Write a whole plan (ids set by the caller; ``marks``, the highest ids handed out
        where it comes from) to a new file in one atomic write."""
        target = _checked_path(real_plan_path(path))
        store = cls(target)
        with store.storage.locked():
            if target.exists():
                raise StoreError(
                    _("Will not overwrite the existing plan {target}.").format(target=target)
                )
            store._write_whole(encode_plan(plan_data, marks))
        return store

    def replace_all(self, plan_data: PlanData, marks: dict[str, int] | None = None) -> None:
        """Write a whole other plan over this one, in one atomic write under the lock; the
        file as it was is kept as a backup first. Ids handed out here (or in ``marks``)
        stay spent."""
        with self.storage.locked():
            make_backup(self.path, self.path.read_bytes())
            spent = high_water_marks(self.storage.read() or {})
            for table, mark in (marks or {}).items():
                spent[table] = max(spent.get(table, 0), mark)
            self._write_whole(encode_plan(plan_data, spent))

    def load(self) -> PlanData:
        """The plan as stored now, checked; decoded again only when the file changed (the
        first load after opening takes what the opening check decoded)."""
        document = self.storage.read() or {}
        cached = self._decoded
        if cached and cached[0] is document and cached[1] == self.storage.writes:
            return cached[2]
        plan_data = decode_plan(document, self.path)
        self._decoded = (document, self.storage.writes, plan_data)
        return plan_data

    def add(self, entity: E) -> E:
        document = to_doc(entity)
        with self._table(type(entity)) as table:
            doc_id = table.insert(document)
        self._noted(Action.ADD, table.name, doc_id, document)
        return replace(entity, id=doc_id)  # type: ignore[type-var]

    def update(self, entity: Any, *, expected: Any = None) -> None:
        """Replace the stored entry by ``entity``. With ``expected`` (the version the
        change was made to), refuse with ``ConflictError`` if the entry on disk is no
        longer that version: another session changed it meanwhile."""
        document = to_doc(entity)
        with self._table(type(entity)) as table:
            stored = table.get(doc_id=entity.id)
            if stored is None:
                raise MissingDocumentError(table.name, entity.id)
            self._check_unchanged(type(entity), stored, expected)
            table.update(_replaced_by(document), doc_ids=[entity.id])
        self._noted(Action.EDIT, table.name, entity.id, document, changed_fields(stored, document))

    def restore(self, entity: Any, *, expected: Any = None) -> None:
        """Put ``entity`` back as it was, under its own id (to undo an edit or a delete).
        The entry on disk must still be ``expected``; with None it must be absent, so a
        deleted entry never comes back over whatever stands under its id now."""
        document = to_doc(entity)
        with self._table(type(entity)) as table:
            stored = table.get(doc_id=entity.id)
            if expected is None and stored is not None:
                raise self._conflict(type(entity), stored)
            self._check_unchanged(type(entity), stored, expected)
            if stored is not None:
                table.update(_replaced_by(document), doc_ids=[entity.id])
            else:
                table.insert(Document(document, doc_id=entity.id))
        if stored is None:
            self._noted(Action.ADD, table.name, entity.id, document)
        else:
            self._noted(
                Action.EDIT, table.name, entity.id, document, changed_fields(stored, document)
            )

    def delete(self, entity_type: type, doc_id: int, *, expected: Any = None) -> None:
        """Remove an entry (gone already is fine). With ``expected``, refuse with
        ``ConflictError`` if another session changed it since."""
        with self._table(entity_type) as table:
            stored = table.get(doc_id=doc_id)
            if stored is not None:
                self._check_unchanged(entity_type, stored, expected)
                table.remove(doc_ids=[doc_id])
        if stored is not None:
            self._noted(Action.DELETE, table.name, doc_id, stored)

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Edits made inside are written at once, atomically, when the block ends."""
        return self._batch()

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        self._batching = True
        try:
            with self.storage.batched():
                yield
        except BaseException:
            self._pending.clear()
            raise
        finally:
            self._batching = False
        self._tell_pending()

    def activity(
        self, *, kind: str | None = None, entry_id: int | None = None, limit: int = 200
    ) -> list[Change]:
        return activity_log.latest(self.path, kind=kind, entry_id=entry_id, limit=limit)

    def _noted(
        self,
        action: Action,
        table: str,
        doc_id: int,
        document: Mapping[str, Any],
        fields: tuple[str, ...] = (),
    ) -> None:
        """Keep a change for the activity log, written once the plan itself is."""
        when, channel = post_facts(document) if table == "items" else (None, None)
        summary = summary_of(document)
        now = datetime.now(UTC)
        self._pending.append(
            Change(now, self._person, action, table, doc_id, summary, fields, when, channel)
        )
        if not self._batching:
            self._tell_pending()

    def _tell_pending(self) -> None:
        activity_log.append(self.path, self._pending)
        self._pending = []

    def _check_unchanged(self, entity_type: type, stored: Document | None, expected: Any) -> None:
        """Compared as entities, not raw documents, so keys an older version wrote in
        another form, or a newer version added, do not count as a change."""
        if expected is None or stored is None:
            return
        if from_doc(entity_type, stored, stored.doc_id) != expected:
            raise self._conflict(entity_type, stored)

    def _conflict(self, entity_type: type, stored: Document) -> ConflictError:
        """The conflict with the stored version, naming who saved it last (the log's)."""
        table = entity_type.TABLE  # type: ignore[attr-defined]
        last = activity_log.latest(self.path, kind=table, entry_id=stored.doc_id, limit=1)
        by = last[0].who if last and last[0].who != self._person else ""
        return ConflictError(from_doc(entity_type, stored, stored.doc_id), by=by)

    def reload(self) -> PlanData:
        return read_plan(self.path)

    @property
    def writes(self) -> int:
        return self.storage.writes

    def changed_elsewhere(self) -> bool:
        return self.storage.changed_elsewhere()

    def watch(self, notify: Callable[[], None]) -> bool:
        """A file is not watched: the App asks ``changed_elsewhere`` (one stat) instead."""
        return False

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def _table(self, entity_type: type) -> Iterator[Table]:
        """A table ready for a read-modify-write under the lock.

        TinyDB caches the next id and query results per process; another process may have
        written before this one took the lock, so both are reset once per lock taken. Within
        one hold (a batch) they stay valid: resetting them per entry made an import of
        10,000 rows into a 100,000-item plan rescan every id 10,000 times (157 s).
        """
        with self.storage.locked():
            table = self.db.table(entity_type.TABLE)  # type: ignore[attr-defined]
            if self._fresh.get(table.name) != self.storage.acquisitions:
                reset_table_caches(table)
                self._fresh[table.name] = self.storage.acquisitions
            yield table

    def _write_whole(self, document: dict[str, Any]) -> None:
        self.storage.write(document)
        self.db.clear_cache()

    def _prepare_existing(self, raw: bytes) -> None:
        """Check the plan before anything is written, keep a backup of it, migrate it."""
        document = parse_plan_bytes(self.path, raw)
        document, migrated = brought_up_to_date(self.path, document)
        plan_data = decode_plan(document, self.path)
        self._back_up(raw)
        if migrated:
            self._write_whole(document)
        else:
            self.storage.remember(document)
        self._decoded = (document, self.storage.writes, plan_data)

    def _back_up(self, raw: bytes) -> None:
        """A backup that cannot be written (a full disk) is a warning, never a reason the
        plan cannot open."""
        try:
            make_backup(self.path, raw)
        except OSError as error:
            self.warnings.append(
                _("No backup of the plan was kept: {value}.").format(value=error.strerror or error)
            )


def _replaced_by(document: dict[str, Any]) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that replaces the whole stored document: fields back at an empty
    default are left out of ``document`` and must disappear from the stored one too."""

    def replace_document(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(document)

    return replace_document


def restore_plan(path: str | os.PathLike[str], backup: Path) -> Path | None:
    """Put ``backup`` back as the plan at ``path``, under the plan's lock, after keeping
    the current file as the newest backup (returned). An unreadable backup raises and
    changes nothing.

    This is the one write that does not go through a ``PlanSession``: it must work when
    the plan itself no longer opens. The backup is written with the ids the plan and its
    other backups handed out since, so none is handed out twice.
    """
    restored = read_plan(backup)
    target = real_plan_path(path)
    storage = SafeJSONStorage(target)
    try:
        with storage.locked():
            marks = ids_handed_out(target)
            kept = keep_current(target)
            storage.write(encode_plan(restored, marks))
            return kept
    finally:
        storage.close()


def read_plan(path: str | os.PathLike[str]) -> PlanData:
    """Read a plan without locking, backing up or writing anything (for quick looks).

    Safe without the lock: writers replace the file by an atomic rename, so a reader sees
    either the old or the new file, whole.
    """
    target = Path(path).expanduser()
    try:
        raw = read_plan_bytes(target)
    except FileNotFoundError:
        raise StoreError(
            _(
                "There is no plan at {target} yet. Run 'socialplan --db {target}' to create it."
            ).format(target=target)
        ) from None
    document = parse_plan_bytes(target, raw)
    document, _migrated = brought_up_to_date(target, document)
    return decode_plan(document, target)


def starter_plan(name: str, today: date | None = None) -> PlanData:
    """A new plan: the default journey stages, and iteration 1 starting ``today`` (by
    default, today where the plan's time zone is)."""
    plan = Plan(name=name, uid=os.urandom(8).hex(), id=1)
    stages = tuple(replace(stage, id=n) for n, stage in enumerate(default_stages(), start=1))
    day = today or local_time(datetime.now(UTC), plan.timezone).date()
    return with_first_iteration(PlanData(plan=plan, stages=stages), day)


def real_plan_path(path: str | os.PathLike[str]) -> Path:
    """The file a plan path names, links followed once: the lock, the backups and the
    rename all act on the real file, and two names of one file share one lock. A link to
    anything but a regular file keeps its own name, so the refusal names what was given."""
    given = Path(path).expanduser()
    real = Path(os.path.realpath(given))
    return real if real.is_file() or not real.exists() else given


def _checked_path(path: Path) -> Path:
    if path.is_dir():
        raise UnreadablePlanError(path, _("it is a directory, not a file"), [])
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _read_existing(path: Path) -> bytes | None:
    try:
        raw = read_plan_bytes(path)
    except FileNotFoundError:
        return None
    if not os.access(path, os.W_OK):
        raise UnreadablePlanError(
            path, _("you have no permission to write it (edits could not be saved)"), []
        )
    return raw

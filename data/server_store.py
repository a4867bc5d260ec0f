"""Plans in PostgreSQL (psycopg 3): the second ``PlanStorage``, for a team on many machines.

One database holds many plans (``socialplan.plans``); each entry is one row of
``socialplan.entries`` (its JSON document as the file store writes it), so an edit is one
statement on one row, with the expected version checked in that statement: the row is
changed only while its document is still the one the edit was made to. Ids come from
``socialplan.last_ids`` in the statement that inserts, and a counter never goes down.
A batch is one transaction. The schema, its roles and what the server enforces are in
``server_schema.py``.

A lost connection is like a full disk: the edit raises ``ServerUnreachableError`` (the
session holds it and retries), and the next call connects again. Another session's
commit arrives as a notification on a second connection, read by a thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

import orjson
import psycopg
from psycopg.types.json import Jsonb

from socialplan.core.activity import Action, Change
from socialplan.core.codec import DocumentError, from_doc, to_doc
from socialplan.core.edits import with_changes
from socialplan.core.i18n import _
from socialplan.core.integrity import entity_problem
from socialplan.core.model import ENTITY_TYPES
from socialplan.core.plan_data import PlanData

from .collector import paused_collector
from .errors import ConflictError, MissingDocumentError, ServerUnreachableError, StoreError
from .plan_document import SCHEMA_VERSION as DOCUMENT_VERSION
from .plan_document import brought_up_to_date, decode_plan, encode_plan
from .server_connection import (
    ServerAddress,
    connect,
    first_line,
    missing_plan_message,
    only_plan,
    prepare_database,
    refusal,
    server_plan_path,
)
from .server_listener import Listener
from .table import META_TABLE, high_water_marks

E = TypeVar("E")
T = TypeVar("T")


def _dumps(document: dict[str, Any]) -> Jsonb:
    return Jsonb(document, dumps=lambda value: orjson.dumps(value).decode())


class ServerStore:
    """One plan in a PostgreSQL database (see the module's docstring)."""

    def __init__(self, address: ServerAddress, connection: psycopg.Connection[Any]) -> None:
        assert address.plan is not None
        self.address = address
        self.path = server_plan_path(address)
        with contextlib.suppress(OSError):  # then an export says why it cannot be written
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.warnings: list[str] = []
        self._connection: psycopg.Connection[Any] | None = connection
        self._plan_id = 0
        self._batching = False
        self._writes = 0
        self._decoded: PlanData | None = None
        self._last: tuple[PlanData, str] | None = None
        """The plan as last read, with the snapshot it was read in."""
        self._listener: Listener | None = None
        self._backend_pid = connection.info.backend_pid
        self._unacknowledged = False
        """A write was cut off with its connection: whether it committed is unknown."""
        self._one_at_a_time = threading.RLock()
        """One transaction at a time on the connection: a reload runs in a worker thread,
        and an edit begun meanwhile would otherwise have become part of its transaction."""

    # --- opening

    @classmethod
    def open(cls, url: str | ServerAddress, *, create: bool = True) -> ServerStore:
        """Open the plan the URL names (``?plan=NAME``), creating it when missing and
        ``create``; the database's schema is set up or migrated first."""
        address = url if isinstance(url, ServerAddress) else ServerAddress.parse(url)
        with cls._connected(address.with_plan(address.plan or only_plan(address))) as store:
            store._find_plan(create)
            store._decoded = store._read()
        return store

    @classmethod
    def create(
        cls, url: str | ServerAddress, plan_data: PlanData, marks: dict[str, int] | None = None
    ) -> ServerStore:
        """A new plan holding ``plan_data`` (ids as given, and ``marks``: the highest ids
        handed out before, where it comes from), written in one transaction."""
        address = url if isinstance(url, ServerAddress) else ServerAddress.parse(url)
        if address.plan is None:
            raise StoreError(_("Name the plan in the URL: ?plan=NAME."))
        with cls._connected(address) as store:
            with store._writing():
                if store._plan_row() is not None:
                    raise StoreError(
                        _("There is already a plan '{name}' in {server}.").format(
                            name=address.plan, server=address.shown
                        )
                    )
                store._plan_id = store._insert_plan_row()
                store._write_plan(plan_data, marks or {})
            store._decoded = plan_data  # what was just written: not read back (3 s at 100k)
        return store

    @classmethod
    @contextlib.contextmanager
    def _connected(cls, address: ServerAddress) -> Iterator[ServerStore]:
        """A store on a connection to a database brought up to date; closed again if what
        the block does with it fails."""
        connection = connect(address)
        store = cls(address, connection)
        try:
            prepare_database(connection, address)
            yield store
        except BaseException:
            store.close()
            raise

    def _find_plan(self, create: bool) -> None:
        row = self._plan_row()
        if row is None and not create:
            raise StoreError(missing_plan_message(self.address))
        if row is None:
            from .store import starter_plan

            with self._writing():
                self._plan_id = self._insert_plan_row()
                self._write_plan(starter_plan(self.address.plan or ""), {})
            return
        self._plan_id, doc_version = row
        if doc_version > DOCUMENT_VERSION:
            raise StoreError(
                _(
                    "The plan {plan} was written by a newer socialplan (schema {version}; "
                    "this version reads up to {known}): upgrade socialplan to open it."
                ).format(plan=self.address.url, version=doc_version, known=DOCUMENT_VERSION)
            )
        if doc_version < DOCUMENT_VERSION:
            self._migrate_documents(doc_version)

    def _plan_row(self) -> tuple[int, int] | None:
        row = self._conn.execute(
            "SELECT id, doc_version FROM socialplan.plans WHERE name = %s", (self.address.plan,)
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def _insert_plan_row(self) -> int:
        row = self._conn.execute(
            "INSERT INTO socialplan.plans (name, doc_version) VALUES (%s, %s) RETURNING id",
            (self.address.plan, DOCUMENT_VERSION),
        ).fetchone()
        assert row is not None
        return int(row[0])

    def _migrate_documents(self, version: int) -> None:
        """Entries written by an older socialplan, brought to this version's documents
        by the file store's own migrations, in one transaction."""
        with self._writing():
            document = self._document(lock=True, version=version)
            document, _migrated = brought_up_to_date(self.path, document)
            plan_data = decode_plan(document, self.path)
            self._conn.execute(
                "DELETE FROM socialplan.entries WHERE plan_id = %s", (self._plan_id,)
            )
            self._write_plan(plan_data, high_water_marks(document))
            self._conn.execute(
                "UPDATE socialplan.plans SET doc_version = %s WHERE id = %s",
                (DOCUMENT_VERSION, self._plan_id),
            )

    # --- reading

    def load(self) -> PlanData:
        """The plan as stored now (the first load after opening takes what opening read)."""
        decoded, self._decoded = self._decoded, None
        return decoded if decoded is not None else self._read()

    def reload(self) -> PlanData:
        """The plan as stored now: what changed since the last read, applied to it (the
        whole plan when there is no last read, or the changes do not check out)."""
        if self._last is None:
            return self._read()
        last, snapshot = self._last
        changed = self._read_again_once(lambda: self._changes_since(snapshot))
        if changed is None:
            return self._read()
        changes, now = changed
        patched = _patched(last, changes)
        if patched is None:
            return self._read()
        self._last = (patched, now)
        return patched

    def _read(self) -> PlanData:
        def read() -> tuple[PlanData, str]:
            plan_data = decode_plan(self._document(), self.path)
            return plan_data, self._snapshot()

        plan_data, snapshot = self._read_again_once(read)
        self._last = (plan_data, snapshot)
        return plan_data

    def _snapshot(self) -> str:
        """What this transaction sees, for reading what changed since (``_changes_since``)."""
        row = self._conn.execute("SELECT pg_current_snapshot()::text").fetchone()
        assert row is not None
        return str(row[0])

    def _changes_since(self, snapshot: str) -> tuple[list[tuple[str, int, str | None]], str] | None:
        """The entries changed by transactions ``snapshot`` did not see (kind, id, the
        document now, None for one deleted since), and the snapshot now; None when too
        many changed for reading them one by one to pay."""
        rows = self._conn.execute(
            "SELECT a.kind, a.entry_id, e.doc::text FROM ("
            "  SELECT DISTINCT kind, entry_id FROM socialplan.activity"
            "  WHERE plan_id = %(plan)s AND xid >= pg_snapshot_xmin(%(seen)s::pg_snapshot)"
            "  AND NOT pg_visible_in_snapshot(xid, %(seen)s::pg_snapshot)"
            "  LIMIT %(most)s"
            ") a LEFT JOIN socialplan.entries e"
            " ON e.plan_id = %(plan)s AND e.kind = a.kind AND e.id = a.entry_id",
            {"plan": self._plan_id, "seen": snapshot, "most": MOST_CHANGES + 1},
        ).fetchall()
        if len(rows) > MOST_CHANGES:
            return None
        return [(kind, int(doc_id), doc) for kind, doc_id, doc in rows], self._snapshot()

    def _read_again_once(self, read: Callable[[], T]) -> T:
        """``read`` in a transaction; when the connection had been lost meanwhile (a
        server restart), once more on a new one: a read is safe to repeat."""
        try:
            with self._reading():
                return read()
        except ServerUnreachableError:
            with self._reading():
                return read()

    def _document(self, *, lock: bool = False, version: int = DOCUMENT_VERSION) -> dict[str, Any]:
        """The plan as the file store's raw document (of schema ``version``): tables of
        str(id) → doc, with the highest ids handed out as its marks."""
        document: dict[str, Any] = {entity.TABLE: {} for entity in ENTITY_TYPES}
        if lock:
            self._conn.execute(
                "SELECT 1 FROM socialplan.entries WHERE plan_id = %s FOR UPDATE",
                (self._plan_id,),
            )
        # A row per entry, streamed: each is parsed while the server writes the next ones
        # (one JSON object per table, built by the server and parsed at the end, took
        # about 250 ms longer for 100,000 items).
        with (
            self._conn.cursor().copy(
                "COPY (SELECT kind, id::text, doc::text FROM socialplan.entries"
                " WHERE plan_id = %s) TO STDOUT",
                (self._plan_id,),
            ) as rows,
            paused_collector(),
        ):
            loads = orjson.loads
            for kind, doc_id, doc in rows.rows():
                document.setdefault(kind, {})[doc_id] = loads(doc)
        marks = self._conn.execute(
            "SELECT kind, last_id FROM socialplan.last_ids WHERE plan_id = %s", (self._plan_id,)
        )
        document[META_TABLE] = {"1": {"schema_version": version, "last_ids": dict(marks)}}
        return document

    def ids_handed_out(self) -> dict[str, int]:
        """The highest id each table has handed out (a plan moved elsewhere keeps them)."""
        return self._read_again_once(
            lambda: dict(
                self._conn.execute(
                    "SELECT kind, last_id FROM socialplan.last_ids WHERE plan_id = %s",
                    (self._plan_id,),
                )
            )
        )

    @property
    def writes(self) -> int:
        return self._writes

    # --- writing

    def add(self, entity: E) -> E:
        table = entity.TABLE  # type: ignore[attr-defined]
        with self._writing():
            row = self._conn.execute(
                "WITH next AS ("
                " INSERT INTO socialplan.last_ids AS l (plan_id, kind, last_id)"
                " VALUES (%(plan)s, %(kind)s, 1)"
                " ON CONFLICT (plan_id, kind) DO UPDATE SET last_id = l.last_id + 1"
                " RETURNING last_id)"
                " INSERT INTO socialplan.entries (plan_id, kind, id, doc)"
                " SELECT %(plan)s, %(kind)s, last_id, %(doc)s FROM next RETURNING id",
                {"plan": self._plan_id, "kind": table, "doc": _dumps(to_doc(entity))},
            ).fetchone()
        assert row is not None
        return replace(entity, id=int(row[0]))  # type: ignore[type-var]

    def update(self, entity: Any, *, expected: Any = None) -> None:
        """Replace the stored entry by ``entity``, only while it is still ``expected``
        (checked in the same statement); ``ConflictError`` names who changed it since."""
        with self._writing():
            if not self._changed_if_unchanged(entity, expected):
                raise MissingDocumentError(entity.TABLE, entity.id)

    def restore(self, entity: Any, *, expected: Any = None) -> None:
        """Put ``entity`` back under its own id; with ``expected`` None it must be absent
        (a deleted entry never comes back over a newer one), else still ``expected``."""
        with self._writing():
            if expected is not None and self._changed_if_unchanged(entity, expected):
                return
            row = self._conn.execute(
                "INSERT INTO socialplan.entries (plan_id, kind, id, doc)"
                " SELECT %(plan)s, %(kind)s, %(id)s, %(doc)s"
                " WHERE %(id)s <= (SELECT last_id FROM socialplan.last_ids"
                "   WHERE plan_id = %(plan)s AND kind = %(kind)s)"
                " ON CONFLICT DO NOTHING RETURNING id",
                self._row_of(entity),
            ).fetchone()
            if row is None:
                stored = self._stored(type(entity), entity.id)
                if stored is None:
                    raise MissingDocumentError(entity.TABLE, entity.id)
                self._conflict_unless(type(entity), entity.id, stored, mine=entity)

    def delete(self, entity_type: type, doc_id: int, *, expected: Any = None) -> None:
        """Remove an entry (gone already is fine), only while it is still ``expected``."""
        key = {"plan": self._plan_id, "kind": entity_type.TABLE, "id": doc_id}  # type: ignore[attr-defined]
        statement = "DELETE FROM socialplan.entries" + _ENTRY
        with self._writing():
            if expected is None:
                self._conn.execute(statement, key)
            else:
                self._while_still(statement, key, expected)

    def _changed_if_unchanged(self, entity: Any, expected: Any) -> bool:
        """Update the entry if it is still ``expected`` (or unconditionally without one):
        True if it was; False if it is absent; ConflictError if it holds another version."""
        statement = "UPDATE socialplan.entries SET doc = %(doc)s" + _ENTRY
        if expected is None:
            row = self._conn.execute(statement + " RETURNING id", self._row_of(entity))
            return row.fetchone() is not None
        return self._while_still(statement, self._row_of(entity), expected, mine=entity)

    def _while_still(
        self, statement: str, key: dict[str, Any], expected: Any, mine: Any = None
    ) -> bool:
        """Run ``statement`` on the entry only while it holds ``expected`` (the condition
        is part of the statement): True when it ran, False when the entry is absent,
        else ``ConflictError``. A conflict costs one more query: the stored version."""
        entity_type, doc_id = type(expected), expected.id
        old = to_doc(expected)
        for _attempt in range(3):
            done = self._conn.execute(
                statement + " AND doc = %(old)s RETURNING id", {**key, "old": _dumps(old)}
            ).fetchone()
            if done is not None:
                return True
            stored = self._stored(entity_type, doc_id)
            if stored is None:
                return False
            if from_doc(entity_type, stored[0], doc_id) != expected:
                self._conflict_unless(entity_type, doc_id, stored, mine)
                return True
            old = stored[0]  # the same version, saved with what equality ignores
        raise ConflictError(from_doc(entity_type, old, doc_id))

    def _stored(self, entity_type: type, doc_id: int) -> tuple[dict[str, Any], str] | None:
        row = self._conn.execute(
            "SELECT doc, changed_by FROM socialplan.entries"
            " WHERE plan_id = %s AND kind = %s AND id = %s",
            (self._plan_id, entity_type.TABLE, doc_id),  # type: ignore[attr-defined]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _conflict_unless(
        self, entity_type: type, doc_id: int, stored: tuple[dict[str, Any], str], mine: Any
    ) -> None:
        """Raise the conflict with the stored version, and who saved it. Only right after
        a write whose commit was never acknowledged (the connection was lost in it), a
        stored version equal to ``mine`` is that very change, landed: no conflict. At any
        other time it is another session's equal change, and this edit was made to an
        older version (an increment on top of theirs would be lost)."""
        theirs: Any = from_doc(entity_type, stored[0], doc_id)
        if not (self._unacknowledged and mine is not None and theirs == mine):
            raise ConflictError(theirs, by=stored[1])

    def _row_of(self, entity: Any) -> dict[str, Any]:
        return {
            "plan": self._plan_id,
            "kind": entity.TABLE,
            "id": entity.id,
            "doc": _dumps(to_doc(entity)),
        }

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Edits made inside are one transaction: they land together or not at all."""
        return self._batch()

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        if self._batching:
            raise RuntimeError(_("batches do not nest"))
        with self._writing():
            self._batching = True
            try:
                yield
            finally:
                self._batching = False

    def replace_all(self, plan_data: PlanData, marks: dict[str, int] | None = None) -> None:
        """Put a whole other plan in this one's place, in one transaction; ids handed out
        here (or in ``marks``) stay spent."""
        with self._writing():
            spent = dict(
                self._conn.execute(
                    "SELECT kind, last_id FROM socialplan.last_ids WHERE plan_id = %s FOR UPDATE",
                    (self._plan_id,),
                )
            )
            self._conn.execute(
                "DELETE FROM socialplan.entries WHERE plan_id = %s", (self._plan_id,)
            )
            for table, mark in (marks or {}).items():
                spent[table] = max(spent.get(table, 0), mark)
            self._write_plan(plan_data, spent)

    def _write_plan(self, plan_data: PlanData, marks: dict[str, int]) -> None:
        """Every entry of ``plan_data`` (COPY: a 100,000-item plan in seconds), and the
        highest ids raised to what it holds; inside a transaction."""
        document = encode_plan(plan_data, marks)
        last_ids = high_water_marks(document)
        with self._conn.cursor().copy(
            "COPY socialplan.entries (plan_id, kind, id, doc) FROM STDIN"
        ) as copy:
            for table, entries in document.items():
                if table == META_TABLE:
                    continue
                for key, doc in entries.items():
                    copy.write_row((self._plan_id, table, int(key), orjson.dumps(doc).decode()))
        self._conn.execute("DELETE FROM socialplan.last_ids WHERE plan_id = %s", (self._plan_id,))
        with self._conn.cursor().copy(
            "COPY socialplan.last_ids (plan_id, kind, last_id) FROM STDIN"
        ) as copy:
            for table, mark in last_ids.items():
                copy.write_row((self._plan_id, table, mark))

    # --- the connection

    @property
    def _conn(self) -> psycopg.Connection[Any]:
        if self._connection is None or self._connection.closed:
            self._connection = connect(self.address)
            self._backend_pid = self._connection.info.backend_pid
        return self._connection

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A transaction (or the batch's), with the server's errors in words."""
        if self._batching:
            yield
            return
        with self._one_at_a_time, self._errors_told(writing=True):
            with self._conn.transaction():
                yield
            self._writes += 1
            self._unacknowledged = False

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """A read: one snapshot for all its statements (the plan and what it saw)."""
        with self._one_at_a_time, self._errors_told(), self._conn.transaction():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    @contextlib.contextmanager
    def _errors_told(self, *, writing: bool = False) -> Iterator[None]:
        try:
            yield
        except psycopg.OperationalError as error:
            self._drop_connection()
            self._unacknowledged = self._unacknowledged or writing
            raise ServerUnreachableError(
                _("the connection to {server} was lost ({error})").format(
                    server=self.address.shown, error=first_line(error)
                )
            ) from None
        except psycopg.Error as error:
            if self._connection is not None and self._connection.broken:
                self._drop_connection()
            raise refusal(error) from None

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(psycopg.Error):
                self._connection.close()
        self._connection = None

    # --- other sessions

    def changed_elsewhere(self) -> bool:
        """Whether another session committed a change to this plan since last asked
        (notifications, read by a thread: asking costs nothing)."""
        return self._listening().take()

    def watch(self, notify: Callable[[], None]) -> bool:
        """Call ``notify`` (from another thread) as soon as another session committed a
        change; ``changed_elsewhere`` then tells which."""
        self._listening().notify = notify
        return True

    def _listening(self) -> Listener:
        if self._listener is None:
            self._listener = Listener(self.address, self._plan_id, lambda: self._backend_pid)
        return self._listener

    def activity(
        self, *, kind: str | None = None, entry_id: int | None = None, limit: int = 200
    ) -> list[Change]:
        """The plan's latest changes, newest first (of one table with ``kind``, of one
        entry with ``entry_id`` too)."""
        where = "plan_id = %(plan)s"
        if kind is not None:
            where += " AND kind = %(kind)s"
        if entry_id is not None:
            where += " AND entry_id = %(entry)s"
        rows = self._read_again_once(
            lambda: self._conn.execute(
                "SELECT at, who, action, kind, entry_id, summary, fields, scheduled_at, channel"
                f" FROM socialplan.activity WHERE {where} ORDER BY id DESC LIMIT %(limit)s",
                {"plan": self._plan_id, "kind": kind, "entry": entry_id, "limit": limit},
            ).fetchall()
        )
        return [
            Change(
                at, who, _ACTIONS[action], kind_, int(entry), summary, _names(fields), when, channel
            )
            for at, who, action, kind_, entry, summary, fields, when, channel in rows
        ]

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self._drop_connection()


MOST_CHANGES = 2000
"""More changed entries than this since the last read: read the whole plan again."""

ENTITY_BY_TABLE = {entity.TABLE: entity for entity in ENTITY_TYPES}


def _patched(last: PlanData, changes: list[tuple[str, int, str | None]]) -> PlanData | None:
    """``last`` with the entries changed since put in and those deleted since taken out;
    None when an entry does not decode or check out (the whole read then says why)."""
    saved: list[Any] = []
    removed: list[Any] = []
    for kind, doc_id, doc in changes:
        entity_type = ENTITY_BY_TABLE.get(kind)
        if entity_type is None:
            return None
        if doc is None:
            gone = next((e for e in getattr(last, kind, ()) if e.id == doc_id), None)
            removed.extend(() if gone is None or kind == "plan" else (gone,))
            continue
        try:
            entity = from_doc(entity_type, orjson.loads(doc), doc_id)
        except (DocumentError, orjson.JSONDecodeError):
            return None
        if entity_problem(entity) is not None:
            return None
        saved.append(entity)
    return with_changes(last, saved, removed) if saved or removed else last


_ENTRY = " WHERE plan_id = %(plan)s AND kind = %(kind)s AND id = %(id)s"
"""The one entry a statement acts on."""

_ACTIONS = {"insert": Action.ADD, "update": Action.EDIT, "delete": Action.DELETE}
"""The trigger's operation by the change it was."""


def _names(fields: str) -> tuple[str, ...]:
    return tuple(name for name in fields.split(",") if name)

"""One session's edit pipeline, without a user interface: the store, the plan as shown,
this session's undo history, the edits the disk refused for now, conflict detection.

``submit(request)`` saves an edit now (or holds it behind edits still waiting) and says
how it went as a ``Submitted``: saved, held, a conflict with another session, an entry
another session deleted, waiting (it changes an entry not saved yet), or refused. The App
turns those into notifications and dialogs; the command line's imports go through the same
``submit``. Nothing here draws or says anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from socialplan.core.edits import Edit, changes_between, describe, with_changes
from socialplan.core.frozen import frozen
from socialplan.core.i18n import _
from socialplan.core.model import ContentItem, Plan
from socialplan.core.plan_data import PlanData
from socialplan.core.series import SeriesChange, series_change, upcoming_repeats
from socialplan.core.validation import InvalidInputError

from .errors import (
    ConflictError,
    MissingDocumentError,
    PlanBusyError,
    SaveFailedError,
    ServerUnreachableError,
    StoreError,
)
from .interface import PlanStorage
from .requests import Delete, Request, Save, Unsaved, is_provisional

UNDO_DEPTH = 100

Clock = Callable[[], datetime]


class Outcome(StrEnum):
    SAVED = "saved"
    HELD = "held"
    """The disk refused it (full, read-only, busy): shown as made, tried again later."""
    CONFLICT = "conflict"
    """Another session changed the entry since: nothing written, ``theirs`` is theirs."""
    GONE = "gone"
    """Another session deleted the entry being saved: nothing written."""
    WAITING = "waiting"
    """It changes an entry that is itself still waiting for the disk."""
    REFUSED = "refused"
    """Not a valid edit, or the store refused it for good: ``message`` says why."""


@frozen
class Submitted:
    """What became of an edit handed to the session, and what it saved."""

    outcome: Outcome
    request: Request
    message: str = ""
    """Why it was held (the first time), refused or is waiting."""
    saved: Any = None
    """The entity the edit saved last, for the cursor."""
    mine: Any = None
    theirs: Any = None
    theirs_by: str = ""
    """Who saved ``theirs``, where the store knows."""
    series: SeriesChange | None = None
    added: tuple[ContentItem, ...] = ()
    removed: tuple[ContentItem, ...] = ()


@frozen
class Undone:
    """What undo took back, or why it could not."""

    ok: bool
    label: str = ""
    message: str = ""
    restored: Any = None
    dropped_held: bool = False
    """The edit taken back was still waiting for the disk: it is simply dropped."""


@dataclass
class PlanSession:
    """One user's editing of a plan: every edit saved at once, or held and retried, and
    taken back in order by undo."""

    store: PlanStorage
    clock: Clock
    shown: PlanData = field(init=False)
    """The plan as the user sees it: on disk, with any held edits applied."""
    undo_stack: list[Edit] = field(default_factory=list)
    """This session's edits, newest last, that undo takes back one by one."""
    unsaved: Unsaved = field(default_factory=Unsaved)

    def __post_init__(self) -> None:
        self.shown = self.store.load()

    def switch_to(self, store: PlanStorage) -> None:
        """Another plan: its own history starts empty."""
        self.store.close()
        self.store = store
        self.undo_stack.clear()
        self.shown = store.load()

    def replace_plan(self, plan_data: PlanData) -> None:
        """Write a whole other plan over this one (the store keeps the old file as a
        backup and ids handed out stay spent). The edits of the old plan cannot be taken
        back into the new one: the history starts empty."""
        self.store.replace_all(plan_data)
        self.undo_stack.clear()
        self.shown = self.store.load()

    # --- edits

    def submit(self, request: Request) -> Submitted:
        """Save an edit now, or hold it behind edits still waiting for the disk."""
        waiting = next((e for e in request.entities if is_provisional(e)), None)
        if waiting is not None:
            return Submitted(
                Outcome.WAITING,
                request,
                _("{describe} is not saved yet ({problem}); it can be changed once it is.").format(
                    describe=describe(waiting), problem=self.unsaved.problem
                ),
            )
        if self.unsaved:
            return self._hold(request)
        return self._attempt(request)

    def _attempt(self, request: Request) -> Submitted:
        try:
            return self._perform(request)
        except ConflictError as error:
            self._show_theirs(error.theirs)
            return Submitted(
                Outcome.CONFLICT,
                request,
                mine=request.entity_like(error.theirs),
                theirs=error.theirs,
                theirs_by=error.by,
            )
        except MissingDocumentError as error:
            return self._gone(request, error)
        except (SaveFailedError, PlanBusyError, ServerUnreachableError) as error:
            return self._hold(request, error)
        except InvalidInputError as error:
            return Submitted(Outcome.REFUSED, request, error.problem.message)
        except StoreError as error:
            return Submitted(Outcome.REFUSED, request, str(error))

    def _perform(self, request: Request) -> Submitted:
        if isinstance(request, Delete):
            return self._delete(request)
        first = request.entities[0]
        if not request.label and isinstance(first, ContentItem):
            return self._save_item(request, first, self._before(request, first))
        befores = [self._before(request, entity) for entity in request.entities]
        return self._save_all(request, befores, request.label or _label(befores[0], first))

    def _before(self, request: Save, entity: Any) -> Any | None:
        """The version an entity's change was made to: the request's own base, or else
        the one shown now; None for a new entity."""
        return request.base_for(entity) or _current(self.shown, entity)

    def _save_all(self, request: Save, befores: list[Any], label: str) -> Submitted:
        """Save entities in one atomic write and record them as one edit."""
        with self.store.batch():
            saved = [
                self._store(e, before) for e, before in zip(request.entities, befores, strict=True)
            ]
        self.shown = with_changes(self.shown, saved, ())
        pairs = list(zip(saved, befores, strict=True))
        self._record(
            Edit(
                label,
                before=tuple(b for _, b in pairs if b is not None),
                created=tuple(s for s, b in pairs if b is None),
                after=tuple(s for s, b in pairs if b is not None),
            )
        )
        return Submitted(Outcome.SAVED, request, saved=saved[-1])

    def _store(self, entity: Any, before: Any | None) -> Any:
        entity = self._stamped(entity)
        if entity.id:
            self.store.update(entity, expected=before)
            return entity
        return self.store.add(entity)

    def _stamped(self, entity: Any) -> Any:
        """A post as saved now: its ``modified_at`` is this moment (calendars take a
        change by it, so taking an edit back is a change too)."""
        if isinstance(entity, ContentItem):
            return replace(entity, modified_at=self.clock().astimezone(UTC).replace(microsecond=0))
        return entity

    def _save_item(self, request: Save, item: ContentItem, before: ContentItem | None) -> Submitted:
        """Save an item and, when its repeat rule or time changed, rebuild its upcoming
        repeats in the same atomic write."""
        change = series_change(before, item, self.shown, self.clock())
        with self.store.batch():
            item = self._store(item, before)
            added, removed = self._apply_series(item, change)
        self.shown = with_changes(self.shown, [item, *added], removed)
        created = (*(() if before else (item,)), *added)
        after = () if before is None else (item,)
        self._record(Edit(_label(before, item), (*_kept(before), *removed), created, after))
        return Submitted(
            Outcome.SAVED, request, saved=item, series=change, added=added, removed=removed
        )

    def _apply_series(
        self, head: ContentItem, change: SeriesChange | None
    ) -> tuple[tuple[ContentItem, ...], tuple[ContentItem, ...]]:
        if change is None:
            return (), ()
        for repeat in change.remove:
            self.store.delete(ContentItem, repeat.id, expected=repeat)
        added = tuple(
            self.store.add(self._stamped(replace(repeat, series=head.id))) for repeat in change.add
        )
        return added, change.remove

    def _delete(self, request: Delete) -> Submitted:
        """Delete entities in one write; deleting the first item of a series takes its
        upcoming repeats with it."""
        plan_data, now = self.shown, self.clock()
        gone: dict[tuple[str, int], Any] = {}
        for entity in request.entities:
            repeats = (
                upcoming_repeats(entity, plan_data, now) if isinstance(entity, ContentItem) else []
            )
            for each in (entity, *(_current(plan_data, r) or r for r in repeats)):
                gone.setdefault((each.TABLE, each.id), each)
        with self.store.batch():
            for each in gone.values():
                self.store.delete(type(each), each.id, expected=each)
        self.shown = with_changes(plan_data, [], tuple(gone.values()))
        self._record(Edit(request.describe(), tuple(gone.values())))
        return Submitted(Outcome.SAVED, request)

    def _record(self, edit: Edit) -> None:
        self.undo_stack.append(edit)
        del self.undo_stack[:-UNDO_DEPTH]

    def _show_theirs(self, theirs: Any) -> None:
        self.shown = with_changes(self.shown, [theirs], ())
        if self.unsaved:
            self.unsaved.on_disk = with_changes(self.unsaved.on_disk or self.shown, [theirs], ())

    def _gone(self, request: Request, error: MissingDocumentError) -> Submitted:
        mine = next(
            (e for e in request.entities if error.table == e.TABLE and e.id == error.doc_id), None
        )
        if mine is None or not isinstance(request, Save):
            return Submitted(Outcome.REFUSED, request, str(error))
        self.shown = with_changes(self.shown, (), (mine,))
        return Submitted(Outcome.GONE, request, mine=mine)

    # --- edits the disk refused

    def _hold(self, request: Request, error: StoreError | None = None) -> Submitted:
        """Keep a request the disk refused (or one queued behind it), shown as made."""
        if not self.unsaved:
            self.unsaved.on_disk = self.shown
        self.unsaved.held.append(request)
        if error is not None:
            self.unsaved.problem = _reason(error)
        self.shown = self.unsaved.shown()
        return Submitted(Outcome.HELD, request, str(error) if error is not None else "")

    def retry(self) -> list[Submitted]:
        """Try the held requests again, in order; what the disk still refuses stays held
        (the list then ends with that one, held). Empty when nothing was held."""
        if not self.unsaved:
            return []
        on_disk = self.unsaved.on_disk
        assert on_disk is not None
        held = self.unsaved.take()
        self.shown = on_disk
        results = []
        for position, request in enumerate(held):
            result = self._attempt(request)
            results.append(result)
            if result.outcome is Outcome.HELD:
                self.unsaved.held.extend(held[position + 1 :])
                self.shown = self.unsaved.shown()
                break
        return results

    # --- undo

    def undo(self) -> Undone:
        """Take back the last edit: what it created goes, what it changed comes back. An
        edit still waiting for the disk is simply dropped."""
        if self.unsaved:
            dropped = self.unsaved.held.pop()
            self.shown = self.unsaved.shown()
            return Undone(True, dropped.describe(), dropped_held=True)
        if not self.undo_stack:
            return Undone(False, message=_("Nothing to undo."))
        edit = self.undo_stack.pop()
        restored = tuple(self._stamped(entity) for entity in edit.before)
        try:
            with self.store.batch():
                for entity in edit.created:
                    self.store.delete(type(entity), entity.id, expected=entity)
                for entity in restored:
                    self.store.restore(entity, expected=edit.left(entity))
        except ConflictError as error:
            return Undone(
                False,
                edit.label,
                _(
                    "Not undone: {error} Taking this edit back would overwrite that change, "
                    "so it is dropped from undo."
                ).format(error=error),
            )
        except StoreError as error:
            self.undo_stack.append(edit)
            return Undone(False, edit.label, str(error))
        self.shown = with_changes(self.shown, restored, edit.created)
        return Undone(True, edit.label, restored=restored[0] if restored else None)

    # --- another session's writes

    def take_reloaded(self, plan_data: PlanData) -> str:
        """Show the plan as another session left it (held edits stay on top); what changed,
        in words, or "" when nothing did."""
        shown_before = self.unsaved.on_disk if self.unsaved else self.shown
        summary = changes_between(shown_before, plan_data) if shown_before else ""
        if not summary:
            return ""
        if self.unsaved:
            self.unsaved.on_disk = plan_data
            plan_data = self.unsaved.shown()
        self.shown = plan_data
        return summary


def _current(plan_data: PlanData, entity: Any) -> Any | None:
    """The stored version of ``entity``; None for a new one."""
    if isinstance(entity, Plan):
        return plan_data.plan
    if not entity.id:
        return None
    return next((e for e in getattr(plan_data, entity.TABLE) if e.id == entity.id), None)


def _reason(error: StoreError) -> str:
    """Why the disk refused a save, in a few words for the title line."""
    if isinstance(error, SaveFailedError):
        return (error.cause.strerror or "write failed").lower()
    if isinstance(error, ServerUnreachableError):
        return _("the server cannot be reached")
    return _("the plan is busy")


def _kept(before: Any | None) -> tuple[Any, ...]:
    return () if before is None else (before,)


def _label(before: Any | None, after: Any) -> str:
    return f"{'edit' if before is not None else 'add'} {describe(after)}"

"""The App's side of the edit pipeline: it hands the screens' edits (``SaveEntity``,
``MoveCards``, ``DeleteEntity``...) to the edit session (data/session.py), shows how each
went, takes edits back, retries those the disk refused and shows what other sessions
wrote. The decisions are the session's; this part only tells the user.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual import work
from textual.app import App
from textual.reactive import var

from socialplan.core.edits import Edit, describe
from socialplan.core.i18n import _, ngettext
from socialplan.core.model import Plan
from socialplan.core.plan_data import PlanData
from socialplan.data.errors import StoreError
from socialplan.data.interface import PlanStorage
from socialplan.data.requests import Delete, Request, Save, Unsaved
from socialplan.data.session import Outcome, PlanSession, Submitted
from socialplan.tui.edit_feedback import resolve_conflict, resolve_deleted, series_message
from socialplan.tui.messages import (
    DeleteEntities,
    DeleteEntity,
    MoveCards,
    SaveEntities,
    SaveEntity,
)


class EditOutcomes(App[Any]):
    plan_data: var[PlanData] = var(PlanData(plan=Plan(name="")), always_update=True)
    """The plan as shown; the empty one stands in only until the App sets the real one."""
    last_saved: var[object | None] = var(None, always_update=True)
    """The entity the last edit saved, so a screen can put its cursor on it."""
    session: PlanSession
    """The edit pipeline: store, undo history, edits waiting for the disk."""

    @property
    def store(self) -> PlanStorage:
        return self.session.store

    @property
    def undo_stack(self) -> list[Edit]:
        return self.session.undo_stack

    @property
    def unsaved(self) -> Unsaved:
        return self.session.unsaved

    def on_save_entity(self, message: SaveEntity) -> None:
        self.submit(Save((message.entity,), bases=(message.base,)))

    def on_save_entities(self, message: SaveEntities) -> None:
        self.submit(
            Save(message.entities, message.label, _("Saved: {label}.").format(label=message.label))
        )

    def on_move_cards(self, message: MoveCards) -> None:
        self.submit(
            Save(message.cards, _("move {describe}").format(describe=describe(message.moved)))
        )

    def on_delete_entity(self, message: DeleteEntity) -> None:
        self.submit(Delete((message.entity,)))

    def on_delete_entities(self, message: DeleteEntities) -> None:
        self.submit(Delete(message.entities, message.label))

    def submit(self, request: Request) -> None:
        """Save a user's edit through the session, and show how it went."""
        self._told(self.session.submit(request))

    def _told(self, result: Submitted) -> None:
        """An edit's outcome, as the user sees it: the plan, a message, or a dialog."""
        self.plan_data = self.session.shown
        outcome = result.outcome
        if outcome is Outcome.SAVED:
            self._saved(result)
        elif outcome is Outcome.HELD:
            self._held(result)
        elif outcome is Outcome.CONFLICT:
            resolve_conflict(self, result)
        elif outcome is Outcome.GONE:
            resolve_deleted(self, result)
        elif outcome is Outcome.WAITING:
            self.notify(result.message, title=_("Waiting for the disk"), severity="warning")
        else:
            self.notify(result.message, title=_("Not saved"), severity="error", timeout=15)

    def _saved(self, result: Submitted) -> None:
        if result.saved is not None:
            self.last_saved = result.saved
        change = result.series
        if result.added or result.removed or (change and change.kept):
            added, removed = len(result.added), len(result.removed)
            self.notify(series_message(self.plan_data, result.saved, added, removed, change))
        if isinstance(result.request, Save) and result.request.announce:
            self.notify(result.request.announce)

    def _held(self, result: Submitted) -> None:
        """A request the disk refused (or one queued behind it), shown as made."""
        if result.message:
            self.notify(
                _(
                    "{error} It is shown as made and will be saved as soon as the disk takes "
                    "it; socialplan tries again every few seconds."
                ).format(error=result.message),
                title=_("Not saved yet"),
                severity="error",
                timeout=15,
            )
        self._show_unsaved()

    def _show_unsaved(self) -> None:
        """How many edits wait for the disk, in the title line."""
        count = len(self.unsaved.held)
        waiting = ngettext(
            "⚠ {count} edit not saved ({problem}): retrying",
            "⚠ {count} edits not saved ({problem}): retrying",
            count,
        ).format(count=count, problem=self.unsaved.problem)
        self.sub_title = waiting if count else ""

    def retry_unsaved(self) -> None:
        """Try the held requests again, in order; those the disk still refuses stay held."""
        count = len(self.unsaved.held)
        if not count:
            return
        for result in self.session.retry():
            self._told(result)
        if self.unsaved:
            return
        self.sub_title = ""
        self.notify(
            ngettext(
                "Saved {count} edit that had waited for the disk.",
                "Saved {count} edits that had waited for the disk.",
                count,
            ).format(count=count)
        )

    def action_undo(self) -> None:
        """Take back the last edit (see ``PlanSession.undo``)."""
        undone = self.session.undo()
        self.plan_data = self.session.shown
        if undone.dropped_held:
            self._show_unsaved()
            self.notify(
                _("Undone: {describe} (it had not been saved yet).").format(describe=undone.label)
            )
        elif not undone.ok and not undone.label:
            self.notify(undone.message, severity="warning")
        elif not undone.ok:
            self.notify(undone.message, title=_("Not undone"), severity="error", timeout=15)
        else:
            if undone.restored is not None:
                self.last_saved = undone.restored
            self.notify(_("Undone: {label}.").format(label=undone.label))

    def _watch_file(self) -> None:
        """Reload when another session wrote the plan (checked every second: one stat)."""
        if self.store.changed_elsewhere():
            self._reload(self.store.writes)

    def _changed_elsewhere_now(self) -> None:
        """A store that watches (a database server's notifications) calls this from its
        own thread as another session's change arrives: reload at once, not at the next
        second's check."""
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.call_from_thread(self._watch_file)

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self, writes: int) -> None:
        try:
            plan_data = self.store.reload()
        except StoreError as error:
            self.call_from_thread(
                self.notify, str(error), title=_("Not reloaded"), severity="error", timeout=30
            )
            return
        self.call_from_thread(self._take_reloaded, plan_data, writes)

    def _take_reloaded(self, plan_data: PlanData, writes: int) -> None:
        """Show the plan as another session left it. A reload read before this session's
        own latest write is stale: read again."""
        if writes != self.store.writes:
            self._reload(self.store.writes)
            return
        summary = self.session.take_reloaded(plan_data)
        if not summary:
            return
        self.plan_data = self.session.shown
        self.notify(
            _("Another session changed the plan: {summary}.").format(summary=summary),
            title=_("Plan reloaded"),
        )

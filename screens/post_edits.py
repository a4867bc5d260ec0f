"""Edits of the Schedule's selected post: to another stage, up or down its column, to
another day, the next status, a review sent back, into a posting slot, and the item
form. Each posts the edit up to the App; nothing here is saved by the screen itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from socialplan.core.board import BoardColumn, moved_ranks
from socialplan.core.filtering import ItemFilter
from socialplan.core.i18n import _, ngettext
from socialplan.core.model import Channel, ContentItem, Status
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import blank_item, local_day, move_to_day
from socialplan.core.series import upcoming_repeats
from socialplan.core.slots import requeue, schedule_in_next_slot
from socialplan.core.validation import InvalidInputError
from socialplan.core.workflow import advance, reject, why_not_rejectable
from socialplan.tui.messages import DeleteEntity, MoveCards, SaveEntity
from socialplan.tui.text import when
from socialplan.tui.widgets.schedule_text import local_moment
from socialplan.tui.widgets.schedule_views import BoardView, View

from .schedule_marks import MarkedPosts


class PostEdits(MarkedPosts):
    item_filter: ItemFilter
    """What the board shows: a reorder moves a card among the cards shown."""

    def board_column(self, stage_id: int) -> BoardColumn | None:
        """A stage's column as the board shows it (filtered, in order)."""
        board = self.views[View.BOARD]
        assert isinstance(board, BoardView)
        return board.board_columns.column(stage_id)

    def action_move_stage(self, step: int) -> None:
        if (item := self._selected()) is None:
            return
        stages = self.plan_data.ordered_stages()
        position = next(n for n, s in enumerate(stages) if s.id == item.stage) + step
        if not 0 <= position < len(stages):
            edge = (
                _("'{title}' is in the first stage already")
                if step < 0
                else _("'{title}' is in the last stage already")
            )
            self.notify(edge.format(title=item.title))
            return
        moved = replace(item, stage=stages[position].id, rank=None)
        self.post_message(MoveCards((moved,), item))

    def action_reorder(self, step: int) -> None:
        if (item := self._selected()) is None:
            return
        column = self.board_column(item.stage)
        if column is None:
            return
        index = next(n for n, i in enumerate(column.items) if i.id == item.id)
        ranks = moved_ranks(column.items, index, step)
        changed = tuple(replace(i, rank=ranks[i.id]) for i in column.items if i.id in ranks)
        if not changed:
            edge = (
                _("'{title}' is at the top of its column already")
                if step < 0
                else _("'{title}' is at the bottom of its column already")
            )
            self.notify(edge.format(title=item.title))
            return
        self.post_message(MoveCards(changed, item))

    def action_move_day(self, days: int) -> None:
        """Move the selected post to another day at the same time of day."""
        if (item := self._selected()) is None:
            return
        timezone = self.plan_data.plan.timezone
        day = local_day(item, timezone)
        assert day is not None
        moved = move_to_day(item, day + timedelta(days=days), timezone)

        def save() -> None:
            self.current.follow(moved, timezone)
            self.post_message(SaveEntity(moved))

        if moved.scheduled_at is not None and moved.scheduled_at < self.now():
            self._confirm_then(
                _("Move '{title}' into the past, to {when}?").format(
                    title=item.title, when=when(local_moment(self.plan_data, moved))
                ),
                _("A post planned in the past will not go out by itself."),
                save,
            )
            return
        save()

    def action_advance_status(self) -> None:
        if (item := self._selected()) is None:
            return
        try:
            advanced = advance(item)
        except InvalidInputError as problem:
            self.notify(problem.problem.message, severity="warning")
            return
        planned = item.scheduled_at
        if advanced.status is Status.PUBLISHED and planned is not None and planned > self.now():
            self._confirm_then(
                _("Mark '{title}' published now?").format(title=item.title),
                _("It is planned for {when}.").format(
                    when=when(local_moment(self.plan_data, item))
                ),
                lambda: self.post_message(SaveEntity(advanced)),
            )
            return
        self.post_message(SaveEntity(advanced))

    def action_reject_review(self) -> None:
        if (item := self._selected()) is None:
            return
        from .comment import CommentScreen

        def rejected(comment: str | None) -> None:
            if comment is None:
                return
            try:
                self.post_message(SaveEntity(reject(item, comment), base=item))
            except InvalidInputError as problem:
                self.notify(problem.problem.message, severity="warning")

        if (reason := why_not_rejectable(item)) is not None:
            self.notify(reason, severity="warning")
            return
        self.app.push_screen(
            CommentScreen(_("Send '{title}' back to draft: why?").format(title=item.title)),
            rejected,
        )

    def action_next_free_slot(self) -> None:
        self._save_derived(schedule_in_next_slot)

    def action_requeue(self) -> None:
        again = self._save_derived(requeue)
        if again is not None:
            self.notify(
                _("Re-queued '{title}' for {when}.").format(
                    title=again.title, when=when(local_moment(self.plan_data, again))
                )
            )

    def _save_derived(
        self, derive: Callable[[PlanData, ContentItem, datetime], ContentItem]
    ) -> ContentItem | None:
        """Save what ``derive`` makes of the selected item; its refusal becomes a warning."""
        if (item := self._selected()) is None:
            return None
        try:
            derived = derive(self.plan_data, item, self.now())
        except InvalidInputError as problem:
            self.notify(problem.problem.message, severity="warning")
            return None
        self.current.follow(derived, self.plan_data.plan.timezone)
        self.post_message(SaveEntity(derived))
        return derived

    def action_edit_slots(self) -> None:
        if not self.plan_data.channels:
            self.notify(_("Choose a channel in the Strategy phase first."), severity="warning")
            return
        item = self.current.selected_item()
        channel = next((c for c in self.plan_data.channels if item and c.id == item.channel), None)
        from .slots_form import SlotsForm

        def saved(result: Channel | None) -> None:
            if result is not None:
                self.post_message(SaveEntity(result, base=channel))

        self.app.push_screen(
            SlotsForm(channel or self.plan_data.channels[0], self.plan_data, self.now()), saved
        )

    def action_new_item(self) -> None:
        if not self.plan_data.channels:
            self.notify(_("Choose a channel in the Strategy phase first."), severity="warning")
            return
        item = self.current.place_new(
            blank_item(self.plan_data, self.now()), self.plan_data.plan.timezone
        )
        self._open_form(item)

    def action_edit_item(self) -> None:
        if (item := self._selected()) is not None:
            self._open_form(item)

    def action_delete_item(self) -> None:
        if self.marked:
            self.delete_marked()
            return
        if (item := self._selected()) is None:
            return
        repeats = len(upcoming_repeats(item, self.plan_data, self.now()))
        also = (
            ngettext(
                " and its {count} upcoming repeat", " and its {count} upcoming repeats", repeats
            ).format(count=repeats)
            if repeats
            else ""
        )
        self._confirm_then(
            _("Delete '{title}'{also}?").format(title=item.title, also=also),
            _("ctrl+z brings it back."),
            lambda: self.post_message(DeleteEntity(item)),
        )

    def _open_form(self, item: ContentItem) -> None:
        """Open the item form; imported here so start-up does not pay for form widgets."""
        from .item_form import ItemForm

        def saved(result: ContentItem | None) -> None:
            if result is not None:
                self.current.follow(result, self.plan_data.plan.timezone)
                self.post_message(SaveEntity(result, base=item))

        self.app.push_screen(ItemForm(item, self.plan_data), saved)

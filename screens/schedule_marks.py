"""Power moves on the Schedule: mark posts (space, a range with V, every shown one with *),
then change them all (b) or delete them (d) as one edit; duplicate a post (y, Y into the
next free slot) or cross-post it to other channels (X)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.binding import Binding

from socialplan.core.batch_edit import BatchChange, apply_batch, cross_posts, duplicate
from socialplan.core.i18n import N_, _, ngettext
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.core.slots import schedule_in_next_slot
from socialplan.core.validation import InvalidInputError, validate_item
from socialplan.tui.messages import DeleteEntities, SaveEntities, SaveEntity
from socialplan.tui.widgets.schedule_views import ScheduleView, View

from .base import PhaseScreen

MARK_BINDINGS = [
    Binding("space", "mark", N_("Mark / unmark"), show=False),
    Binding("V", "mark_range", N_("Mark from the last marked to here"), show=False),
    Binding("asterisk", "mark_all", N_("Mark every shown post"), key_display="*", show=False),
    Binding("b", "batch_edit", N_("Change marked…"), show=False),
    Binding("y", "duplicate", N_("Duplicate"), show=False),
    Binding("Y", "duplicate_to_slot", N_("Duplicate into the next free slot"), show=False),
    Binding("X", "cross_post", N_("Cross-post…"), show=False),
]


class MarkedPosts(PhaseScreen):
    """The Schedule screen's marks and copies; the screen provides the view on screen."""

    NOTHING_MARKED: ClassVar[str] = N_(
        "Mark posts first: space marks one, V a range, * every shown post."
    )

    views: dict[View, ScheduleView]
    view: View
    """Which of ``views`` is on screen (the Schedule screen composes and switches them)."""

    @property
    def current(self) -> ScheduleView:
        return self.views[self.view]

    def _selected(self) -> ContentItem | None:
        """The selected post; when there is none, the user hears why the key did nothing."""
        item = self.current.selected_item()
        if item is None:
            self.notify(
                _("No post is selected: move the cursor onto one first."), severity="warning"
            )
        return item

    def _confirm_then(self, question: str, detail: str, act: Callable[[], object]) -> None:
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                act()

        self.app.push_screen(ConfirmScreen(question, detail), answered)

    marked: frozenset[int] = frozenset()
    _anchor: int | None = None

    def keep_marks(self, plan_data: PlanData) -> None:
        """Forget marks of posts that are gone, and show the rest."""
        if self.marked:
            self.marked = self.marked & {i.id for i in plan_data.items}
        self.current.show_marks(self.marked)

    def _set_marks(self, marked: frozenset[int]) -> None:
        self.marked = marked
        self.current.show_marks(marked)
        self.show_title_again()

    def action_mark(self) -> None:
        if (item := self._selected()) is None:
            return
        self._anchor = item.id
        self._set_marks(self.marked ^ {item.id})

    def action_mark_range(self) -> None:
        if (item := self._selected()) is None:
            return
        keys = list(self.current.nearby_keys())
        anchor = str(self._anchor) if self._anchor is not None else None
        if anchor not in keys:
            self.action_mark()
            return
        low, high = sorted((keys.index(anchor), keys.index(str(item.id))))
        self._set_marks(self.marked | {int(key) for key in keys[low : high + 1]})

    def action_mark_all(self) -> None:
        shown = frozenset(int(key) for key in self.current.shown_keys())
        self._set_marks(frozenset() if shown <= self.marked else self.marked | shown)

    def show_title_again(self) -> None:
        """The Schedule's title line says how many posts are marked."""

    def marks_line(self) -> str:
        count = len(self.marked)
        if not count:
            return ""
        return ngettext(
            "  ● {count} marked: b changes it, d deletes it",
            "  ● {count} marked: b changes them, d deletes them",
            count,
        ).format(count=count)

    def marked_items(self) -> list[ContentItem]:
        return [i for i in self.plan_data.items if i.id in self.marked]

    def action_batch_edit(self) -> None:
        items = self.marked_items()
        if not items:
            self.notify(_(self.NOTHING_MARKED), severity="warning")
            return
        from .batch_forms import BatchForm

        def chosen(change: BatchChange | None) -> None:
            if change is not None:
                self._change_all(items, change)

        self.app.push_screen(BatchForm(len(items), self.plan_data), chosen)

    def _change_all(self, items: Sequence[ContentItem], change: BatchChange) -> None:
        changed = apply_batch(items, change, self.plan_data.plan.timezone)
        if not changed:
            self.notify(_("Nothing to change: the marked posts are like that already."))
            return
        for item in changed:
            if problems := validate_item(item, self.plan_data):
                message = f"'{item.title}': {problems[0].message}"
                self.notify(message, severity="warning", markup=False)
                return
        label = ngettext("change {count} post", "change {count} posts", len(changed))
        self.post_message(SaveEntities(changed, label.format(count=len(changed))))
        self._set_marks(frozenset())

    def delete_marked(self) -> None:
        items = self.marked_items()
        count = len(items)
        question = ngettext(
            "Delete the {count} marked post?", "Delete the {count} marked posts?", count
        )
        label = ngettext("delete {count} post", "delete {count} posts", count)

        def delete() -> None:
            self.post_message(DeleteEntities(tuple(items), label.format(count=count)))
            self._set_marks(frozenset())

        self._confirm_then(question.format(count=count), _("ctrl+z brings them all back."), delete)

    def action_duplicate(self) -> None:
        if (item := self._selected()) is not None:
            self.post_message(SaveEntity(duplicate(item, item.scheduled_at)))
            self.notify(_("Copied '{title}' as a draft.").format(title=item.title))

    def action_duplicate_to_slot(self) -> None:
        if (item := self._selected()) is None:
            return
        try:
            copy = schedule_in_next_slot(self.plan_data, duplicate(item, None), self.now())
        except InvalidInputError as problem:
            self.notify(problem.problem.message, severity="warning")
            return
        self.post_message(SaveEntity(duplicate(item, copy.scheduled_at)))
        self.notify(_("Copied '{title}' into the next free slot.").format(title=item.title))

    def action_cross_post(self) -> None:
        if (item := self._selected()) is None:
            return
        if len(self.plan_data.channels) < 2:
            self.notify(_("Cross-posting needs a second channel (Strategy, step 6)."))
            return
        from .batch_forms import CrossPostForm

        def chosen(channels: tuple[int, ...] | None) -> None:
            if not channels:
                return
            variants = cross_posts(item, channels)
            label = ngettext(
                "cross-post '{title}' to {count} channel",
                "cross-post '{title}' to {count} channels",
                len(variants),
            ).format(title=item.title, count=len(variants))
            self.post_message(SaveEntities(variants, label))

        self.app.push_screen(CrossPostForm(item, self.plan_data), chosen)

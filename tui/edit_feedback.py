"""What the user is told, or asked, when an edit does more than save: the repeats it
planned or removed, a conflict with another session, an entry deleted elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from socialplan.core.edits import describe
from socialplan.core.i18n import _, ngettext
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.core.series import SeriesChange
from socialplan.data.requests import Delete, Save
from socialplan.data.session import Submitted

if TYPE_CHECKING:
    from socialplan.tui.edit_outcomes import EditOutcomes


def series_message(
    plan_data: PlanData, head: ContentItem, added: int, removed: int, change: SeriesChange | None
) -> str:
    """What a save did to a post's repeats, naming the ones kept because the user
    changed them."""
    message = _("Repeats of '{title}': {count} planned, {count2} removed.").format(
        title=head.title, count=added, count2=removed
    )
    kept = change.kept if change else ()
    if kept:
        message += " " + ngettext(
            "{count} you changed is kept as it is: {when}.",
            "{count} you changed are kept as they are: {when}.",
            len(kept),
        ).format(count=len(kept), when=", ".join(_local_when(plan_data, r) for r in kept))
    return message


def _local_when(plan_data: PlanData, item: ContentItem) -> str:
    from socialplan.tui.text import when
    from socialplan.tui.widgets.schedule_text import local_moment

    return when(local_moment(plan_data, item))


def resolve_conflict(app: EditOutcomes, result: Submitted) -> None:
    """Another session changed the entry since this one loaded it: show both versions
    and let the user keep theirs, take the other, or (for a change) keep theirs as a
    new entry. Nothing is overwritten without that choice."""
    from socialplan.screens.conflict import ConflictChoice, ConflictScreen

    request, mine, theirs = result.request, result.mine, result.theirs

    def chosen(choice: ConflictChoice | None) -> None:
        if choice is ConflictChoice.KEEP_MINE:
            app.submit(request.rebased(theirs))
        elif choice is ConflictChoice.COPY_MINE and isinstance(request, Save):
            app.submit(request.with_copy_of(mine))
        else:
            app.notify(
                _(
                    "Showing the other session's version of {describe}; your {describe2} was "
                    "not saved."
                ).format(describe=describe(theirs), describe2=request.describe()),
                title=_("Took their version"),
            )

    dialog = ConflictScreen(mine, theirs, deleting=isinstance(request, Delete), by=result.theirs_by)
    app.push_screen(dialog, chosen)


def resolve_deleted(app: EditOutcomes, result: Submitted) -> None:
    """Another session deleted the entry this one saves: the typed changes stay, and
    the user saves them as a new entry or lets them go."""
    from socialplan.screens.conflict import DeletedElsewhereScreen

    request, mine = result.request, result.mine
    assert isinstance(request, Save)

    def answered(copy: bool | None) -> None:
        if copy:
            app.submit(request.with_copy_of(mine))
        else:
            app.notify(
                _("{describe} stays deleted; your changes were not saved.").format(
                    describe=describe(mine)
                ),
                title=_("Left deleted"),
            )

    app.push_screen(DeletedElsewhereScreen(mine), answered)

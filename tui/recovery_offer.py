"""Edits the disk refused until the session had to leave are kept in a recovery file,
and offered again when the plan is next opened."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from socialplan.core.i18n import _, ngettext
from socialplan.data.requests import from_record, to_record

if TYPE_CHECKING:
    from socialplan.tui.app import SocialPlanApp


def leave_keeping_held_edits(app: SocialPlanApp, return_code: int) -> None:
    """A last try for edits still waiting for the disk; those the disk still refuses
    are kept in a recovery file for the next session. Then leave with ``return_code``."""
    app.retry_unsaved()
    if app.unsaved:
        keep_for_recovery(app)
    app.exit(None, return_code)


def keep_for_recovery(app: SocialPlanApp) -> None:
    from socialplan.data.recovery import RecoveryError, write_recovery

    records = [to_record(request) for request in app.unsaved.held]
    try:
        write_recovery(app.store.path, records)
    except RecoveryError as error:
        print(error, file=sys.stderr)  # the terminal may be gone: a last word at most


def offer_recovery(app: SocialPlanApp) -> None:
    """Edits an earlier session could not save before it had to leave: offer to apply
    them, in order, through the same path as any edit (a conflict asks, as ever)."""
    from socialplan.data.recovery import RecoveryError, find_recovery, remove_recovery
    from socialplan.screens.confirm import ConfirmScreen

    try:
        recovery = find_recovery(app.store.path)
    except RecoveryError as error:
        app.notify(str(error), title=_("Not recovered"), severity="error", timeout=30)
        return
    if recovery is None:
        return
    try:
        requests = [from_record(record) for record in recovery.records]
    except ValueError:
        app.notify(
            _(
                "The recovery file {path} holds edits socialplan cannot read; it is left as it is."
            ).format(path=recovery.path),
            title=_("Not recovered"),
            severity="error",
            timeout=30,
        )
        return

    def answered(apply: bool | None) -> None:
        if not apply:
            app.notify(
                _("The edits stay in {path}; they are offered again next time.").format(
                    path=recovery.path
                )
            )
            return
        remove_recovery(recovery)
        for request in requests:
            app.submit(request)
        app.notify(
            ngettext(
                "Applied {count} recovered edit.",
                "Applied {count} recovered edits.",
                len(requests),
            ).format(count=len(requests))
        )

    count = len(requests)
    app.push_screen(
        ConfirmScreen(
            ngettext(
                "{count} edit was not saved when socialplan last closed. Apply it now?",
                "{count} edits were not saved when socialplan last closed. Apply them now?",
                count,
            ).format(count=count),
            _("Kept at {when:%Y-%m-%d %H:%M} UTC: {edits}.").format(
                when=recovery.written, edits="; ".join(r.describe() for r in requests)
            ),
        ),
        answered,
    )

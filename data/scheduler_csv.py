"""Bulk files for the schedulers that publish the posts: Sprout Social's bulk scheduling
file and Hootsuite's bulk composer file, as socialplan reads them back (``bulk_csv``).

Each scheduler takes at most 350 posts a file, so a longer export is split into files.
What a layout cannot carry is said once, as a warning, not dropped in silence: the channel
(one file is one profile), the title, stage, pillar, persona, kind, call to action and
status, and for Hootsuite the media and tags too. Posts without a time cannot be
scheduled and are left out, with a warning. Sprout wants ten minutes between posts: two
posts closer than that are named.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from socialplan.core.i18n import _, ngettext
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData

from .bulk_csv import neutralised

MAX_ROWS_PER_FILE = 350
SPROUT_GAP = timedelta(minutes=10)
SPROUT_HEADER = ("date", "time_24hr", "message_text", "link", "image_url", "tags")
LAYOUTS = ("sprout", "hootsuite")


@dataclass
class SchedulerExport:
    files: list[bytes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def scheduler_export(
    plan_data: PlanData, items: Sequence[ContentItem], layout: str, *, day_first: bool = True
) -> SchedulerExport:
    """``items`` as ``layout``'s bulk files (``LAYOUTS``), with what did not fit said."""
    zone = ZoneInfo(plan_data.plan.timezone)
    timed = sorted((i for i in items if i.scheduled_at is not None), key=_moment)
    outcome = SchedulerExport()
    _warn_unscheduled(outcome, len(items) - len(timed))
    _warn_what_is_left_out(outcome, plan_data, timed, layout)
    if layout == "sprout":
        _warn_too_close(outcome, timed)
    day = "%d/%m/%Y" if day_first else "%m/%d/%Y"
    rows = [_row(item, zone, day, layout) for item in timed]
    for start in range(0, len(rows), MAX_ROWS_PER_FILE):
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        if layout == "sprout":
            writer.writerow(SPROUT_HEADER)
        writer.writerows(rows[start : start + MAX_ROWS_PER_FILE])
        outcome.files.append(out.getvalue().encode())
    if len(outcome.files) > 1:
        outcome.warnings.append(
            _("{count} posts make {files} files of at most {most} posts each").format(
                count=len(rows), files=len(outcome.files), most=MAX_ROWS_PER_FILE
            )
        )
    return outcome


def _moment(item: ContentItem) -> tuple[object, int]:
    return item.scheduled_at, item.id


def _row(item: ContentItem, zone: ZoneInfo, day: str, layout: str) -> list[str]:
    assert item.scheduled_at is not None
    local = item.scheduled_at.astimezone(zone)
    message = neutralised(item.body or item.title)
    if layout == "hootsuite":
        return [f"{local:{day} %H:%M}", message, neutralised(item.link)]
    return [
        f"{local:{day}}",
        f"{local:%H:%M}",
        message,
        neutralised(item.link),
        neutralised(item.media_url),
        neutralised(", ".join(item.tags)),
    ]


def _warn_unscheduled(outcome: SchedulerExport, count: int) -> None:
    if count:
        outcome.warnings.append(
            ngettext(
                "{count} post without a date and time is left out: a scheduler needs one",
                "{count} posts without a date and time are left out: a scheduler needs one",
                count,
            ).format(count=count)
        )


def _warn_what_is_left_out(
    outcome: SchedulerExport, plan_data: PlanData, items: Sequence[ContentItem], layout: str
) -> None:
    channels = {plan_data.channel_name(i.channel) for i in items}
    if len(channels) > 1:
        outcome.warnings.append(
            _(
                "the file holds posts of {names}; a scheduler's bulk file is for one profile "
                "(choose one with --channel)"
            ).format(names=", ".join(sorted(channels)))
        )
    lost = [_("title"), _("journey stage"), _("pillar"), _("persona"), _("kind"), _("CTA")]
    lost.append(_("status"))
    if layout == "hootsuite":
        lost += [_("media"), _("tags")]
    outcome.warnings.append(_("this layout cannot carry: {names}").format(names=", ".join(lost)))


def _warn_too_close(outcome: SchedulerExport, items: Sequence[ContentItem]) -> None:
    for before, after in pairwise(items):
        assert before.scheduled_at is not None and after.scheduled_at is not None
        if after.scheduled_at - before.scheduled_at < SPROUT_GAP:
            outcome.warnings.append(
                _("'{title}' is less than 10 minutes after '{before}': Sprout refuses it").format(
                    title=after.title, before=before.title
                )
            )

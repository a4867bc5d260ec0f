"""One change to many posts at once (the marked posts of the Schedule): a stage, a status,
a channel, an owner, a shift of N days; and copies: a duplicate, and cross-posts to other
channels as linked variants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .frozen import frozen
from .model import ContentItem, Status
from .schedule import on_day


@frozen
class BatchChange:
    """What changes; None (or 0 days) leaves that side of each post as it is."""

    stage: int | None = None
    status: Status | None = None
    channel: int | None = None
    owner: str | None = None
    shift_days: int = 0


def apply_batch(
    items: Sequence[ContentItem], change: BatchChange, timezone: str
) -> tuple[ContentItem, ...]:
    """The posts ``change`` alters, changed; a post it leaves as it was is not listed.
    A shift keeps each post's time of day where the plan is, across a clock change."""
    changed = []
    for item in items:
        after = replace(
            item,
            stage=item.stage if change.stage is None else change.stage,
            status=item.status if change.status is None else change.status,
            channel=item.channel if change.channel is None else change.channel,
            owner=item.owner if change.owner is None else change.owner,
            scheduled_at=shifted(item.scheduled_at, change.shift_days, timezone),
        )
        if after != item:
            changed.append(after)
    return tuple(changed)


def shifted(moment: datetime | None, days: int, timezone: str) -> datetime | None:
    if moment is None or not days:
        return moment
    local_date = moment.astimezone(ZoneInfo(timezone)).date()
    return on_day(moment, local_date + timedelta(days=days), timezone)


def duplicate(item: ContentItem, at: datetime | None) -> ContentItem:
    """A new post with the same content, at ``at``, to be reviewed again: a copy is a
    draft (an idea when it has no time), never published, and starts no series."""
    return replace(
        item,
        id=0,
        scheduled_at=at,
        status=Status.DRAFT if at is not None else Status.IDEA,
        series=None,
        repeat="",
        review_comment="",
        rank=None,
    )


def cross_posts(item: ContentItem, channels: Sequence[int]) -> tuple[ContentItem, ...]:
    """A variant of ``item`` on each of ``channels`` (its own channel skipped), linked to
    it: each keeps its own text, time and status from then on."""
    group = item.variant_of or item.id
    return tuple(
        replace(duplicate(item, item.scheduled_at), channel=channel, variant_of=group)
        for channel in channels
        if channel != item.channel
    )

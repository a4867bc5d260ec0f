"""The status workflow of a content item: idea → draft → in review → approved → scheduled →
published. A review that rejects the item sends it back to draft with a comment."""

from __future__ import annotations

from dataclasses import replace

from .i18n import _
from .model import ContentItem, Status
from .validation import InvalidInputError, clean_text

ORDER: tuple[Status, ...] = (
    Status.IDEA,
    Status.DRAFT,
    Status.IN_REVIEW,
    Status.APPROVED,
    Status.SCHEDULED,
    Status.PUBLISHED,
)


def next_status(status: Status) -> Status | None:
    """The status after ``status``, or None for published (the end of the workflow)."""
    position = ORDER.index(status)
    return ORDER[position + 1] if position + 1 < len(ORDER) else None


def advance(item: ContentItem) -> ContentItem:
    """The item one step further; scheduling needs a date and time.

    Going back into review clears the last rejection's comment: it has been addressed.
    """
    following = next_status(item.status)
    if following is None:
        raise InvalidInputError("status", _("a published item has no further status"))
    if following is Status.SCHEDULED and item.scheduled_at is None:
        raise InvalidInputError(
            "scheduled", _("give the item a date and time before scheduling it")
        )
    addressed = following is Status.IN_REVIEW
    return replace(item, status=following, review_comment="" if addressed else item.review_comment)


def why_not_rejectable(item: ContentItem) -> str | None:
    """Why ``item`` cannot be sent back from review, or None when it can."""
    if item.status is not Status.IN_REVIEW:
        return _("only an item in review can be rejected")
    return None


def reject(item: ContentItem, comment: str) -> ContentItem:
    """Send an item in review back to draft, saying why."""
    if (reason := why_not_rejectable(item)) is not None:
        raise InvalidInputError("status", reason)
    reason = clean_text(comment, multiline=True)
    if not reason:
        raise InvalidInputError("comment", _("say what has to change"))
    return replace(item, status=Status.DRAFT, review_comment=reason)

"""The Schedule's text: board cards, list rows, the calendar's day marks and day lines,
and the week's pace line, drawn from the plan. User text goes through ``plain`` and
``one_line``: shown as typed, never as markup."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from socialplan.core.i18n import _, format_date, ngettext
from socialplan.core.limits import item_length
from socialplan.core.model import ContentItem, Kind
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time
from socialplan.core.validation import MAX_TITLE
from socialplan.tui.text import channel_colour, one_line, plain, when

if TYPE_CHECKING:
    from socialplan.core.calendar import CalendarWeek, DayCell

    from .calendar import DayRow

PROMOTION_STYLE = "bold #ff5f87"
"""Truecolour: this pink reads well on the dark and light themes alike."""
WARNING = "bold $warning"


def local_moment(plan_data: PlanData, item: ContentItem) -> datetime | None:
    """When the post goes out, in the plan's time zone."""
    if item.scheduled_at is None:
        return None
    return local_time(item.scheduled_at, plan_data.plan.timezone)


def marks(item: ContentItem) -> list[str]:
    """Status and flags, in words and signs: in review ✎, CTA, PROMO, ♻ evergreen, ↻ repeats,
    ⇉ a cross-post's variant."""
    marks = [item.status.label]
    if item.review_comment:
        marks.append("✎ " + item.review_comment)
    if item.cta:
        marks.append("CTA")
    if item.kind is Kind.PROMOTION:
        marks.append("PROMO")
    if item.evergreen:
        marks.append("♻")
    if item.repeat or item.series is not None:
        marks.append("↻")
    if item.variant_of is not None:
        marks.append("⇉")
    return marks


MARK = "● "
"""Before the title of a marked post: what a batch edit (b) or delete (d) will change."""


def _marked(text: Text, marked: bool) -> Text:
    return Text(MARK, style="bold").append_text(text) if marked else text


def card_text(plan_data: PlanData, item: ContentItem, marked: bool = False) -> list[Text]:
    """A card on the board: title, when and where, status and flags."""
    promotion = item.kind is Kind.PROMOTION
    moment = local_moment(plan_data, item)
    day_and_time = format_date(moment, "%d %b %H:%M") if moment else _("unscheduled")
    meta = Text(f"{day_and_time} ").append_text(plain(plan_data.channel_name(item.channel)))
    title = one_line(item.title, MAX_TITLE, style="bold " + (PROMOTION_STYLE if promotion else ""))
    flags = Text(" · ".join(marks(item)), style=PROMOTION_STYLE if promotion else "dim")
    return [_marked(title, marked), meta, flags.append_text(length_mark(plan_data, item))]


def length_mark(plan_data: PlanData, item: ContentItem) -> Text:
    """' · 212/3000' against the channel's length limit, a warning when over."""
    channel = plan_data.channel(item.channel)
    length = item_length(item, channel) if channel is not None else None
    if length is None or length.limit is None:
        return Text()
    count = f" · {length.count}/{length.limit}"
    return Text(count + " ⚠", style="bold yellow") if length.over else Text(count, style="dim")


def row_cells(plan_data: PlanData, item: ContentItem, marked: bool = False) -> list[Text]:
    """A row of the list, one cell per ``COLUMNS`` entry."""
    promotion = item.kind is Kind.PROMOTION
    moment = local_moment(plan_data, item)
    return [
        _marked(Text(when(moment)), marked),
        plain(plan_data.channel_name(item.channel)),
        one_line(item.title, MAX_TITLE, style=PROMOTION_STYLE if promotion else ""),
        Text("PROMO", style=PROMOTION_STYLE) if promotion else Text(_("content")),
        Text("CTA" if item.cta else ""),
        Text(item.status.label),
        plain(plan_data.stage_name(item.stage)),
    ]


def channel_style(plan_data: PlanData, channel_id: int) -> str:
    position = next((n for n, c in enumerate(plan_data.channels) if c.id == channel_id), -1)
    return channel_colour(position)


def day_marks(plan_data: PlanData, cell: DayCell, width: int) -> Text:
    """A mark per post in its channel's colour: ● content, ◆ promotion."""
    marks = Text(" ")
    shown = cell.items if len(cell.items) < width else cell.items[: max(0, width - 3)]
    for item in shown:
        mark = "◆" if item.kind is Kind.PROMOTION else "●"
        marks.append(mark, style=channel_style(plan_data, item.channel))
    if len(shown) < len(cell.items):
        marks.append(f"+{len(cell.items) - len(shown)}")
    return marks


def day_row_text(plan_data: PlanData, row: DayRow, today: bool) -> Text:
    """A line of the calendar's day list: a day with its count, or one of its posts."""
    if row.item is None:
        line = Text(" " + format_date(row.day, "%a %d %b"))
        if today:
            line.append(_(" · today"))
        posts = row.posts
        line.append(
            ngettext("  {posts} post", "  {posts} posts", posts).format(posts=posts)
            if posts
            else _("  no posts")
        )
        return line
    item: ContentItem = row.item
    moment = local_moment(plan_data, item)
    promotion = item.kind is Kind.PROMOTION
    line = Text(f"   {moment:%H:%M} " if moment else "   ")
    line.append("● ", style=channel_style(plan_data, item.channel))
    line.append_text(plain(plan_data.channel_name(item.channel)[:12].ljust(12)))
    line.append(" ")
    line.append_text(one_line(item.title, MAX_TITLE, style=PROMOTION_STYLE if promotion else ""))
    line.append("  " + " · ".join(marks(item)), style="dim")
    return line


def pace_line(week: CalendarWeek | None) -> Content:
    """The selected week's channels that are under or over plan, in the warning style."""
    if week is None or not week.paces:
        return Content("")
    off = week.off_plan
    parts: list[str | tuple[str, str]] = [(_("Week {number}: ").format(number=week.number), "bold")]
    for pace in off:
        per = _(" a month") if pace.by_month else ""
        parts.append(
            (f"{pace.channel} {pace.scheduled}/{pace.planned}{per} {pace.pace.label} · ", WARNING)
        )
    on_plan = len(week.paces) - len(off)
    if not off:
        parts.append(_("all {on_plan} channels on plan").format(on_plan=on_plan))
    elif on_plan:
        parts.append(_("{on_plan} on plan").format(on_plan=on_plan))
    return Content.assemble(*parts)

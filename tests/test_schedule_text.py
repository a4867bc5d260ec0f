"""The Schedule's text is drawn from the plan alone, without a screen: cards, rows and
day lines show user text as typed and one cell per list column."""

from __future__ import annotations

from dataclasses import replace

from socialplan.core.model import Kind
from socialplan.tui.widgets.calendar import DayRow
from socialplan.tui.widgets.schedule_list import COLUMNS
from socialplan.tui.widgets.schedule_text import card_text, day_row_text, row_cells


def test_a_card_shows_title_when_and_where_and_flags(demo_data):
    item = replace(demo_data.items[0], title="[b]Sale[/b]", kind=Kind.PROMOTION, cta=True)
    title, meta, flags = card_text(demo_data, item)
    assert title.plain == "[b]Sale[/b]"
    assert demo_data.channel_name(item.channel) in meta.plain
    assert "CTA" in flags.plain and "PROMO" in flags.plain


def test_a_row_has_a_cell_per_column_and_a_day_line_names_its_posts(demo_data):
    item = demo_data.items[0]
    assert len(row_cells(demo_data, item)) == len(COLUMNS)
    moment = item.scheduled_at
    assert moment is not None
    line = day_row_text(demo_data, DayRow(str(item.id), moment.date(), item), today=False)
    assert item.title[:20] in line.plain


def test_the_pace_line_speaks_the_interface_language():
    """In Dutch it said 'Instagram 2/3 under': the stored value, not its label."""
    from datetime import date

    from socialplan.core.calendar import CalendarWeek
    from socialplan.core.i18n import use_language
    from socialplan.core.slots import ChannelWeek
    from socialplan.tui.widgets.schedule_text import pace_line

    week = CalendarWeek(date(2026, 11, 23), (), (ChannelWeek("Instagram", 2, 3),))
    use_language("nl")
    try:
        assert "Instagram 2/3 onder plan" in pace_line(week).plain
    finally:
        use_language("en")
    assert "Instagram 2/3 under" in pace_line(week).plain

"""The Schedule's list: every item in time order, one row each (made when first shown)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from rich.text import Text

from socialplan.core.filtering import ItemFilter
from socialplan.core.i18n import N_, _
from socialplan.core.model import ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import in_time_order

from .item_list import Column, ItemList
from .schedule_text import row_cells
from .schedule_views import VIEW_OFFERS, Shown, Unmoved, View, find_item

CONTEXT_ROWS = 2
"""Past posts kept in view above the next one when the list opens."""
COLUMNS = (
    Column(N_("When"), 16),
    Column(N_("Channel"), 9, drop_order=1),
    Column(N_("Title"), 10, flexible=True),
    Column(N_("Kind"), 7, drop_order=3),
    Column("CTA", 3, drop_order=2),
    Column(N_("Status"), 9, drop_order=4),
    Column(N_("Stage"), 6, drop_order=5),
)
"""At 80x24 with the panel open, When, Channel and Title remain; promotions stay visible
because their titles carry the promotion style too."""


class ScheduleList(Unmoved, ItemList):
    """Every item in time order, one row each."""

    OFFERS: ClassVar[frozenset[str]] = VIEW_OFFERS[View.LIST]

    def __init__(self, plan_data: PlanData, **kwargs: Any) -> None:
        super().__init__(COLUMNS, empty=_("No content yet: press n to add an item"), **kwargs)
        self.plan_data = plan_data

    def _row_text(self, item: ContentItem) -> list[Text]:
        return row_cells(self.plan_data, item, item.id in self.marked)

    def show_marks(self, marked: frozenset[int]) -> None:
        if marked == self.marked:
            return
        self.marked = marked
        self.redraw()

    def nearby_keys(self) -> Sequence[str]:
        return self.row_keys()

    def shown_keys(self) -> Sequence[str]:
        return self.row_keys()

    def show_plan(self, plan_data: PlanData, item_filter: ItemFilter, today: date) -> Shown:
        self.plan_data = plan_data
        shown: Sequence[ContentItem] = plan_data.items
        if item_filter.active:
            shown = tuple(i for i in plan_data.items if item_filter.matches(i, plan_data))
        ordered = in_time_order(shown)
        self.show_rows(ordered, [str(i.id) for i in ordered], self._row_text)
        return Shown(_("Content schedule"), len(ordered), len(plan_data.items))

    def selected_item(self) -> ContentItem | None:
        return find_item(self.plan_data, self.selected_key())

    def focus_view(self) -> None:
        self.focus()

    def open_on(self, item: ContentItem | None) -> None:
        if item is not None:
            super().select_key(str(item.id), context=CONTEXT_ROWS)
        self.focus()

"""Each widget carries its own look (DEFAULT_CSS): mounted in a bare App, without
socialplan's stylesheet, its cursor and header are still drawn."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from socialplan.tui.widgets.calendar import DayList, MonthGrid
from socialplan.tui.widgets.item_list import ItemList
from socialplan.tui.widgets.kanban import ColumnView, KanbanColumn
from socialplan.tui.widgets.tables import PlanTable


class Bare(App[None]):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


def make(kind):
    if kind is ItemList:
        return ItemList([], empty="none")
    if kind is KanbanColumn:
        return KanbanColumn(
            ColumnView("see", "See", False, (), (), index_of=lambda key: None),
            lambda item, width: [],
        )
    if kind is MonthGrid:
        return MonthGrid(lambda day: "")
    return DayList(lambda row, width: "")


@pytest.mark.parametrize(
    ("kind", "cursor"),
    [
        (ItemList, "item-list--cursor"),
        (KanbanColumn, "kanban--cursor"),
        (MonthGrid, "month-grid--cursor"),
        (DayList, "day-list--cursor"),
    ],
)
async def test_a_widget_draws_its_cursor_without_the_apps_stylesheet(kind, cursor):
    app = Bare(make(kind))
    async with app.run_test():
        widget = app.query_one(kind)
        widget.focus()
        await app.workers.wait_for_complete()
        style = widget.get_component_styles(cursor)
        assert style.background.a > 0, "the cursor has a background of its own"


async def test_a_plan_table_keeps_its_height_rule_without_the_apps_stylesheet():
    app = Bare(PlanTable(["A"], empty="nothing"))
    async with app.run_test():
        assert app.query_one(PlanTable).styles.max_height is not None

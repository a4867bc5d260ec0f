"""The virtualised list: renders only what is on screen, keys, mouse, narrow widths."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from socialplan.tui.widgets.item_list import Column, ItemList

COLUMNS = (
    Column("When", 8),
    Column("Channel", 8, drop_order=1),
    Column("Title", 10, flexible=True),
    Column("Status", 8, drop_order=2),
)


def cells(n: int) -> list[Text]:
    return [Text(f"day {n}"), Text("LinkedIn"), Text(f"Post number {n}"), Text("draft")]


def show(item_list: ItemList, numbers) -> None:
    numbers = list(numbers)
    item_list.show_rows(numbers, [str(n) for n in numbers], cells)


class ListApp(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield ItemList(COLUMNS, empty="Nothing here")

    def on_mount(self) -> None:
        item_list = self.query_one(ItemList)
        show(item_list, range(self.count))
        item_list.focus()

    def on_item_list_selected(self, event: ItemList.Selected) -> None:
        self.selected.append(event.key)


def screen_lines(app: App) -> list[str]:
    item_list = app.query_one(ItemList)
    return [item_list.render_line(y).text for y in range(item_list.size.height)]


async def test_keys_move_the_cursor_and_enter_selects():
    app = ListApp(100)
    async with app.run_test(size=(60, 12)) as pilot:
        item_list = app.query_one(ItemList)
        await pilot.press("down", "j", "j")
        assert item_list.selected_key() == "3"
        await pilot.press("k", "up")
        assert item_list.selected_key() == "1"
        await pilot.press("end")
        assert item_list.selected_key() == "99"
        assert "Post number 99" in screen_lines(app)[-1]
        await pilot.press("home", "pagedown")
        assert item_list.selected_key() == "10"
        await pilot.press("enter")
        assert app.selected == ["10"]


async def test_header_stays_while_scrolling():
    app = ListApp(100)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("end")
        lines = screen_lines(app)
        assert lines[0].split() == ["When", "Channel", "Title", "Status"]
        assert "Post number 99" in lines[-1]


async def test_click_moves_the_cursor_and_double_click_selects():
    app = ListApp(20)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.click(ItemList, offset=(5, 3))
        assert app.query_one(ItemList).selected_key() == "2"
        await pilot.click(ItemList, offset=(5, 3), times=2)
        assert app.selected == ["2"]


async def test_columns_are_dropped_by_order_when_narrow():
    app = ListApp(5)
    async with app.run_test(size=(30, 8)):
        header = screen_lines(app)[0].split()
        assert header == ["When", "Title"]
        assert "day 0" in screen_lines(app)[1]


async def test_show_rows_keeps_the_cursor_on_its_key():
    app = ListApp(10)
    async with app.run_test(size=(60, 12)) as pilot:
        item_list = app.query_one(ItemList)
        item_list.select_key("5")
        show(item_list, range(3, 10))
        await pilot.pause()
        assert item_list.selected_key() == "5"
        show(item_list, [])
        await pilot.pause()
        assert item_list.selected_key() is None
        assert "Nothing here" in screen_lines(app)[1]


async def test_ten_thousand_rows_render_only_the_visible_lines():
    """Not a timing test: it checks the work is bounded by the screen, not the list."""
    app = ListApp(10_000)
    async with app.run_test(size=(60, 12)) as pilot:
        item_list = app.query_one(ItemList)
        built: list[int] = []
        show_counting = lambda n: built.append(n) or cells(n)  # noqa: E731
        item_list.show_rows(range(10_000), [str(n) for n in range(10_000)], show_counting)
        await pilot.press("end")
        await pilot.pause()
        assert item_list.selected_key() == "9999"
        assert 0 < len(built) <= 3 * item_list.size.height
        assert len(list(app.query("*"))) < 10, "10,000 rows and still only a few widgets"

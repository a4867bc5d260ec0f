"""The app driven by keys (Pilot): phases, the item form, the live panel, help, palette."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Select, Static

from socialplan.core.cycle import PHASES
from socialplan.core.model import Kind
from socialplan.data.store import read_plan
from socialplan.screens.confirm import ConfirmScreen
from socialplan.screens.help import HelpScreen
from socialplan.screens.item_form import ItemForm
from socialplan.tui.widgets.item_list import ItemList
from socialplan.tui.widgets.kanban import Kanban
from socialplan.tui.widgets.kpi_panel import KpiPanel

SIZE = (120, 40)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def panel_text(app) -> str:
    return str(app.screen.query_one(KpiPanel).content)


def panel_flags(app, needle: str) -> bool:
    """Whether the panel shows ``needle`` in the warning style."""
    content = app.screen.query_one(KpiPanel).content
    start = str(content).index(needle)
    return any(
        span.start <= start < span.end and "$warning" in str(span.style) for span in content.spans
    )


def items_list(app) -> ItemList:
    return app.screen.query_one("#items", ItemList)


def kanban(app) -> Kanban:
    return app.screen.query_one(Kanban)


def shown_columns(app) -> list:
    """The board's columns on screen now (the others are outside its window)."""
    return [column for column in kanban(app).columns() if column.region]


def board_keys(app) -> list[str]:
    return [key for column in kanban(app).columns() for key in column.view.keys]


def board_text(app) -> str:
    """What the visible board columns show, line by line."""
    lines = []
    for column in shown_columns(app):
        lines += [column.render_line(y).text for y in range(column.size.height)]
    return "\n".join(lines)


async def test_each_phase_key_shows_its_screen_with_the_plans_data(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        expected_rows = {
            "foundation": ("#stakeholders", 5),
            "strategy": ("#goals", 4),
            "setup": ("#setup-tasks", 10),
            "measure": ("#channel-results", 5),
        }
        for phase in PHASES:
            await pilot.press(phase.key)
            assert app.current_mode == phase.name
            assert app.screen.PHASE is phase
            if phase.name == "schedule":
                assert len(board_keys(app)) == 60
                assert not app.screen.query("#items, #calendar")  # made when first asked for
            else:
                selector, rows = expected_rows[phase.name]
                assert app.screen.query_one(selector).row_count == rows
            assert app.screen.query_one(KpiPanel).display
            assert app.screen.sub_title == "Iteration 2: Winter campaign"
            assert app.screen.title == "Veldhuis Klimaattechniek"


async def test_schedule_opens_on_the_next_post(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = app.screen.selected_item()
        assert item is not None
        assert item.title == "Maintenance walk-through for facility managers"


async def test_adding_a_promotion_from_the_keyboard_updates_the_panel_and_the_file(
    make_app, demo_path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "18 : 2" in panel_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*"Open house", "tab", "tab", "tab", "tab", "tab")
        assert app.focused.id == "kind"
        await pilot.press("enter", "down", "enter")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ItemForm)
        assert app.figures.ratio.promotion == 3
        assert "18 : 3 (6.0:1)" in panel_text(app)
        assert panel_flags(app, "18 : 3 (6.0:1)")
        await pilot.pause()
        assert app.screen.selected_item().title == "Open house"
    saved = [i for i in read_plan(demo_path).items if i.title == "Open house"]
    assert len(saved) == 1
    assert saved[0].kind is Kind.PROMOTION


async def test_changing_kind_to_content_turns_the_ratio_green(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        promotion = next(
            i
            for i in app.plan_data.items
            if i.kind is Kind.PROMOTION and i.scheduled_at >= app.now()
        )
        kanban(app).select_key(str(promotion.id))
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#kind", Select).value = Kind.CONTENT
        await pilot.press("ctrl+s")
        assert app.figures.ratio.on_target
        assert "19 : 1 (19.0:1)" in panel_text(app)
        assert not panel_flags(app, "19 : 1 (19.0:1)")
        assert panel_flags(app, "2/3")
    assert next(i for i in read_plan(demo_path).items if i.id == promotion.id).kind is Kind.CONTENT


async def test_editing_a_title(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.selected_item()
        await pilot.press("enter")
        form = app.screen
        form.query_one("#title", Input).value = ""
        await pilot.press(*"Renamed post", "enter")
        await pilot.pause()
        assert app.screen.selected_item().title == "Renamed post"
        assert "Renamed post" in board_text(app)
    assert next(i for i in read_plan(demo_path).items if i.id == item.id).title == "Renamed post"


async def test_escape_cancels_and_writes_nothing(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"changed", "escape")
        assert not isinstance(app.screen, ItemForm)
    assert demo_path.read_bytes() == before


async def test_bad_input_gets_a_message_and_nothing_is_written(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+s")
        form = app.screen
        assert isinstance(form, ItemForm)
        title_error = form.query_one("#error-title", Static)
        assert title_error.display and str(title_error.content) == "must not be empty"
        await pilot.press(*"Post", "tab")
        form.query_one("#scheduled", Input).value = "next tuesday"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ItemForm)
        assert "use YYYY-MM-DD HH:MM" in str(form.query_one("#error-scheduled", Static).content)
        assert not form.query_one("#error-title", Static).display
        assert app.focused.id == "scheduled"
    assert demo_path.read_bytes() == before


async def test_delete_asks_first_and_no_keeps_the_item(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.selected_item()
        before = app.figures.window_items
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert any(i.id == item.id for i in read_plan(demo_path).items)
        await pilot.press("d", "y")
        assert app.figures.window_items == before - 1
        assert str(item.id) not in board_keys(app)
    assert all(i.id != item.id for i in read_plan(demo_path).items)


async def test_markup_in_a_title_is_shown_literally(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"[bold]Sale[/] now", "ctrl+s")
        item = next(i for i in app.plan_data.items if "Sale" in i.title)
        await pilot.pause()
        assert "[bold]Sale[/] now" in board_text(app)
        assert item.title == "[bold]Sale[/] now"


async def test_escape_sequences_pasted_into_a_title_are_neutralised(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        title = app.screen.query_one("#title", Input)
        title.post_message(events.Paste("\x1b]0;X\x07\x1b[31mRed[b]\x9b1m"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = board_text(app)
    saved = [i.title for i in read_plan(demo_path).items if "Red" in i.title]
    assert saved == ["]0;X[31mRed[b]1m"]
    assert "]0;X[31mRed[b]1m" in shown and "\x1b" not in shown


async def test_panel_toggles_with_p_on_every_phase(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert not app.screen.query_one(KpiPanel).display
        await pilot.press("1")
        assert not app.screen.query_one(KpiPanel).display
        await pilot.press("p")
        assert app.screen.query_one(KpiPanel).display


async def test_help_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {key: what for _title, rows in app.screen.sections for key, what in rows}
        for phase in PHASES:
            assert shown[phase.key].startswith(phase.title)
        for key in ("n", "e", "d", "v", "/", "p", "?", "q", "^p", "^s", "esc", "up,k", "⏎"):
            assert key in shown
        titles = [title for title, _rows in app.screen.sections]
        foundation = dict(app.screen.sections)["Foundation screen"]
        assert foundation == [("a", "Add"), ("e", "Edit"), ("d", "Delete")], "no inherited keys"
        setup = dict(app.screen.sections)["Set up screen"]
        assert [key for key, _what in setup] == ["a", "e", "d", "space", "g"]
        assert "Board and list" in titles
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_reaches_phases_and_screen_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for phase in PHASES:
            assert f"{phase.title} phase" in titles
        assert {"New item", "Edit", "Delete", "Toggle the KPI panel", "Help: all keys"} <= set(
            titles
        )
        await pilot.press("ctrl+p")
        await pilot.press(*"Measure phase")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "measure"


async def test_every_phase_fits_80_by_24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for phase in PHASES:
            await pilot.press(phase.key)
            screen = app.screen
            panel = screen.query_one(KpiPanel)
            assert panel.region.right <= 80
            assert screen.query_one("#phase-main").region.width >= 40
            assert screen.query_one("#phase-bar").region.y == 1


async def test_quit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_item_form_edits_persona_media_and_tags(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.selected_item()
        await pilot.press("e")
        form = app.screen
        form.query_one("#media_url", Input).value = "https://example.nl/photo.jpg"
        form.query_one("#tags", Input).value = "heat pump, subsidy,, heat pump"
        persona = app.plan_data.personas[0]
        form.query_one("#persona", Select).value = persona.id
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = next(i for i in read_plan(demo_path).items if i.id == item.id)
    assert saved.media_url == "https://example.nl/photo.jpg"
    assert saved.tags == ("heat pump", "subsidy")
    assert saved.persona == persona.id

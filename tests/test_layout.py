"""The whole journey on one screen at every size: every stage column of the board, the
panel folded into a strip where both do not fit, whole cards at the top of a column."""

from __future__ import annotations

import pytest

from socialplan.core.model import Stage
from socialplan.data.store import read_plan
from socialplan.tui.widgets.kanban import CARD_LINES, KanbanColumn
from socialplan.tui.widgets.kpi_panel import KpiPanel, PanelStrip

SIZES = [(80, 24), (120, 40), (200, 50)]


def shown_columns(app) -> list[KanbanColumn]:
    return [c for c in app.screen.query(KanbanColumn) if c.region.width]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_stage_column_is_on_the_board(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert len(shown_columns(app)) == len(app.plan_data.stages) == 4


async def test_six_stages_fit_in_80_columns(make_app, demo_store) -> None:
    plan = demo_store.load()
    for order, name in ((5, "Stay"), (6, "Tell")):
        demo_store.add(Stage(name, order))
    assert len(read_plan(demo_store.path).stages) == len(plan.stages) + 2
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        columns = shown_columns(app)
        assert len(columns) == 6
        assert all(c.region.width >= 12 for c in columns)


async def test_the_panel_folds_into_a_strip_where_both_do_not_fit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip, panel = app.screen.query_one(PanelStrip), app.screen.query_one(KpiPanel)
        assert strip.display and not panel.display
        assert "Panel (p)" in str(strip.render()) and "target 10:1" in str(strip.render())
        await pilot.press("p")
        await pilot.pause()
        assert panel.display and not strip.display
        await pilot.press("p")
        await pilot.pause()
        assert strip.display and not panel.display
        assert app.show_panel  # unfolding is not hiding: nothing to remember
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert panel.display and not strip.display


def text_of(column, y: int) -> str:
    """A line's text without the column's edge (its last cell, the scroll bar)."""
    return column.render_line(y).text[:-1].strip()


@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_column_never_starts_mid_card(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for column in shown_columns(app):
            column.focus()
            await pilot.press("end")
            await pilot.pause()
            assert column.scroll_offset.y % CARD_LINES == 0
            first_line = text_of(column, 1)
            titles = {i.title for i in column.view.items}
            assert any(
                first_line.rstrip("…") and t.startswith(first_line.rstrip("…")) for t in titles
            )
            last = column.view.items[-1]
            assert any(
                text_of(column, y).rstrip("…") in last.title
                for y in range(1, column.size.height)
                if text_of(column, y)
            )


async def test_moving_between_columns_does_not_repaint_the_whole_screen(make_app, monkeypatch):
    """Textual repaints every cell on a focus change; over SSH that was 12 KB a key."""
    from socialplan.compat import compositor_class, repaints_whole_screen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown_columns(app)[0].focus()
        await pilot.pause()
        compositor = compositor_class()
        whole: list[bool] = []
        render_update = compositor.render_update

        def recording(self, *args, **kwargs):
            whole.append(repaints_whole_screen(self))
            return render_update(self, *args, **kwargs)

        monkeypatch.setattr(compositor, "render_update", recording)
        await pilot.press("l")
        await pilot.pause()
        assert whole and not any(whole)


async def test_a_card_move_repaints_only_the_two_columns_it_changed(make_app, monkeypatch):
    """A card move wrote 24 KB at 80x24: the whole screen (the screen's panel figures were
    a repainting reactive), every column again (their marks), the title line, and every
    column's scroll bar after each layout. Now only the two columns change on screen."""
    from socialplan.compat import compositor_class, dirty_regions

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first, second, *others = shown_columns(app)
        first.focus()
        await pilot.pause()
        compositor = compositor_class()
        painted: list = []
        render_update = compositor.render_update

        def recording(self, *args, **kwargs):
            painted.extend(dirty_regions(self))
            return render_update(self, *args, **kwargs)

        monkeypatch.setattr(compositor, "render_update", recording)
        await pilot.press("L")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.focused is second
        assert painted
        assert all(first.region.union(second.region).contains_region(r) for r in painted)
        assert not any(column.region.overlaps(r) for column in others for r in painted)


async def test_a_panel_taller_than_the_terminal_scrolls_and_wraps_beside_its_scroll_bar(make_app):
    app = make_app()
    async with app.run_test(size=(120, 16)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(KpiPanel)
        assert panel.show_vertical_scrollbar and panel.max_scroll_y > 0
        width = panel.scrollable_content_region.width
        assert all(panel.render_line(y).cell_length == width for y in range(panel.size.height))
        panel.scroll_end(animate=False)
        await pilot.pause()
        shown = "".join(panel.render_line(y).text for y in range(panel.size.height))
        last_line = str(panel.content).rstrip().splitlines()[-1]
        assert last_line.split()[-1] in shown


async def test_the_panel_is_drawn_again_in_a_new_theme(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(KpiPanel)
        dark = panel.render_line(0)
        app.action_toggle_light()
        await pilot.pause()
        assert panel.render_line(0).text == dark.text
        assert panel.render_line(0) != dark

"""The Footer: the screen's keys on one line, whole, repainted only when they change."""

from __future__ import annotations

import pytest

from socialplan.core.cycle import PHASES
from socialplan.screens.item_form import ItemForm
from socialplan.tui.widgets.footer import SEPARATOR, KeyFooter

SIZE = (120, 40)


def footer_of(app) -> KeyFooter:
    return app.screen.query_one(KeyFooter)


def shown(app) -> list[str]:
    """The descriptions of the keys the Footer shows, the palette's last."""
    return [key.description for _x, key in footer_of(app).line().placed]


async def test_moving_between_columns_keeps_the_footer_and_a_new_view_changes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        keys = footer.keys()
        repaints = []
        footer.refresh = lambda *args, **kwargs: repaints.append(args) or footer  # type: ignore[method-assign]
        await pilot.press("left", "left")
        await pilot.pause()
        assert footer.keys() == keys and not repaints
        await pilot.press("c")
        await pilot.pause()
        assert repaints and "Month" in [key.description for key in footer.keys()[0]]


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p.name)
async def test_at_80_columns_the_footer_shows_whole_keys_and_help(make_app, phase):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(phase.key)
        await pilot.pause()
        footer = footer_of(app)
        line = str(footer.render())
        placed = footer.line().placed
        assert len(line) <= 80 and line.rstrip().endswith(f"{SEPARATOR}^p palette")
        for start, key in placed:
            assert line[start : start + key.width] == f"{key.display} {key.description}"
        ends = [start + key.width for start, key in placed[:-1]]
        assert max(ends) < placed[-1][0] - len(SEPARATOR), "a key under the palette's"
        assert "Help" in shown(app)
        kept = [each for each in shown(app)[:-1] if each != "Help"]
        others = [key.description for key in footer.keys()[0] if key.description != "Help"]
        assert kept == others[: len(kept)], "the keys kept are the first ones, and help"


async def test_a_click_on_a_key_runs_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start, key = next(
            (start, key) for start, key in footer_of(app).line().placed if key.action == "new_item"
        )
        assert await pilot.click(KeyFooter, offset=(start + key.width - 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)


async def test_the_key_under_the_mouse_is_highlighted_with_its_tooltip(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        palette = footer.line().palette
        assert palette is not None
        start = footer.line().placed[-1][0]
        await pilot.hover(KeyFooter, offset=(start + 1, 0))
        assert footer.tooltip == palette.tooltip
        await pilot.hover(KeyFooter, offset=(start - len(SEPARATOR) - 1, 0))
        assert footer.tooltip is None


async def test_a_hover_between_a_change_of_keys_and_its_signal_still_repaints(make_app):
    """Only drawing records the keys drawn: asking where the keys are (a click, a hover)
    must not, or the repaint for the change would be skipped."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        footer.keys = lambda: ((), None)  # type: ignore[method-assign]  # the keys changed
        footer.line()
        repaints = []
        footer.refresh = lambda *args, **kwargs: repaints.append(args) or footer  # type: ignore[method-assign]
        footer._bindings_changed(app.screen)
        assert repaints

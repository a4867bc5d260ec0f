"""The Footer rebuilds its keys only when they change, not on every move of the focus."""

from __future__ import annotations

import pytest
from textual.widget import Widget
from textual.widgets import Footer

from socialplan.compat import footer_keys as keys_of
from socialplan.core.cycle import PHASES

SIZE = (120, 40)


def footer_keys(app) -> list[Widget]:
    return keys_of(app.screen.query_one(Footer))


async def test_moving_between_columns_keeps_the_footer_and_a_new_view_changes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        await pilot.press("left", "left")
        await pilot.pause()
        assert footer_keys(app) == keys
        await pilot.press("c")
        await pilot.pause()
        shown = [key.description for key in footer_keys(app)]
        assert footer_keys(app) != keys and "Month" in shown


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p.name)
async def test_at_80_columns_the_footer_shows_whole_keys_and_help(make_app, phase):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(phase.key)
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = footer_keys(app)
        palette = next(k for k in keys if k.has_class("-command-palette"))
        shown = [k for k in keys if k.display and k is not palette]
        assert all(k.region.right <= palette.region.x for k in shown), "a key under the palette's"
        assert all(k.region.width == len(f"{k.key_display} {k.description}") for k in shown)
        assert "Help" in [k.description for k in shown]
        assert palette.region.right <= footer.region.right

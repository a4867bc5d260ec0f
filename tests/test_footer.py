"""The Footer rebuilds its keys only when they change, not on every move of the focus."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

SIZE = (120, 40)


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(Footer).query(FooterKey))


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

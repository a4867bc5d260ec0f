"""User text is data, never markup: titles that look like Textual markup reach every
notification, title line, dialog and help as typed, never crash it or act."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Input, Label, Static

from socialplan.compat import notifications
from socialplan.data.store import PlanStore
from socialplan.screens.comment import CommentScreen
from socialplan.screens.confirm import ConfirmScreen
from socialplan.tui.app import SocialPlanApp

from .conftest import frozen_clock, wait_for_notification

SIZE = (120, 40)
HOSTILE = ["UNBALANCED [/] close", "[@click=app.quit]x[/]", "[bold red]loud[/]", "[b]"]


def app_with_first_post_titled(demo_path, title: str) -> SocialPlanApp:
    store = PlanStore.open(demo_path)
    data = store.load()
    item = data.items[0]
    store.update(replace(item, title=title))
    store.update(replace(data.plan, name=title))
    return SocialPlanApp(store, clock=frozen_clock)


def shown_text(app) -> str:
    """Every Label and Static on the screen, as rendered."""
    parts = []
    for widget in app.screen.query("Label, Static"):
        parts.append(str(widget.render()))
    return "\n".join(parts)


@pytest.mark.parametrize("title", HOSTILE)
async def test_a_title_like_markup_is_shown_as_typed_everywhere(demo_path, title):
    app = app_with_first_post_titled(demo_path, title)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.title == title
        item = next(i for i in app.plan_data.items if i.title == title)
        app.screen.current.select_key(str(item.id))
        await pilot.pause()
        assert app.screen.selected_item().id == item.id
        await pilot.press("L")
        await pilot.press("ctrl+z")
        await pilot.pause()
        await wait_for_notification(pilot, app, title)
        assert all(not n.markup for n in notifications(app))
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        app.push_screen(ConfirmScreen(f"Delete '{title}'?", title))
        await pilot.pause()
        assert f"Delete '{title}'?" in shown_text(app)
        app.pop_screen()
        app.push_screen(CommentScreen(f"Send '{title}' back to draft: why?"))
        await pilot.pause()
        assert title in shown_text(app)
        app.pop_screen()
        await pilot.pause()
        assert app.is_running, "no click in a title quits the app"


async def test_a_filter_error_quoting_typed_text_is_shown_as_typed(demo_path):
    app = app_with_first_post_titled(demo_path, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "x[/]y:z"
        await pilot.pause()
        error = app.screen.query_one("#error-filter", Static)
        assert error.display and "unknown field 'x[/]y:'" in str(error.render())
        assert app.is_running


def test_every_label_and_static_is_built_without_markup():
    """The one place that uses markup is the phase bar, on the app's own text."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    missing = []
    for path in [*root.glob("screens/*.py"), *root.glob("tui/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("Label", "Static")
                and not any(k.arg == "markup" for k in node.keywords)
            ):
                missing.append(f"{path.relative_to(root)}:{node.lineno}")
    assert missing == []
    assert Label  # imported for the reader: these are the widgets checked

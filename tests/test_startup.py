"""What start-up no longer does twice: parse the stylesheet, render a frame it throws away.

The time it saves is measured by benchmarks/startup.py; these tests hold the behaviour.
"""

from __future__ import annotations

import gc
import subprocess
import sys

from socialplan.cli.common import _run_app
from socialplan.compat import compositor_class, updates_held
from socialplan.tui.app import SocialPlanApp
from socialplan.tui.stylesheet import DIALOG_STYLES, ReusingStylesheet

SIZE = (120, 40)
CSS = "Static { color: $accent; }"


def _parsed(variables: dict[str, str]) -> ReusingStylesheet:
    stylesheet = ReusingStylesheet(variables=variables)
    stylesheet.add_source(CSS, read_from=("test.tcss", ""))
    stylesheet.parse()
    return stylesheet


def test_the_same_variables_reuse_the_parsed_rules():
    stylesheet = _parsed({"accent": "red"})
    rules = stylesheet.rules
    stylesheet.set_variables({"accent": "red"})
    stylesheet.reparse()
    assert stylesheet.rules[0] is rules[0]


def test_new_variables_parse_again_with_the_new_values():
    stylesheet = _parsed({"accent": "red"})
    stylesheet.set_variables({"accent": "blue"})
    stylesheet.reparse()
    assert stylesheet.rules[0].styles.color.hex == "#0000FF"


async def test_a_theme_change_restyles_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dark = app.screen.styles.background
        app.action_toggle_light()
        await pilot.pause()
        assert app.screen.styles.background != dark
        assert not app.current_theme.dark


async def test_start_up_renders_no_frame_while_updates_are_held_back(make_app, monkeypatch):
    held_back: list[int] = []
    compositor = compositor_class()
    render_update = compositor.render_update

    def recording(compositor, *args, **kwargs):
        held_back.append(updates_held(app))
        return render_update(compositor, *args, **kwargs)

    monkeypatch.setattr(compositor, "render_update", recording)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Content schedule" in str(app.screen.query_one("#schedule-title").render())
    assert held_back and not any(held_back)


NOT_ON_THE_FIRST_SCREEN = (
    "dateutil.rrule",
    "secrets",
    "socialplan.core.calendar",
    "socialplan.core.imports",
    "socialplan.core.summaries",
    "socialplan.tui.widgets.calendar",
    "socialplan.tui.widgets.item_list",
    "socialplan.tui.widgets.schedule_calendar",
    "socialplan.tui.widgets.schedule_list",
)
"""Modules the Schedule's board does not show anything of: imported when first needed."""
FIRST_SCREEN_PROBE = """
import asyncio, sys
from socialplan.data.interface import open_storage
from socialplan.tui.app import SocialPlanApp

async def main():
    app = SocialPlanApp(open_storage(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(" ".join(sorted(sys.modules)))

asyncio.run(main())
"""


def test_the_first_screen_imports_only_what_it_shows(demo_path):
    imported = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN_PROBE, str(demo_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    assert "socialplan.tui.widgets.kanban" in imported
    assert not set(NOT_ON_THE_FIRST_SCREEN) & set(imported)


def test_the_app_loads_with_the_collector_paused_and_runs_with_it(demo_store, monkeypatch):
    collector_on: list[bool] = []
    make = SocialPlanApp.__init__

    def making(app, *args, **kwargs):
        collector_on.append(gc.isenabled())
        make(app, *args, **kwargs)

    monkeypatch.setattr(SocialPlanApp, "__init__", making)
    monkeypatch.setattr(SocialPlanApp, "run", lambda app: collector_on.append(gc.isenabled()))
    assert _run_app(demo_store) == 0
    assert collector_on == [False, True]


async def test_the_hidden_filter_field_is_made_when_first_asked_for(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#filter")
        await pilot.press("slash", *"kind:promo")
        assert app.focused is app.screen.query_one("#filter") and app.focused.value == "kind:promo"


async def test_the_dialogs_styles_are_read_when_the_first_dialog_opens(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.stylesheet.has_source(str(DIALOG_STYLES), "")
        await pilot.press("n")
        await pilot.pause()
        assert app.stylesheet.has_source(str(DIALOG_STYLES), "")
        assert app.screen.query_one(".form-dialog").styles.width.value == 72

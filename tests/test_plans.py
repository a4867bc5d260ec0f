"""Several plans (one per client), switching between them in the app, the user's theme,
NO_COLOR, and the app served to a browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from textual.filter import Monochrome

from socialplan.cli import main
from socialplan.data.demo import build_demo
from socialplan.data.paths import default_plan_path
from socialplan.data.plans import create_plan, list_plans, plan_key
from socialplan.data.settings import load_settings
from socialplan.data.store import PlanStore, read_plan

from .conftest import FROZEN_NOW

SIZE = (120, 40)


def plans_dir():
    return default_plan_path().parent


def test_plan_names_become_file_names():
    assert plan_key("Bakkerij De Vries") == "bakkerij-de-vries"
    assert plan_key("Café Zuid!") == "caf-zuid"


def test_new_plans_and_the_list(capsys):
    assert main(["plans"]) == 0
    assert "no plans" in capsys.readouterr().out
    assert main(["new", "Bakkerij De Vries", "--from", "demo"]) == 0
    assert main(["new", "Acme"]) == 0
    assert main(["new", "acme"]) == 1
    assert "already a plan 'acme'" in capsys.readouterr().err
    assert main(["plans"]) == 0
    out = capsys.readouterr().out
    assert "bakkerij-de-vries  Bakkerij De Vries  60 posts" in out
    assert "Acme  0 posts" in out
    copied = read_plan(plans_dir() / "bakkerij-de-vries.json")
    assert copied.plan.name == "Bakkerij De Vries" and copied.plan.uid != "veldhuis-demo"


def test_a_new_plan_from_a_json_export(demo_path, tmp_path):
    exported = tmp_path / "export.json"
    assert main(["export", "json", "--db", str(demo_path), "-o", str(exported)]) == 0
    assert main(["new", "Client B", "--from", str(exported)]) == 0
    assert len(read_plan(plans_dir() / "client-b.json").items) == 60


def test_opening_an_unknown_plan_names_the_known_ones(capsys):
    create_plan(plans_dir(), "Acme")
    assert main(["open", "Nope"]) == 1
    assert "There is no plan 'Nope'" in capsys.readouterr().err


def test_an_unreadable_plan_is_listed_as_such():
    create_plan(plans_dir(), "Acme")
    (plans_dir() / "broken.json").write_text("{")
    listed = {p.key: p for p in list_plans(plans_dir())}
    assert listed["broken"].posts is None and "not readable" in listed["broken"].name


async def test_the_palette_switches_plans(tmp_path):
    from socialplan.data.store import PlanStore
    from socialplan.tui.app import SocialPlanApp

    first = create_plan(plans_dir(), "Bakkerij De Vries", build_demo(FROZEN_NOW))
    create_plan(plans_dir(), "Acme")
    app = SocialPlanApp(PlanStore.open(first), clock=lambda: FROZEN_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Open plan: acme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.plan_data.plan.name == "Acme"
        assert app.title == "Acme"
        assert app.store.path.name == "acme.json"
        assert app.undo_stack == []


async def test_the_theme_is_remembered_between_sessions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.current_theme.dark
        app.action_toggle_light()
        assert not app.current_theme.dark
    assert load_settings()["theme"] == "textual-light"
    again = make_app()
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"


async def test_no_color_turns_the_app_monochrome(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.no_color
        assert any(isinstance(f, Monochrome) for f in app._filters)


def test_no_color_keeps_escape_codes_out_of_status(demo_path):
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm-256color"}
    out = subprocess.run(
        [sys.executable, "-m", "socialplan", "status", "--db", str(demo_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    ).stdout
    assert "\x1b[3" not in out and "\x1b[38" not in out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_a_browser_on_localhost(demo_path):
    """The address it prints, token included, gives the page."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "socialplan", "serve", "--db", str(demo_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        address = ""
        while "token=" not in address:
            address = server.stdout.readline()
            if not address:
                pytest.fail("serve printed no address")
        url = address.split("open: ", 1)[1].strip().replace("localhost", "127.0.0.1")
        page = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stdout.read())
                time.sleep(0.1)
        assert "socialplan" in page and "<html" in page.lower()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_apps_plan_switcher_lists_the_folder_socialplan_plans_lists(tmp_path):
    """Not the folder of the plan that is open (a --db plan elsewhere listed its own
    neighbours)."""
    from socialplan.data.store import PlanStore
    from socialplan.tui.app import SocialPlanApp

    create_plan(plans_dir(), "Acme")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "stray.json").write_text("{}")
    app = SocialPlanApp(PlanStore.open(elsewhere / "mine.json"), clock=lambda: FROZEN_NOW)
    assert [p.name for p in app.other_plans()] == ["acme.json"]


def in_its_first_iteration(plan_data, today: date) -> bool:
    current = plan_data.current_iteration()
    return (
        current is not None
        and (current.number, current.start, current.closed) == (1, today, False)
        and (current.end - current.start).days + 1 == plan_data.plan.iteration_days
    )


def test_every_new_plan_starts_iteration_1_today(tmp_path, demo_data):
    """The app's new file, `new`, and `new --from` a plan without iterations."""
    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/Amsterdam")).date()
    PlanStore.open(tmp_path / "fresh.json").close()
    assert in_its_first_iteration(read_plan(tmp_path / "fresh.json"), today)
    assert main(["new", "Acme"]) == 0
    assert in_its_first_iteration(read_plan(plans_dir() / "acme.json"), today)
    bare = tmp_path / "no-iterations.json"
    PlanStore.create(bare, replace(demo_data, iterations=(), decisions=())).close()
    exported = tmp_path / "export.json"
    assert main(["export", "json", "--db", str(bare), "-o", str(exported)]) == 0
    assert main(["new", "Client C", "--from", str(exported)]) == 0
    assert in_its_first_iteration(read_plan(plans_dir() / "client-c.json"), today)


async def test_a_new_plan_can_close_its_first_iteration(tmp_path):
    from socialplan.screens.review import ReviewScreen
    from socialplan.tui.app import SocialPlanApp

    app = SocialPlanApp(PlanStore.open(tmp_path / "fresh.json"), clock=lambda: FROZEN_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_a_blank_plan_opens_at_the_foundation_with_where_to_start(tmp_path):
    from socialplan.screens.foundation import FoundationScreen
    from socialplan.tui.app import SocialPlanApp
    from socialplan.tui.widgets.kpi_panel import KpiPanel
    from socialplan.tui.widgets.tables import PlanTable

    app = SocialPlanApp(PlanStore.open(tmp_path / "fresh.json"), clock=lambda: FROZEN_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FoundationScreen)
        pointer = str(app.screen.query_one("#next-step").render())
        assert pointer.startswith("A new plan: start with the people behind it")
        assert "2 Strategy" in pointer
        first = app.screen.query_one("#stakeholders", PlanTable).get_row_at(0)[0]
        assert str(first).startswith("Start here")
        panel = str(app.screen.query_one(KpiPanel).content)
        assert "No posts yet" in panel and "0 of 0" not in panel


async def test_a_plan_with_content_still_opens_on_the_schedule(demo_path):
    from socialplan.screens.schedule import ScheduleScreen
    from socialplan.tui.app import SocialPlanApp

    app = SocialPlanApp(PlanStore.open(demo_path), clock=lambda: FROZEN_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)


def test_the_foundation_says_what_is_still_missing_then_steps_aside(demo_data):
    from socialplan.core.model import Plan
    from socialplan.core.plan_data import PlanData
    from socialplan.screens.foundation import next_step

    started = PlanData(plan=Plan(name="Bakery"), stakeholders=demo_data.stakeholders[:1])
    assert next_step(started).startswith("Still to fill in here: change actions, project team")
    assert next_step(demo_data) is None

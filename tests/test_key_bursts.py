"""Keys that arrive together, as over SSH: each is handled in order by the widget focused
once the keys before it are done, and a save acts on what the form shows."""

from __future__ import annotations

from textual import events

from socialplan.data.store import read_plan
from socialplan.screens.entry_form import EntryForm

from .test_terminal import SOCIALPLAN, Terminal, wait_until


def burst(app, *keys: str) -> None:
    """Every key posted before any is handled: what a terminal delivers in one read."""
    for key in keys:
        char = {"space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


async def until(pilot, check, what: str) -> None:
    """Let the App work until ``check`` holds (a loaded machine takes longer)."""
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(what)


def typed(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def test_text_then_save_in_one_burst_saves_the_text(make_app, demo_path):
    app = make_app("foundation")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "a", *typed("Ria Jansen"), "ctrl+s")
        saved = lambda: any(s.name == "Ria Jansen" for s in read_plan(demo_path).stakeholders)  # noqa: E731
        await until(pilot, saved, "the burst's name never reached the file")
        assert not isinstance(app.screen, EntryForm)


async def test_text_tab_text_in_one_burst_fills_two_fields(make_app, demo_path):
    app = make_app("foundation")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = len(read_plan(demo_path).stakeholders)
        await pilot.press("a")
        await pilot.pause()
        burst(app, *typed("Ria"), "tab", *typed("Office manager"), "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EntryForm), "the form stayed open")
        added = lambda: len(read_plan(demo_path).stakeholders) > before  # noqa: E731
        await until(pilot, added, "the new stakeholder never reached the file")
        newest = max(read_plan(demo_path).stakeholders, key=lambda s: s.id)
        assert (newest.name, newest.role) == ("Ria", "Office manager")


def test_bursts_in_a_real_terminal_land_where_they_were_typed(demo_path):
    plan = demo_path
    terminal = Terminal(f"{SOCIALPLAN} --db {plan} --lang en", width=80, height=24)
    try:
        terminal.wait_for("Content schedule")
        terminal.send("1")
        terminal.wait_for("Stakeholders and support")
        terminal.send("a")
        terminal.wait_for("New stakeholder")
        terminal.burst("Ria Jansen", "C-s")
        wait_until(
            lambda d: any(s.name == "Ria Jansen" for s in d.stakeholders),
            "text, C-s",
            terminal,
            plan,
        )
        terminal.send("a")
        terminal.wait_for("New stakeholder")
        terminal.burst("Piet Bakker", "Tab", "Chief executive", "C-s")
        wait_until(
            lambda d: any(
                (s.name, s.role) == ("Piet Bakker", "Chief executive") for s in d.stakeholders
            ),
            "text, Tab, text, C-s",
            terminal,
            plan,
        )
    finally:
        terminal.close()

"""The real app in a real terminal: ``socialplan demo`` in tmux, driven by send-keys."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import uuid

import pytest

pytestmark = pytest.mark.tmux

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must have tmux: .ci/run installs it")
    pytest.skip("tmux is not installed (.ci/run installs it)", allow_module_level=True)


TMUX_ENV = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
"""The test process may carry COLUMNS=80 LINES=24; the pane would inherit them and the
app would draw at that size whatever the pane's real size."""


class Terminal:
    """A detached tmux session on its own server socket, read with capture-pane."""

    def __init__(self, command: str, width: int = 120, height: int = 40) -> None:
        self.socket = f"socialplan-test-{uuid.uuid4().hex[:8]}"
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            str(width),
            "-y",
            str(height),
            f"{command}; echo EXITED-$?; sleep 30",
        )

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            env=TMUX_ENV,
        ).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "app")

    def send(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "app", key)
            time.sleep(0.15)

    def burst(self, *keys: str) -> None:
        """All ``keys`` in one send-keys call: they arrive together, as over a slow link."""
        self._tmux("send-keys", "-t", "app", *keys)

    def wait_for(self, pattern: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if re.search(pattern, shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{pattern!r} never appeared; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


SOCIALPLAN = shutil.which("socialplan") or "python -m socialplan"


@pytest.fixture
def plan(tmp_path):
    """The demo plan, at the frozen clock, in its own file."""
    from socialplan.data.demo import build_demo
    from socialplan.data.store import PlanStore

    from .conftest import FROZEN_NOW

    path = tmp_path / "plan.json"
    PlanStore.create(path, build_demo(FROZEN_NOW)).close()
    return path


@pytest.fixture
def demo_terminal(tmp_path):
    terminal = Terminal(f"TMPDIR={tmp_path} {SOCIALPLAN} demo")
    yield terminal
    terminal.close()


def test_demo_in_a_real_terminal_shows_the_schedule_and_the_ratio(demo_terminal, tmp_path):
    demo_terminal.wait_for("Veldhuis Klimaattechniek")
    demo_terminal.send("1")
    demo_terminal.wait_for("Stakeholders and support")
    demo_terminal.send("4")
    screen = demo_terminal.wait_for("Content schedule")
    assert re.search(r"\d+ : \d+ \(", screen), screen
    assert "Content : promotion" in screen
    assert "This week per channel" in screen
    assert re.search(r"\d\d \w{3} \d\d:\d\d (LinkedIn|Instagram|YouTube|Newsletter)", screen)
    header = r"(See|Think|Do|Care)  \d+ · \d+:\d+"
    assert re.search(header, screen), "board column header with count and ratio"
    assert list(tmp_path.glob("socialplan-demo-*")), "the demo plan lives in the temp dir"
    demo_terminal.send("q")
    demo_terminal.wait_for("EXITED-0")
    assert not list(tmp_path.glob("socialplan-demo-*")), "the demo copy is removed on exit"


def test_adding_an_item_in_a_real_terminal(demo_terminal):
    demo_terminal.wait_for("Content schedule")
    demo_terminal.send("n")
    demo_terminal.wait_for("New content item")
    demo_terminal.send("Typed in tmux")
    demo_terminal.wait_for(r"Title\s+Typed in tmux")
    demo_terminal.send("C-s")
    demo_terminal.wait_for(r"See  21 · 21:0")
    demo_terminal.send("h", "h", "h")
    demo_terminal.wait_for(r"Typed in tmux")
    demo_terminal.send("q")
    demo_terminal.wait_for("EXITED-0")


def test_calendar_views_in_a_real_terminal(demo_terminal):
    demo_terminal.wait_for("Content schedule")
    demo_terminal.send("c")
    demo_terminal.wait_for(r"Mon\s+Tue\s+Wed\s+Thu\s+Fri\s+Sat\s+Sun")
    demo_terminal.send("w")
    screen = demo_terminal.wait_for(r"Week \d+ · \d\d \w{3} – \d\d \w{3} \d{4}")
    assert re.search(r"\d\d:\d\d ● (LinkedIn|Instagram|YouTube|Newsletter)", screen), screen
    demo_terminal.send("a")
    demo_terminal.wait_for(r"Agenda · \w{3} \d\d \w{3}")
    demo_terminal.send("S")
    demo_terminal.wait_for(r"Next: \w{3} \d\d \w{3} \d\d:\d\d")
    demo_terminal.send("Escape")
    demo_terminal.wait_for(r"Agenda ·")
    demo_terminal.send("q")
    demo_terminal.wait_for("EXITED-0")


def test_a_dropped_connection_leaves_cleanly_with_every_edit_on_disk(plan):
    """SIGHUP, as when the SSH connection drops: the app exits at once, the terminal is
    restored, and the edit made just before is in the plan."""
    from socialplan.data.store import PlanStore, read_plan

    terminal = Terminal(f"{SOCIALPLAN} --db {plan}")
    try:
        terminal.wait_for("Content schedule")
        terminal.send("n")
        terminal.wait_for("New content item")
        terminal.send("Hung up on")
        terminal.wait_for(r"Title\s+Hung up on")
        terminal.send("C-s")
        terminal.wait_for(r"See  21 · 21:0")
        os.kill(_app_pid(terminal), signal.SIGHUP)
        terminal.wait_for(f"EXITED-{128 + signal.SIGHUP}")
    finally:
        terminal.close()
    assert any(i.title == "Hung up on" for i in read_plan(plan).items)
    PlanStore.open(plan, lock_timeout=0.5).close()


def _app_pid(terminal: Terminal) -> int:
    shell = terminal._tmux("list-panes", "-t", "app", "-F", "#{pane_pid}").strip()
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, check=True)
    return int(children.stdout.split()[0])


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="reads /proc")


@needs_proc
def test_a_stray_sigcont_leaves_the_running_app_as_it_is(plan):
    """Textual restarts its terminal threads on every SIGCONT; the kernel sends one with
    each hang-up. Only a SIGCONT after a suspend may do that."""
    terminal = Terminal(f"{SOCIALPLAN} --db {plan}")
    try:
        terminal.wait_for("Content schedule")
        app_pid = _app_pid(terminal)
        threads = _threads(app_pid)
        os.kill(app_pid, signal.SIGCONT)
        time.sleep(0.5)
        assert _threads(app_pid) == threads
        terminal.send("q")
        terminal.wait_for("EXITED-0")
    finally:
        terminal.close()


@needs_proc
def test_closing_the_terminal_while_the_app_paints_leaves_no_process_behind(plan):
    """Each round kills the tmux server the moment the schedule first shows, as a dropped
    SSH connection would, and the app must be gone soon after."""
    for _round in range(3):
        terminal = Terminal(f"{SOCIALPLAN} --db {plan}")
        try:
            terminal.wait_for("Content schedule")
            app_pid = _app_pid(terminal)
        finally:
            terminal.close()
        deadline = time.monotonic() + 10
        while _running(app_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _running(app_pid):
            os.kill(app_pid, signal.SIGKILL)
            pytest.fail(f"round {_round + 1}: the app still ran 10 s after its terminal closed")


LIMITED = (
    "python3 -c 'import os, resource, sys; n = int(sys.argv[1]); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (n, n)); os.execvp(sys.argv[2], sys.argv[2:])'"
)
"""Runs a command whose files may not grow past a size: a disk that refuses the plan."""


def test_edits_held_at_a_kill_are_recovered_in_the_next_session(plan):
    """SIGTERM while the disk refuses an edit: it goes to a recovery file, and the next
    session offers it and saves it."""
    from socialplan.data.recovery import beside
    from socialplan.data.store import read_plan

    size = plan.stat().st_size + 16
    terminal = Terminal(f"{LIMITED} {size} {SOCIALPLAN} --db {plan}")
    try:
        terminal.wait_for("Content schedule")
        terminal.send("n")
        terminal.wait_for("New content item")
        terminal.send("Held back at the kill")
        terminal.wait_for(r"Title\s+Held back at the kill")
        terminal.send("C-s")
        terminal.wait_for("1 edit not saved")
        os.kill(_app_pid(terminal), signal.SIGTERM)
        terminal.wait_for(f"EXITED-{128 + signal.SIGTERM}")
    finally:
        terminal.close()
    assert beside(plan).exists()
    assert not any(i.title == "Held back at the kill" for i in read_plan(plan).items)
    terminal = Terminal(f"{SOCIALPLAN} --db {plan}")
    try:
        terminal.wait_for("1 edit was not saved when socialplan last closed")
        terminal.send("y")
        terminal.wait_for("Applied 1 recovered edit")
        terminal.send("q")
        terminal.wait_for("EXITED-0")
    finally:
        terminal.close()
    assert any(i.title == "Held back at the kill" for i in read_plan(plan).items)
    assert not beside(plan).exists()


def wait_until(check, what: str, terminal: Terminal, path, timeout: float = 20):
    """Poll the plan file until ``check`` holds: the edit is on disk, not only on screen."""
    from socialplan.data.store import read_plan

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        plan_data = read_plan(path)
        if check(plan_data):
            return plan_data
        time.sleep(0.1)
    raise AssertionError(f"{what} never reached the file; the screen was:\n{terminal.screen()}")


def choose(terminal: Terminal, option: int) -> None:
    """Open the focused Select and take its ``option``-th choice (0: the prompt)."""
    terminal.send("Enter")
    time.sleep(0.3)
    terminal.send("Home", *["Down"] * option, "Enter")


@pytest.mark.slow
def test_a_new_plans_first_cycle_in_a_real_terminal_at_80_by_24(tmp_path):
    """Keys only, in tmux at 80x24: Foundation, every Strategy step in order, a set-up
    task, a post, a result, closing iteration 1, iteration 2 with its decision."""
    from socialplan.core.steps import STEP_KEYS

    path = tmp_path / "plan.json"
    env = f"XDG_CONFIG_HOME={tmp_path}/config XDG_DATA_HOME={tmp_path}/data"
    terminal = Terminal(f"{env} {SOCIALPLAN} --db {path} --lang en", width=80, height=24)
    try:
        terminal.wait_for("Start here")
        terminal.send("a")
        terminal.wait_for("New stakeholder")
        terminal.send("Marieke", "Tab", "Owner", "C-s")
        wait_until(lambda d: d.stakeholders, "the stakeholder", terminal, path)

        def step_done(key: str) -> None:
            terminal.send("m")
            wait_until(lambda d: key in d.plan.completed_steps, f"step {key}", terminal, path)

        terminal.send("2")
        terminal.wait_for("Strategy")
        terminal.send("e")
        terminal.wait_for("Edit business and marketing strategy")
        terminal.send("Tab", "Grow contracts", "Tab", "Be the expert nearby", "C-s")
        wait_until(lambda d: d.plan.marketing_strategy, "the strategies", terminal, path)
        step_done("inputs")
        terminal.send("e")
        terminal.wait_for("Edit problem statement")
        terminal.send("Facility managers do not know us", "C-s")
        wait_until(lambda d: d.plan.problem_statement, "the problem", terminal, path)
        step_done("problem")
        terminal.send("a")
        terminal.wait_for("New persona")
        terminal.send("Facility manager", "C-s")
        wait_until(lambda d: d.personas, "the persona", terminal, path)
        step_done("personas")
        terminal.send("a")
        terminal.wait_for("New objective")
        terminal.send("40 leads", "Tab")
        choose(terminal, 10)
        terminal.send("Tab", "40", "Tab", "leads", "Tab", "2027-03-31", "Tab", "C-n")
        terminal.wait_for("New channel")
        terminal.send("LinkedIn", "Tab", "3", "Tab", "Tab", "Where they read", "C-s")
        wait_until(lambda d: d.channels, "the channel", terminal, path)
        time.sleep(0.5)
        terminal.send("C-s")
        wait_until(lambda d: d.goals and d.goals[0].channels, "the goal", terminal, path)
        step_done("goals")
        terminal.send("a")
        terminal.wait_for("New online behaviour row")
        choose(terminal, 1)
        terminal.send("Tab")
        choose(terminal, 1)
        terminal.send("C-s")
        wait_until(lambda d: d.behaviour, "the behaviour row", terminal, path)
        step_done("behaviour")
        step_done("channels")
        terminal.send("Tab", "Tab", "a")
        terminal.wait_for("New content pillar")
        terminal.send("Know-how", "Tab", "Tab")
        terminal.send("Space", "Down", "Space", "Down", "Space", "Down", "Space", "C-s")
        wait_until(lambda d: d.pillars, "the pillar", terminal, path)
        step_done("content")
        terminal.send("e")
        terminal.wait_for("Edit strategic frameworks")
        terminal.send("Plain and calm", "C-s")
        wait_until(lambda d: d.plan.tone, "the tone", terminal, path)
        step_done("frameworks")
        terminal.send("a")
        terminal.wait_for("New social activity")
        terminal.send("Open day", "Tab", "Tab", "Sales events", "C-s")
        wait_until(lambda d: d.activities, "the activity", terminal, path)
        step_done("integration")
        terminal.send("e")
        terminal.wait_for("Media plan of LinkedIn")
        terminal.send("Expert voice", "Tab", "Facility managers", "Tab", "Articles")
        terminal.send("Tab", "Tab", "Marieke", "C-s")
        wait_until(lambda d: d.channels[0].owner, "the media plan", terminal, path)
        step_done("media")
        done = wait_until(lambda d: d.plan.completed_steps, "the steps", terminal, path)
        assert set(done.plan.completed_steps) == set(STEP_KEYS)
        terminal.send("3")
        terminal.wait_for("Checklist")
        terminal.send("a")
        terminal.wait_for("New set-up task")
        choose(terminal, 1)
        terminal.send("Tab", "Tab", "Profile names the company", "C-s")
        wait_until(lambda d: d.setup_tasks, "the set-up task", terminal, path)
        terminal.send("4")
        terminal.wait_for("Content schedule")
        terminal.send("n")
        terminal.wait_for("New content item")
        terminal.send("Winter checklist", "C-s")
        wait_until(lambda d: d.items, "the post", terminal, path)
        terminal.send("5")
        terminal.wait_for("Results")
        terminal.send("Tab", "Tab", "Tab", "Tab", "a")
        terminal.wait_for("New result")
        terminal.send("2026-11-23", "Tab", "2026-11-29", "Tab")
        choose(terminal, 1)
        terminal.send("Tab", "Tab", "500", "Tab", "2000", "Tab", "40", "Tab", "12", "Tab", "3")
        terminal.send("C-s")
        wait_until(lambda d: d.results, "the result", terminal, path)
        terminal.send("C")
        terminal.wait_for("Lessons")
        terminal.send("Checklists bring leads", "Tab", "Post twice a week", "C-s")
        wait_until(lambda d: d.plan.current_iteration == 2, "the closing", terminal, path)
        closed = wait_until(lambda d: d.decisions, "the decision", terminal, path)
        assert [d.text for d in closed.decisions] == ["Post twice a week"]
        terminal.send("2")
        terminal.wait_for("Decisions to act upon: 1")
        terminal.send("q")
        terminal.wait_for("EXITED-0")
    finally:
        terminal.close()

"""The Schedule screen with 10,000 content items (headless, 120x40).

Prints: time to open the app on the Schedule screen (load to first frame, and until
idle), median and 95th-percentile time from a card-move key (H/L) to the updated panel on
the board and in the calendar, the store's time to persist one edit (lock, update, JSON,
atomic replace with fsync), the App's whole save including the screen update, the
calendar's open and page-turn times, and peak memory. Targets at 10,000 items: open at
most 0.5 s, card move at most 50 ms p95, one edit persisted at most 15 ms median, peak
RSS at most 200 MB.

usage: python benchmarks/schedule_scale.py [--items N] [--moves N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import inspect
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from plans import big_plan

from socialplan.core.schedule import next_posts
from socialplan.data.store import PlanStore


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def instrument_move_to_panel(handled: list[float]) -> None:
    """Record the time from a move action starting to the panel showing new figures."""
    from socialplan.screens.schedule import ScheduleScreen
    from socialplan.tui.widgets.kpi_panel import KpiPanel

    started: list[float] = []
    show = KpiPanel.watch_figures

    def timed(action):
        def run(screen, step):
            started.append(time.perf_counter())
            action(screen, step)

        return run

    def timed_show(panel, figures):
        show(panel, figures)
        if started:
            handled.append(time.perf_counter() - started.pop())

    ScheduleScreen.action_move_stage = timed(ScheduleScreen.action_move_stage)
    ScheduleScreen.action_move_day = timed(ScheduleScreen.action_move_day)
    KpiPanel.watch_figures = timed_show


def instrument_first_frame(frames: list[float]) -> None:
    """Record when the Schedule screen first writes a frame."""
    from socialplan.compat import after_each_frame
    from socialplan.screens.schedule import ScheduleScreen

    def timed_refresh(screen):
        if isinstance(screen, ScheduleScreen) and not frames:
            frames.append(time.perf_counter())

    after_each_frame(timed_refresh)


def timed_batches(owner: type, durations: list[float]) -> None:
    """Time each ``PlanStore.batch()`` block: one edit, from lock to file synced."""
    batch = owner.batch

    @contextlib.contextmanager
    def timed(store):
        began = time.perf_counter()
        with batch(store):
            yield
        durations.append(time.perf_counter() - began)

    owner.batch = timed


def timed_calls(owner: type, name: str, durations: list[float]) -> None:
    """Time each call of ``owner.name``, until its result for a coroutine method."""
    method = getattr(owner, name)

    def timed(*args, **kwargs):
        began = time.perf_counter()
        result = method(*args, **kwargs)
        durations.append(time.perf_counter() - began)
        return result

    async def timed_coroutine(*args, **kwargs):
        began = time.perf_counter()
        result = await method(*args, **kwargs)
        durations.append(time.perf_counter() - began)
        return result

    setattr(owner, name, timed_coroutine if inspect.iscoroutinefunction(method) else timed)


def report(label: str, seconds: list[float]) -> None:
    ms = [t * 1000 for t in seconds]
    print(
        f"{label}: median {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms "
        f"(n={len(ms)})"
    )


async def moves(pilot, app, keys: tuple[str, str], count: int) -> list[float]:
    """Press the two keys in turn; the time until the new figures reach the App."""
    latencies = []
    for n in range(count):
        before = app.figures
        began = time.perf_counter()
        await pilot.press(keys[n % 2])
        while app.figures is before:
            await asyncio.sleep(0)
        latencies.append(time.perf_counter() - began)
    return latencies


async def measure(path: Path, count: int) -> None:
    from socialplan.data.store import PlanStore as Store
    from socialplan.screens.schedule import ScheduleScreen
    from socialplan.tui.app import SocialPlanApp

    handled: list[float] = []
    frames: list[float] = []
    saves: list[float] = []
    writes: list[float] = []
    calendar_opens: list[float] = []
    page_turns: list[float] = []
    instrument_move_to_panel(handled)
    instrument_first_frame(frames)
    timed_calls(SocialPlanApp, "submit", saves)
    timed_batches(Store, writes)
    timed_calls(ScheduleScreen, "action_toggle_calendar", calendar_opens)
    timed_calls(ScheduleScreen, "action_page", page_turns)

    start = time.perf_counter()
    store = Store.open(path)
    app = SocialPlanApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        settled = time.perf_counter() - start
        items = len(app.plan_data.items)
        print(f"open Schedule, {items} items: first frame {(frames[0] - start) * 1000:.0f} ms")
        print(f"open Schedule, until idle (Pilot pause): {settled * 1000:.0f} ms")
        await pilot.press("h")
        through_pilot = await moves(pilot, app, ("L", "H"), count)
        idle_presses = []
        for _ in range(10):
            began = time.perf_counter()
            await pilot.press("f12")
            idle_presses.append(time.perf_counter() - began)
        report("card move action -> panel updated", handled)
        report("same, through Pilot until the new figures are set", through_pilot)
        report("Pilot press of an unbound key (the harness's own cost)", idle_presses)
        report("one edit persisted by the store (lock to fsync)", writes)
        report("the App's whole save, screen update included", saves)
        handled.clear()
        await pilot.press("c", "w")
        await pilot.pause()
        report("calendar open (c)", calendar_opens)
        # a post still to come: a move into the past would ask first
        upcoming = next_posts(app.plan_data.items, datetime.now(UTC), 1)[0]
        app.screen.current.select_key(str(upcoming.id))
        await pilot.pause()
        await moves(pilot, app, ("L", "H"), count)
        report("calendar day move action -> panel updated", handled)
        for _ in range(count // 2):
            await pilot.press("right_square_bracket", "left_square_bracket")
        await pilot.press("m")
        for _ in range(count // 2):
            await pilot.press("right_square_bracket", "left_square_bracket")
        report("calendar page turn (week and month)", page_turns)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "plan.json"
        PlanStore.create(path, big_plan(args.items)).close()
        asyncio.run(measure(path, args.moves))


if __name__ == "__main__":
    main()

"""The Schedule screen with 10,000 content items (headless, 120x40).

Prints: time to open the app on the Schedule screen (load + first frame), median and
95th-percentile time from a card-move key (H/L) to the updated panel, the store's write
time for one edit, and peak memory. Targets at 10,000 items: open at most 0.5 s, card move
at most 50 ms p95, one edit at most 15 ms median, peak RSS at most 200 MB.

usage: python benchmarks/schedule_scale.py [--items N] [--moves N]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
from pathlib import Path

from plans import big_plan

from socialplan.data.store import PlanStore


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def instrument_move_to_panel(handled: list[float]) -> None:
    """Record the time from the move action starting to the panel showing new figures."""
    from socialplan.screens.schedule import ScheduleScreen
    from socialplan.tui.widgets.kpi_panel import KpiPanel

    started: list[float] = []
    move, show = ScheduleScreen.action_move_stage, KpiPanel.watch_figures

    def timed_move(screen, step):
        started.append(time.perf_counter())
        move(screen, step)

    def timed_show(panel, figures):
        show(panel, figures)
        if started:
            handled.append(time.perf_counter() - started.pop())

    ScheduleScreen.action_move_stage = timed_move
    KpiPanel.watch_figures = timed_show


async def measure(path: Path, moves: int) -> None:
    from socialplan.tui.app import SocialPlanApp

    handled: list[float] = []
    instrument_move_to_panel(handled)

    start = time.perf_counter()
    store = PlanStore.open(path)
    app = SocialPlanApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - start
        print(
            f"open Schedule (load {len(app.plan_data.items)} items + first frame): "
            f"{opened * 1000:.0f} ms"
        )
        await pilot.press("h")
        latencies, writes = [], []
        original_update = store.update

        def timed_update(entity):
            began = time.perf_counter()
            original_update(entity)
            writes.append(time.perf_counter() - began)

        store.update = timed_update
        for n in range(moves):
            before = app.figures
            began = time.perf_counter()
            await pilot.press("L" if n % 2 == 0 else "H")
            while app.figures is before:
                await asyncio.sleep(0)
            latencies.append(time.perf_counter() - began)
        ms = [t * 1000 for t in handled]
        print(
            f"card move action -> panel updated: median {statistics.median(ms):.1f} ms, "
            f"p95 {percentile(ms, 0.95):.1f} ms (n={len(ms)})"
        )
        ms = [t * 1000 for t in latencies]
        print(
            f"same, through Pilot until the app is idle (frame drawn): median "
            f"{statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms"
        )
        wm = [t * 1000 for t in writes]
        print(
            f"store write per move: median {statistics.median(wm):.1f} ms, "
            f"p95 {percentile(wm, 0.95):.1f} ms"
        )
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

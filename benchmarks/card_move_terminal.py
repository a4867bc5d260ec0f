"""A card move in a real terminal: socialplan on a pseudo-terminal, a plan of N items.

For each size (80x24 and 200x50) it opens the app, waits for the first frame to settle,
then presses L and H in turn (the selected card one stage right, then back), and prints
per move: the time from the key to the last byte of the new frame (median and 95th
percentile) and the bytes written to the terminal (median and largest). Targets: p95 at
most 50 ms on 10,000 items, at most 4 KB per move at 80x24.

With ``--server`` the plan is kept in PostgreSQL (``benchmarks/server.py``) instead of a
file; target there: p95 at most 100 ms on 100,000 items.

usage: python benchmarks/card_move_terminal.py [--items N] [--moves N] [--server]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plans import big_plan

from socialplan.data.store import PlanStore

QUIET = 0.15
"""Seconds without output after which a frame counts as complete."""
WARMUP_MOVES = 2
"""Moves made and not counted: on a cold start of a 10,000-post plan the first key could
still meet the end of start-up (a 25 KB frame at 80x24 that no later move repeats)."""


def read_until_quiet(fd: int, quiet: float, limit: float = 30.0) -> tuple[int, float]:
    """Bytes read until ``quiet`` seconds pass without any, and when the last one came."""
    total, last, deadline = 0, time.perf_counter(), time.perf_counter() + limit
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        total += len(chunk)
        last = time.perf_counter()
    return total, last


def first_frame(fd: int) -> None:
    """Wait for the first frame to settle: a big plan on a server can take seconds to
    load before anything is drawn, so quiet counts only once something was."""
    drawn, deadline = 0, time.perf_counter() + 120
    while drawn < 2000 and time.perf_counter() < deadline:
        size, _last = read_until_quiet(fd, 1.0)
        drawn += size
    read_until_quiet(fd, 1.0)


def run(path: str, columns: int, rows: int, moves: int) -> tuple[list[float], list[int]]:
    pid, fd = pty.fork()
    if pid == 0:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        os.execvpe(
            sys.executable, [sys.executable, "-m", "socialplan", "--db", str(path), "open"], env
        )
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    first_frame(fd)
    latencies, sizes = [], []
    for n in range(WARMUP_MOVES):
        os.write(fd, b"L" if n % 2 == 0 else b"H")
        read_until_quiet(fd, QUIET)
    for n in range(moves):
        pressed = time.perf_counter()
        os.write(fd, b"L" if n % 2 == 0 else b"H")
        size, last = read_until_quiet(fd, QUIET)
        latencies.append(last - pressed)
        sizes.append(size)
    os.write(fd, b"q")
    read_until_quiet(fd, 0.5)
    os.waitpid(pid, 0)
    return latencies, sizes


@contextmanager
def plan_target(args: argparse.Namespace, folder: Path) -> Iterator[str]:
    """The big plan, in a file of ``folder`` or on a PostgreSQL server."""
    plan = big_plan(args.items)
    if not args.server:
        PlanStore.create(folder / "plan.json", plan).close()
        yield str(folder / "plan.json")
        return
    from server import server_database

    from socialplan.data.server_store import ServerStore

    with server_database() as database:
        ServerStore.create(f"{database}?plan=big", plan).close()
        yield f"{database}?plan=big"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--server", action="store_true", help="keep the plan in PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, plan_target(args, Path(folder)) as target:
        os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = folder
        where = "server" if args.server else "file"
        for columns, rows in ((80, 24), (200, 50)):
            latencies, sizes = run(target, columns, rows, args.moves)
            print(
                f"{columns}x{rows}, {args.items:,} items ({where}), {args.moves} card moves: "
                f"key to frame median {statistics.median(latencies) * 1000:.0f} ms, "
                f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms; "
                f"bytes per move median {statistics.median(sizes):,.0f}, max {max(sizes):,}"
            )


if __name__ == "__main__":
    main()

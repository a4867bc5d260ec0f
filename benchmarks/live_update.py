"""Another session's edit on screen: socialplan open on a pseudo-terminal, a second session
renames the plan (its name is the screen's title) ``--edits`` times; each time, from that
commit to the new name in the terminal's output. PostgreSQL (notifications) against the
file store (checked once a second), in one run. Target (server): p95 at most 500 ms.

usage: python benchmarks/live_update.py [--items N] [--edits N]
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
from dataclasses import replace
from pathlib import Path

from card_move_terminal import first_frame, percentile, read_until_quiet
from plans import big_plan
from server import server_database

from socialplan.data.interface import open_storage
from socialplan.data.server_store import ServerStore
from socialplan.data.store import PlanStore


def until_seen(fd: int, marker: bytes, limit: float = 10.0) -> float:
    """When ``marker`` appeared in the terminal's output (read from now on)."""
    seen, deadline = b"", time.perf_counter() + limit
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            seen = (seen + os.read(fd, 65536))[-4096:]
            if marker in seen:
                return time.perf_counter()
    raise TimeoutError(f"{marker!r} never appeared")


def measure(target: str, edits: int) -> list[float]:
    pid, fd = pty.fork()
    if pid == 0:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        os.execvpe(sys.executable, [sys.executable, "-m", "socialplan", "--db", target], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    first_frame(fd)
    other = open_storage(target)
    latencies = []
    for n in range(edits):
        plan = other.reload().plan
        name = f"Live {n:04d}"
        committed = time.perf_counter()
        other.update(replace(plan, name=name), expected=plan)
        latencies.append(until_seen(fd, name.encode()) - committed)
        read_until_quiet(fd, 0.2)
    other.close()
    os.write(fd, b"q")
    read_until_quiet(fd, 0.5)
    os.waitpid(pid, 0)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    plan = big_plan(args.items)
    with tempfile.TemporaryDirectory() as folder, server_database() as database:
        os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = folder
        path = Path(folder) / "plan.json"
        PlanStore.create(path, plan).close()
        url = f"{database}?plan=live"
        ServerStore.create(url, plan).close()
        for label, target in (("server", url), ("file", str(path))):
            latencies = measure(target, args.edits)
            print(
                f"{label}, {args.items:,} items: another session's edit on screen in median "
                f"{statistics.median(latencies) * 1000:.0f} ms, "
                f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms ({args.edits} edits)"
            )


if __name__ == "__main__":
    main()

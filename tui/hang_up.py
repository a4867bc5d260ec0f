"""Leaving cleanly when the terminal goes away (a dropped SSH connection, a closed tmux
pane) or the process is told to stop."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable
from types import FrameType


def exit_on_hang_up(leave: Callable[[int], None]) -> None:
    """SIGHUP (the SSH connection dropped) or SIGTERM: leave cleanly, terminal restored
    and the store closed. Every edit is on disk the moment it is made, so there is
    nothing left to save. A hang-up brings a SIGCONT too, kept from Textual (see
    ``resume_only_after_suspend``). Only the main thread of a POSIX process can take
    signals. ``leave`` gets the exit code: 128 and the signal's number."""
    if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
        return
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGHUP, signal.SIGTERM):
        loop.add_signal_handler(signum, leave, 128 + signum)
    resume_only_after_suspend()


def resume_only_after_suspend() -> None:
    """Pass SIGCONT on to Textual only when a SIGTSTP suspended the app.

    Textual restarts application mode, with a new output thread, on every SIGCONT. The
    kernel sends SIGCONT along with SIGHUP when a terminal hangs up (a dropped SSH
    connection, a closed tmux pane): the new output thread died writing to the closed
    terminal and leaving then blocked for ever on its full queue. One in three starts
    that tmux killed right after the first paint left such a process behind.
    """
    resume = signal.getsignal(signal.SIGCONT)
    suspend = signal.getsignal(signal.SIGTSTP)
    if not callable(resume) or not callable(suspend):
        return
    suspended = threading.Event()

    def on_suspend(signum: int, frame: FrameType | None) -> None:
        suspended.set()
        suspend(signum, frame)

    def on_resume(signum: int, frame: FrameType | None) -> None:
        if suspended.is_set():
            suspended.clear()
            resume(signum, frame)

    signal.signal(signal.SIGTSTP, on_suspend)
    signal.signal(signal.SIGCONT, on_resume)

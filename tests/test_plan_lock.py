"""The plan's lock: excludes other processes, gives up after its timeout, and neither
needs to write its file nor changes what that file is."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from socialplan.data.plan_lock import LockHeldError, PlanLock
from socialplan.data.store import PlanStore


def _held_elsewhere(lock_path):
    """A process holding ``lock_path``'s flock until it is killed."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import time
            from pathlib import Path
            from socialplan.data.plan_lock import PlanLock
            PlanLock(Path({str(lock_path)!r}), 1).acquire()
            print("held", flush=True)
            time.sleep(30)
            """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_another_process_waits_for_the_timeout_then_gets_the_lock_once_freed(tmp_path):
    path = tmp_path / "plan.json.lock"
    holder = _held_elsewhere(path)
    waiting = PlanLock(path, 0.3)
    try:
        started = time.monotonic()
        with pytest.raises(LockHeldError):
            waiting.acquire()
        assert time.monotonic() - started >= 0.3
    finally:
        holder.kill()
        holder.wait()
    waiting.acquire()
    waiting.release()


def test_a_held_lock_excludes_other_flock_users_until_released(tmp_path):
    path = tmp_path / "plan.json.lock"
    lock = PlanLock(path, 1)
    lock.acquire()
    with open(path) as other:
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.release()
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_a_lock_file_this_user_may_only_read_still_locks(tmp_path):
    path = tmp_path / "plan.json.lock"
    path.touch(mode=0o444)  # a teammate's, say
    lock = PlanLock(path, 1)
    lock.acquire()
    lock.release()
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_lock_file_linked_to_another_file_leaves_that_file_as_it_was(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    path = tmp_path / "plan.json.lock"
    path.symlink_to(precious)
    lock = PlanLock(path, 1)
    lock.acquire()
    lock.release()
    assert precious.read_text() == "keep me"


def test_a_new_lock_file_gets_the_mode_asked_for(tmp_path):
    path = tmp_path / "plan.json.lock"
    old_umask = os.umask(0o022)
    try:
        PlanLock(path, 1, new_mode=0o640).acquire()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_plan_in_a_shared_folder_gets_a_lock_file_its_group_can_open(tmp_path, demo_data):
    shared = tmp_path / "team"
    shared.mkdir()
    shared.chmod(0o2770)
    old_umask = os.umask(0o007)
    try:
        PlanStore.create(shared / "plan.json", demo_data).close()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((shared / "plan.json.lock").stat().st_mode) == 0o660


def test_a_lock_file_that_cannot_be_made_raises_the_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        PlanLock(tmp_path / "missing" / "plan.json.lock", 1).acquire()

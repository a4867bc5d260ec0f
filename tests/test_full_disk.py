"""A real disk that fills up or turns read-only under a running app: a small tmpfs mounted
for the test (skipped, with the reason, where the machine does not allow mounting)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from socialplan.data.store import PlanStore, read_plan
from socialplan.tui.app import SocialPlanApp

from .conftest import frozen_clock, wait_for_notification

SIZE = (120, 40)


def _mount(directory: Path, options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MiB file system of its own; unmounted afterwards."""
    directory = tmp_path / "small"
    directory.mkdir()
    try:
        mounted = _mount(directory, "size=1m")
    except FileNotFoundError:
        pytest.skip("no mount command on this machine")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    yield directory
    subprocess.run(["umount", "-l", str(directory)], check=False)


def fill(directory: Path) -> Path:
    """Write a file until the file system is full; returns it (delete it to free space)."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def remount(directory: Path, mode: str) -> None:
    subprocess.run(
        ["mount", "-o", f"remount,{mode}", str(directory)], check=True, capture_output=True
    )


async def test_a_full_disk_keeps_the_edit_on_screen_and_the_file_intact(small_disk, demo_data):
    path = small_disk / "plan.json"
    PlanStore.create(path, demo_data).close()
    store = PlanStore.open(path)
    app = SocialPlanApp(store, clock=frozen_clock)
    async with app.run_test(size=SIZE) as pilot:
        filler = fill(small_disk)
        before = path.read_bytes()
        await pilot.press("n", *"Written later", "ctrl+s")
        assert "no space left on device" in app.sub_title
        assert any(i.title == "Written later" for i in app.plan_data.items)
        assert path.read_bytes() == before
        assert len(read_plan(path).items) == len(demo_data.items)
        assert [p.name for p in small_disk.iterdir() if p.name.startswith(".")] == []
        filler.unlink()
        app.retry_unsaved()
        assert app.sub_title == ""
    assert any(i.title == "Written later" for i in read_plan(path).items)


async def test_a_read_only_disk_keeps_the_edit_until_it_is_writable(small_disk, demo_data):
    path = small_disk / "plan.json"
    PlanStore.create(path, demo_data).close()
    app = SocialPlanApp(PlanStore.open(path), clock=frozen_clock)
    async with app.run_test(size=SIZE) as pilot:
        remount(small_disk, "ro")
        try:
            before = path.read_bytes()
            await pilot.press("n", *"Written later", "ctrl+s")
            assert "read-only file system" in app.sub_title
            assert path.read_bytes() == before
        finally:
            remount(small_disk, "rw")
        app.retry_unsaved()
        assert app.sub_title == ""
    assert any(i.title == "Written later" for i in read_plan(path).items)


def wait_for_old_versions_to_go(path: Path) -> None:
    """Old versions are deleted by a background thread after each write: one deleted
    after the disk was filled would free the room the test means to take away."""
    import time

    from socialplan.data.files import temp_files_of

    for _ in range(200):
        if not temp_files_of(path):
            return
        time.sleep(0.01)


async def test_a_changed_plan_opens_on_a_full_disk_with_a_warning(small_disk, demo_data):
    """Opening a changed plan keeps a backup; a full disk makes that a warning only."""
    from socialplan.core.model import ContentItem

    path = small_disk / "plan.json"
    PlanStore.create(path, demo_data).close()
    PlanStore.open(path).close()
    changing = PlanStore.open(path)
    changing.add(ContentItem("Changed since the backup", 1, 1))
    changing.close()
    before = path.read_bytes()
    wait_for_old_versions_to_go(path)
    filler = fill(small_disk)
    try:
        store = PlanStore.open(path)
        assert "No backup of the plan was kept: No space left on device." in store.warnings
        app = SocialPlanApp(store, clock=frozen_clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_notification(pilot, app, "No backup of the plan was kept")
        assert path.read_bytes() == before
    finally:
        filler.unlink()


def test_a_read_only_disk_refuses_a_new_plan_without_speaking_of_edits(
    small_disk, demo_path, capsys
):
    """Nothing was edited: the message does not say an edit is still on screen."""
    from socialplan import cli

    remount(small_disk, "ro")
    try:
        code = cli.main(["import", "json", str(demo_path), "--db", str(small_disk / "new.json")])
    finally:
        remount(small_disk, "rw")
    err = capsys.readouterr().err
    assert code == 1
    assert "Nothing on disk was changed." in err and "still on screen" not in err
    assert "Traceback" not in err

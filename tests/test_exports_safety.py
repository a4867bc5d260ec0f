"""Exports never destroy anything: not the plan, its lock or its backups, not an existing
file without --force (or the app's question), not a link; output that cannot be written
(a closed pipe, a full disk) ends with a message, never a traceback; and backups and
exports are no easier to read than the plan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialplan import cli
from socialplan.data.backups import backup_dir, list_backups
from socialplan.data.store import PlanStore
from socialplan.screens.confirm import ConfirmScreen

SIZE = (120, 40)
COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["export", "plan"],
    ["export", "json"],
    ["export", "csv"],
    ["export", "ics"],
    ["backups"],
    ["plans"],
]


def export_to(demo_path: Path, target: Path | str, *extra: str) -> int:
    return cli.main(["export", "json", "--db", str(demo_path), "-o", str(target), *extra])


@pytest.mark.parametrize("place", ["plan", "lock", "backup", "backups folder"])
def test_an_export_onto_the_plan_its_lock_or_a_backup_is_refused(demo_path, capsys, place):
    PlanStore.open(demo_path).close()
    (backup,) = list_backups(demo_path)
    lock = demo_path.with_name(demo_path.name + ".lock")
    lock.touch()
    target = {
        "plan": demo_path,
        "lock": lock,
        "backup": backup,
        "backups folder": backup_dir(demo_path) / "new.json",
    }[place]
    before = {p: p.read_bytes() for p in (demo_path, backup)}
    assert export_to(demo_path, target, "--force") == 1
    err = capsys.readouterr().err
    assert "is the plan, its lock or one of its backups" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before
    assert not (backup_dir(demo_path) / "new.json").exists()


def test_an_export_onto_the_plan_through_a_link_is_refused(demo_path, tmp_path, capsys):
    link = tmp_path / "innocent.json"
    link.symlink_to(demo_path)
    before = demo_path.read_bytes()
    assert export_to(demo_path, link, "--force") == 1
    assert demo_path.read_bytes() == before and link.is_symlink()


def test_an_existing_file_is_replaced_only_with_force(demo_path, tmp_path, capsys):
    target = tmp_path / "mine.txt"
    target.write_text("keep me")
    assert export_to(demo_path, target) == 1
    assert "exists already; add --force" in capsys.readouterr().err
    assert target.read_text() == "keep me"
    assert export_to(demo_path, target, "--force") == 0
    assert target.read_text().startswith("{")


def test_a_link_given_as_output_is_written_through(demo_path, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert export_to(demo_path, link, "--force") == 0
    assert link.is_symlink() and real.read_text().startswith("{")


def test_a_device_is_never_replaced(demo_path, capsys):
    assert export_to(demo_path, "/dev/null", "--force") == 1
    assert "not a regular file" in capsys.readouterr().err
    assert Path("/dev/null").is_char_device()


def test_a_dash_writes_to_standard_output(demo_path, capsys):
    assert export_to(demo_path, "-") == 0
    assert capsys.readouterr().out.startswith("{")


async def test_the_app_asks_before_replacing_an_export_beside_the_plan(make_app, demo_path):
    target = demo_path.with_name("demo-plan.json")
    target.write_text("keep me")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_export("json")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        assert target.read_text() == "keep me"
        app.action_export("json")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert target.read_text().startswith("{")


def run_into(fd: int, command: list[str], demo_path: Path) -> subprocess.CompletedProcess[bytes]:
    args = [*command] if command == ["plans"] else [*command, "--db", str(demo_path)]
    return subprocess.run(
        [sys.executable, "-m", "socialplan", *args],
        stdout=fd,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_quietly(command, demo_path):
    """`socialplan … | head`: the reader went away; no traceback, no message, not 0."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = run_into(write, command, demo_path)
    finally:
        os.close(write)
    assert result.stderr == b""
    assert result.returncode in (1, 141)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_full_output_is_said_in_one_line(command, demo_path):
    with open("/dev/full", "wb") as full:
        result = run_into(full.fileno(), command, demo_path)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "socialplan: cannot write to standard output: No space left on device\n"
    )


def test_backups_and_exports_are_no_easier_to_read_than_the_plan(demo_path, tmp_path):
    demo_path.chmod(0o600)
    backups = backup_dir(demo_path)
    backups.mkdir(mode=0o755)
    (backups / "20200101T000000_000000Z.json").write_bytes(b"{}")
    (backups / "20200101T000000_000000Z.json").chmod(0o644)
    store = PlanStore.open(demo_path)
    store.close()
    newest = list_backups(demo_path)[0]
    assert newest.stat().st_mode & 0o777 == 0o600
    assert backups.stat().st_mode & 0o777 == 0o700, "older backups are closed off too"
    export = tmp_path / "export.json"
    assert export_to(demo_path, export) == 0
    assert export.stat().st_mode & 0o777 == 0o600


def test_a_new_plan_is_the_owners_alone_unless_the_folder_is_shared(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    PlanStore.open(private / "plan.json").close()
    assert (private / "plan.json").stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "team"
    shared.mkdir()
    shared.chmod(0o2770)
    old_umask = os.umask(0o007)
    try:
        PlanStore.open(shared / "plan.json").close()
    finally:
        os.umask(old_umask)
    assert (shared / "plan.json").stat().st_mode & 0o777 == 0o660


def test_a_restore_keeps_the_backups_within_their_retention(demo_path):
    from dataclasses import replace

    from socialplan.core.model import ContentItem
    from socialplan.data.backups import KEEP_NEWEST

    for n in range(KEEP_NEWEST + 2):
        store = PlanStore.open(demo_path)
        store.add(replace(ContentItem(f"change {n}", 1, 1)))
        store.close()
    assert len(list_backups(demo_path)) == KEEP_NEWEST
    assert cli.main(["restore", "2", "--db", str(demo_path)]) == 0
    assert len(list_backups(demo_path)) == KEEP_NEWEST

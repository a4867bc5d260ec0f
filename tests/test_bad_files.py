"""Corrupt, foreign and future plan files: one clear paragraph (what, which file, which
backup and the command that restores it), a non-zero exit, the file untouched; and the
``backups`` / ``restore`` commands that get a good plan back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from socialplan import cli
from socialplan.core.model import ContentItem
from socialplan.data.backups import list_backups
from socialplan.data.store import PlanStore, read_plan

BAD_FILES = [
    ("empty", b"", "the file is empty"),
    ("truncated", b'{"meta": {"1": {"schema_version": 2}}, "items": {"1": {"ti', "not valid JSON"),
    ("other shape", b'{"_default": {"1": {"name": "x"}}}', "not a socialplan plan"),
    ("a list", b"[1, 2, 3]", "not a TinyDB document store"),
    ("newer", b'{"meta": {"1": {"schema_version": 99}}, "plan": {}}', "newer socialplan"),
]


def with_a_backup(demo_path: Path) -> Path:
    """The demo plan, opened once so that a backup of it exists."""
    PlanStore.open(demo_path).close()
    (backup,) = list_backups(demo_path)
    return backup


@pytest.mark.parametrize(("case", "content", "reason"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
@pytest.mark.parametrize("command", [["status"], ["export", "plan"], ["backups"]])
def test_each_bad_file_is_explained_and_left_untouched(
    demo_path, capsys, case, content, reason, command
) -> None:
    backup = with_a_backup(demo_path)
    demo_path.write_bytes(content)
    code = cli.main([*command, "--db", str(demo_path)])
    err = capsys.readouterr().err
    if command == ["backups"]:
        assert code == 0, "listing the backups works whatever the plan is"
    else:
        assert code == 1
        assert reason in err and str(demo_path) in err
        assert f"socialplan restore '{backup}' --db '{demo_path}'" in err
        assert "Traceback" not in err and err.count("\n") == 1
    assert demo_path.read_bytes() == content


def test_a_directory_and_an_unreadable_file(tmp_path, capsys) -> None:
    assert cli.main(["status", "--db", str(tmp_path)]) == 1
    assert "it is a directory" in capsys.readouterr().err
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    locked = tmp_path / "plan.json"
    locked.write_text("{}")
    locked.chmod(0)
    assert cli.main(["status", "--db", str(locked)]) == 1
    assert "permission" in capsys.readouterr().err.lower()


def test_backups_are_listed_and_restored_keeping_the_current_file(demo_path, capsys) -> None:
    backup = with_a_backup(demo_path)
    good = read_plan(demo_path)
    demo_path.write_bytes(b'{"meta": ')
    assert cli.main(["backups", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert f"1  {backup.name}" in out and "'Veldhuis Klimaattechniek', 60 posts" in out
    assert cli.main(["restore", "1", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert f"Restored {backup} as {demo_path}; the file it replaced is kept as" in out
    assert read_plan(demo_path) == good
    kept = list_backups(demo_path)[0]
    assert kept.read_bytes() == b'{"meta": '
    assert cli.main(["backups", "--db", str(demo_path)]) == 0
    assert "not readable: the file is not valid JSON" in capsys.readouterr().out


@pytest.mark.parametrize("current", ["readable", "broken"])
def test_a_restored_backup_hands_out_no_id_a_later_version_used(demo_path, current) -> None:
    """The restore wrote the backup's bytes as they were, ids and all: the next post got
    the id of one added after the backup was taken."""
    backup = with_a_backup(demo_path)
    store = PlanStore.open(demo_path)
    later = store.add(ContentItem("added after the backup", 1, 1))
    store.close()
    PlanStore.open(demo_path).close()  # the plan with ``later`` is a backup now too
    if current == "broken":
        demo_path.write_bytes(b"{broken")
    assert cli.main(["restore", str(backup), "--db", str(demo_path)]) == 0
    store = PlanStore.open(demo_path)
    try:
        assert later.id not in {item.id for item in store.load().items}
        assert store.add(ContentItem("new", 1, 1)).id > later.id
    finally:
        store.close()


def test_a_bad_backup_is_not_restored(demo_path, tmp_path, capsys) -> None:
    before = demo_path.read_bytes()
    fake = tmp_path / "fake.json"
    fake.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    assert cli.main(["restore", str(fake), "--db", str(demo_path)]) == 1
    assert "is not a readable plan: it was written by a newer" in capsys.readouterr().err
    assert cli.main(["restore", "7", "--db", str(demo_path)]) == 1
    assert "there is no backup number 7" in capsys.readouterr().err
    assert demo_path.read_bytes() == before

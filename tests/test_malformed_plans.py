"""A corpus of plan files that are wrong in every way we know, generated here, through
every way a plan comes in: each is refused with one clear paragraph naming the file, exit
code 1, no traceback, in bounded time, and the bytes on disk stay as they were."""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from socialplan import cli
from socialplan.data.backups import backup_dir
from socialplan.data.demo import build_demo
from socialplan.data.plan_json import plan_json

from .conftest import FROZEN_NOW

SECONDS = 10


def good_document() -> dict:
    return json.loads(plan_json(build_demo(FROZEN_NOW)))


def changed(change: Callable[[dict], object]) -> bytes:
    document = copy.deepcopy(GOOD)
    change(document)
    return json.dumps(document).encode()


def setting(field: str, value: object) -> bytes:
    return changed(lambda d: d["plan"]["1"].__setitem__(field, value))


def item_field(field: str, value: object) -> bytes:
    return changed(lambda d: d["items"]["1"].__setitem__(field, value))


def entry_field(table: str, field: str, value: object) -> bytes:
    return changed(lambda d: next(iter(d[table].values())).__setitem__(field, value))


def without(table: str, field: str) -> bytes:
    return changed(lambda d: next(iter(d[table].values())).pop(field))


def item_id(key: str) -> bytes:
    return changed(lambda d: d["items"].__setitem__(key, d["items"].pop("1")))


def meta(entry: object) -> bytes:
    return changed(lambda d: d.__setitem__("meta", {"1": entry}))


def version(value: object) -> bytes:
    return changed(lambda d: d["meta"]["1"].__setitem__("schema_version", value))


GOOD = good_document()

VALUES: dict[str, bytes] = {
    # types of one field
    "status bogus": item_field("status", "bogus"),
    "kind bogus": item_field("kind", "advert"),
    "title an int": item_field("title", 5),
    "title null": item_field("title", None),
    "title a list": item_field("title", ["a"]),
    "channel a string": item_field("channel", "LinkedIn"),
    "channel a float": item_field("channel", 1.5),
    "channel a bool": item_field("channel", True),
    "time without offset": item_field("scheduled_at", "2026-12-01T09:00:00"),
    "time garbage": item_field("scheduled_at", "next tuesday"),
    "time a number": item_field("scheduled_at", 1764576000),
    "tags a string": item_field("tags", "a,b"),
    "tags of numbers": item_field("tags", [1, 2]),
    "cta a string": item_field("cta", "yes"),
    "rank a word": item_field("rank", "high"),
    "pillar an object": item_field("pillar", {"id": 1}),
    "body a number": item_field("body", 12),
    "ratio a string": setting("ratio_content", "10"),
    "ratio a fraction": setting("ratio_content", 10.5),
    "ratio zero": setting("ratio_promotion", 0),
    "time zone on Mars": setting("timezone", "Mars/Olympus"),
    "time zone a number": setting("timezone", 1),
    "time zone a path": setting("timezone", "../../etc/passwd"),
    "window 10^15 days": setting("window_days", 10**15),
    "window 0 days": setting("window_days", 0),
    "window negative": setting("window_days", -1),
    "CTA share 500 %": setting("min_cta_percent", 500),
    "budget negative": setting("budget", -5),
    "budget 1e300": setting("budget", 1e300),
    "iteration 0": setting("current_iteration", 0),
    "plan name with a line break": setting("name", "Acme\nInc"),
    "plan name null": setting("name", None),
    "link with a line break": item_field("link", "https://a.example/\nx"),
    "owner with a line break": item_field("owner", "Lotte\nX"),
    "reach negative": entry_field("results", "reach", -1),
    "reach beyond any count": entry_field("results", "reach", 10**15),
    "period a word": entry_field("results", "period_start", "yesterday"),
    "due on month 13": entry_field("change_actions", "due", "2026-13-01"),
    "deadline a number": entry_field("goals", "deadline", 20270101),
    "goal channels a string": entry_field("goals", "channels", "1,2"),
    "goal channels of floats": entry_field("goals", "channels", [1.5]),
    "setup area bogus": entry_field("setup_tasks", "area", "marketing"),
    "support bogus": entry_field("stakeholders", "support", "fan"),
    "stage order 10^9": entry_field("stages", "order", 10**9),
    "item without a title": without("items", "title"),
    "item without a channel": without("items", "channel"),
    "plan without a name": without("plan", "name"),
    # shapes of entries, ids and the meta entry
    "item a list": changed(lambda d: d["items"].__setitem__("1", [1])),
    "item a string": changed(lambda d: d["items"].__setitem__("1", "post")),
    "item null": changed(lambda d: d["items"].__setitem__("1", None)),
    "id a word": item_id("abc"),
    "id negative": item_id("-1"),
    "id zero": item_id("0"),
    "id a fraction": item_id("1.5"),
    "id in Arabic digits": item_id("\u0663"),
    "id beyond any count": item_id("9" * 20),
    "no plan table": changed(lambda d: d.pop("plan")),
    "an empty plan table": changed(lambda d: d.__setitem__("plan", {})),
    "schema version 0": version(0),
    "schema version negative": version(-1),
    "schema version a string": version("2"),
    "schema version true": version(True),
    "schema version 99": version(99),
    "meta entry a number": meta(5),
    "highest ids a word": changed(lambda d: d["meta"]["1"].__setitem__("last_ids", {"items": "x"})),
    "highest id negative": changed(lambda d: d["meta"]["1"].__setitem__("last_ids", {"items": -3})),
    # whole files
    "an empty object": b"{}",
    "an empty file": b"",
    "whitespace": b"  \n\t ",
    "not JSON": b"plan: yes",
    "truncated": plan_json(build_demo(FROZEN_NOW))[:500],
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"plan"',
    "a JSON number": b"42",
    "tables that are lists": b'{"meta": [1], "plan": []}',
    "not UTF-8": b'{"plan": {"1": {"name": "\xff\xfe"}}}',
    "nested too deep": b"[" * 100_000 + b"]" * 100_000,
}

KINDS = ["a FIFO", "a link to /dev/zero", "a directory", "larger than the cap"]


def make_kind(kind: str, path: Path) -> None:
    if kind == "a FIFO":
        os.mkfifo(path)
    elif kind == "a link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "a directory":
        path.mkdir()
    else:
        with path.open("wb") as handle:
            handle.truncate(600 * 2**20)  # sparse: costs no disk


CORPUS = [*VALUES, *KINDS]


@contextmanager
def bounded(seconds: int = SECONDS) -> Iterator[None]:
    """Fail instead of hanging: a FIFO must be refused, not waited on."""

    def too_slow(_signum, _frame):
        raise AssertionError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def bad_file(case: str, folder: Path) -> Path:
    path = folder / "plan.json"
    if case in VALUES:
        path.write_bytes(VALUES[case])
    else:
        make_kind(case, path)
    return path


def fingerprint(path: Path) -> object:
    if path.is_symlink():
        return ("link", os.readlink(path))
    if not path.is_file() or path.stat().st_size > 2**20:
        return ("kind", path.stat().st_mode, path.stat().st_size)
    return path.read_bytes()


def refused(capsys, code: int, path: Path) -> str:
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert str(path) in err, err
    assert err.count("\n") == 1, "one paragraph"
    return err


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 60


@pytest.mark.parametrize("case", CORPUS)
def test_a_malformed_plan_is_refused_everywhere_and_left_untouched(case, tmp_path, capsys):
    path = bad_file(case, tmp_path)
    before = fingerprint(path)
    other = tmp_path / "other.json"
    commands = [
        ["status", "--db", str(path)],
        ["export", "json", "--db", str(path)],
        ["--db", str(path)],
        ["new", "Fresh", "--from", str(path)],
        ["import", "json", str(path), "--db", str(other)],
    ]
    for command in commands:
        with bounded():
            code = cli.main(command)
        refused(capsys, code, path)
        assert fingerprint(path) == before, command
    assert not other.exists(), "an import that is refused writes nothing"
    assert not list((tmp_path / "home").glob("**/fresh.json"))
    assert not backup_dir(path).exists(), "a refused plan is not backed up as if good"


@pytest.mark.parametrize("case", [c for c in VALUES if len(VALUES[c]) < 2**20])
def test_backups_and_restore_survive_a_malformed_backup(case, demo_path, capsys):
    backups = backup_dir(demo_path)
    backups.mkdir()
    (backups / "20260101T000000_000000Z.json").write_bytes(VALUES[case])
    good = demo_path.read_bytes()
    with bounded():
        assert cli.main(["backups", "--db", str(demo_path)]) == 0
    assert "not readable" in capsys.readouterr().out
    with bounded():
        assert cli.main(["restore", "1", "--db", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "is not a readable plan" in err and "Traceback" not in err
    assert demo_path.read_bytes() == good


def test_the_apps_reload_refuses_a_malformed_plan(tmp_path, demo_path):
    """The reload a second session's write starts reads through the same check."""
    from socialplan.data.errors import UnreadablePlanError
    from socialplan.data.store import read_plan

    shutil.copy(demo_path, tmp_path / "copy.json")
    (tmp_path / "copy.json").write_bytes(VALUES["status bogus"])
    with pytest.raises(UnreadablePlanError, match="field 'status' has a wrong value \"bogus\""):
        read_plan(tmp_path / "copy.json")

"""The file store's activity: who changed what, one JSON line per change, appended to
``PLAN.json.activity`` beside the plan after the plan itself was written.

The lines are a log, not the plan: they are appended (never rewriting the plan's file
for them), an append that fails (a full disk) loses the line but never the edit, and the
file is cut to its newer half when it grows past ``MAX_BYTES``. Who is the operating
system's user, or for a browser session of ``serve`` the person its token belongs to.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import orjson

from socialplan.core.activity import Action, Change, post_facts

MAX_BYTES = 4 * 2**20
PERSON_VARIABLE = "SOCIALPLAN_USER"


def log_path(plan: Path) -> Path:
    return plan.with_name(plan.name + ".activity")


def current_person() -> str:
    """Who this program acts for: the person ``serve`` started it for, else the OS user."""
    person = os.environ.get(PERSON_VARIABLE, "").strip()
    if person:
        return person
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def append(plan: Path, changes: Iterable[Change]) -> None:
    lines = b"".join(orjson.dumps(_line(change)) + b"\n" for change in changes)
    if not lines:
        return
    target = log_path(plan)
    with contextlib.suppress(OSError):
        with open(target, "ab") as log:
            log.write(lines)
            size = log.tell()
        if size > MAX_BYTES:
            _keep_newer_half(target)


def latest(
    plan: Path, *, kind: str | None = None, entry_id: int | None = None, limit: int = 200
) -> list[Change]:
    """The newest changes first (of one table with ``kind``, of one entry with
    ``entry_id`` too)."""
    try:
        raw = log_path(plan).read_bytes()
    except OSError:
        return []
    found: list[Change] = []
    for line in reversed(raw.splitlines()):
        change = _parsed(line)
        if change is None or not _about(change, kind, entry_id):
            continue
        found.append(change)
        if len(found) == limit:
            break
    return found


def _about(change: Change, kind: str | None, entry_id: int | None) -> bool:
    return (kind is None or change.kind == kind) and (
        entry_id is None or change.entry_id == entry_id
    )


def _line(change: Change) -> dict[str, object]:
    return {
        "at": change.at.astimezone(UTC).isoformat(timespec="seconds"),
        "who": change.who,
        "action": change.action.value,
        "kind": change.kind,
        "id": change.entry_id,
        "summary": change.summary,
        "fields": list(change.fields),
        **({"scheduled_at": change.when.astimezone(UTC).isoformat()} if change.when else {}),
        **({"channel": change.channel} if change.channel is not None else {}),
    }


def _parsed(line: bytes) -> Change | None:
    """A line as it was written, or None for one cut short or not ours."""
    try:
        entry = orjson.loads(line)
        return Change(
            datetime.fromisoformat(entry["at"]),
            str(entry["who"]),
            Action(entry["action"]),
            str(entry["kind"]),
            int(entry["id"]),
            str(entry["summary"]),
            tuple(str(name) for name in entry["fields"]),
            *post_facts(entry),
        )
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def _keep_newer_half(target: Path) -> None:
    from .files import atomic_replace

    raw = target.read_bytes()
    half = raw[len(raw) // 2 :]
    atomic_replace(target, half[half.find(b"\n") + 1 :])

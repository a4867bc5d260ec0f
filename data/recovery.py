"""Edits that waited for the disk when the app had to leave (SIGTERM, a dropped SSH
connection): kept in a recovery file so the next session can apply them, in order.

The file sits beside the plan (``PLAN.json.recovery``) with the plan's permissions; when
the plan's disk refuses it too (it is full: that is why the edits waited), it goes to the
user's state directory instead. The records are the App's own (see
``requests.to_record``); this module only writes, finds, reads and removes them.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from socialplan.core.frozen import frozen
from socialplan.core.i18n import _

from .errors import StoreError
from .files import atomic_replace, mode_of, read_regular_file
from .paths import state_dir

SUFFIX = ".recovery"
MAX_RECOVERY_BYTES = 64 * 2**20
FORMAT = 1


class RecoveryError(StoreError):
    """A recovery file that cannot be written or read; says which and why."""


@frozen
class Recovery:
    path: Path
    written: datetime
    records: list[dict[str, Any]]


def beside(plan: Path) -> Path:
    return plan.with_name(plan.name + SUFFIX)


def in_state_directory(plan: Path) -> Path:
    """The fallback place: named after the plan's full path, so plans never share one."""
    digest = hashlib.sha256(str(plan).encode()).hexdigest()[:16]
    return state_dir() / f"{plan.stem}-{digest}{SUFFIX}"


def write_recovery(plan: Path, records: list[dict[str, Any]]) -> Path:
    """Keep ``records`` for the next session; returns where. Beside the plan if its disk
    takes it, else in the state directory; ``RecoveryError`` if neither does."""
    payload = orjson.dumps(
        {
            "format": FORMAT,
            "plan": str(plan),
            "written": datetime.now(UTC).isoformat(),
            "edits": records,
        }
    )
    problems = []
    for target in (beside(plan), in_state_directory(plan)):
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_replace(target, payload, new_mode=mode_of(plan))
        except OSError as error:
            problems.append(f"{target}: {error.strerror or error}")
            continue
        return target
    raise RecoveryError(
        _("The waiting edits could not be kept anywhere: {problems}").format(
            problems="; ".join(problems)
        )
    )


def find_recovery(plan: Path) -> Recovery | None:
    """The edits an earlier session left for ``plan``, or None."""
    for candidate in (beside(plan), in_state_directory(plan)):
        if candidate.exists():
            return read_recovery(candidate)
    return None


def read_recovery(path: Path) -> Recovery:
    try:
        document = orjson.loads(read_regular_file(path, MAX_RECOVERY_BYTES))
    except (OSError, orjson.JSONDecodeError) as error:
        raise RecoveryError(
            _("The recovery file {path} cannot be read: {value}").format(path=path, value=error)
        ) from None
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or not isinstance(document.get("edits"), list)
        or not all(isinstance(record, dict) for record in document["edits"])
    ):
        raise RecoveryError(
            _("The recovery file {path} is not one socialplan wrote.").format(path=path)
        )
    try:
        written = datetime.fromisoformat(str(document.get("written")))
    except ValueError:
        written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return Recovery(path, written, document["edits"])


def remove_recovery(recovery: Recovery) -> None:
    recovery.path.unlink(missing_ok=True)

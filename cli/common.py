"""What several commands share: which plan a command means, a day argument, the app."""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from socialplan.core.i18n import _
from socialplan.data.paths import chosen_plan_target, plans_dir

if TYPE_CHECKING:
    from socialplan.core.model import Status
    from socialplan.data.interface import PlanStorage


def plan_target(args: argparse.Namespace) -> str:
    """``--db``, else ``$SOCIALPLAN_DB``, else the platform's data directory: a plan file's
    path or a ``postgresql://`` URL; another URL is refused here rather than taken for a
    file name."""
    from socialplan.data.interface import is_server, is_url, raise_unsupported

    target = chosen_plan_target(getattr(args, "db", None))
    if target.startswith("file://"):
        target = target.removeprefix("file://")
    elif is_url(target) and not is_server(target):
        raise_unsupported(target.split("://", 1)[0])
    return target if is_url(target) else str(Path(target).expanduser())


def plan_file(args: argparse.Namespace) -> Path:
    """The plan file a command that only files have (backups, restore) acts on."""
    from socialplan.data.errors import StoreError
    from socialplan.data.interface import is_server

    target = plan_target(args)
    if is_server(target):
        raise StoreError(
            _(
                "A plan on a database server has no backup files: back the database up "
                "with pg_dump (see README), or keep 'socialplan export json' copies."
            )
        )
    return Path(target)


def chosen_plan(args: argparse.Namespace) -> str:
    """A plan named on the command line (in the plans folder, or on the ``--db`` server),
    else ``--db`` / ``$SOCIALPLAN_DB`` / the default."""
    from socialplan.data.interface import is_server

    target = plan_target(args)
    name = getattr(args, "name", None)
    if name and is_server(target):
        from socialplan.data.plans import plan_key
        from socialplan.data.server_connection import ServerAddress

        return ServerAddress.parse(target).with_plan(plan_key(name)).target
    if name:
        from socialplan.data.plans import find_plan

        return str(find_plan(plans_dir(), name))
    return target


STDIN = "-"
"""A file argument that means standard input (and ``-o -`` standard output)."""


def read_input(file: str, limit: int) -> tuple[bytes, Path]:
    """The bytes an import reads, and the name to give them in messages: standard input
    for ``-`` (at most ``limit`` bytes), else the file (a regular file only, see
    ``data.files.read_regular_file``). Raises OSError, with its reason, for what cannot
    be read."""
    from socialplan.data.files import read_regular_file

    if file == STDIN:
        raw = sys.stdin.buffer.read(limit + 1)
        if len(raw) > limit:
            raise OSError(errno.EFBIG, _("standard input holds more than an import reads"))
        return raw, Path(_("standard input"))
    path = Path(file).expanduser()
    return read_regular_file(path, limit), path


def _statuses(text: str) -> frozenset[Status]:
    """``approved,scheduled``: statuses by their stored names, for ``--status``."""
    from socialplan.core.model import Status

    names = [name.strip().replace(" ", "_") for name in text.split(",") if name.strip()]
    try:
        return frozenset(Status(name) for name in names)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a list of statuses ({names})").format(
                text=text, names=", ".join(s.value for s in Status)
            )
        ) from None


def write_output(
    target: Path, payload: bytes, plan: str, *, replace: bool, quiet: bool = False
) -> bool:
    """Write an export (``data.exports.write_export``'s checks), saying on standard error
    why not, and (unless ``quiet``: cron mails whatever a job prints) that it was."""
    from socialplan.data.exports import write_export
    from socialplan.data.interface import local_place

    try:
        write_export(target, payload, local_place(plan), replace=replace)
    except OSError as error:
        print(
            _("socialplan: cannot write {target}: {value}").format(
                target=target, value=error.strerror or error
            ),
            file=sys.stderr,
        )
        return False
    if not quiet:
        print(_("Wrote {target}.").format(target=target), file=sys.stderr)
    return True


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a date; use YYYY-MM-DD").format(text=text)
        ) from None


def _run_app(store: PlanStorage) -> int:
    """Open the App on ``store``.

    Textual's modules and the App's are loaded with the cyclic collector paused: they are
    some 60,000 objects that live as long as the App and hold almost no garbage, and the
    collector walked them 74 times while they loaded (16-18 ms of a start). The
    App freezes them before the collector runs again.
    """
    from socialplan.data.collector import paused_collector

    with paused_collector():
        from socialplan.tui.app import SocialPlanApp

        app = SocialPlanApp(store)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0

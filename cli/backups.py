"""Commands for a plan's backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from socialplan.core.i18n import _
from socialplan.data.errors import StoreError

if TYPE_CHECKING:
    pass
from .common import plan_file


def run_backups(args: argparse.Namespace) -> int:
    from socialplan.data.backups import list_backups
    from socialplan.data.store import read_plan

    path = plan_file(args)
    backups = list_backups(path)
    if not backups:
        print(_("There are no backups of {path}.").format(path=path))
        return 0
    print(_("Backups of {path}, newest first:").format(path=path))
    for number, backup in enumerate(backups, start=1):
        try:
            plan_data = read_plan(backup)
            what = _("{name!r}, {count} posts").format(
                name=plan_data.plan.name, count=len(plan_data.items)
            )
        except StoreError as error:
            what = _("not readable: {getattr}").format(getattr=getattr(error, "reason", error))
        size = backup.stat().st_size
        print(
            _("{number:>3}  {name}  {size:>10,} bytes  {what}").format(
                number=number, name=backup.name, size=size, what=what
            )
        )
    print(_("Restore one with: socialplan restore NUMBER --db '{path}'").format(path=path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from socialplan.data.backups import list_backups
    from socialplan.data.errors import UnreadablePlanError
    from socialplan.data.store import restore_plan

    path = plan_file(args)
    backups = list_backups(path)
    choice = args.backup
    if choice.isdigit() and not Path(choice).exists():
        if not 1 <= int(choice) <= len(backups):
            print(
                _("socialplan: there is no backup number {choice} of {path}").format(
                    choice=choice, path=path
                ),
                file=sys.stderr,
            )
            return 1
        backup = backups[int(choice) - 1]
    else:
        backup = Path(choice).expanduser()
    if not backup.is_file():
        print(
            _("socialplan: there is no backup file {backup}").format(backup=backup), file=sys.stderr
        )
        return 1
    try:
        kept = restore_plan(path, backup)
    except UnreadablePlanError as error:
        print(
            _(
                "socialplan: not restored, {backup} is not a readable plan: {reason}. "
                "{path} has not been changed."
            ).format(backup=backup, reason=error.reason, path=path),
            file=sys.stderr,
        )
        return 1
    aside = _("; the file it replaced is kept as {kept}").format(kept=kept) if kept else ""
    print(_("Restored {backup} as {path}{aside}.").format(backup=backup, path=path, aside=aside))
    return 0

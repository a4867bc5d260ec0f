"""Moving plans between a plan file and a database server, both ways, losslessly: every
entry with its id, and the ids handed out so far (none is handed out twice after)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from socialplan.core.i18n import _
from socialplan.data.errors import StoreError

from .common import plan_file

if TYPE_CHECKING:
    from socialplan.core.plan_data import PlanData
    from socialplan.data.server_connection import ServerAddress


def run_push(args: argparse.Namespace) -> int:
    """``push [NAME] --to postgresql://…``: a plan file (NAME from ``plans``, or --db) as a
    plan on the server, called NAME (or the file's name)."""
    from socialplan.data.backups import ids_handed_out
    from socialplan.data.server_store import ServerStore
    from socialplan.data.store import read_plan

    source = _local_plan(args)
    address = _server(args.to, source)
    plan_data = read_plan(source)
    marks = ids_handed_out(source)
    if args.replace:
        store = ServerStore.open(address)
        try:
            store.replace_all(plan_data, marks)
        finally:
            store.close()
    else:
        ServerStore.create(address, plan_data, marks).close()
    print(
        _("Pushed {path} ({count} posts) to {url}.").format(
            path=source, count=len(plan_data.items), url=address.url
        )
    )
    return 0


def run_pull(args: argparse.Namespace) -> int:
    """``pull NAME --from postgresql://…``: a plan on the server as a plan file (in the
    plans folder, or --db)."""
    from socialplan.data.plans import plan_key
    from socialplan.data.server_connection import ServerAddress
    from socialplan.data.server_store import ServerStore

    address = ServerAddress.parse(getattr(args, "from"))
    address = address.with_plan(plan_key(args.name or address.plan or ""))
    target = _pull_target(args, address.plan or "")
    store = ServerStore.open(address, create=False)
    try:
        plan_data, marks = store.load(), store.ids_handed_out()
    finally:
        store.close()
    _write_pulled(target, plan_data, marks, replace=args.replace)
    print(
        _("Pulled {url} ({count} posts) into {path}.").format(
            url=address.url, count=len(plan_data.items), path=target
        )
    )
    return 0


def _local_plan(args: argparse.Namespace) -> Path:
    if args.name:
        from socialplan.data.paths import plans_dir
        from socialplan.data.plans import find_plan

        return find_plan(plans_dir(), args.name)
    return plan_file(args)


def _server(url: str, source: Path) -> ServerAddress:
    from socialplan.data.interface import is_server
    from socialplan.data.plans import plan_key
    from socialplan.data.server_connection import ServerAddress

    if not is_server(url):
        raise StoreError(_("--to takes a postgresql:// URL, not {url!r}.").format(url=url))
    address = ServerAddress.parse(url)
    return address if address.plan else address.with_plan(plan_key(source.stem))


def _pull_target(args: argparse.Namespace, name: str) -> Path:
    if getattr(args, "db", None):
        return plan_file(args)
    from socialplan.data.paths import plans_dir

    return plans_dir() / f"{name}.json"


def _write_pulled(
    target: Path, plan_data: PlanData, marks: dict[str, int], *, replace: bool
) -> None:
    from socialplan.data.store import PlanStore

    if not target.exists():
        PlanStore.create(target, plan_data, marks).close()
        return
    if not replace:
        raise StoreError(
            _(
                "There is already a plan at {path}; add --replace to replace it (it is "
                "kept as a backup first), or choose another file with --db."
            ).format(path=target)
        )
    store = PlanStore.open(target)
    try:
        store.replace_all(plan_data, marks)
    finally:
        store.close()

"""Commands that open, list, create and serve plans."""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialplan.core.i18n import N_, _, language
from socialplan.data.errors import StoreError
from socialplan.data.paths import plans_dir

if TYPE_CHECKING:
    from socialplan.core.plan_data import PlanData
from .common import _run_app, chosen_plan, plan_target, write_output


def run_open(args: argparse.Namespace) -> int:
    from socialplan.data.interface import open_storage

    store = open_storage(chosen_plan(args))
    return _run_app(store)


def run_plans(args: argparse.Namespace) -> int:
    from socialplan.data.interface import is_server
    from socialplan.data.plans import list_plans

    target = plan_target(args)
    if is_server(target):
        return _server_plans(target)
    directory = plans_dir()
    plans = list_plans(directory)
    if not plans:
        print(
            _("There are no plans in {directory} yet. Create one with: socialplan new NAME").format(
                directory=directory
            )
        )
        return 0
    print(_("Plans in {directory}:").format(directory=directory))
    _print_plans([(plan.key, plan.name, plan.posts) for plan in plans])
    print(_("Open one with: socialplan open NAME"))
    return 0


def _print_plans(rows: list[tuple[str, str, int | None]]) -> None:
    """A plan a line: the name to open it by, its own name, its posts (None: unreadable)."""
    width = max(len(key) for key, _name, _posts in rows)
    for key, name, posts in rows:
        count = "" if posts is None else _("  {posts} posts").format(posts=posts)
        print(f"  {key:<{width}}  {name}{count}")


def _server_plans(target: str) -> int:
    from socialplan.data.server_connection import ServerAddress, list_server_plans

    address = ServerAddress.parse(target)
    plans = list_server_plans(address)
    if not plans:
        print(
            _(
                "There are no plans in {server} yet. Create one with: "
                "socialplan new NAME --db {server}"
            ).format(server=address.shown)
        )
        return 0
    print(_("Plans in {server}:").format(server=address.shown))
    _print_plans([(plan.name, plan.title, plan.posts) for plan in plans])
    print(_("Open one with: socialplan open NAME --db {server}").format(server=address.shown))
    return 0


def run_new(args: argparse.Namespace) -> int:
    from socialplan.data.interface import is_server
    from socialplan.data.plans import create_plan

    template = _template(args.template) if args.template else None
    target = plan_target(args)
    if is_server(target):
        return _new_on_server(target, args.name, template)
    path = create_plan(plans_dir(), args.name, template)
    print(
        _("Created the plan {name!r} in {path}. Open it with: socialplan open {stem}").format(
            name=args.name, path=path, stem=path.stem
        )
    )
    return 0


def _new_on_server(target: str, name: str, template: PlanData | None) -> int:
    from socialplan.data.plans import new_plan_data, plan_key
    from socialplan.data.server_connection import ServerAddress
    from socialplan.data.server_store import ServerStore

    address = ServerAddress.parse(target).with_plan(plan_key(name))
    ServerStore.create(address, new_plan_data(name, template)).close()
    print(
        _(
            "Created the plan {name!r} in {server}. Open it with: "
            "socialplan open {key} --db {server}"
        ).format(name=name, server=address.shown, key=address.plan)
    )
    return 0


def _template(source: str) -> PlanData:
    if source == "demo":
        from socialplan.data.demo import build_demo

        return build_demo(datetime.now(UTC))
    path = Path(source).expanduser()
    from socialplan.data.store import read_plan

    try:
        return read_plan(path)
    except StoreError:
        from socialplan.data.plan_json import read_plan_json

        return read_plan_json(path)


def plan_feed(target: str, channel: str | None) -> bytes | None:
    """The plan's schedule as an .ics, read afresh (of one channel; None for an unknown
    one): what ``serve`` publishes and ``feed`` writes."""
    from socialplan.data.ics import cancelled_posts, plan_calendar
    from socialplan.data.interface import read_with_activity_at

    plan_data, deleted = read_with_activity_at(target, kind="items", limit=FEED_ACTIVITY)
    named = plan_data.channel_named(channel) if channel else None
    if channel and named is None:
        return None
    now, channel_id = datetime.now(UTC), named.id if named else None
    cancelled = cancelled_posts(deleted, plan_data, now, channel_id)
    return plan_calendar(plan_data, channel=channel_id, stamp=now, cancelled=cancelled)


FEED_ACTIVITY = 5000
"""How many of the latest post changes the feed looks through for deleted posts."""


def run_feed(args: argparse.Namespace) -> int:
    """Write the calendar feed for a web server to publish (from cron): the file is
    replaced atomically each time."""
    path = chosen_plan(args)
    calendar = plan_feed(path, args.channel)
    if calendar is None:
        print(
            _("socialplan: the plan has no channel {name!r}.").format(name=args.channel),
            file=sys.stderr,
        )
        return 1
    target = Path(args.output).expanduser()
    return 0 if write_output(target, calendar, path, replace=True, quiet=True) else 1


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app to a browser: each browser tab runs ``socialplan open`` on the plan,
    for whoever holds a token, from the page this server served."""
    from socialplan.data.settings import load_settings
    from socialplan.tui.serve import (
        DEFAULT_MAX_SESSIONS,
        GuardedServer,
        is_loopback,
        new_token,
        people_from_settings,
        port_in_use,
    )

    path = chosen_plan(args)
    settings = load_settings()
    try:
        people = people_from_settings(settings) or {new_token(): ""}
    except ValueError as error:
        print(_("socialplan: {error}").format(error=error), file=sys.stderr)
        return 1
    problem = port_in_use(args.host, args.port)
    if problem is not None:
        print(
            _(
                "socialplan: cannot serve on {host}:{port}: {value}; choose another with --port."
            ).format(host=args.host, port=args.port, value=problem.strerror or problem),
            file=sys.stderr,
        )
        return 1
    if not is_loopback(args.host):
        print(_(EXPOSED_WARNING).format(host=args.host), file=sys.stderr)
    roles = (settings.get("serve") or {}).get("roles") or {}
    command_for = partial(serve_command, path, roles if isinstance(roles, dict) else {})
    most = args.max_sessions or (settings.get("serve") or {}).get("max_sessions")
    server = GuardedServer(
        command_for,
        host=args.host,
        port=args.port,
        people=people,
        max_sessions=most if isinstance(most, int) and most > 0 else DEFAULT_MAX_SESSIONS,
        calendar=partial(plan_feed, path),
    )
    address = f"http://{args.host}:{args.port}/"
    print(_("Serving {path} (ctrl+c stops).").format(path=shown_target(path)))
    for token, person in people.items():
        if person:
            print(_("  for {person}: {address}?token=…").format(person=person, address=address))
        else:
            print(_("  open: {address}?token={token}").format(address=address, token=token))
    sys.stdout.flush()
    server.serve()
    return 0


def serve_command(target: str, roles: dict[str, Any], person: str) -> str:
    """The command a browser session of ``person`` runs: ``socialplan open`` on the plan,
    as that person (the file store's activity), and on a database server as their own
    database role (``serve.roles`` in the settings, else the person's name), so that the
    server enforces what they may do and records their name."""
    import shlex

    from socialplan.data.interface import is_server
    from socialplan.data.server_connection import ServerAddress

    if person and is_server(target):
        role = roles.get(person) if isinstance(roles.get(person), str) else person
        target = ServerAddress.parse(target).as_role(str(role)).target
    opening = [sys.executable, "-m", "socialplan", "open", "--db", target, "--lang", language()]
    who = ["env", f"SOCIALPLAN_USER={person}"] if person else []
    return shlex.join([*who, *opening])


def shown_target(target: str) -> str:
    """A plan as messages name it: a file's path, a server's URL without the password."""
    from socialplan.data.interface import is_server
    from socialplan.data.server_connection import ServerAddress

    return ServerAddress.parse(target).url if is_server(target) else target


EXPOSED_WARNING = N_(
    "WARNING: serving on {host}, not only on this machine: anyone who can reach it and "
    "holds a token can read and change the plan, and the connection is not encrypted. "
    "Prefer --host localhost with an SSH tunnel (ssh -L 8000:localhost:8000 HOST)."
)


def run_demo(_args: argparse.Namespace) -> int:
    from socialplan.data.demo import build_demo
    from socialplan.data.store import PlanStore

    with tempfile.TemporaryDirectory(prefix="socialplan-demo-") as directory:
        store = PlanStore.create(Path(directory) / "demo.json", build_demo(datetime.now(UTC)))
        return _run_app(store)

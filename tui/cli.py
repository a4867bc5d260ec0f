"""The ``socialplan`` command line.

Heavy modules (Textual, the app, the demo) are imported inside the commands that need
them, so ``socialplan status`` stays fast and free of Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialplan import __version__
from socialplan.core.edits import describe
from socialplan.core.i18n import LANGUAGES, N_, _, choose_language, language, use_language
from socialplan.data.errors import StoreError
from socialplan.data.paths import ENV_DB, chosen_plan_target, default_plan_path, plans_dir

if TYPE_CHECKING:
    from socialplan.core.model import PlanData
    from socialplan.data.interface import PlanStorage
    from socialplan.data.session import PlanSession


def plan_path(args: argparse.Namespace) -> Path:
    """``--db``, else ``$SOCIALPLAN_DB``, else the platform's data directory; a URL this
    version cannot open is refused here rather than taken for a file name."""
    from socialplan.data.interface import is_url, raise_unsupported

    target = chosen_plan_target(getattr(args, "db", None))
    if target.startswith("file://"):
        target = target.removeprefix("file://")
    elif is_url(target):
        raise_unsupported(target.split("://", 1)[0])
    return Path(target).expanduser()


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default=argparse.SUPPRESS,
        help=_("interface language (default: the language setting, else $LANG, else English)"),
    )
    db = argparse.ArgumentParser(add_help=False, parents=[common])
    db.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("plan file (default: ${ENV_DB}, else {default_plan_path})").format(
            ENV_DB=ENV_DB, default_plan_path=default_plan_path()
        ),
    )
    parser = argparse.ArgumentParser(
        prog="socialplan",
        parents=[db],
        description=_(
            "Plan, run and measure a social-media strategy: the 3-S cycle on the "
            "SocialStrategyModel's foundation."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"socialplan {__version__}",
    )
    parser.set_defaults(run=run_open)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    opening = commands.add_parser(
        "open", parents=[db], help=_("open a plan in the app (without NAME: your default plan)")
    )
    opening.add_argument(
        "name", metavar="NAME", nargs="?", help=_("a plan from 'socialplan plans'")
    )
    opening.set_defaults(run=run_open)
    commands.add_parser(
        "plans",
        parents=[common],
        help=_("list the plans in {parent}").format(parent=plans_dir()),
    ).set_defaults(run=run_plans)
    new = commands.add_parser(
        "new", parents=[common], help=_("create a plan (one per client or brand)")
    )
    new.add_argument("name", metavar="NAME", help=_("the plan's name, like 'Bakkerij De Vries'"))
    new.add_argument(
        "--from",
        dest="template",
        metavar="TEMPLATE",
        help=_("start from 'demo' (the sample plan) or a plan file or JSON export"),
    )
    new.set_defaults(run=run_new)
    serve = commands.add_parser(
        "serve", parents=[db], help=_("make the app reachable in a browser (textual-serve)")
    )
    serve.add_argument("name", metavar="NAME", nargs="?", help=_("a plan from 'socialplan plans'"))
    serve.add_argument(
        "--host", default="localhost", help=_("address to listen on (default: localhost)")
    )
    serve.add_argument("--port", type=int, default=8000, help=_("port (default: 8000)"))
    serve.add_argument(
        "--max-sessions",
        type=int,
        metavar="N",
        help=_("at most N browser sessions at once (default: the setting, else 4)"),
    )
    serve.set_defaults(run=run_serve)
    commands.add_parser(
        "demo", parents=[common], help=_("open a fresh copy of the demo plan in a temporary place")
    ).set_defaults(run=run_demo)
    status = commands.add_parser(
        "status", parents=[db], help=_("print the ratio, KPI figures and next posts, then exit")
    )
    status.add_argument("--json", action="store_true", help=_("machine-readable output"))
    status.set_defaults(run=run_status)
    export = commands.add_parser(
        "export",
        parents=[db],
        help=_(
            "write the strategy (Markdown), the whole plan (JSON), the posts (CSV) or the "
            "schedule as a calendar (ics)"
        ),
    )
    export.add_argument(
        "what",
        choices=["plan", "json", "csv", "ics"],
        help=_(
            "plan: the strategy as Markdown; json: the whole plan, lossless; csv: the posts "
            "in the bulk layout; ics: the scheduled posts as calendar events"
        ),
    )
    export.add_argument("--format", choices=["md"], default="md", help=argparse.SUPPRESS)
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("write to FILE instead of standard output ('-': standard output)"),
    )
    export.add_argument(
        "--force", action="store_true", help=_("replace FILE when it exists already")
    )
    export.add_argument("--channel", metavar="NAME", help=_("csv, ics: only this channel's posts"))
    export.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", type=_day, help=_("csv, ics: from this day")
    )
    export.add_argument(
        "--to", dest="end", metavar="YYYY-MM-DD", type=_day, help=_("csv, ics: up to this day")
    )
    export.set_defaults(run=run_export)
    importing = commands.add_parser(
        "import",
        parents=[db],
        help=_(
            "import measured results (LinkedIn, Meta, X), posts in bulk (CSV) or a whole "
            "plan (JSON)"
        ),
    )
    importing.add_argument(
        "what",
        choices=["results", "csv", "json"],
        help=_(
            "results: a platform's analytics export; csv: posts in the bulk layout, Sprout "
            "Social's or Hootsuite's; json: a whole plan from 'export json'"
        ),
    )
    importing.add_argument("file", metavar="FILE", help=_("the file to read"))
    importing.add_argument(
        "--channel", metavar="NAME", help=_("csv: the channel for files that name none")
    )
    importing.add_argument(
        "--month-first",
        action="store_true",
        help=_("csv: read 03/04/2027 as March 4 (default: 3 April)"),
    )
    importing.add_argument(
        "--replace",
        action="store_true",
        help=_("json: replace the existing plan (it is kept as a backup first)"),
    )
    importing.add_argument(
        "--unmatched",
        choices=["keep", "skip"],
        default="keep",
        help=_("rows that match no planned post: keep them as channel totals (default) or skip"),
    )
    importing.add_argument(
        "--dry-run", action="store_true", help=_("show what would change and write nothing")
    )
    importing.set_defaults(run=run_import)
    commands.add_parser(
        "backups", parents=[db], help=_("list the plan's backups, newest first")
    ).set_defaults(run=run_backups)
    restore = commands.add_parser(
        "restore",
        parents=[db],
        help=_("put a backup back as the plan (the current file is kept as a backup first)"),
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help=_("a backup's path, or its number in 'socialplan backups'")
    )
    restore.set_defaults(run=run_restore)
    return parser


def chosen_plan(args: argparse.Namespace) -> Path:
    """A plan named on the command line, else ``--db`` / ``$SOCIALPLAN_DB`` / the default."""
    if getattr(args, "name", None):
        from socialplan.data.plans import find_plan

        return find_plan(plans_dir(), args.name)
    return plan_path(args)


def run_open(args: argparse.Namespace) -> int:
    from socialplan.data.interface import open_storage

    store = open_storage(chosen_plan(args))
    return _run_app(store)


def run_plans(_args: argparse.Namespace) -> int:
    from socialplan.data.plans import list_plans

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
    width = max(len(p.key) for p in plans)
    for plan in plans:
        posts = "" if plan.posts is None else _("  {posts} posts").format(posts=plan.posts)
        print(f"  {plan.key:<{width}}  {plan.name}{posts}")
    print(_("Open one with: socialplan open NAME"))
    return 0


def run_new(args: argparse.Namespace) -> int:
    from socialplan.data.plans import create_plan

    template = _template(args.template) if args.template else None
    path = create_plan(plans_dir(), args.name, template)
    print(
        _("Created the plan {name!r} in {path}. Open it with: socialplan open {stem}").format(
            name=args.name, path=path, stem=path.stem
        )
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


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app to a browser: each browser tab runs ``socialplan open`` on the plan,
    for whoever holds a token, from the page this server served."""
    import shlex

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
    opening = [sys.executable, "-m", "socialplan", "open", "--db", str(path), "--lang", language()]

    def command_for(person: str) -> str:
        who = ["env", f"SOCIALPLAN_USER={person}"] if person else []
        return shlex.join([*who, *opening])

    most = args.max_sessions or (settings.get("serve") or {}).get("max_sessions")
    server = GuardedServer(
        command_for,
        host=args.host,
        port=args.port,
        people=people,
        max_sessions=most if isinstance(most, int) and most > 0 else DEFAULT_MAX_SESSIONS,
    )
    address = f"http://{args.host}:{args.port}/"
    print(_("Serving {path} (ctrl+c stops).").format(path=path))
    for token, person in people.items():
        if person:
            print(_("  for {person}: {address}?token=…").format(person=person, address=address))
        else:
            print(_("  open: {address}?token={token}").format(address=address, token=token))
    sys.stdout.flush()
    server.serve()
    return 0


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


def run_status(args: argparse.Namespace) -> int:
    from socialplan.data.store import read_plan
    from socialplan.tui.status import render_status, status_report

    data = read_plan(plan_path(args))
    now = datetime.now(UTC)
    if args.json:
        from socialplan.data.plan_json import escaped_c1

        report = json.dumps(status_report(data, now), ensure_ascii=False, indent=2)
        sys.stdout.buffer.write(escaped_c1(report.encode()) + b"\n")
    else:
        from rich.console import Console

        render_status(data, now, Console())
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a date; use YYYY-MM-DD").format(text=text)
        ) from None


def run_export(args: argparse.Namespace) -> int:
    from socialplan.data.store import read_plan

    data = read_plan(plan_path(args))
    channel = None
    if args.channel:
        channel = next(
            (c.id for c in data.channels if c.name.casefold() == args.channel.casefold()), None
        )
        if channel is None:
            names = ", ".join(c.name for c in data.channels)
            print(
                _("socialplan: there is no channel {channel!r} ({names})").format(
                    channel=args.channel, names=names
                ),
                file=sys.stderr,
            )
            return 1
    from socialplan.data.exports import export_payload

    payload = export_payload(
        args.what, data, datetime.now(UTC), channel=channel, start=args.start, end=args.end
    )
    if args.output in (None, "-"):
        sys.stdout.buffer.write(payload)
        return 0
    from socialplan.data.exports import write_export

    target = Path(args.output).expanduser()
    try:
        write_export(target, payload, plan_path(args), replace=args.force)
    except OSError as error:
        print(
            _("socialplan: cannot write {target}: {value}").format(
                target=target, value=error.strerror or error
            ),
            file=sys.stderr,
        )
        return 1
    print(_("Wrote {target}.").format(target=target), file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    if args.what == "csv":
        return _import_csv(args)
    if args.what == "json":
        return _import_json(args)
    return _import_results(args)


def _import_csv(args: argparse.Namespace) -> int:
    from socialplan.core.bulk import plan_bulk_import
    from socialplan.data.bulk_csv import BulkFileError, read_bulk_file

    try:
        found = read_bulk_file(Path(args.file).expanduser())
    except BulkFileError as error:
        print(_("socialplan: nothing imported: {error}").format(error=error), file=sys.stderr)
        return 1
    with _session(args) as session:
        planned = plan_bulk_import(
            session.shown, found.rows, channel=args.channel, day_first=not args.month_first
        )
        if planned.problems:
            print(
                _("socialplan: nothing imported from {file}:").format(file=args.file),
                file=sys.stderr,
            )
            for problem in planned.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        print(f"{found.layout}: {planned.describe()}.")
        for _before, after in planned.changed:
            print(_("  changed: {title!r}").format(title=after.title))
        if args.dry_run:
            print(_("Dry run: nothing was written."))
            return 0
        entities = (*planned.added, *(after for _before, after in planned.changed))
        bases = tuple(before for before, _after in planned.changed)
        label = _("import {count} posts").format(count=len(entities))
        return _saved_through(session, entities, bases, label, _("Saved to {path}."))


@contextlib.contextmanager
def _session(args: argparse.Namespace) -> Iterator[PlanSession]:
    """The plan named on the command line, opened for edits through the same pipeline as
    the app's (conflict checks, ids never reused), and closed afterwards."""
    from socialplan.data.interface import open_storage
    from socialplan.data.session import PlanSession

    session = PlanSession(open_storage(plan_path(args)), lambda: datetime.now(UTC))
    try:
        yield session
    finally:
        session.store.close()


def _saved_through(
    session: PlanSession, entities: tuple[Any, ...], bases: tuple[Any, ...], label: str, done: str
) -> int:
    """Save ``entities`` as one edit; 0 when it landed, else 1 with why (nothing written)."""
    from socialplan.data.requests import Save
    from socialplan.data.session import Outcome

    if not entities:
        print(_("Nothing to save."))
        return 0
    result = session.submit(Save(entities, label, bases=bases))
    if result.outcome is Outcome.SAVED:
        print(done.format(path=session.store.path, count=len(entities)))
        return 0
    if result.outcome is Outcome.CONFLICT:
        why = _("{describe} was changed in another session meanwhile").format(
            describe=describe(result.theirs)
        )
    elif result.outcome is Outcome.GONE:
        why = _("{describe} was deleted in another session meanwhile").format(
            describe=describe(result.mine)
        )
    else:
        why = result.message
    print(_("socialplan: nothing imported: {why}").format(why=why), file=sys.stderr)
    return 1


def _import_json(args: argparse.Namespace) -> int:
    from socialplan.data.interface import open_storage
    from socialplan.data.plan_json import read_plan_json
    from socialplan.data.store import PlanStore

    data = read_plan_json(Path(args.file).expanduser())
    target = plan_path(args)
    summary = _("{name!r}: {count} posts, {count2} channels").format(
        name=data.plan.name, count=len(data.items), count2=len(data.channels)
    )
    if args.dry_run:
        print(
            _("Dry run: would write {summary} to {target}; nothing was written.").format(
                summary=summary, target=target
            )
        )
        return 0
    if not target.exists():
        PlanStore.create(target, data).close()
        print(_("Created {target} with {summary}.").format(target=target, summary=summary))
        return 0
    if not args.replace:
        print(
            _(
                "socialplan: {target} already holds a plan; add --replace to replace it "
                "(it is kept as a backup first), or choose another file with --db."
            ).format(target=target),
            file=sys.stderr,
        )
        return 1
    store = open_storage(target)
    try:
        store.replace_all(data)
    finally:
        store.close()
    print(
        _("Replaced {target} with {summary}; the plan it held is kept as a backup.").format(
            target=target, summary=summary
        )
    )
    return 0


def _import_results(args: argparse.Namespace) -> int:
    from socialplan.core.imports import plan_import
    from socialplan.core.validation import InvalidInputError
    from socialplan.data.results_csv import ResultsFileError, read_results_file

    path = Path(args.file).expanduser()
    try:
        found = read_results_file(path)
    except ResultsFileError as error:
        print(_("socialplan: {error}").format(error=error), file=sys.stderr)
        return 1
    with _session(args) as session:
        try:
            planned = plan_import(session.shown, found.platform, found.posts)
        except InvalidInputError as error:
            print(
                _("socialplan: nothing imported: {message}").format(message=error.problem.message),
                file=sys.stderr,
            )
            return 1
        print(f"{found.layout}: {planned.describe()}.")
        for row in planned.unmatched:
            post = row.post
            print(
                _("  unmatched, line {line}: {posted} {text!r}").format(
                    line=post.line, posted=post.posted, text=post.text[:60]
                )
            )
        keep = args.unmatched == "keep"
        results = tuple(r.result for r in planned.rows if r.matched or keep)
        if args.dry_run:
            print(_("Dry run: nothing was written."))
            return 0
        label = _("import {count} {platform} results").format(
            count=len(results), platform=found.platform
        )
        return _saved_through(session, results, (), label, _("Saved {count} results to {path}."))


def run_backups(args: argparse.Namespace) -> int:
    from socialplan.data.backups import list_backups
    from socialplan.data.store import read_plan

    path = plan_path(args)
    backups = list_backups(path)
    if not backups:
        print(_("There are no backups of {path}.").format(path=path))
        return 0
    print(_("Backups of {path}, newest first:").format(path=path))
    for number, backup in enumerate(backups, start=1):
        try:
            data = read_plan(backup)
            what = _("{name!r}, {count} posts").format(name=data.plan.name, count=len(data.items))
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

    path = plan_path(args)
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


def _run_app(store: PlanStorage) -> int:
    from socialplan.tui.app import SocialPlanApp

    app = SocialPlanApp(store)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def flag_language(argv: Sequence[str]) -> str | None:
    """``--lang``, read before the parser is built so that its help speaks that language."""
    for position, argument in enumerate(argv):
        if argument == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


def set_language(argv: Sequence[str]) -> None:
    """``--lang``, else the user's setting, else the locale (``LANGUAGE``, ``LANG``...)."""
    from socialplan.data.settings import load_settings

    use_language(choose_language(flag_language(argv), load_settings().get("lang"), os.environ))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    set_language(arguments)
    try:
        args = build_parser().parse_args(arguments)
        code: int = args.run(args)
        sys.stdout.flush()
    except StoreError as error:
        print(_("socialplan: {error}").format(error=error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        try:
            sys.stdout.flush()
        except OSError as error:
            return _os_error(error)
        raise exit_
    except BrokenPipeError:
        _stop_writing_to_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a pipe closed early (| head)
    except OSError as error:
        return _os_error(error)
    return code


def _os_error(error: OSError) -> int:
    """An operating-system refusal as one line, never a traceback. Writes to standard
    output name no file: a full or broken output (``> /dev/full``) is said as such."""
    if error.filename is None and error.errno in _OUTPUT_ERRNOS:
        _stop_writing_to_stdout()
        print(
            _("socialplan: cannot write to standard output: {value}").format(
                value=error.strerror or error
            ),
            file=sys.stderr,
        )
        return 1
    where = f"{error.filename}: " if error.filename else ""
    print(
        _("socialplan: {where}{value}").format(where=where, value=error.strerror or error),
        file=sys.stderr,
    )
    return 1


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG})


def _stop_writing_to_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

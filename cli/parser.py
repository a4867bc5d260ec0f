"""The command line's grammar: one small function per command, each naming what runs it."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from socialplan import __version__
from socialplan.core.i18n import LANGUAGES, N_, _
from socialplan.data.paths import ENV_DB, default_plan_path, plans_dir

from .common import _day, _statuses

Parser = argparse.ArgumentParser
SHELLS = ("bash", "fish", "zsh")
"""``completion.SCRIPTS``, named here for the same reason (a test keeps the two alike)."""
SCHEDULER_LAYOUTS = ("sprout", "hootsuite")
"""``data.scheduler_csv.LAYOUTS``, named here so that building the parser, as every
command does, imports no exporter (a test keeps the two alike)."""
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)
"""argparse's own words, for the catalog: ``speak_argparse`` makes argparse look them up
in socialplan's, so usage, headings and errors speak the interface's language too."""


class Runs:
    """A command's runner by module and name, imported when the command runs: building
    the parser, as every command does, then imports no other command (opening the app
    does not pay for ``status``, the exporters or completion)."""

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function

    def __call__(self, args: argparse.Namespace) -> int:
        run = getattr(importlib.import_module(f"socialplan.cli.{self.module}"), self.function)
        code: int = run(args)
        return code


def speak_argparse() -> None:
    """argparse translates through its module's ``_`` (gettext's default domain, which
    socialplan does not install); it looks the name up on each call, so pointing it at
    socialplan's catalog translates its words."""
    argparse._ = _  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    speak_argparse()
    common, db = _shared_options()
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
        help=_("show the version and exit"),
    )
    parser.set_defaults(run=Runs("plans", "run_open"))
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    for add in (
        _open,
        _plans,
        _new,
        _serve,
        _feed,
        _demo,
        _status,
        _export,
        _import,
        _backups,
        _moving,
        _shell,
    ):
        add(commands, common, db)
    return parser


def _shared_options() -> tuple[Parser, Parser]:
    """``--lang`` for every command, and ``--db`` too for those that read one plan."""
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
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help=_(
            "plan file or postgresql://USER@HOST/DB?plan=NAME (default: ${ENV_DB}, else "
            "{default_plan_path})"
        ).format(ENV_DB=ENV_DB, default_plan_path=default_plan_path()),
    )
    return common, db


def _open(commands: Any, common: Parser, db: Parser) -> None:
    """open [NAME]"""
    opening = commands.add_parser(
        "open", parents=[db], help=_("open a plan in the app (without NAME: your default plan)")
    )
    opening.add_argument(
        "name", metavar="NAME", nargs="?", help=_("a plan from 'socialplan plans'")
    )
    opening.set_defaults(run=Runs("plans", "run_open"))


def _plans(commands: Any, common: Parser, db: Parser) -> None:
    """plans"""
    commands.add_parser(
        "plans",
        parents=[db],
        help=_("list the plans in {parent}").format(parent=plans_dir()),
    ).set_defaults(run=Runs("plans", "run_plans"))


def _new(commands: Any, common: Parser, db: Parser) -> None:
    """new NAME [--from TEMPLATE]"""
    new = commands.add_parser(
        "new", parents=[db], help=_("create a plan (one per client or brand)")
    )
    new.add_argument("name", metavar="NAME", help=_("the plan's name, like 'Bakkerij De Vries'"))
    new.add_argument(
        "--from",
        dest="template",
        metavar="TEMPLATE",
        help=_("start from 'demo' (the sample plan) or a plan file or JSON export"),
    )
    new.set_defaults(run=Runs("plans", "run_new"))


def _serve(commands: Any, common: Parser, db: Parser) -> None:
    """serve [NAME] [--host] [--port] [--max-sessions]"""
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
    serve.set_defaults(run=Runs("plans", "run_serve"))


def _feed(commands: Any, common: Parser, db: Parser) -> None:
    """feed -o FILE"""
    feed = commands.add_parser(
        "feed",
        parents=[db],
        help=_(
            "write the schedule as a calendar feed (.ics) for a web server to publish, "
            "e.g. from cron; serve publishes it too, at /calendar.ics?token=..."
        ),
    )
    feed.add_argument("-o", "--output", metavar="FILE", required=True, help=_("the .ics to write"))
    feed.add_argument("--channel", metavar="NAME", help=_("only this channel's posts"))
    feed.set_defaults(run=Runs("plans", "run_feed"))


def _demo(commands: Any, common: Parser, db: Parser) -> None:
    """demo"""
    commands.add_parser(
        "demo", parents=[common], help=_("open a fresh copy of the demo plan in a temporary place")
    ).set_defaults(run=Runs("plans", "run_demo"))


def _status(commands: Any, common: Parser, db: Parser) -> None:
    """status [--today|--week] [--json]"""
    status = commands.add_parser(
        "status", parents=[db], help=_("print the ratio, KPI figures and next posts, then exit")
    )
    status.add_argument("--json", action="store_true", help=_("machine-readable output"))
    period = status.add_mutually_exclusive_group()
    period.add_argument("--today", action="store_true", help=_("only today's posts"))
    period.add_argument(
        "--week", action="store_true", help=_("only this week's posts and each channel's pace")
    )
    status.set_defaults(run=Runs("status", "run_status"))


def _export(commands: Any, common: Parser, db: Parser) -> None:
    """export plan|json|csv|ics"""
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
        choices=["plan", "json", "csv", "ics", "report"],
        help=_(
            "plan: the strategy as Markdown; json: the whole plan, lossless; csv: the posts "
            "in the bulk layout; ics: the scheduled posts as calendar events; report: the "
            "results report for management"
        ),
    )
    export.add_argument(
        "--format", choices=["md", "html"], default="md", help=_("report: Markdown or HTML")
    )
    export.add_argument(
        "--iteration",
        type=int,
        metavar="N",
        help=_("report: this iteration (default: the current one)"),
    )
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
    export.add_argument(
        "--layout",
        choices=["socialplan", *SCHEDULER_LAYOUTS],
        default="socialplan",
        help=_(
            "csv: socialplan's own file, or a scheduler's bulk file (Sprout Social, Hootsuite; "
            "at most 350 posts a file, split into NAME-1.csv, NAME-2.csv...)"
        ),
    )
    export.add_argument(
        "--status",
        type=_statuses,
        metavar="S1,S2",
        help=_("csv: only posts with these statuses (idea, draft, in_review, approved, ...)"),
    )
    export.add_argument(
        "--month-first",
        action="store_true",
        help=_("csv for Sprout Social or Hootsuite: write dates as MM/DD/YYYY"),
    )
    export.add_argument(
        "--all",
        action="store_true",
        help=_(
            "ics: ideas, drafts and posts in review too (default: approved, scheduled, published)"
        ),
    )
    export.set_defaults(run=Runs("exchange", "run_export"))


def _import(commands: Any, common: Parser, db: Parser) -> None:
    """import results|csv|json FILE"""
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
    importing.add_argument(
        "file", metavar="FILE", help=_("the file to read; - reads standard input")
    )
    importing.add_argument(
        "--channel",
        metavar="NAME",
        help=_(
            "csv: the channel for files that name none; results: the plan's channel the "
            "results belong to, when none is called after the platform (remembered)"
        ),
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
        "--delete-missing",
        action="store_true",
        help=_(
            "csv: also delete the posts of the file's channels that no row is about (with "
            "--dry-run: list them)"
        ),
    )
    importing.add_argument(
        "--dry-run", action="store_true", help=_("show what would change and write nothing")
    )
    importing.set_defaults(run=Runs("exchange", "run_import"))


def _backups(commands: Any, common: Parser, db: Parser) -> None:
    """backups, restore BACKUP"""
    commands.add_parser(
        "backups", parents=[db], help=_("list the plan's backups, newest first")
    ).set_defaults(run=Runs("backups", "run_backups"))
    restore = commands.add_parser(
        "restore",
        parents=[db],
        help=_("put a backup back as the plan (the current file is kept as a backup first)"),
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help=_("a backup's path, or its number in 'socialplan backups'")
    )
    restore.set_defaults(run=Runs("backups", "run_restore"))


def _moving(commands: Any, common: Parser, db: Parser) -> None:
    """push [NAME] --to URL, pull [NAME] --from URL"""
    push = commands.add_parser(
        "push",
        parents=[db],
        help=_("copy a plan file to a database server, ids and all (--to postgresql://…)"),
    )
    push.add_argument(
        "name", metavar="NAME", nargs="?", help=_("a plan from 'socialplan plans' (else --db)")
    )
    push.add_argument("--to", metavar="URL", required=True, help=_("postgresql://USER@HOST/DB"))
    push.add_argument(
        "--replace", action="store_true", help=_("replace the server's plan of that name")
    )
    push.set_defaults(run=Runs("moving", "run_push"))
    pull = commands.add_parser(
        "pull",
        parents=[db],
        help=_("copy a plan from a database server into a plan file (--from postgresql://…)"),
    )
    pull.add_argument(
        "name", metavar="NAME", nargs="?", help=_("the plan on the server (else the URL's ?plan=)")
    )
    pull.add_argument("--from", metavar="URL", required=True, help=_("postgresql://USER@HOST/DB"))
    pull.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the plan file (it is kept as a backup first)"),
    )
    pull.set_defaults(run=Runs("moving", "run_pull"))


def _shell(commands: Any, common: Parser, _db: Parser) -> None:
    """completion SHELL, manpage"""
    completion = commands.add_parser(
        "completion", parents=[common], help=_("print shell completion for bash, zsh or fish")
    )
    completion.add_argument("shell", choices=SHELLS, help=_("the shell"))
    completion.set_defaults(run=Runs("completion", "run_completion"))
    commands.add_parser(
        "manpage", parents=[common], help=_("print the man page, socialplan(1), in roff")
    ).set_defaults(run=Runs("completion", "run_manpage"))

"""Reaching a socialplan database: a ``postgresql://`` URL taken apart, connecting with
errors in words, the schema brought up to date, the plans a database holds, and the
server's refusals as messages. ``server_store.ServerStore`` is the plan itself."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import orjson
import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import make_conninfo
from psycopg.types.json import set_json_loads

from socialplan.core.frozen import frozen
from socialplan.core.i18n import _

from .errors import RefusedByServerError, ServerUnreachableError, StoreError
from .server_schema import APPROVAL_REFUSED, CLIENT_REFUSED, MIGRATIONS, SCHEMA_VERSION

CONNECT_SECONDS = 3
CUT_NETWORK = {
    "tcp_user_timeout": 3000,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
}
"""A network cut mid-session fails a statement within seconds (it waited for ever: the
edit runs on the App's thread) and an idle connection is found dead within half a minute."""
SCHEMA_LOCK = 0x50C1A1
"""The advisory lock that keeps two programs from migrating one database at once."""


@frozen
class ServerAddress:
    """A ``postgresql://`` URL taken apart: how to connect, and which plan."""

    conninfo: str
    plan: str | None
    shown: str
    """The URL without its password, for messages."""

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        plan = next((value for key, value in query if key == "plan"), None)
        rest = urlencode([(key, value) for key, value in query if key != "plan"], quote_via=quote)
        conninfo = urlunsplit((parts.scheme, parts.netloc, parts.path, rest, ""))
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0] + "@" if len(netloc) == 2 else ""
        shown = f"{parts.scheme}://{user}{netloc[-1]}{parts.path}"
        return cls(conninfo, plan or None, shown)

    def with_plan(self, plan: str) -> ServerAddress:
        return replace(self, plan=plan)

    def as_role(self, role: str) -> ServerAddress:
        """The same plan, the session acting as database ``role`` (``SET ROLE`` at
        connecting: the login must be a member of it): what ``serve`` opens for each
        browser user. A role must be a plain name."""
        if not role.isidentifier():
            raise StoreError(_("{role!r} cannot name a database role.").format(role=role))
        joiner = "&" if "?" in self.conninfo else "?"
        options = urlencode({"options": f"-c role={role}"}, quote_via=quote)  # libpq: no '+'

        return replace(self, conninfo=f"{self.conninfo}{joiner}{options}")

    @property
    def target(self) -> str:
        """The URL that opens this plan, password and all (for ``open_storage``)."""
        if self.plan is None:
            return self.conninfo
        joiner = "&" if "?" in self.conninfo else "?"
        return f"{self.conninfo}{joiner}{urlencode({'plan': self.plan})}"

    @property
    def url(self) -> str:
        """The URL that opens this plan, without the password."""
        return f"{self.shown}?{urlencode({'plan': self.plan})}" if self.plan else self.shown


def connect(address: ServerAddress, *, autocommit: bool = True) -> psycopg.Connection[Any]:
    """A connection, or a ``StoreError`` that says what is wrong in words."""
    try:
        conninfo = make_conninfo(
            address.conninfo,
            connect_timeout=CONNECT_SECONDS,
            application_name="socialplan",
            **CUT_NETWORK,
        )
        connection = psycopg.connect(conninfo, autocommit=autocommit)
    except psycopg.Error as error:
        raise _connect_error(address, error) from None
    set_json_loads(orjson.loads, connection)
    return connection


def _connect_error(address: ServerAddress, error: psycopg.Error) -> StoreError:
    text = _server_words(error)
    if error.sqlstate in ("28P01", "28000") or "password authentication failed" in text:
        return StoreError(
            _("Cannot log in to {server}: wrong user name or password ({error}).").format(
                server=address.shown, error=text
            )
        )
    if error.sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return StoreError(
            _("There is no such database on the server: {server} ({error}).").format(
                server=address.shown, error=text
            )
        )
    if "role" in text and "does not exist" in text:
        return StoreError(
            _("The server has no such user: {server} ({error}).").format(
                server=address.shown, error=text
            )
        )
    return ServerUnreachableError(
        _("Cannot reach the database server {server}: {error}").format(
            server=address.shown, error=text
        )
    )


def _server_words(error: psycopg.Error) -> str:
    """libpq's message on one line, without its prefixes: 'connection to server at
    "db", port 5432 failed: FATAL:  database "x" does not exist'."""
    text = " ".join(line.strip() for line in str(error).splitlines() if line.strip())
    text = text.removeprefix("connection failed: ").replace("FATAL:  ", "")
    return text.rstrip(".") or type(error).__name__


def prepare_database(connection: psycopg.Connection[Any], address: ServerAddress) -> None:
    """Bring the database's socialplan schema up to this version, under an advisory lock
    so two programs opening it at once migrate it once. A database set up by a newer
    socialplan is refused."""
    try:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            version = _schema_version(connection)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    _(
                        "The database {server} was set up by a newer socialplan (schema "
                        "{version}; this version knows up to {known}): upgrade socialplan."
                    ).format(server=address.shown, version=version, known=SCHEMA_VERSION)
                )
            for number in range(version + 1, SCHEMA_VERSION + 1):
                connection.execute(MIGRATIONS[number - 1])
                connection.execute("UPDATE socialplan.schema_info SET version = %s", (number,))
    except pg_errors.InsufficientPrivilege as error:
        raise StoreError(
            _(
                "The database {server} has no socialplan tables yet, and your role may not "
                "create them ({error}). Its owner sets it up by opening it once."
            ).format(server=address.shown, error=error.diag.message_primary or error)
        ) from None
    except psycopg.OperationalError as error:
        raise _connect_error(address, error) from None


def _schema_version(connection: psycopg.Connection[Any]) -> int:
    found = connection.execute("SELECT to_regclass('socialplan.schema_info')").fetchone()
    if found is None or found[0] is None:
        return 0
    row = connection.execute("SELECT version FROM socialplan.schema_info").fetchone()
    return int(row[0]) if row else 0


def refusal(error: psycopg.Error) -> StoreError:
    """What the server refused, in words: who may do it, where the server says so."""
    hint = (error.diag.message_hint or "") if error.diag else ""
    if error.sqlstate == APPROVAL_REFUSED:
        return RefusedByServerError(
            _("Only an approver may approve a post in review (approvers: {names}).").format(
                names=hint or _("none yet")
            )
        )
    if error.sqlstate == CLIENT_REFUSED:
        return RefusedByServerError(
            _(
                "Your role may only approve a post in review or send it back with a comment; "
                "team members make other changes ({names})."
            ).format(names=hint or _("none yet"))
        )
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return RefusedByServerError(
            _(
                "The server refused: your role may not make this change ({error}). Team "
                "members (socialplan_member) edit the plan."
            ).format(error=first_line(error))
        )
    return StoreError(_("The server refused the change: {error}.").format(error=first_line(error)))


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def server_plan_path(address: ServerAddress) -> Path:
    """Where the exports and recovery files of a plan on a server go: a folder of the
    data directory, named after the server and the plan (the plan itself is not a file)."""
    from .paths import plans_dir
    from .plans import plan_key

    parts = urlsplit(address.shown)
    server = plan_key(f"{parts.hostname or 'local'}-{parts.port or ''}-{parts.path}")
    return plans_dir() / "servers" / server / f"{plan_key(address.plan or 'plan')}.json"


def missing_plan_message(address: ServerAddress) -> str:
    return _(
        "There is no plan '{name}' in {server}. Create it with: socialplan new '{name}' "
        "--db {server}"
    ).format(name=address.plan, server=address.shown)


@frozen
class ServerPlan:
    name: str
    title: str
    posts: int


def list_server_plans(url: str | ServerAddress) -> list[ServerPlan]:
    """The plans a database holds: their names (for ``?plan=``), own names and posts."""
    address = url if isinstance(url, ServerAddress) else ServerAddress.parse(url)
    with connect(address) as connection:
        prepare_database(connection, address)
        rows = connection.execute(
            "SELECT p.name, coalesce(e.doc->>'name', p.name),"
            " (SELECT count(*) FROM socialplan.entries i"
            "   WHERE i.plan_id = p.id AND i.kind = 'items')"
            " FROM socialplan.plans p"
            " LEFT JOIN socialplan.entries e ON e.plan_id = p.id AND e.kind = 'plan'"
            " ORDER BY p.name"
        ).fetchall()
    return [ServerPlan(name, title, int(posts)) for name, title, posts in rows]


def plan_names(address: ServerAddress) -> list[str]:
    return [plan.name for plan in list_server_plans(address)]


def only_plan(address: ServerAddress) -> str:
    """The plan a URL without ``?plan=`` means: the database's only one."""
    plans = list_server_plans(address)
    if len(plans) == 1:
        return plans[0].name
    names = ", ".join(plan.name for plan in plans) or _("none yet")
    raise StoreError(
        _("Name the plan in the URL: {server}?plan=NAME (plans: {names}).").format(
            server=address.shown, names=names
        )
    )

"""``socialplan serve``: the app in a browser, through textual-serve, for those who hold a
token and only from the page socialplan served.

textual-serve alone has no authentication and does not check a websocket's Origin: any
web page open in the user's browser could drive the app (read the plan, delete posts),
and every connection started a new app process. This server:

- asks for a token on the page (``/?token=…``) and on the websocket (``/ws/TOKEN``):
  one random token made at start, or named tokens per person from the settings
  (``"serve": {"tokens": {"anna": "…"}}``), so each session knows who it is;
- accepts a websocket only from a page of its own origin, on a host name it serves
  (a foreign page, or a DNS-rebinding one, is refused);
- runs at most ``max_sessions`` app processes at once.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from socialplan.core.i18n import _

DEFAULT_MAX_SESSIONS = 4
WILDCARDS = {"0.0.0.0", "::", ""}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def port_in_use(host: str, port: int) -> OSError | None:
    """Why the address cannot be served on, or None: checked before saying "Serving"."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host if host != "localhost" else "127.0.0.1", port))
        except OSError as error:
            return error
    return None


class GuardedServer(Server):
    def __init__(
        self,
        command_for: Callable[[str], str],
        *,
        host: str,
        port: int,
        people: dict[str, str],
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        calendar: Callable[[str | None], bytes | None] | None = None,
    ) -> None:
        """``people``: token → the name of whoever holds it. ``command_for(name)`` is the
        shell command that runs the app for that person. ``calendar(channel)`` is the
        plan's schedule as an .ics (of one channel, or None for an unknown one), served at
        ``/calendar.ics?token=…[&channel=NAME]`` for calendar apps to subscribe to."""
        super().__init__(command_for(""), host=host, port=port, title="socialplan")
        self._command_for = command_for
        self._people = people
        self._max_sessions = max_sessions
        self._sessions = 0
        self._calendar = calendar

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/calendar.ics", self.handle_calendar, name="calendar"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the command line has said where it serves."""

    def person(self, token: str) -> str | None:
        """Whose token this is (compared in constant time), or None."""
        found = None
        for known, name in self._people.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                found = name
        return found

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        token = request.query.get("token", "")
        if self.person(token) is None:
            raise web.HTTPForbidden(
                text=_(
                    "socialplan: this page needs its token; use the address that "
                    "'socialplan serve' printed."
                )
            )
        base = f"{request.scheme}://{request.host}"
        context: dict[str, Any] = {
            "font_size": 16,
            "app_websocket_url": f"ws{base[4:]}/ws/{token}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": "socialplan"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_calendar(self, request: web.Request) -> web.StreamResponse:
        """The schedule as a calendar feed, read from the plan as it is now."""
        if self.person(request.query.get("token", "")) is None or self._calendar is None:
            raise web.HTTPForbidden(text=_("socialplan: a wrong or missing token."))
        channel = request.query.get("channel")
        calendar = self._calendar(channel)
        if calendar is None:
            raise web.HTTPNotFound(
                text=_("socialplan: the plan has no channel {name!r}.").format(name=channel)
            )
        return web.Response(body=calendar, content_type="text/calendar", charset="utf-8")

    def same_origin(self, request: web.Request) -> bool:
        """A browser names the page that opens a websocket: it must be one of ours, on a
        host name this server is for (or any, when it listens on every interface)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: the token alone decides
        parts = urlsplit(origin)
        if parts.netloc != request.host or parts.scheme not in ("http", "https"):
            return False
        return self.host in WILDCARDS or _host_name(request.host) in self._served_names()

    def _served_names(self) -> set[str]:
        names = {self.host, "localhost", "127.0.0.1", "::1"}
        return names | {urlsplit(self.public_url).hostname or ""}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        name = self.person(request.match_info.get("token", ""))
        if name is None:
            raise web.HTTPForbidden(text=_("socialplan: a wrong or missing token."))
        if not self.same_origin(request):
            raise web.HTTPForbidden(text=_("socialplan: not from a page this server served."))
        if self._sessions >= self._max_sessions:
            raise web.HTTPServiceUnavailable(
                text=_("socialplan: {count} sessions are open already; try again later.").format(
                    count=self._sessions
                )
            )
        self._sessions += 1
        try:
            return await self._run_session(request, self._command_for(name))
        finally:
            self._sessions -= 1

    async def _run_session(self, request: web.Request, command: str) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _whole(request.query.get("width"), 80)
        height = _whole(request.query.get("height"), 24)
        await websocket.prepare(request)
        service = AppService(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=partial(_close, websocket),
            download_manager=self.download_manager,
            debug=False,
        )
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)
        finally:
            await service.stop()
        return websocket


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def _host_name(host: str) -> str:
    return urlsplit(f"//{host}").hostname or ""


def _whole(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and 1 <= int(text) <= 1000 else default


def people_from_settings(settings: dict[str, Any]) -> dict[str, str]:
    """token → name from ``"serve": {"tokens": {"anna": "…"}}``; names and tokens that
    are not plain words of enough length are left out, and said so."""
    tokens = (settings.get("serve") or {}).get("tokens") or {}
    people = {}
    if not isinstance(tokens, dict):
        raise ValueError(_("'serve.tokens' in the settings is not a table of name: token"))
    for name, token in tokens.items():
        if not (isinstance(token, str) and len(token) >= 16 and token.isascii()):
            raise ValueError(
                _("the serve token of {name!r} must be at least 16 characters").format(name=name)
            )
        if not (isinstance(name, str) and name.isidentifier()):
            raise ValueError(
                _("{name!r} cannot name a person: use letters and digits").format(name=name)
            )
        people[token] = name
    return people

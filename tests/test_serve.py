"""``socialplan serve`` lets in only those who hold a token, only from its own page, only
so many at once; it says so when the port is taken or the address is not this machine's.
A real server on localhost, driven by a real HTTP and websocket client."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import aiohttp
import pytest

from socialplan.data.settings import save_setting
from socialplan.tui.serve import is_loopback, people_from_settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int, lines: list[str]) -> None:
        self.process, self.port, self.lines = process, port, lines

    @property
    def base(self) -> str:
        return f"http://localhost:{self.port}"

    def token(self) -> str:
        found = re.search(r"\?token=([\w-]+)", "\n".join(self.lines))
        assert found, self.lines
        return found[1]


def serve(demo_path, *extra: str) -> Iterator[Served]:
    port = free_port()
    command = ["serve", "--db", str(demo_path), "--port", str(port), *extra]
    process = subprocess.Popen(
        [sys.executable, "-m", "socialplan", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert process.stdout is not None
        while not any("token=" in line for line in lines):
            line = process.stdout.readline()
            if not line:
                pytest.fail("".join(lines))
            lines.append(line)
        _wait_until_listening(port)
        yield Served(process, port, lines)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("the server never listened")


@pytest.fixture
def served(demo_path) -> Iterator[Served]:
    yield from serve(demo_path)


async def status_of(url: str) -> int:
    async with aiohttp.ClientSession() as client, client.get(url) as response:
        return response.status


async def websocket_status(url: str, origin: str | None) -> tuple[int, bytes]:
    """The handshake's status, and what the app sent first when it was accepted."""
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(url, headers=headers) as ws:
                await ws.send_json(["resize", {"width": 80, "height": 24}])
                first = await asyncio.wait_for(ws.receive(), timeout=20)
                data = first.data if isinstance(first.data, bytes) else str(first.data).encode()
                return 101, data
        except aiohttp.WSServerHandshakeError as error:
            return error.status, b""


async def test_the_page_needs_its_token(served):
    assert await status_of(f"{served.base}/") == 403
    assert await status_of(f"{served.base}/?token=wrong") == 403
    url = f"{served.base}/?token={served.token()}"
    async with aiohttp.ClientSession() as client, client.get(url) as response:
        page = await response.text()
        assert response.status == 200
    assert f"/ws/{served.token()}" in page and "socialplan" in page


async def test_a_websocket_without_the_token_or_from_another_page_is_refused(served):
    ours = served.base
    ws = f"ws://localhost:{served.port}/ws"
    assert (await websocket_status(f"{ws}/wrong-token", ours))[0] == 403
    assert (await websocket_status(f"{ws}/{served.token()}", "http://evil.example"))[0] == 403
    rebound = f"http://evil.example:{served.port}"
    assert (await websocket_status(f"{ws}/{served.token()}", rebound))[0] == 403
    status, first = await websocket_status(f"{ws}/{served.token()}", ours)
    assert status == 101 and first


async def test_sessions_are_capped(demo_path):
    for served in serve(demo_path, "--max-sessions", "1"):
        url = f"ws://localhost:{served.port}/ws/{served.token()}"
        origin = {"Origin": served.base}
        async with aiohttp.ClientSession() as client, client.ws_connect(url, headers=origin):
            await asyncio.sleep(0.5)
            assert (await websocket_status(url, served.base))[0] == 503


def test_a_port_in_use_is_said_in_one_line(demo_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "socialplan",
                "serve",
                "--db",
                str(demo_path),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "cannot serve on localhost" in result.stderr and "Traceback" not in result.stderr
    assert "Serving" not in result.stdout


def test_named_tokens_come_from_the_settings(own_settings_and_plans):
    save_setting("serve", {"tokens": {"anna": "a" * 20, "client_bv": "b" * 24}})
    from socialplan.data.settings import load_settings

    assert people_from_settings(load_settings()) == {"a" * 20: "anna", "b" * 24: "client_bv"}
    with pytest.raises(ValueError, match="at least 16"):
        people_from_settings({"serve": {"tokens": {"bob": "short"}}})


def test_only_loopback_counts_as_this_machine():
    assert is_loopback("localhost") and is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")
    assert not is_loopback("example.org")


def test_a_non_loopback_host_is_warned_about_loudly(demo_path, monkeypatch, capsys):
    """The warning comes before serving; the server itself is not started here."""
    from socialplan import cli
    from socialplan.tui import serve as serving

    monkeypatch.setattr(serving.GuardedServer, "serve", lambda self: None)
    monkeypatch.setattr(serving, "port_in_use", lambda host, port: None)
    assert cli.main(["serve", "--db", str(demo_path), "--host", "0.0.0.0"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("WARNING: serving on 0.0.0.0, not only on this machine")


async def test_the_schedule_is_a_calendar_feed_for_whoever_holds_a_token(served):
    base = f"{served.base}/calendar.ics"
    assert await status_of(base) == 403
    assert await status_of(f"{base}?token=wrong") == 403
    assert await status_of(f"{base}?token={served.token()}&channel=Myspace") == 404
    async with aiohttp.ClientSession() as client:
        url = f"{base}?token={served.token()}&channel=linkedin"
        async with client.get(url) as response:
            assert response.status == 200
            assert response.content_type == "text/calendar"
            text = await response.text()
    assert text.startswith("BEGIN:VCALENDAR") and "SUMMARY:[LinkedIn]" in text
    assert "SUMMARY:[Instagram]" not in text


def test_feed_writes_the_calendar_for_cron(demo_path, tmp_path, capsys):
    from socialplan import cli

    target = tmp_path / "public" / "plan.ics"
    target.parent.mkdir()
    args = ["feed", "-o", str(target), "--db", str(demo_path)]
    assert cli.main(args) == 0
    first = target.read_bytes()
    assert first.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in first
    assert cli.main(args) == 0, "each run replaces the feed"
    assert capsys.readouterr() == ("", ""), "quiet: cron mails whatever a job prints"
    assert cli.main([*args, "--channel", "Myspace"]) == 1

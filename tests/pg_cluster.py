"""A throw-away PostgreSQL cluster for the tests: ``initdb`` in a temporary directory as an
unprivileged user, started on a free localhost port, removed when the tests end.

``SOCIALPLAN_TEST_PG`` (a server URL) uses a server that is already running instead. With
``SOCIALPLAN_REQUIRE_PG`` set (``.ci/run`` sets it), a server that cannot be started fails
the tests rather than skipping them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SUPERUSER = "socialplan_admin"


def _binaries() -> Path | None:
    """The directory holding initdb and pg_ctl: on PATH, else Debian's newest version."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version_of)
    return Path(versions[-1]).parent if versions else None


def _version_of(path: str) -> int:
    number = Path(path).parent.parent.name
    return int(number) if number.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_unprivileged() -> tuple[list[str], int | None]:
    """How to run a command so that initdb accepts it: as ourselves, or (as root) as the
    ``postgres`` user (``nobody`` where there is none); and that user's uid for chown."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], uid
    raise RuntimeError("running as root and no unprivileged user to run PostgreSQL as")


@dataclass
class Cluster:
    directory: Path
    port: int
    binaries: Path
    prefix: list[str]
    durable: bool = False
    """fsync on, as a real server runs (benchmarks); the tests run without it."""

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str, user: str | None = None) -> str:
        return f"postgresql://{user or SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *arguments: str) -> None:
        data = str(self.directory / "data")
        subprocess.run(
            [*self.prefix, str(self.binaries / "pg_ctl"), "-D", data, *arguments],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        options += " -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._pg_ctl("-o", options, "-l", str(self.directory / "log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop as a server restart does (``fast``: sessions cut, commits kept; the
        cluster runs without fsync, so ``immediate`` may lose the latest)."""
        self._pg_ctl("-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class ExistingServer:
    """A server that runs already (``SOCIALPLAN_TEST_PG``): its URL's database is the one
    to create test databases from; it cannot be restarted."""

    url: str

    def url_for(self, database: str, user: str | None = None) -> str:
        parts = urlsplit(self.url)
        given, _at, host = parts.netloc.rpartition("@")
        login = f"{user}@" if user else f"{given}@" if given else ""
        return urlunsplit((parts.scheme, f"{login}{host}", f"/{database}", "", ""))


def start_cluster(*, durable: bool = False) -> Cluster:
    """A new cluster, started; raises RuntimeError saying why it could not be."""
    binaries = _binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl found)")
    prefix, uid = _as_unprivileged()
    directory = Path(tempfile.mkdtemp(prefix="socialplan-pg-"))
    if uid is not None:
        os.chown(directory, uid, -1)
    initdb = [str(binaries / "initdb"), "-D", str(directory / "data"), "-A", "trust"]
    done = subprocess.run(
        [*prefix, *initdb, "-U", SUPERUSER, "--no-sync", "-E", "UTF8", "--locale", "C"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        shutil.rmtree(directory, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {done.stderr.strip()[-400:]}")
    cluster = Cluster(directory, _free_port(), binaries, prefix, durable)
    try:
        cluster.start()
    except subprocess.CalledProcessError as error:
        log = (directory / "log").read_text(errors="replace")[-400:]
        shutil.rmtree(directory, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {error}; {log}") from None
    return cluster


def main(argv: list[str]) -> int:
    """``python3 -m tests.pg_cluster start``: start a cluster for a whole test run and print
    its URL and directory; ``stop DIRECTORY`` stops and removes it (``.ci/run``)."""
    if argv[:1] == ["start"]:
        cluster = start_cluster()
        print(cluster.url, cluster.directory)
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        directory = Path(argv[1])
        binaries = _binaries()
        prefix, _uid = _as_unprivileged()
        if binaries is not None:
            Cluster(directory, 0, binaries, prefix).remove()
        return 0
    print("usage: python3 -m tests.pg_cluster start | stop DIRECTORY", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

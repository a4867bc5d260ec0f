"""The command line against a database server: every command that takes --db takes a
postgresql:// URL, plans move both ways losslessly, and what goes wrong is one line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest

from socialplan.cli import main
from socialplan.core.model import ContentItem
from socialplan.data.server_store import ServerStore
from socialplan.data.store import PlanStore, read_plan

from .test_cli import run as run_process


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys) -> Callable[..., Done]:
    """The command line in this process (a process each took a second: see ``run_process``
    for what must be seen from outside)."""

    def run_here(*args: str) -> Done:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run_here


@pytest.fixture
def exported_json(run) -> Callable[[str], str]:
    def exported(target: str) -> str:
        done = run("export", "json", "--db", target)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return exported


def test_a_plan_pushed_and_pulled_back_is_the_same_plan(
    run, exported_json, tmp_path, demo_path, pg_database
):
    store = PlanStore.open(demo_path)
    newest = max(store.load().items, key=lambda item: item.id)
    store.delete(ContentItem, newest.id, expected=newest)  # an id handed out, now unused
    store.close()
    pushed = run("push", "--db", str(demo_path), "--to", pg_database)
    assert pushed.returncode == 0, pushed.stderr
    url = f"{pg_database}?plan=demo"
    assert exported_json(url) == exported_json(str(demo_path))
    assert ServerStore.open(url).add(ContentItem("Next", 1, 1)).id > newest.id

    pulled = run("pull", "demo", "--from", pg_database, "--db", str(tmp_path / "back.json"))
    assert pulled.returncode == 0, pulled.stderr
    assert exported_json(str(tmp_path / "back.json")) == exported_json(url)
    back = PlanStore.open(tmp_path / "back.json")
    assert back.add(ContentItem("Later", 1, 1)).id > newest.id + 1


def test_pushing_over_a_plan_on_the_server_needs_replace(
    run, exported_json, demo_path, pg_database, demo_data
):
    ServerStore.create(f"{pg_database}?plan=demo", replace(demo_data, items=())).close()
    refused = run("push", "--db", str(demo_path), "--to", pg_database)
    assert refused.returncode == 1 and "already a plan 'demo'" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run("push", "--db", str(demo_path), "--to", pg_database, "--replace").returncode == 0
    assert exported_json(f"{pg_database}?plan=demo") == exported_json(str(demo_path))


def test_plans_new_open_status_and_imports_work_against_a_url(run, pg_database, tmp_path):
    created = run("new", "Bakkerij De Vries", "--from", "demo", "--db", pg_database)
    assert created.returncode == 0, created.stderr
    listed = run("plans", "--db", pg_database)
    assert "bakkerij-de-vries  Bakkerij De Vries" in listed.stdout
    url = f"{pg_database}?plan=bakkerij-de-vries"
    status = run("status", "--json", "--db", url)
    assert status.returncode == 0, status.stderr
    rows = tmp_path / "posts.csv"
    rows.write_text("title,channel,stage,date\nFrom the server test,LinkedIn,See,2026-12-07\n")
    imported = run("import", "csv", str(rows), "--db", url)
    assert imported.returncode == 0, imported.stderr
    titles = {item.title for item in ServerStore.open(url, create=False).load().items}
    assert "From the server test" in titles


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql://someone@127.0.0.1:1/db?plan=x", "Cannot reach the database server"),
        ("ftp://example.org/plan", "is not a plan socialplan can open"),
    ],
)
def test_what_goes_wrong_with_a_url_is_one_line(url, words):
    done = run_process("status", "--db", url)
    assert done.returncode == 1
    assert words in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_missing_plan_or_database_says_how_to_get_one(run, pg_database, pg_cluster):
    missing = run("status", "--db", f"{pg_database}?plan=nope")
    assert missing.returncode == 1 and "socialplan new 'nope' --db" in missing.stderr
    nodb = run("status", "--db", pg_cluster.url_for("nowhere") + "?plan=x")
    assert nodb.returncode == 1 and "no such database" in nodb.stderr


def test_backups_of_a_server_plan_point_to_pg_dump(run, pg_url, demo_data):
    ServerStore.create(pg_url, demo_data).close()
    done = run("backups", "--db", pg_url)
    assert done.returncode == 1 and "pg_dump" in done.stderr


def test_the_json_export_of_a_server_plan_reads_back_as_the_plan(
    run, exported_json, pg_url, demo_data, tmp_path
):
    ServerStore.create(pg_url, demo_data).close()
    (tmp_path / "plan.json").write_text(exported_json(pg_url))
    restored = run("import", "json", str(tmp_path / "plan.json"), "--db", str(tmp_path / "x.json"))
    assert restored.returncode == 0, restored.stderr
    assert read_plan(tmp_path / "x.json") == demo_data

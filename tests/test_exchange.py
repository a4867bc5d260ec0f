"""Exchange with the user's world: the whole plan as JSON, posts as bulk CSV (socialplan's
own layout, Sprout Social's, Hootsuite's) and the schedule as an iCalendar file, read back
by an independent parser (vobject)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from importlib.util import find_spec
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan import cli
from socialplan.cli import main
from socialplan.compat import notifications
from socialplan.core.bulk import BulkRow, bulk_rows, plan_bulk_import
from socialplan.core.model import ContentItem, Kind, Status
from socialplan.core.series import series_change
from socialplan.data.bulk_csv import BulkFileError, bulk_csv, parse_bulk_bytes
from socialplan.data.demo import build_demo
from socialplan.data.ics import GOING_OUT, plan_calendar
from socialplan.data.plan_json import PlanJSONError, parse_plan_json, plan_json
from socialplan.data.store import read_plan

from .conftest import FROZEN_NOW

FIXTURES = Path(__file__).parent / "fixtures" / "bulk"
STAMP = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
tricky_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(',"\n;é€😀'),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())


# --- whole plan as JSON


def test_json_round_trip_is_lossless(demo_data):
    assert parse_plan_json(plan_json(demo_data), Path("x.json")) == demo_data


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=tricky_text, body=tricky_text, tags=st.lists(tricky_text, max_size=3))
def test_json_round_trip_keeps_any_text(demo_data, title, body, tags):
    """Any text, but a title on one line: a line break in one is refused (the corpus of
    malformed plans checks that)."""
    one_line = " ".join(title.splitlines()).strip()
    item = replace(demo_data.items[0], title=one_line, body=body, tags=tuple(tags))
    data = replace(demo_data, items=(item, *demo_data.items[1:]))
    back = parse_plan_json(plan_json(data), Path("x.json"))
    assert back.items[0] == item


def test_json_export_is_stable_for_version_control(demo_data):
    first = plan_json(demo_data)
    assert first == plan_json(demo_data)
    assert first.count(b"\n") > 1000


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: b"{nope", "not valid JSON"),
        (lambda d: b"[1, 2]", "not a socialplan plan export"),
        (lambda d: orjson.dumps({"items": {}}), "no schema version"),
        (lambda d: _with(d, "meta", "1", schema_version=99), "newer socialplan"),
        (lambda d: _with(d, "items", "1", title=42), "items entry '1': field 'title'"),
        (lambda d: _with(d, "items", "1", kind="advert"), "field 'kind'"),
        (lambda d: _with(d, "items", "1", scheduled_at="2026-11-25T10:00"), "scheduled_at"),
        (lambda d: _renamed(d, "items", "1", "one"), "no whole-number id"),
    ],
)
def test_a_bad_json_plan_is_refused_with_what_and_where(demo_data, mutate, message):
    raw = mutate(orjson.loads(plan_json(demo_data)))
    with pytest.raises(PlanJSONError) as raised:
        parse_plan_json(raw, Path("bad.json"))
    assert message in str(raised.value)
    assert "Nothing was written" in str(raised.value)


def _with(document, table, key, **changes) -> bytes:
    document[table][key].update(changes)
    return orjson.dumps(document)


def _renamed(document, table, key, new_key) -> bytes:
    document[table][new_key] = document[table].pop(key)
    return orjson.dumps(document)


def test_escape_sequences_in_an_imported_json_plan_are_removed(demo_data):
    document = orjson.loads(plan_json(demo_data))
    document["items"]["1"]["title"] = "\x1b[2JWiped\x07"
    back = parse_plan_json(orjson.dumps(document), Path("x.json"))
    assert back.items[0].title == "[2JWiped"


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_plan_or_a_clear_refusal(raw):
    try:
        parse_plan_json(raw, Path("x.json"))
    except PlanJSONError as error:
        assert "Cannot import x.json" in str(error)


def test_cli_moves_a_plan_between_files(demo_path, tmp_path, capsys):
    exported = tmp_path / "plan-export.json"
    assert main(["export", "json", "--db", str(demo_path), "-o", str(exported)]) == 0
    target = tmp_path / "elsewhere.json"
    assert main(["import", "json", str(exported), "--db", str(target)]) == 0
    assert read_plan(target) == read_plan(demo_path)
    before = target.read_bytes()
    assert main(["import", "json", str(exported), "--db", str(target)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["import", "json", str(exported), "--db", str(target), "--replace"]) == 0
    assert read_plan(target) == read_plan(demo_path)


# --- bulk CSV


def read_bulk(path: Path):
    return parse_bulk_bytes(path.read_bytes(), path.name)


def rows_of(text: str) -> list[BulkRow]:
    return parse_bulk_bytes(text.encode(), "posts.csv").rows


def without_items(data):
    return replace(data, items=())


def test_csv_round_trip_gives_the_same_posts(demo_data):
    exported = bulk_csv(bulk_rows(demo_data))
    planned = plan_bulk_import(without_items(demo_data), rows_of(exported))
    assert planned.problems == []
    imported = planned.added
    assert len(imported) == len(demo_data.items)
    for before, after in zip(demo_data.items, imported, strict=True):
        for name in ("title", "body", "channel", "stage", "kind", "cta", "status", "link"):
            assert getattr(after, name) == getattr(before, name), name
        assert after.scheduled_at == before.scheduled_at


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=tricky_text, body=st.text(max_size=200), tags=st.lists(tricky_text, max_size=3))
def test_csv_round_trip_keeps_commas_quotes_newlines_and_non_ascii(demo_data, title, body, tags):
    from socialplan.core.validation import clean_text

    item = replace(
        demo_data.items[0],
        title=clean_text(title),
        body=clean_text(body, multiline=True),
        tags=tuple(t for t in (clean_text(t.replace(",", " ")) for t in tags) if t),
    )
    planned = plan_bulk_import(
        without_items(demo_data), rows_of(bulk_csv(bulk_rows(demo_data, [item])))
    )
    assert planned.problems == []
    (back,) = planned.added
    assert (back.title, back.body, back.tags) == (item.title, item.body, item.tags)


def test_importing_the_same_file_twice_adds_nothing(demo_data):
    exported = bulk_csv(bulk_rows(demo_data))
    planned = plan_bulk_import(demo_data, rows_of(exported))
    assert (planned.added, planned.changed, planned.unchanged) == ([], [], len(demo_data.items))


def test_a_changed_row_updates_its_post_and_keeps_what_a_file_cannot_say(demo_data):
    rows = bulk_rows(demo_data, demo_data.items[:1])
    rows[0]["status"] = "approved"
    planned = plan_bulk_import(demo_data, rows_of(bulk_csv(rows)))
    ((before, after),) = planned.changed
    assert after.status is Status.APPROVED and after.owner == before.owner and after.id == before.id


def test_sprout_social_layout_needs_a_channel_and_reads_day_first():
    found = read_bulk(FIXTURES / "sprout.csv")
    assert found.layout == "Sprout Social"
    assert found.rows[1].cells["message_text"] == "Two lines:\nsee the Webinar"


def test_sprout_social_file_imports_into_the_chosen_channel(demo_data):
    rows = read_bulk(FIXTURES / "sprout.csv").rows
    refused = plan_bulk_import(demo_data, rows)
    assert str(refused.problems[0]).startswith("line 2: no channel given")
    planned = plan_bulk_import(demo_data, rows, channel="LinkedIn")
    first, second = planned.added
    assert first.title == 'Our new heat pump guide, with "real" numbers'
    assert first.media_url == "https://example.nl/img.png"
    assert first.tags == ("guide", "heat pump")
    assert first.scheduled_at == datetime(2026, 11, 26, 9, 30, tzinfo=AMSTERDAM)
    assert second.title == "Two lines:" and second.body == "Two lines:\nsee the Webinar"


def test_hootsuite_layout_has_no_header(demo_data):
    found = read_bulk(FIXTURES / "hootsuite.csv")
    assert found.layout == "Hootsuite bulk composer"
    planned = plan_bulk_import(demo_data, found.rows, channel="Instagram")
    assert planned.problems == []
    assert planned.added[0].link == "https://example.nl/leusden"
    assert planned.added[1].scheduled_at == datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM)
    assert planned.added[1].title == "Café owners ask: what does a heat pump cost?"


@pytest.mark.parametrize(("day_first", "month"), [(True, 12), (False, 3)])
def test_slashed_dates_are_read_in_the_chosen_order(demo_data, day_first, month):
    rows = parse_bulk_bytes(b"03/12/2026 10:00,Hello\n", "h.csv").rows
    planned = plan_bulk_import(demo_data, rows, channel="Instagram", day_first=day_first)
    assert planned.added[0].scheduled_at.month == month


HEADER = "date,time_24hr,channel,message_text,kind,cta,journey_stage,pillar,persona\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-11-30,09:00,Mastodon,Hi,,,,,", "channel 'Mastodon' is not in the plan"),
        ("2026-13-30,09:00,LinkedIn,Hi,,,,,", "date '2026-13-30' is not a date"),
        ("2026-11-30,9.5,LinkedIn,Hi,,,,,", "time_24hr '9.5' is not a time"),
        ("2026-11-30,09:00,LinkedIn,Hi,advert,,,,", "kind 'advert' is not one of"),
        ("2026-11-30,09:00,LinkedIn,Hi,,maybe,,,", "cta 'maybe' is not yes or no"),
        ("2026-11-30,09:00,LinkedIn,Hi,,,Buy,,", "journey_stage 'Buy' is not in the plan"),
        ("2026-11-30,09:00,LinkedIn,Hi,,,,Gossip,", "pillar 'Gossip' is not in the plan"),
        ("2026-11-30,09:00,LinkedIn,Hi,,,,,Nobody", "persona 'Nobody' is not in the plan"),
        ("2026-11-30,09:00,LinkedIn,,,,,,", "there is no message_text"),
        (",09:00,LinkedIn,Hi,,,,,", "a time_24hr without a date"),
        ("2026-11-30,09:00,LinkedIn," + "x" * 20_001 + ",,,,,", "body: "),
    ],
)
def test_each_bad_row_is_named_by_its_line(demo_data, row, message):
    good = "2026-11-30,10:00,LinkedIn,Fine,,,,,\n"
    planned = plan_bulk_import(demo_data, rows_of(HEADER + good + row + "\n"))
    assert len(planned.problems) == 1
    assert str(planned.problems[0]).startswith("line 3: ")
    assert message in str(planned.problems[0])


def test_a_row_twice_in_one_file_is_reported(demo_data):
    row = "2026-11-30,10:00,LinkedIn,Same,,,,,\n"
    planned = plan_bulk_import(demo_data, rows_of(HEADER + row + row))
    assert [str(p) for p in planned.problems] == ["line 3: the same post as line 2"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "holds no posts"),
        (b"PK\x03\x04\x00\x00binary", "binary data"),
        (b"\xff\xfe\x00\xd8", "starts as Unicode text but is not"),
        (b"\x81\x8d", "neither UTF-8 nor Windows-1252"),
        (b"when,what\n1,2\n", "no message_text column"),
        (b"message_text\nHi,extra\n", "line 2: more cells than the header"),
    ],
)
def test_a_bad_bulk_file_is_refused(raw, message):
    with pytest.raises(BulkFileError) as raised:
        parse_bulk_bytes(raw, "posts.csv")
    assert message in str(raised.value)


DUTCH_EXCEL = (
    "date;time_24hr;channel;message_text;Publer label\r\n"
    "16-11-2026;8:30;LinkedIn;Wat kost een warmtepomp écht?;blauw\r\n"
    "2026/11/17;9:30;LinkedIn;Onderhoud in de winter;\r\n"
)
"""What Dutch Excel writes: semicolons, H:MM, its own date forms, and a column of another
tool's."""


@pytest.mark.parametrize(
    ("raw", "dialect"),
    [
        (b"\xef\xbb\xbf" + DUTCH_EXCEL.encode(), "UTF-8 with BOM, semicolons"),
        (DUTCH_EXCEL.encode("cp1252"), "Windows-1252, semicolons"),
        (DUTCH_EXCEL.replace(";", "\t").encode("utf-16"), "UTF-16, tabs"),
    ],
    ids=["utf-8-bom", "cp1252", "utf-16-tabs"],
)
def test_dutch_excel_files_are_read_and_say_how(demo_data, raw, dialect):
    found = parse_bulk_bytes(raw, "posts.csv")
    assert found.dialect == dialect
    assert found.ignored == ("Publer label",)
    assert found.describe() == f"socialplan ({dialect}); ignored the columns Publer label"
    planned = plan_bulk_import(demo_data, found.rows)
    assert planned.problems == []
    first, second = planned.added
    assert first.body == "Wat kost een warmtepomp écht?"
    zone = ZoneInfo(demo_data.plan.timezone)
    assert first.scheduled_at.astimezone(zone).strftime("%d-%m %H:%M") == "16-11 08:30"
    assert second.scheduled_at.astimezone(zone).strftime("%d-%m %H:%M") == "17-11 09:30"


def test_a_spreadsheet_round_trip_changes_the_post_it_names(demo_path, tmp_path, capsys):
    """A typo fixed in a spreadsheet and the file imported back added a second post."""
    exported = tmp_path / "posts.csv"
    assert cli.main(["export", "csv", "-o", str(exported), "--db", str(demo_path)]) == 0
    text = exported.read_text()
    post = next(i for i in read_plan(demo_path).items if i.body and i.body in text)
    exported.write_text(text.replace(post.body, post.body + " Fixed.", 1))
    before = len(read_plan(demo_path).items)
    capsys.readouterr()
    assert cli.main(["import", "csv", str(exported), "--db", str(demo_path)]) == 0
    assert "0 new, 1 changed" in capsys.readouterr().out
    after = read_plan(demo_path)
    assert len(after.items) == before
    assert next(i for i in after.items if i.id == post.id).body == post.body + " Fixed."


def test_a_row_deleted_in_the_sheet_deletes_a_post_only_when_asked(demo_path, tmp_path, capsys):
    exported = tmp_path / "posts.csv"
    args = ["--db", str(demo_path)]
    assert cli.main(["export", "csv", "-o", str(exported), "--channel", "YouTube", *args]) == 0
    lines = exported.read_text().splitlines(keepends=True)
    dropped = lines.pop(1)
    exported.write_text("".join(lines))
    before = len(read_plan(demo_path).items)
    assert cli.main(["import", "csv", str(exported), *args]) == 0
    assert len(read_plan(demo_path).items) == before
    capsys.readouterr()
    assert cli.main(["import", "csv", str(exported), "--delete-missing", "--dry-run", *args]) == 0
    out = capsys.readouterr().out
    assert out.count("not in the file, deleted:") == 1 and "Dry run" in out
    assert len(read_plan(demo_path).items) == before
    assert cli.main(["import", "csv", str(exported), "--delete-missing", *args]) == 0
    assert "Deleted 1 post that is not in the file." in capsys.readouterr().out
    assert len(read_plan(demo_path).items) == before - 1
    assert dropped.split(",")[-1].strip() not in {str(i.id) for i in read_plan(demo_path).items}


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_a_clear_refusal(raw):
    try:
        parse_bulk_bytes(raw, "posts.csv")
    except BulkFileError as error:
        assert "posts.csv" in str(error)


def test_cli_import_is_all_or_nothing_with_a_dry_run(demo_path, tmp_path, capsys):
    posts = tmp_path / "posts.csv"
    posts.write_text(HEADER + "2026-11-30,10:00,LinkedIn,Fine,,,,,\n2026-11-31,10:00,X,Bad,,,,,\n")
    before = demo_path.read_bytes()
    assert main(["import", "csv", str(posts), "--db", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err and "line 3: date '2026-11-31'" in err
    assert demo_path.read_bytes() == before
    posts.write_text(HEADER + "2026-11-30,10:00,LinkedIn,Fine,,,,,\n")
    assert main(["import", "csv", str(posts), "--db", str(demo_path), "--dry-run"]) == 0
    assert "1 new" in capsys.readouterr().out
    assert demo_path.read_bytes() == before
    assert main(["import", "csv", str(posts), "--db", str(demo_path)]) == 0
    assert main(["import", "csv", str(posts), "--db", str(demo_path)]) == 0
    assert "0 new, 0 changed, 1 already" in capsys.readouterr().out
    assert sum(i.title == "Fine" for i in read_plan(demo_path).items) == 1


# --- calendar


def calendar_of(data, **options):
    return vobject.readOne(plan_calendar(data, stamp=STAMP, **options).decode())


def events(calendar) -> list:
    return list(getattr(calendar, "vevent_list", []))


def test_every_post_going_out_is_an_event_in_the_plans_zone(demo_data):
    calendar = calendar_of(demo_data)
    scheduled = [i for i in demo_data.items if i.scheduled_at and i.status in GOING_OUT]
    assert len(events(calendar)) == len(scheduled)
    everything = [i for i in demo_data.items if i.scheduled_at]
    assert len(everything) > len(scheduled)
    assert len(events(calendar_of(demo_data, every_status=True))) == len(everything)
    assert calendar.vtimezone.tzid.value == "Europe/Amsterdam"
    first = min(scheduled, key=lambda i: (i.scheduled_at, i.id))
    event = events(calendar)[0]
    assert event.dtstart.value == first.scheduled_at
    assert "Europe/Amsterdam" in repr(event.dtstart.value.tzinfo)
    assert "DTSTART;TZID=Europe/Amsterdam:" in plan_calendar(demo_data, stamp=STAMP).decode()
    assert event.dtstart.value.utcoffset() == first.scheduled_at.astimezone(AMSTERDAM).utcoffset()
    assert event.summary.value == f"[{demo_data.channel_name(first.channel)}] {first.title}"
    assert (
        "Journey stage:" in event.description.value and "Call to action:" in event.description.value
    )


def test_uids_are_stable_across_exports_and_unique(demo_data):
    once = [e.uid.value for e in events(calendar_of(demo_data))]
    edited = replace(
        demo_data, items=tuple(replace(i, title=i.title + "!") for i in demo_data.items)
    )
    again = [e.uid.value for e in events(calendar_of(edited))]
    assert once == again and len(set(once)) == len(once)


def test_channel_and_days_narrow_the_calendar(demo_data):
    linkedin = next(c for c in demo_data.channels if c.name == "LinkedIn")
    calendar = calendar_of(
        demo_data, channel=linkedin.id, start=date(2026, 11, 23), end=date(2026, 11, 29)
    )
    for event in events(calendar):
        assert event.summary.value.startswith("[LinkedIn]")
        assert date(2026, 11, 23) <= event.dtstart.value.date() <= date(2026, 11, 29)
    assert events(calendar)


def with_weekly_series(data, moved: bool):
    head = replace(
        data.items[0],
        id=999,
        title="Weekly tip",
        repeat="RRULE:FREQ=WEEKLY;COUNT=4",
        scheduled_at=datetime(2027, 3, 15, 9, 0, tzinfo=AMSTERDAM),
        series=None,
    )
    change = series_change(None, head, replace(data, items=(*data.items, head)), FROZEN_NOW)
    repeats = [replace(r, id=1000 + n, series=999) for n, r in enumerate(change.add)]
    if moved:
        repeats[0] = replace(repeats[0], scheduled_at=repeats[0].scheduled_at + timedelta(hours=2))
    return replace(data, items=(*data.items, head, *repeats))


def test_a_repeating_post_is_an_event_per_repeat_across_the_clock_change(demo_data):
    data = with_weekly_series(demo_data, moved=False)
    tips = [e for e in events(calendar_of(data)) if "Weekly tip" in e.summary.value]
    assert len(tips) == 4 and len({e.uid.value for e in tips}) == 4
    assert not any(hasattr(e, "rrule") for e in tips)
    starts = [e.dtstart.value for e in tips]
    assert {s.astimezone(AMSTERDAM).hour for s in starts} == {9}
    assert starts[-1].utcoffset() == timedelta(hours=2)


def tips_read_by_recurring_ical_events(data) -> list[datetime]:
    """The posts' moments as a calendar reader that expands repeats sees them."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(plan_calendar(data, stamp=STAMP))
    found = recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2028, 1, 1))
    return sorted(e["DTSTART"].dt for e in found if "Weekly tip" in str(e["SUMMARY"]))


def read_by_khal(folder: Path, calendar: bytes, start: str, end: str) -> list[str]:
    """What khal lists between two days ("YYYY-MM-DD HH:MM title", Amsterdam time) once
    the calendar is imported into an empty one (``khal import``, as a user does), each
    repeat once."""
    (folder / "cal").mkdir(exist_ok=True)
    config = folder / "khal.conf"
    config.write_text(KHAL_CONFIG.format(calendar=folder / "cal"))
    (folder / "plan.ics").write_bytes(calendar)
    khal = [sys.executable, "-m", "khal", "-c", str(config)]
    subprocess.run(
        [*khal, "import", "--batch", "-a", "plan", str(folder / "plan.ics")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    listed = subprocess.run(
        [*khal, "list", "--once", "--format", "{start} {title}", "--day-format", "", start, end],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return sorted(line for line in listed.stdout.splitlines() if line.strip())


KHAL_CONFIG = """
[calendars]
[[plan]]
path = {calendar}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Amsterdam
default_timezone = Europe/Amsterdam
[default]
default_calendar = plan
"""


def khal_lines(posts: Iterable[ContentItem]) -> list[str]:
    """How khal lists ``posts``: their time in Amsterdam, their channel and title."""
    channels = {1: "LinkedIn", 2: "Instagram", 3: "YouTube", 4: "Facebook"}
    return sorted(
        f"{p.scheduled_at.astimezone(AMSTERDAM):%Y-%m-%d %H:%M} [{channels[p.channel]}] {p.title}"
        for p in posts
        if p.scheduled_at
    )


def test_a_moved_or_deleted_repeat_shows_no_ghost(demo_data):
    """An RRULE beside a moved repeat showed five events where the plan has four, and a
    deleted repeat still came back from the rule."""
    data = with_weekly_series(demo_data, moved=True)
    plan_moments = sorted(i.scheduled_at for i in data.items if i.title == "Weekly tip")
    assert tips_read_by_recurring_ical_events(data) == plan_moments
    assert [e.dtstart.value for e in events(calendar_of(data)) if "Weekly tip" in e.summary.value]
    deleted = replace(data, items=tuple(i for i in data.items if i.id != 1002))
    left = sorted(i.scheduled_at for i in deleted.items if i.title == "Weekly tip")
    assert len(left) == 3
    assert tips_read_by_recurring_ical_events(deleted) == left


@pytest.mark.skipif(find_spec("khal") is None, reason="khal comes with the [test] extra")
def test_khal_shows_the_plans_repeats_and_updates_them_on_a_second_import(demo_data, tmp_path):
    data = with_weekly_series(demo_data, moved=True)
    deleted = replace(data, items=tuple(i for i in data.items if i.id != 1002))
    tips = [i for i in deleted.items if i.title == "Weekly tip"]
    shown = read_by_khal(tmp_path, plan_calendar(deleted, stamp=STAMP), "2027-03-01", "2027-05-01")
    assert [line for line in shown if "Weekly tip" in line] == khal_lines(tips)
    moved_again = replace(tips[0], scheduled_at=tips[0].scheduled_at + timedelta(days=1))
    again = replace(
        deleted, items=tuple(moved_again if i.id == tips[0].id else i for i in deleted.items)
    )
    shown = read_by_khal(tmp_path, plan_calendar(again, stamp=STAMP), "2027-03-01", "2027-05-01")
    assert [line for line in shown if "Weekly tip" in line] == khal_lines(
        [moved_again, *tips[1:]]
    ), "a second import updates the events, never doubles them"


def test_a_series_from_2028_to_2032_is_read_alike_by_every_reader(demo_data, tmp_path):
    """vobject read summer posts an hour off from icalendar's list-of-dates zone, and the
    zone ended five years after the first post."""
    import icalendar
    import recurring_ical_events

    start = datetime(2028, 1, 3, 9, 0, tzinfo=AMSTERDAM)
    posts = tuple(
        replace(
            demo_data.items[0],
            id=5000 + n,
            title=f"Monthly {n}",
            status=Status.SCHEDULED,
            scheduled_at=datetime.combine((start + timedelta(days=30 * n)).date(), start.timetz()),
            series=None,
            repeat="",
        )
        for n in range(60)
    )
    data = replace(demo_data, items=posts)
    by_vobject = sorted(e.dtstart.value for e in events(calendar_of(data)))
    calendar = icalendar.Calendar.from_ical(plan_calendar(data, stamp=STAMP))
    by_icalendar = sorted(
        e["DTSTART"].dt
        for e in recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2034, 1, 1))
    )
    planned = [p.scheduled_at for p in posts]
    assert by_vobject == planned == by_icalendar
    assert {d.astimezone(AMSTERDAM).hour for d in by_vobject} == {9}
    if find_spec("khal"):
        by_khal = read_by_khal(
            tmp_path, plan_calendar(data, stamp=STAMP), "2028-01-01", "2033-01-01"
        )
        assert by_khal == khal_lines(posts)
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in plan_calendar(data, stamp=STAMP).decode()


def test_an_edited_post_raises_its_sequence_and_makes_nobody_busy(demo_data):
    post = next(i for i in demo_data.items if i.scheduled_at and i.status in GOING_OUT)
    earlier = replace(post, modified_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    later = replace(post, modified_at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC))

    def event_of(item):
        data = replace(demo_data, items=(item,))
        (event,) = events(calendar_of(data))
        return event

    first, second = event_of(earlier), event_of(later)
    assert int(second.sequence.value) > int(first.sequence.value)
    assert second.last_modified.value == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    assert first.transp.value == "TRANSPARENT"


def test_the_session_stamps_each_save_and_undo(demo_store):
    from socialplan.data.requests import Save
    from socialplan.data.session import PlanSession

    now = [datetime(2026, 11, 25, 10, 0, tzinfo=UTC)]
    session = PlanSession(demo_store, lambda: now[0])
    post = next(i for i in session.shown.items if i.scheduled_at)
    session.submit(Save((replace(post, title="Renamed"),)))
    saved = session.shown.item(post.id)
    assert saved.modified_at == now[0]
    now[0] += timedelta(minutes=5)
    session.undo()
    assert session.shown.item(post.id).modified_at > saved.modified_at, "undo is a change too"


def test_cli_writes_the_calendar(demo_path, tmp_path):
    target = tmp_path / "posts.ics"
    assert main(["export", "ics", "--db", str(demo_path), "-o", str(target)]) == 0
    assert events(vobject.readOne(target.read_text()))
    assert main(["export", "ics", "--db", str(demo_path), "--channel", "Myspace"]) == 1


def test_unknown_dates_on_the_command_line_are_refused(demo_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["export", "ics", "--db", str(demo_path), "--from", "next week"])
    assert raised.value.code == 2
    assert "'next week' is not a date" in capsys.readouterr().err


def test_no_field_is_forgotten_by_the_json_export():
    fields = {f.name for f in dataclasses.fields(ContentItem)}
    assert {"media_url", "tags", "persona"} <= fields
    assert Kind.PROMOTION.value == "promotion"


async def test_x_on_schedule_writes_the_calendar_beside_the_plan(make_app, demo_store):
    app = make_app("schedule")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.title == "Exported" for n in notifications(app))
    target = demo_store.path.with_name("demo-calendar.ics")
    assert events(vobject.readOne(target.read_text()))


def test_a_reimported_export_matches_posts_with_seconds_or_surrounding_whitespace(demo_data):
    """A time with seconds is exported to the minute and a body's outer whitespace is
    trimmed on import: the same posts, not new ones."""
    from dataclasses import replace as changed

    from socialplan.core.bulk import bulk_rows, plan_bulk_import
    from socialplan.data.bulk_csv import bulk_csv, parse_bulk_bytes

    items = tuple(
        changed(
            item,
            scheduled_at=item.scheduled_at.replace(second=30) if item.scheduled_at else None,
            body=f"  {item.body}\n" if item.body else "",
            title=f" {item.title} ",
        )
        for item in demo_data.items
    )
    data = changed(demo_data, items=items)
    found = parse_bulk_bytes(bulk_csv(bulk_rows(data)).encode(), "posts.csv")
    planned = plan_bulk_import(data, found.rows)
    assert (planned.added, planned.changed, planned.problems) == ([], [], [])


def test_a_bulk_file_as_large_as_a_big_plans_export_is_read(tmp_path):
    """A 100,000-post export is 22 MB: the cap is the plan's own, not 20 MB."""

    sheet = tmp_path / "big.csv"
    row = "x" * 1000 + ",LinkedIn\n"
    sheet.write_text("message_text,channel\n" + row * 22_000)
    assert sheet.stat().st_size > 21 * 2**20
    assert len(read_bulk(sheet).rows) == 22_000


def test_replacing_a_plan_keeps_the_ids_it_handed_out(demo_path, tmp_path):
    from socialplan import cli
    from socialplan.core.model import ContentItem
    from socialplan.data.plan_json import plan_json
    from socialplan.data.store import PlanStore, read_plan

    store = PlanStore.open(demo_path)
    newest = store.add(ContentItem("Newest", 1, 1))
    store.delete(ContentItem, newest.id)
    store.close()
    export = tmp_path / "smaller.json"
    export.write_bytes(plan_json(read_plan(demo_path)))
    assert cli.main(["import", "json", str(export), "--db", str(demo_path), "--replace"]) == 0
    assert PlanStore.open(demo_path).add(ContentItem("After", 1, 1)).id > newest.id


@settings(max_examples=100)
@given(st.text(max_size=300))
def test_any_title_is_one_escaped_event_with_lines_of_75_octets(title):
    """Events are written line by line now: whatever a title holds, it is one event that
    readers give back as written (control characters aside), in folded lines."""
    import icalendar

    from socialplan.core.validation import without_controls

    post = replace(
        ContentItem(title, 1, 1, status=Status.SCHEDULED, body=title),
        scheduled_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        id=1,
    )
    data = replace(build_demo(FROZEN_NOW), items=(post,))
    raw = plan_calendar(data, stamp=STAMP)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    expected = without_controls(title.replace("\r\n", "\n").replace("\r", "\n"))
    assert str(event["SUMMARY"]) == f"[{data.channel_name(1)}] {expected}"


def test_publers_bulk_template_is_recognised(demo_data):
    """Publer's documented template: Date with the time in it, Text, Link(s), Media URL(s),
    Title, Labels (and columns of its own, left out and named)."""
    raw = (
        b"Date,Text,Link(s),Media URL(s),Title,Labels,Alt text(s)\n"
        b"2026/12/03 14:30,Winter checklist for your heat pump,https://v.nl/w,,Winter,"
        b'"tips, winter",\n'
    )
    found = parse_bulk_bytes(raw, "publer.csv")
    assert found.layout == "Publer" and found.ignored == ("Alt text(s)",)
    (post,) = plan_bulk_import(demo_data, found.rows, channel="LinkedIn").added
    zone = ZoneInfo(demo_data.plan.timezone)
    assert post.scheduled_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") == "2026-12-03 14:30"
    assert (post.title, post.link, post.tags) == ("Winter", "https://v.nl/w", ("tips", "winter"))


@pytest.mark.parametrize(
    ("header", "layout"),
    [
        (b"text,link,imageUrls,gifUrls,videoUrls,postAtSpecificTime", "SocialBee"),
        (b"postAtSpecificTime,content,link,imageUrls,gifUrl,videoUrls", "HighLevel"),
    ],
)
def test_socialbees_and_highlevels_bulk_templates_are_recognised(demo_data, header, layout):
    """Their documented columns; the GIF and video columns are left out and named."""
    cells = {
        "text": "Winter checklist for your heat pump",
        "content": "Winter checklist for your heat pump",
        "link": "https://v.nl/w",
        "imageUrls": "https://v.nl/w.jpg",
        "postAtSpecificTime": "2026-12-03 14:30",
    }
    row = ",".join(cells.get(name.decode(), "") for name in header.split(b","))
    found = parse_bulk_bytes(header + b"\n" + row.encode() + b"\n", "bulk.csv")
    assert found.layout == layout
    assert {name.lower() for name in found.ignored} <= {"gifurls", "gifurl", "videourls"}
    assert found.ignored
    (post,) = plan_bulk_import(demo_data, found.rows, channel="LinkedIn").added
    zone = ZoneInfo(demo_data.plan.timezone)
    assert post.scheduled_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") == "2026-12-03 14:30"
    assert (post.body, post.link, post.media_url) == (
        "Winter checklist for your heat pump",
        "https://v.nl/w",
        "https://v.nl/w.jpg",
    )


def test_a_sprout_export_is_split_by_350_and_says_what_it_cannot_carry(demo_data):
    from socialplan.data.scheduler_csv import scheduler_export

    start = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
    posts = [
        replace(demo_data.items[0], id=9000 + n, scheduled_at=start + timedelta(minutes=15 * n))
        for n in range(700)
    ]
    close = replace(posts[0], id=9999, title="Too close", scheduled_at=start + timedelta(minutes=5))
    made = scheduler_export(demo_data, [*posts, close], "sprout")
    assert len(made.files) == 3
    first = parse_bulk_bytes(made.files[0], "sprout-1.csv")
    assert first.layout == "Sprout Social" and len(first.rows) == 350
    assert first.rows[0].cells["date"] == "04/01/2027"
    assert any("'Too close' is less than 10 minutes after" in w for w in made.warnings)
    assert any("701 posts make 3 files of at most 350" in w for w in made.warnings)
    assert any(w.startswith("this layout cannot carry: title") for w in made.warnings)
    back = plan_bulk_import(demo_data, first.rows, channel="LinkedIn")
    assert back.problems == [] and len(back.added) + back.unchanged + len(back.changed) == 350


def test_a_hootsuite_export_reads_back_as_hootsuite_and_the_cli_splits_files(
    demo_path, tmp_path, capsys
):
    args = ["export", "csv", "--layout", "hootsuite", "--channel", "LinkedIn", "--db"]
    assert cli.main([*args, str(demo_path)]) == 0
    out = capsys.readouterr()
    found = parse_bulk_bytes(out.out.encode(), "hootsuite.csv")
    assert found.layout == "Hootsuite bulk composer" and found.rows
    assert "cannot carry: title, journey stage, pillar, persona, kind, CTA, status, media" in (
        out.err
    )
    target = tmp_path / "linkedin.csv"
    assert cli.main([*args, str(demo_path), "-o", str(target)]) == 0
    assert target.exists()


def test_the_status_filter_narrows_a_csv_export(demo_path, capsys):
    base = ["export", "csv", "--db", str(demo_path)]
    assert cli.main([*base, "--status", "approved,scheduled"]) == 0
    rows = parse_bulk_bytes(capsys.readouterr().out.encode(), "posts.csv").rows
    assert rows and {r.cells["status"] for r in rows} <= {"approved", "scheduled"}
    with pytest.raises(SystemExit):
        cli.main([*base, "--status", "approved,sometime"])
    assert "'approved,sometime' is not a list of statuses" in capsys.readouterr().err

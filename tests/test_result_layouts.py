"""Every export layout socialplan reads, built here from the documented columns (never real
people's data): in English and Dutch, as CSV (with a byte order mark and note rows), .xlsx
and .ods, with columns shuffled and extra ones added; and numbers and dates in each file's
own style, read right or refused with both readings."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplan.core.export_dates import DateError, DateOrder, date_order, read_date
from socialplan.core.export_numbers import CountError, file_style, read_count
from socialplan.data.results_file import ResultsFileError, read_results_file
from tests.spreadsheets import write_ods, write_xlsx


@dataclass(frozen=True)
class Export:
    """One platform's export: its columns (English, Dutch), two posts, what they count."""

    name: str
    platform: str
    english: list[str]
    dutch: list[str]
    rows: list[list[object]]
    expected: list[dict[str, int]]
    note_rows: int = 0
    total_row: list[object] | None = None


LINKEDIN = Export(
    "linkedin",
    "linkedin",
    [
        "Post title",
        "Post link",
        "Post type",
        "Created date",
        "Impressions",
        "Clicks",
        "Click through rate (CTR)",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
    ],
    [
        "Titel van bericht",
        "Link naar bericht",
        "Type bericht",
        "Aanmaakdatum",
        "Weergaven",
        "Klikken",
        "Klikfrequentie (CTR)",
        "Vind-ik-leuks",
        "Opmerkingen",
        "Reposts",
        "Volgers",
        "Betrokkenheidspercentage",
    ],
    [
        [
            "Heat pump or hybrid?",
            "https://www.linkedin.com/feed/update/urn:li:activity:1",
            "Organic",
            date(2026, 11, 9),
            2412,
            38,
            0.0158,
            54,
            7,
            3,
            2,
            0.0431,
        ],
        [
            "Energy label C",
            "https://www.linkedin.com/feed/update/urn:li:activity:2",
            "Organic",
            date(2026, 11, 10),
            1980,
            25,
            0.0126,
            31,
            4,
            1,
            0,
            0.0308,
        ],
    ],
    [
        {"impressions": 2412, "clicks": 38, "engagements": 54 + 7 + 3 + 38 + 2},
        {"impressions": 1980, "clicks": 25, "engagements": 31 + 4 + 1 + 25},
    ],
    note_rows=1,
)
"""LinkedIn's page content export, sheet "All posts": a note on row 1, the header on 2."""

UPDATE_TITLES = Export(
    "linkedin_before",
    "linkedin",
    ["Update title", "Update link", "Date", "Impressions", "Clicks", "Likes", "Comments", "Shares"],
    [
        "Titel",
        "Berichtlink",
        "Datum",
        "Vertoningen",
        "Klikken",
        "Vind-ik-leuks",
        "Opmerkingen",
        "Gedeeld",
    ],
    [["Meet Henk", "https://lnkd.in/a", date(2026, 11, 12), 1200, 10, 40, 2, 1]],
    [{"impressions": 1200, "clicks": 10, "engagements": 40 + 2 + 1 + 10}],
)
"""LinkedIn's earlier layout: Update title, Date, Shares."""

FACEBOOK = Export(
    "facebook",
    "facebook",
    [
        "Post ID",
        "Page ID",
        "Page name",
        "Title",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Caption type",
        "Permalink",
        "Is crosspost",
        "Is share",
        "Post type",
        "Languages",
        "Custom labels",
        "Funded content status",
        "Data comment",
        "Date",
        "Views",
        "Reach",
        "Reactions, Comments and Shares",
        "Reactions",
        "Comments",
        "Shares",
        "Total clicks",
        "Link clicks",
        "Other clicks",
    ],
    [
        "Bericht-ID",
        "Pagina-ID",
        "Paginanaam",
        "Titel",
        "Beschrijving",
        "Duur (sec)",
        "Publicatietijd",
        "Type bijschrift",
        "Permalink",
        "Is crosspost",
        "Is gedeeld",
        "Type bericht",
        "Talen",
        "Aangepaste labels",
        "Status gefinancierde content",
        "Opmerking bij gegevens",
        "Datum",
        "Weergaven",
        "Bereik",
        "Reacties, opmerkingen en shares",
        "Reacties",
        "Opmerkingen",
        "Shares",
        "Totaal aantal klikken",
        "Linkklikken",
        "Overige klikken",
    ],
    [
        [
            "1221",
            "1000",
            "Veldhuis",
            "",
            "Storm warning: check your units",
            "",
            "11/10/2026 19:00",
            "",
            "https://www.facebook.com/1221",
            "No",
            "No",
            "Photo",
            "",
            "",
            "",
            "",
            "Lifetime",
            3100,
            2200,
            140,
            120,
            12,
            8,
            60,
            40,
            20,
        ],
        [
            "1222",
            "1000",
            "Veldhuis",
            "",
            "Winter checklist",
            "",
            "11/16/2026 08:30",
            "",
            "https://www.facebook.com/1222",
            "No",
            "No",
            "Link",
            "",
            "",
            "",
            "",
            "Lifetime",
            1500,
            1000,
            30,
            25,
            3,
            2,
            15,
            10,
            5,
        ],
    ],
    [
        {"reach": 2200, "impressions": 3100, "engagements": 140, "clicks": 60},
        {"reach": 1000, "impressions": 1500, "engagements": 30, "clicks": 15},
    ],
)
"""Meta Business Suite, Facebook posts, 2025: Views replaced Impressions, publish time
month-first (in English)."""

INSTAGRAM = Export(
    "instagram",
    "instagram",
    [
        "Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Permalink",
        "Post type",
        "Data comment",
        "Date",
        "Views",
        "Reach",
        "Likes",
        "Shares",
        "Follows",
        "Comments",
        "Saves",
    ],
    [
        "Bericht-ID",
        "Account-ID",
        "Gebruikersnaam account",
        "Accountnaam",
        "Beschrijving",
        "Duur (sec)",
        "Publicatietijd",
        "Permalink",
        "Type bericht",
        "Opmerking bij gegevens",
        "Datum",
        "Weergaven",
        "Bereik",
        "Vind-ik-leuks",
        "Shares",
        "Volgers",
        "Opmerkingen",
        "Opgeslagen",
    ],
    [
        [
            "DC1",
            "1784",
            "veldhuis",
            "Veldhuis",
            "On the roof ☀️",
            "",
            "11/13/2026 19:00",
            "https://www.instagram.com/p/DC1/",
            "IG image",
            "",
            "Lifetime",
            1510,
            1102,
            96,
            4,
            0,
            8,
            11,
        ]
    ],
    [{"reach": 1102, "impressions": 1510, "engagements": 96 + 8 + 4 + 11}],
)
"""Meta, Instagram posts: Views, Likes, Saves, and no Reactions column."""

X_CONTENT = Export(
    "x",
    "x",
    [
        "Post id",
        "Date",
        "Post text",
        "Post Link",
        "Impressions",
        "Likes",
        "Engagements",
        "Bookmarks",
        "Shares",
        "New follows",
        "Replies",
        "Reposts",
        "Profile visits",
        "Detail Expands",
        "URL Clicks",
    ],
    [
        "Post-ID",
        "Datum",
        "Posttekst",
        "Postlink",
        "Weergaven",
        "Vind-ik-leuks",
        "Interacties",
        "Bladwijzers",
        "Gedeeld",
        "Nieuwe volgers",
        "Antwoorden",
        "Reposts",
        "Profielbezoeken",
        "Details uitgevouwen",
        "URL-klikken",
    ],
    [
        [
            "1860001",
            "Mon, Nov 16, 2026",
            "Heat pump or hybrid?",
            "https://x.com/v/status/1860001",
            812,
            9,
            31,
            1,
            2,
            0,
            1,
            2,
            3,
            10,
            6,
        ]
    ],
    [{"impressions": 812, "engagements": 31, "clicks": 6}],
)
"""X's account_analytics_content export, dates like 'Mon, Nov 16, 2026'."""

YOUTUBE = Export(
    "youtube",
    "youtube",
    [
        "Content",
        "Video title",
        "Video publish time",
        "Duration",
        "Views",
        "Watch time (hours)",
        "Subscribers",
        "Impressions",
        "Impressions click-through rate (%)",
    ],
    [
        "Content",
        "Videotitel",
        "Publicatietijd video",
        "Duur",
        "Weergaven",
        "Kijktijd (uren)",
        "Abonnees",
        "Vertoningen",
        "Klikfrequentie van vertoningen (%)",
    ],
    [["dQw4w9WgXcQ", "How a heat pump works", "Nov 11, 2026", 312, 640, 21.5, 4, 5200, 6.2]],
    [{"impressions": 5200, "clicks": 640, "engagements": 4}],
    total_row=["Total", "", "", "", 640, 21.5, 4, 5200, 6.2],
)
"""YouTube Studio's 'Table data.csv': a Total row first."""

EXPORTS = [LINKEDIN, UPDATE_TITLES, FACEBOOK, INSTAGRAM, X_CONTENT, YOUTUBE]
DUTCH_MONTHS = {"Nov": "nov"}


def _text(value: object, dutch: bool) -> object:
    """A cell as the export's own language writes it in a CSV file."""
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}" if dutch else f"{value:%m/%d/%Y}"
    if isinstance(value, float):
        return f"{value}".replace(".", ",") if dutch else f"{value}"
    if isinstance(value, int) and value >= 1000:
        return f"{value:,}".replace(",", ".") if dutch else f"{value:,}"
    if isinstance(value, str) and dutch:
        if value[:2].isdigit() and "/" in value:  # Meta's month-first time, day-first in Dutch
            month, day, rest = value.split("/", 2)
            return f"{day}-{month}-{rest}"
        for english, local in DUTCH_MONTHS.items():
            value = value.replace(english, local)
    return value


def table(export: Export, dutch: bool, kind: str, *, shuffled: bool) -> list[list[object]]:
    """The export's rows as ``kind`` holds them: CSV all text, .xlsx its dates as text (as
    LinkedIn writes them), .ods real date cells."""
    header = [*(export.dutch if dutch else export.english), "Something new"]
    rows = [
        [*row, "x"] for row in [*([export.total_row] if export.total_row else []), *export.rows]
    ]
    if kind != "ods":
        rows = [
            [_text(v, dutch) if kind == "csv" or isinstance(v, date) else v for v in row]
            for row in rows
        ]
    order = list(range(len(header)))
    if shuffled:
        random.Random(len(header)).shuffle(order)
    notes = [["Exported for Veldhuis Klimaattechniek"]] * export.note_rows
    return [*notes, [header[i] for i in order], *[[row[i] for i in order] for row in rows]]


def write(path: Path, rows: list[list[object]], kind: str) -> Path:
    if kind == "csv":
        with path.open("w", newline="", encoding="utf-8-sig") as out:
            csv.writer(out).writerows(rows)
        return path
    writer = write_xlsx if kind == "xlsx" else write_ods
    return writer(
        path, {"Metrics": [["Date", "Impressions"], ["11/09/2026", 3]], "All posts": rows}
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
@pytest.mark.parametrize("dutch", [False, True], ids=["english", "dutch"])
@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
def test_every_layout_is_read(tmp_path, export, dutch, kind) -> None:
    rows = table(export, dutch, kind, shuffled=True)
    found = read_results_file(write(tmp_path / f"export.{kind}", rows, kind))
    assert found.platform == export.platform
    assert found.language == ("nl" if dutch else "en")
    assert found.sheet == ("" if kind == "csv" else "All posts")
    assert found.totals_skipped == (1 if export.total_row else 0)
    for post, expected, row in zip(found.posts, export.expected, export.rows, strict=True):
        assert {key: getattr(post, key) for key in expected} == expected
        days = [value for value in row if isinstance(value, date)]
        if days:
            assert post.posted == days[0]
    assert found.posts[0].post_ref.startswith("https://")


def test_the_plain_header_in_the_documented_order_is_read(tmp_path) -> None:
    rows = table(FACEBOOK, False, "csv", shuffled=False)
    found = read_results_file(write(tmp_path / "facebook.csv", rows, "csv"))
    assert [p.posted for p in found.posts] == [date(2026, 11, 10), date(2026, 11, 16)]
    assert "Meta Business Suite posts (English header)" in found.describe()


def test_a_row_with_a_field_too_many_is_refused_with_its_line(tmp_path) -> None:
    """A header with an unquoted comma shifted every value one column."""
    path = tmp_path / "x.csv"
    path.write_text(
        "Post id,Date,Post text,Post Link,Impressions\n"
        '1,"Mon, Nov 16, 2026",Hello, world,https://x.com/1,812\n'
        '2,"Tue, Nov 17, 2026",Fine,https://x.com/2,90\n'
    )
    with pytest.raises(ResultsFileError) as refused:
        read_results_file(path)
    assert refused.value.problems == ["line 2: 6 fields where the header has 5"]


def test_an_ambiguous_count_is_refused_with_both_readings(tmp_path) -> None:
    path = tmp_path / "linkedin.csv"
    path.write_text(
        "Post title,Post link,Created date,Impressions,Click through rate (CTR)\n"
        "A,https://l/1,11/09/2026,2.412,0.0158\n"
    )
    with pytest.raises(ResultsFileError) as refused:
        read_results_file(path)
    (problem,) = refused.value.problems
    assert problem.startswith("line 2: Impressions '2.412' could be 2412")
    assert "or 2.412 (a decimal, as in '0.0158'" in problem


def test_a_column_that_shows_its_own_style_is_read_in_it(tmp_path) -> None:
    """The rates write decimals with '.', but the impressions column groups with '.' (it
    has 1.234.567): its 2.412 is 2412, not a question."""
    path = tmp_path / "linkedin.csv"
    path.write_text(
        "Post title,Post link,Created date,Impressions,Click through rate (CTR)\n"
        "A,https://l/1,11/09/2026,2.412,0.0158\n"
        "B,https://l/2,11/10/2026,1.234.567,0.0201\n"
    )
    assert [p.impressions for p in read_results_file(path).posts] == [2412, 1234567]


def test_dutch_grouping_is_read_as_thousands(tmp_path) -> None:
    """2.412 was stored as 2 and replaced a correct 2412."""
    path = tmp_path / "linkedin.csv"
    path.write_text(
        "Titel van bericht;Link naar bericht;Aanmaakdatum;Weergaven;Klikfrequentie (CTR)\n"
        "A;https://l/1;09-11-2026;2.412;0,0158\n"
    )
    (post,) = read_results_file(path).posts
    assert (post.impressions, post.posted) == (2412, date(2026, 11, 9))


def test_dates_that_contradict_each_other_are_refused(tmp_path) -> None:
    path = tmp_path / "linkedin.csv"
    path.write_text(
        "Post title,Post link,Created date,Impressions\n"
        "A,https://l/1,11/16/2026,1\nB,https://l/2,16/11/2026,2\n"
    )
    with pytest.raises(ResultsFileError) as refused:
        read_results_file(path)
    assert refused.value.problems == [
        "Created date: the dates mix day-first ('16/11/2026') and month-first ('11/16/2026') "
        "(lines 3, 2)"
    ]


def test_a_dutch_file_is_day_first_unless_it_shows_otherwise(tmp_path) -> None:
    path = tmp_path / "linkedin.csv"
    path.write_text(
        "Titel van bericht,Link naar bericht,Aanmaakdatum,Weergaven\nA,l,03-04-2026,1\n"
    )
    assert read_results_file(path).posts[0].posted == date(2026, 4, 3)


# --- numbers and dates, over every style


def formatted(value: int, style: str, grouped: bool) -> str:
    text = f"{value:,}" if grouped else str(value)
    return text.replace(",", ".") if style == "nl" else text


@settings(max_examples=300)
@given(
    value=st.integers(0, 10**10),
    style=st.sampled_from(["en", "nl"]),
    grouped=st.booleans(),
    evidence=st.sampled_from(["none", "own", "other", "both"]),
)
def test_a_count_is_read_right_or_refused_never_misread(value, style, grouped, evidence) -> None:
    own, other = ("0.5", "0,5") if style == "en" else ("0,5", "0.5")
    cells = {"none": [], "own": [own], "other": [other], "both": [own, other]}[evidence]
    text = formatted(value, style, grouped)
    try:
        read = read_count(text, file_style([*cells, text]))
    except CountError as refused:
        assert evidence != "none" or not grouped, "without evidence a grouped count is read"
        assert str(refused)
    else:
        assert read == value


@settings(max_examples=300)
@given(st.text(alphabet="0123456789.,- %", max_size=14), st.sampled_from(["", "0.5", "0,5"]))
def test_any_text_is_a_plausible_count_or_refused(text, evidence) -> None:
    try:
        read = read_count(text, file_style([evidence] if evidence else []))
    except CountError:
        return
    if read is None:
        assert text.strip() in ("", "-")
        return
    digits = "".join(c for c in text if c.isdigit())
    whole = text.replace(" ", "")
    readings = {int(digits)} if digits else set()
    for mark in ".,":
        if mark in whole:
            head = whole.rsplit(mark, 1)[0].replace(".", "").replace(",", "")
            fraction = whole.rsplit(mark, 1)[1]
            if head and set(fraction) <= {"0"}:
                readings.add(int(head))
    assert read in readings


def test_spreadsheet_numbers_are_taken_as_they_are() -> None:
    assert read_count(2412.0, file_style([])) == 2412
    with pytest.raises(CountError):
        read_count(3.5, file_style([]))
    with pytest.raises(CountError):
        read_count(True, file_style([]))


@settings(max_examples=200)
@given(
    st.lists(st.dates(date(2000, 1, 1), date(2099, 12, 31)), min_size=1, max_size=8),
    st.sampled_from([DateOrder.DAY_FIRST, DateOrder.MONTH_FIRST]),
    st.sampled_from([DateOrder.DAY_FIRST, DateOrder.MONTH_FIRST]),
)
def test_a_column_of_dates_is_read_right_or_refused(days, written, default) -> None:
    pattern = "%d/%m/%Y" if written is DateOrder.DAY_FIRST else "%m/%d/%Y"
    texts = [f"{day:{pattern}}" for day in days]
    order = date_order(texts, default)
    read = [read_date(text, order) for text in texts]
    shows_order = any(day.day > 12 for day in days)
    if shows_order or order is written:
        assert read == days
    else:
        assert all(day.day <= 12 for day in days)  # the default decided, as documented


def test_dates_in_text_and_iso_are_read_in_any_order() -> None:
    for order in DateOrder:
        assert read_date("2026-11-09T07:30:00+0000", order) == date(2026, 11, 9)
        assert read_date("Mon, Nov 16, 2026", order) == date(2026, 11, 16)
        assert read_date("16 nov. 2026", order) == date(2026, 11, 16)
        assert read_date("ma 16 nov 2026", order) == date(2026, 11, 16)
    with pytest.raises(DateError):
        read_date("lots", DateOrder.DAY_FIRST)


def test_a_file_style_keeps_an_example_of_each_mark_for_messages() -> None:
    style = file_style(["12", "0.0158", "1.234,5"])
    assert style.decimal_marks == {".", ","}
    assert (style.example("."), style.example(",")) == ("0.0158", "1.234,5")

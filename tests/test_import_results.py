"""Importing measured results from the platforms' exports: each layout, the files that must
be refused (with line numbers, writing nothing), matching to planned posts, re-imports
that replace instead of doubling, the command line and the app."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, OptionList

from socialplan import cli
from socialplan.compat import notifications
from socialplan.core.imports import MeasuredPost, plan_import
from socialplan.core.model import Channel
from socialplan.core.plan_data import PlanData
from socialplan.core.validation import InvalidInputError
from socialplan.data.results_file import ResultsFileError, read_results_file
from socialplan.data.store import PlanStore, read_plan
from socialplan.screens.import_results import (
    ChooseChannelScreen,
    ImportReviewScreen,
    MatchPostScreen,
)

FIXTURES = Path(__file__).parent / "fixtures" / "results"
LINKEDIN = FIXTURES / "linkedin_all_posts.csv"
INSTAGRAM = FIXTURES / "meta_instagram_posts.csv"
X = FIXTURES / "x_account_analytics_content.csv"
LINKEDIN_COLUMNS = ["Post title", "Post link", "Created date", "Impressions", "Clicks", "Likes"]


def test_linkedin_export_below_a_note_row() -> None:
    found = read_results_file(LINKEDIN)
    assert (found.layout, found.platform, len(found.posts)) == (
        "LinkedIn page posts",
        "linkedin",
        6,
    )
    first = found.posts[0]
    assert first.line == 3
    assert (first.impressions, first.clicks, first.engagements) == (2412, 38, 38 + 54 + 7 + 3 + 2)
    assert first.post_ref.endswith("7391000000000000001")
    assert str(first.posted) == "2026-11-09"


def test_meta_export_with_a_byte_order_mark_is_instagram() -> None:
    found = read_results_file(INSTAGRAM)
    assert found.platform == "instagram"
    second = found.posts[1]
    assert second.text.startswith("Before and after") and "\n" in second.text
    assert (second.reach, second.impressions, second.engagements) == (1420, 1890, 133 + 14 + 9)
    assert found.posts[2].line == 5, "a quoted line break counts as a line"


def test_x_export() -> None:
    found = read_results_file(X)
    assert found.platform == "x"
    assert [(p.impressions, p.engagements, p.clicks) for p in found.posts] == [
        (812, 31, 6),
        (455, 12, 0),
    ]


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("empty.csv", ["the file is empty"]),
        (
            "wrong_columns.csv",
            [
                "not a LinkedIn, Meta Business Suite (Facebook, Instagram), X or YouTube Studio "
                "analytics export",
                "closest is LinkedIn page posts, but it lacks the columns Impressions, Post link, "
                "Post title",
            ],
        ),
        (
            "linkedin_bad_values.csv",
            [
                "Created date: the dates are written in two ways, '11/09/2026' and '13-11-2026' "
                "(lines 2, 5)",
                "line 3: Impressions 'lots' is not a number",
            ],
        ),
    ],
)
def test_bad_files_are_refused_with_line_numbers(name, problems) -> None:
    with pytest.raises(ResultsFileError) as refused:
        read_results_file(FIXTURES / name)
    assert refused.value.problems == problems
    assert str(refused.value).startswith(f"Nothing was imported from {FIXTURES / name}")


def test_close_layouts_name_the_missing_columns(tmp_path: Path) -> None:
    near = tmp_path / "near.csv"
    near.write_text("Post title,Post link,Created date,Clicks,Likes\nA,l,11/09/2026,1,1\n")
    with pytest.raises(ResultsFileError) as refused:
        read_results_file(near)
    assert refused.value.problems[1] == "closest is LinkedIn page posts, but it lacks " + (
        "the columns Impressions"
    )


def test_a_file_that_is_no_workbook_is_refused() -> None:
    with pytest.raises(ResultsFileError) as refused:
        read_results_file(FIXTURES / "spreadsheet.xlsx")
    assert refused.value.problems[0].startswith("not a readable .xlsx, .xls or .ods workbook")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_a_clear_refusal(tmp_path_factory, content: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "export.csv"
    path.write_bytes(content)
    try:
        found = read_results_file(path)
    except ResultsFileError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
    else:
        assert found.posts


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")),
            st.integers(0, 10**9),
            st.dates(date(1970, 1, 1), date(2100, 12, 31)),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_linkedin_rows_are_read_back(tmp_path_factory, rows) -> None:
    import csv

    path = tmp_path_factory.mktemp("rows") / "linkedin.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Post title", "Post link", "Created date", "Impressions", "Clicks", "Likes"]
        )
        for n, (title, impressions, day) in enumerate(rows):
            writer.writerow([title, f"https://l/{n}", f"{day:%m/%d/%Y}", impressions, 0, 1])
    found = read_results_file(path)
    assert [(p.impressions, p.posted) for p in found.posts] == [(i, d) for _, i, d in rows]


def posts_of(path: Path) -> tuple[str, tuple[MeasuredPost, ...]]:
    found = read_results_file(path)
    return found.platform, found.posts


def test_rows_match_planned_posts_by_day_and_text(demo_data: PlanData) -> None:
    planned = plan_import(demo_data, *posts_of(LINKEDIN))
    assert [row.result.item for row in planned.rows] == [1, 2, 4, 9, None, 11]
    assert [row.post.line for row in planned.unmatched] == [7]
    assert planned.describe() == (
        "6 LinkedIn posts: 5 matched to planned posts (day and title 5), 1 unmatched, kept "
        "as LinkedIn totals unless matched; 1 new, 5 replacing earlier imports"
    )
    assert planned.describe(keep_unmatched=False) == (
        "6 LinkedIn posts: 5 matched to planned posts (day and title 5), 1 unmatched, "
        "skipped; 0 new, 5 replacing earlier imports"
    )
    assert planned.label(1) == "import 1 LinkedIn result"


def test_a_matching_link_wins_over_the_day(demo_data: PlanData) -> None:
    platform, posts = posts_of(LINKEDIN)
    linked = replace(demo_data.items[10], link=posts[4].post_ref)
    data = replace(demo_data, items=(*demo_data.items[:10], linked, *demo_data.items[11:]))
    assert plan_import(data, platform, posts).rows[4].result.item == linked.id


def test_typed_in_figures_are_replaced_but_costs_kept(demo_data: PlanData) -> None:
    typed = next(r for r in demo_data.results if r.item == 1)
    row = plan_import(demo_data, *posts_of(LINKEDIN)).rows[0]
    assert row.result.id == typed.id
    assert (row.result.impressions, row.result.source) == (2412, "linkedin")
    assert (row.result.ad_spend, row.result.value) == (typed.ad_spend, typed.value)


def test_a_plan_without_the_channel_is_told_so(demo_data: PlanData) -> None:
    with pytest.raises(InvalidInputError, match="no channel of the plan is called X: choose"):
        plan_import(demo_data, *posts_of(X))
    with_x = replace(demo_data, channels=(*demo_data.channels, Channel("X (Twitter)", id=9)))
    planned = plan_import(with_x, *posts_of(X))
    assert {row.result.channel for row in planned.rows} == {9}


def test_cli_imports_then_reimports_without_doubling(demo_path: Path, capsys) -> None:
    before = len(read_plan(demo_path).results)
    args = ["import", "results", str(LINKEDIN), "--db", str(demo_path)]
    assert cli.main([*args, "--dry-run"]) == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert len(read_plan(demo_path).results) == before
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "unmatched, line 7: 2026-11-15 'Congratulations Bram" in out
    after = read_plan(demo_path).results
    assert len(after) == before + 1
    assert cli.main(args) == 0
    assert read_plan(demo_path).results == after
    capsys.readouterr()
    assert cli.main([*args, "--unmatched", "skip"]) == 0
    out = capsys.readouterr().out
    assert "1 unmatched, skipped" in out and "kept as" not in out


def test_a_channel_named_otherwise_is_chosen_once_and_remembered(demo_path, capsys) -> None:
    store = PlanStore.open(demo_path)
    store.add(Channel("Corporate tweets"))
    store.close()
    args = ["import", "results", str(X), "--db", str(demo_path)]
    assert cli.main(args) == 1
    assert "(LinkedIn, Instagram, YouTube, Newsletter, Corporate tweets)" in (
        capsys.readouterr().err
    )
    assert cli.main([*args, "--channel", "nowhere"]) == 1
    assert "the plan has no channel named nowhere" in capsys.readouterr().err
    assert cli.main([*args, "--channel", "corporate TWEETS"]) == 0
    assert "X results go to Corporate tweets from now on." in capsys.readouterr().out
    plan = read_plan(demo_path)
    tweets = next(c for c in plan.channels if c.name == "Corporate tweets")
    assert tweets.imports_from == "x"
    assert {r.channel for r in plan.results if r.source == "x"} == {tweets.id}
    assert cli.main(args) == 0, "the next import needs no --channel"
    assert "from now on" not in capsys.readouterr().out


def test_the_permalink_an_import_stores_matches_the_next_one_first(demo_path, capsys) -> None:
    """A scheduler publishes the post under the platform's own address: the import stores
    it on the post, and the next one matches by it even when day and title no longer fit."""
    args = ["import", "results", str(LINKEDIN), "--db", str(demo_path)]
    assert cli.main(args) == 0
    plan = read_plan(demo_path)
    first = next(i for i in plan.items if i.id == 1)
    assert first.permalink.endswith("7391000000000000001")
    store = PlanStore.open(demo_path)
    store.update(replace(first, title="Renamed", scheduled_at=first.scheduled_at.replace(day=1)))
    store.close()
    capsys.readouterr()
    assert cli.main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "(permalink 5)" in out and "Against the earlier import: the same figures." in out
    assert "Figures in it: impressions, engagements, clicks; engagement rate on " in out
    assert "impressions (the export has no reach)." in out
    planned = plan_import(read_plan(demo_path), *posts_of(LINKEDIN))
    assert planned.rows[0].result.item == 1 and planned.rows[0].why.value == "permalink"


def test_cli_refuses_a_bad_file_and_writes_nothing(demo_path: Path, capsys) -> None:
    before = demo_path.read_bytes()
    bad = FIXTURES / "linkedin_bad_values.csv"
    assert cli.main(["import", "results", str(bad), "--db", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "line 3: Impressions 'lots' is not a number" in err
    assert demo_path.read_bytes() == before
    assert cli.main(["import", "results", str(X), "--db", str(demo_path)]) == 1
    assert "no channel of the plan is called X: choose" in capsys.readouterr().err


async def test_import_in_the_app_with_a_row_matched_by_hand(make_app, demo_path: Path):
    before = len(read_plan(demo_path).results)
    app = make_app("measure")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one("#path", Input).value = str(FIXTURES / "nowhere.csv")
        await pilot.press("enter")
        assert "no file at" in str(app.screen.query_one("#error-path").render())
        app.screen.query_one("#path", Input).value = str(LINKEDIN)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportReviewScreen)
        assert app.screen.query_one("#import-rows").cursor_row == 4
        await pilot.press("enter")
        assert isinstance(app.screen, MatchPostScreen)
        choices = app.screen.query_one(OptionList)
        assert choices.option_count > 1
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportReviewScreen)
        chosen = app.screen.planned.rows[4].result.item
        assert chosen is not None
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = read_plan(demo_path)
        assert len(saved.results) == before + 1
        assert any(r.item == chosen and r.source == "linkedin" for r in saved.results)
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert len(read_plan(demo_path).results) == before


async def test_the_app_asks_for_the_channel_once_and_remembers_it(make_app, demo_path: Path):
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one("#path", Input).value = str(X)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChooseChannelScreen)
        names = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert names == ["LinkedIn", "Instagram", "YouTube", "Newsletter"]
        await pilot.press("end", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportReviewScreen)
        assert app.screen.planned.channel.name == "Newsletter"
        rows = app.screen.query_one("#import-rows")
        labels = [str(c.label) for c in rows.columns.values()]
        assert "Matched by" in labels
        why = labels.index("Matched by")
        assert {str(rows.get_row_at(n)[why]) for n in range(rows.row_count)} == {"no match"}
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = read_plan(demo_path)
    newsletter = next(c for c in saved.channels if c.name == "Newsletter")
    assert newsletter.imports_from == "x"
    assert {r.channel for r in saved.results if r.source == "x"} == {newsletter.id}


async def test_a_bad_file_in_the_app_is_reported_and_nothing_written(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app("measure")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one("#path", Input).value = str(FIXTURES / "linkedin_bad_values.csv")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ImportReviewScreen)
        (note,) = notifications(app)
        assert "'11/09/2026' and '13-11-2026' (lines 2, 5)" in note.message
    assert demo_path.read_bytes() == before
    PlanStore.open(demo_path).close()


def test_a_meta_export_without_an_instagram_account_is_facebook(tmp_path: Path) -> None:
    facebook = tmp_path / "facebook.csv"
    facebook.write_text(
        "Post ID,Page ID,Page name,Title,Description,Publish time,Permalink,Reach,Impressions,"
        "Reactions,Comments,Shares,Total clicks\n"
        "1_2,1,Veldhuis,,Open day on Saturday,11/14/2026 09:00,https://facebook.com/1_2,"
        "900,1300,40,6,3,25\n",
        encoding="utf-8",
    )
    (post,) = read_results_file(facebook).posts
    assert (post.platform, post.reach, post.engagements, post.clicks) == ("facebook", 900, 49, 25)

"""Tables fit their width: worked out again whenever rows or width change, cutting titles
and dropping the least needed columns first, never what the user needs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from socialplan.data.store import read_plan
from socialplan.tui.widgets.tables import Col, fit_columns

from .test_plan_editing import focus_list


def labels(app, table_id: str) -> list[str]:
    table = app.screen.query_one(f"#{table_id}")
    return [str(column.label) for column in table.columns.values()]


def cells(app, table_id: str, row: int = 0) -> list[str]:
    return [str(c) for c in app.screen.query_one(f"#{table_id}").get_row_at(row)]


def test_cut_first_then_drop_the_least_needed() -> None:
    cols = [Col("Title", shrink_to=10), Col("Status"), Col("Note", drop=1), Col("ROI")]
    natural = [40, 8, 20, 5]
    assert fit_columns(cols, natural, 200, 1).widths == (40, 8, 20, 5)
    cut = fit_columns(cols, natural, 60, 1)
    assert cut.shown == (0, 1, 2, 3) and sum(cut.widths) + 8 <= 60 and cut.widths[0] < 40
    dropped = fit_columns(cols, natural, 30, 1)
    assert dropped.shown == (0, 1, 3) and dropped.widths == (11, 8, 5)


columns = st.lists(
    st.tuples(st.integers(1, 60), st.none() | st.integers(1, 20), st.none() | st.integers(0, 5)),
    min_size=1,
    max_size=8,
)


@given(spec=columns, room=st.integers(10, 250))
def test_a_fit_never_drops_a_needed_column_nor_cuts_below_its_limit(spec, room) -> None:
    cols = [Col(str(n), shrink_to=cut, drop=drop) for n, (_w, cut, drop) in enumerate(spec)]
    natural = [width for width, _cut, _drop in spec]
    fitted = fit_columns(cols, natural, room, 1)
    needed = {n for n, c in enumerate(cols) if c.drop is None}
    assert needed <= set(fitted.shown)
    for n, width in zip(fitted.shown, fitted.widths, strict=True):
        assert min(natural[n], cols[n].shrink_to or natural[n]) <= width <= natural[n]
    if sum(fitted.widths) + 2 * len(fitted.shown) > room:  # over only when nothing else gives
        assert set(fitted.shown) == needed
        assert all(
            w == min(natural[n], cols[n].shrink_to or natural[n])
            for n, w in zip(fitted.shown, fitted.widths, strict=True)
        )


async def test_what_the_user_needs_shows_at_80_by_24(make_app) -> None:
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert labels(app, "goal-progress")[:2] == ["Objective", "Status"]
        assert labels(app, "channel-results")[-1] == "ROI %"
        await pilot.press("1")
        await pilot.pause()
        assert {"Support", "Influence"} <= set(labels(app, "stakeholders"))
        due = cells(app, "change-actions")[-1]
        assert len(due) == len("2026-10-01"), due


async def test_titles_use_the_free_width_at_200_by_50(make_app, demo_path) -> None:
    longest = max((g.title for g in read_plan(demo_path).goals), key=len)
    assert len(longest) > 32  # where titles were cut
    app = make_app("measure")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        titles = [cells(app, "goal-progress", n)[0] for n in range(4)]
        assert longest in titles


async def test_a_table_that_opened_empty_fits_its_first_rows(make_app, demo_store) -> None:
    for action in demo_store.load().change_actions:
        demo_store.delete(type(action), action.id)
    app = make_app("foundation")
    async with app.run_test(size=(120, 40)) as pilot:
        await focus_list(pilot, "change-actions")
        table = app.screen.query_one("#change-actions")
        assert table.columns[next(iter(table.columns))].width > 40  # the empty line
        await pilot.press("a", *"Kick-off", "ctrl+s")
        await pilot.pause()
        first = table.columns[next(iter(table.columns))]
        assert first.width == len("Done")

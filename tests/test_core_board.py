"""Status workflow, the filter language, the kanban board and its manual order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.core.board import board, effective_rank, moved_ranks
from socialplan.core.figures import panel_figures
from socialplan.core.filtering import parse_filter
from socialplan.core.model import ContentItem, Kind, Status
from socialplan.core.validation import InvalidInputError
from socialplan.core.workflow import ORDER, advance, next_status, reject
from tests.conftest import FROZEN_NOW


class TestWorkflow:
    def test_statuses_follow_the_workflow_to_published(self):
        item = ContentItem("t", 1, 1, scheduled_at=FROZEN_NOW)
        seen = [item.status]
        while next_status(item.status) is not None:
            item = advance(item)
            seen.append(item.status)
        assert tuple(seen) == ORDER

    def test_published_goes_no_further(self):
        with pytest.raises(InvalidInputError, match="no further status"):
            advance(ContentItem("t", 1, 1, status=Status.PUBLISHED))

    def test_scheduling_needs_a_date(self):
        with pytest.raises(InvalidInputError, match="date and time"):
            advance(ContentItem("t", 1, 1, status=Status.APPROVED))

    def test_rejected_review_returns_to_draft_with_the_comment(self):
        item = reject(ContentItem("t", 1, 1, status=Status.IN_REVIEW), "Add the price\x1b[2J")
        assert item.status is Status.DRAFT
        assert item.review_comment == "Add the price[2J"
        assert advance(item).review_comment == ""

    def test_only_items_in_review_can_be_rejected_and_only_with_a_reason(self):
        with pytest.raises(InvalidInputError, match="only an item in review"):
            reject(ContentItem("t", 1, 1, status=Status.DRAFT), "no")
        with pytest.raises(InvalidInputError, match="say what has to change"):
            reject(ContentItem("t", 1, 1, status=Status.IN_REVIEW), "  ")


class TestFilter:
    def titles(self, data, text):
        return {i.title for i in data.items if parse_filter(text).matches(i, data)}

    def test_words_match_title_or_body_case_insensitively(self, demo_data):
        found = self.titles(demo_data, "WEBINAR")
        assert found == {i.title for i in demo_data.items if "webinar" in i.title.lower()}

    def test_fields_combine(self, demo_data):
        found = self.titles(demo_data, "channel:linkedin kind:promo")
        assert found == {
            "Free energy scan for offices up to 2,000 m²",
            "Book a maintenance check before the winter peak",
            "Request a quote for a 2027 installation slot",
        }

    def test_status_owner_pillar_stage_and_cta(self, demo_data):
        in_review = self.titles(demo_data, "status:review")
        assert in_review == {i.title for i in demo_data.items if i.status is Status.IN_REVIEW}
        assert self.titles(demo_data, "owner:joost") == {
            i.title for i in demo_data.items if i.owner == "Joost"
        }
        assert self.titles(demo_data, "pillar:subsid stage:do cta:yes")
        no_cta = self.titles(demo_data, "cta:no")
        assert no_cta == {i.title for i in demo_data.items if not i.cta}

    def test_quoted_values(self, demo_data):
        assert self.titles(demo_data, 'pillar:"behind the"') == {
            i.title for i in demo_data.items if i.pillar == 4
        }

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("colour:red", "unknown field 'colour:'"),
            ("cta:maybe", "yes or no"),
            ('owner:"open', "quote is not closed"),
        ],
    )
    def test_bad_filters_say_why(self, text, message):
        with pytest.raises(InvalidInputError, match=message):
            parse_filter(text)

    @given(st.text(max_size=40))
    def test_any_text_parses_or_gives_a_filter_message(self, text):
        try:
            parsed = parse_filter(text)
        except InvalidInputError as error:
            assert error.problem.field == "filter"
        else:
            assert all(parsed.words) and all(value is not None for _, value in parsed.terms)
            assert not parsed.active or text.strip()


class TestBoard:
    def test_one_column_per_stage_with_count_and_ratio(self, demo_data):
        columns = board(demo_data)
        assert [c.stage.name for c in columns] == ["See", "Think", "Do", "Care"]
        assert sum(len(c.items) for c in columns) == len(demo_data.items)
        do = columns[2]
        assert do.header == "Do  8 · 4:4"
        assert not do.ratio.on_target

    def test_cards_are_in_time_order_until_moved_by_hand(self, demo_data):
        for column in board(demo_data):
            times = [i.scheduled_at for i in column.items]
            assert times == sorted(times)

    def test_filter_keeps_every_column(self, demo_data):
        columns = board(demo_data, parse_filter("kind:promo"))
        assert [len(c.items) for c in columns] == [0, 0, 4, 0]

    def test_moving_a_card_down_and_up(self, demo_data):
        column = board(demo_data)[1]
        first, second = column.items[0], column.items[1]
        ranks = moved_ranks(column.items, 0, +1)
        assert list(ranks) == [first.id]
        items = tuple(replace(i, rank=ranks.get(i.id, i.rank)) for i in demo_data.items)
        data = replace(demo_data, items=items)
        assert [i.id for i in board(data)[1].items[:2]] == [second.id, first.id]
        assert moved_ranks(column.items, 0, -1) == {}
        assert moved_ranks(column.items, len(column.items) - 1, +1) == {}

    @given(
        st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=12, unique=True),
        st.data(),
    )
    def test_a_move_swaps_exactly_two_neighbours(self, ranks, data):
        items = tuple(
            sorted(
                (ContentItem("t", 1, 1, rank=r, id=n + 1) for n, r in enumerate(ranks)),
                key=lambda i: (effective_rank(i), i.id),
            )
        )
        index = data.draw(st.integers(0, len(items) - 1))
        step = data.draw(st.sampled_from([-1, 1]))
        ranks = moved_ranks(items, index, step)
        if not ranks:
            assert index + step in (-1, len(items))
            return
        moved = [replace(i, rank=ranks.get(i.id, i.rank)) for i in items]
        order = [i.id for i in sorted(moved, key=lambda i: (effective_rank(i), i.id))]
        expected = [i.id for i in items]
        expected[index], expected[index + step] = expected[index + step], expected[index]
        assert order == expected


def test_a_column_is_numbered_afresh_when_no_rank_fits_between():
    ranks = [0.0, 999999.9999999999, 1e6, 2e6]
    items = tuple(ContentItem("t", 1, 1, rank=r, id=n + 1) for n, r in enumerate(ranks))
    assert moved_ranks(items, 0, +1) == {2: 0.0, 1: 1.0, 3: 2.0, 4: 3.0}


def test_panel_names_stages_with_no_content_in_the_window(demo_data):
    data = replace(demo_data, items=tuple(i for i in demo_data.items if i.stage != 4))
    figures = panel_figures(data, FROZEN_NOW)
    assert figures.empty_stages == ("Care",)
    assert "No content for Care in the window." in figures.warnings()
    assert panel_figures(demo_data, FROZEN_NOW).empty_stages == ()


def test_kind_values_used_by_the_filter_are_the_enum_values():
    assert {k.value for k in Kind} == {"content", "promotion"}


EDIT = st.tuples(
    st.sampled_from(["stage", "rank", "kind", "add", "delete", "channel"]),
    st.integers(0, 10_000),
    st.integers(1, 5),
)


class TestBoardAfterEdit:
    """A card move must not sort every post again: the board of an edited plan is made from
    the board before the edit. It must be the board built afresh, whatever the edits."""

    @staticmethod
    def edited(plan_data, edit):
        from socialplan.core.edits import with_changes

        what, pick, value = edit
        items = plan_data.items
        item = items[pick % len(items)] if items else None
        if what == "add" or item is None:
            new_id = max((i.id for i in items), default=0) + 1
            return with_changes(
                plan_data, [ContentItem(f"new {new_id}", value % 4 + 1, 1, id=new_id)], ()
            )
        if what == "delete":
            return with_changes(plan_data, (), [item])
        if what == "channel":
            return with_changes(plan_data, [replace(plan_data.channels[0], name=f"c{value}")], ())
        changed = {
            "stage": replace(item, stage=value % 5 + 1, rank=None),
            "rank": replace(item, rank=float(value)),
            "kind": replace(item, kind=Kind.PROMOTION if value % 2 else Kind.CONTENT),
        }[what]
        return with_changes(plan_data, [changed], ())

    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(edits=st.lists(EDIT, max_size=12), text=st.sampled_from(["", "kind:promo", "webinar"]))
    def test_is_the_board_built_afresh(self, demo_data, edits, text):
        from socialplan.core.board import BoardOfPlan

        item_filter = parse_filter(text)
        kept = BoardOfPlan()
        plan_data = demo_data
        assert kept.of(plan_data, item_filter) == board(plan_data, item_filter)
        for edit in edits:
            plan_data = self.edited(plan_data, edit)
            assert kept.of(plan_data, item_filter) == board(plan_data, item_filter)

    def test_a_move_touches_only_the_two_columns(self, demo_data):
        from socialplan.core.board import BoardOfPlan
        from socialplan.core.edits import with_changes

        kept = BoardOfPlan()
        before = kept.of(demo_data, parse_filter(""))
        card = before[0].items[0]
        moved = with_changes(demo_data, [replace(card, stage=before[1].stage.id)], ())
        after = kept.of(moved, parse_filter(""))
        assert [a is b for a, b in zip(before, after, strict=True)] == [False, False, True, True]

    def test_a_snapshot_not_derived_from_the_one_shown_is_built_afresh(self, demo_data):
        from socialplan.core.board import BoardOfPlan

        kept = BoardOfPlan()
        kept.of(demo_data, parse_filter(""))
        other = replace(demo_data, items=demo_data.items[:5])
        assert other.derivation is None
        assert kept.of(other, parse_filter("")) == board(other, parse_filter(""))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pick=st.integers(0, 10_000), stage_shift=st.integers(0, 3))
def test_a_column_finds_each_of_its_cards_and_no_other(demo_data, pick, stage_shift):
    columns = board(demo_data)
    item = demo_data.items[pick % len(demo_data.items)]
    column = columns[(item.stage - 1 + stage_shift) % len(columns)]
    expected = next((n for n, i in enumerate(column.items) if i.id == item.id), None)
    assert column.index_of(item) == expected

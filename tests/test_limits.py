"""A post's length against its channel: the platforms' limits or the channel's own, live
in the item form and on the card."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Select, TextArea

from socialplan.core.limits import post_length
from socialplan.core.model import Channel

SIZE = (120, 40)


def test_each_platform_has_its_limit_and_a_channel_may_set_its_own() -> None:
    assert post_length("", "x" * 280, Channel("X")).over is False
    assert post_length("", "x" * 281, Channel("X")).over is True
    assert post_length("", "x" * 3000, Channel("LinkedIn")).limit == 3000
    assert post_length("t" * 101, "short", Channel("YouTube")).over  # the title counts
    caption = " ".join(f"#tag{n}" for n in range(31))
    instagram = post_length("", caption, Channel("Instagram"))
    assert (instagram.hashtags, instagram.over) == (31, True)
    assert post_length("", "x" * 5000, Channel("Newsletter")).limit is None
    assert post_length("", "x" * 600, Channel("Mastodon", char_limit=500)).over
    assert post_length("Title only", "", Channel("X")).count == len("Title only")


@given(text=st.text(max_size=400), limit=st.integers(1, 500))
def test_a_post_is_over_exactly_when_longer_than_the_limit(text, limit) -> None:
    length = post_length("title", text, Channel("Blog", char_limit=limit))
    assert length.count == len(text or "title")
    assert length.over == (length.count > limit)


async def test_the_item_form_counts_as_it_is_typed_and_warns_when_over(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        linkedin = next(c for c in app.plan_data.channels if c.name == "LinkedIn")
        form.query_one("#channel", Select).value = linkedin.id
        form.query_one("#body", TextArea).text = "Winter is coming"
        await pilot.pause()
        line = str(form.query_one("#length").render())
        assert line == "16 / 3,000 characters on LinkedIn"
        form.query_one("#body", TextArea).text = "x" * 3001
        await pilot.pause()
        assert "⚠ 3,001 / 3,000 characters on LinkedIn: over the limit" in str(
            form.query_one("#length").render()
        )


async def test_the_card_shows_the_count(make_app) -> None:
    from socialplan.tui.widgets.schedule_text import card_text

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = next(
            i for i in app.plan_data.items if app.plan_data.channel_name(i.channel) == "LinkedIn"
        )
        flags = card_text(app.plan_data, item)[-1].plain
        assert flags.endswith(f"{len(item.body or item.title)}/3000")

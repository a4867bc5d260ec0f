"""``@frozen`` behaves as ``@dataclass(frozen=True, slots=True)``: the same equality, hash
and repr for any values, the same refusals."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.frozen import frozen
from socialplan.core.model import ContentItem


@frozen
class Post:
    title: str
    channel_id: int | None = None
    tags: tuple[str, ...] = ()
    edited: datetime | None = dataclasses.field(default=None, compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@dataclasses.dataclass(frozen=True, slots=True)
class StockPost:
    title: str
    channel_id: int | None = None
    tags: tuple[str, ...] = ()
    edited: datetime | None = dataclasses.field(default=None, compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@frozen
class Shown:
    """A class's own method is kept."""

    name: str

    def __repr__(self) -> str:
        return f"<{self.name}>"


posts = st.tuples(
    st.text(),
    st.none() | st.integers(),
    st.lists(st.text(max_size=3), max_size=3).map(tuple),
    st.none() | st.datetimes(),
    st.text(max_size=5),
)


@given(posts, posts)
def test_equality_and_hash_are_the_stock_dataclasses(one, other):
    ours, theirs = (Post(*one), Post(*other)), (StockPost(*one), StockPost(*other))
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert (ours[0] != ours[1]) == (theirs[0] != theirs[1])
    if ours[0] == ours[1]:
        assert hash(ours[0]) == hash(ours[1])


@given(posts)
def test_the_repr_is_the_stock_dataclasses(values):
    assert repr(Post(*values)) == repr(StockPost(*values)).replace("StockPost(", "Post(", 1)


def test_fields_left_out_of_comparing_do_not_count():
    first, second = Post("a", edited=datetime(2026, 1, 1)), Post("a", edited=datetime(2027, 1, 1))
    assert first == second and hash(first) == hash(second)


def test_another_class_with_the_same_values_is_not_equal():
    assert Post("a") != StockPost("a")
    assert Post("a").__eq__("a") is NotImplemented


def test_it_is_frozen_and_slotted_and_pickles():
    post = Post("a", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        post.title = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del post.title  # type: ignore[misc]
    assert not hasattr(post, "__dict__")
    assert pickle.loads(pickle.dumps(post)) == post
    assert dataclasses.replace(post, title="b") == Post("b", 1)


def test_a_method_the_class_defines_stays():
    assert repr(Shown("x")) == "<x>"


def test_the_plans_entities_are_made_so():
    item = ContentItem("Launch", 1, 2)
    assert item == dataclasses.replace(item) and len({item, dataclasses.replace(item)}) == 1
    assert repr(item).startswith("ContentItem(title='Launch', ")

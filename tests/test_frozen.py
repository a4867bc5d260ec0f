"""``@frozen`` behaves as ``@dataclass(frozen=True, slots=True)``: built from the same
arguments, with the same refusals; the same equality, hash and repr for any values; the
same copies and pickles."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.codec import from_doc, to_doc
from socialplan.core.frozen import frozen
from socialplan.core.model import ContentItem


def _post(name: str, decorate: Any) -> Any:
    """A post with every kind of field, named ``name`` (where pickle finds it) and made by
    ``decorate``: @frozen and the stock dataclass get the very same fields."""

    class Post:
        title: str
        channel_id: int | None = None
        tags: tuple[str, ...] = ()
        edited: datetime | None = dataclasses.field(default=None, compare=False)
        secret: str = dataclasses.field(default="", repr=False)
        links: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)
        seen: int = dataclasses.field(default=0, init=False, compare=False, repr=False)
        log: list[str] = dataclasses.field(default_factory=list, init=False, compare=False)
        note: str = dataclasses.field(default="", kw_only=True)

    Post.__name__ = Post.__qualname__ = name
    return decorate(Post)


Post = _post("Post", frozen)
StockPost = _post("StockPost", dataclasses.dataclass(frozen=True, slots=True))


@frozen
class Checked:
    """Its ``__post_init__`` runs, as a dataclass's does."""

    name: str

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a name")


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


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a",), {}),
        (("a", 2, ("x",)), {}),
        ((), {"title": "a", "secret": "s"}),
        (("a",), {"links": ["l"]}),
    ],
)
def test_it_is_built_from_the_same_arguments(args, kwargs):
    ours, theirs = Post(*args, **kwargs), StockPost(*args, **kwargs)
    assert [getattr(ours, f.name) for f in dataclasses.fields(ours)] == [
        getattr(theirs, f.name) for f in dataclasses.fields(theirs)
    ]
    assert Post("a").links is not Post("a").links and Post("a").log is not Post("a").log


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((), {}),
        (("a", 1, (), None, "", [], "extra"), {}),
        (("a",), {"seen": 1}),
        ((), {"nope": 1}),
        (("a",), {"title": "b"}),
    ],
)
def test_it_refuses_the_same_arguments_alike(args, kwargs):
    with pytest.raises(TypeError) as ours:
        Post(*args, **kwargs)
    with pytest.raises(TypeError) as theirs:
        StockPost(*args, **kwargs)
    assert str(ours.value) == str(theirs.value).replace("StockPost", "Post")


def test_its_post_init_runs():
    assert Checked("a").name == "a"
    with pytest.raises(ValueError, match="a name"):
        Checked("")


@pytest.mark.parametrize(
    "copied", [copy.copy, copy.deepcopy, lambda p: pickle.loads(pickle.dumps(p))]
)
def test_copies_and_pickles_are_equal_and_frozen(copied):
    post = Post("a", 1, ("t",), links=["l"])
    twin = copied(post)
    assert twin == post and twin.links == ["l"] and twin.secret == post.secret
    with pytest.raises(dataclasses.FrozenInstanceError):
        twin.title = "b"  # type: ignore[misc]


def test_an_entity_decoded_first_is_then_built_and_replaced_alike():
    item = ContentItem("Launch", 1, 2, id=7)
    decoded = from_doc(ContentItem, to_doc(item), 7)
    assert decoded == item and dataclasses.replace(decoded, title="Later").title == "Later"


arguments = st.tuples(
    st.lists(st.sampled_from(["a", 1, None, ()]), max_size=8),
    st.dictionaries(
        st.sampled_from(["title", "channel_id", "tags", "secret", "note", "seen", "log", "x"]),
        st.sampled_from(["b", 2, None]),
        max_size=4,
    ),
)


@given(arguments)
def test_any_arguments_build_or_fail_alike(call):
    args, kwargs = call
    outcomes = []
    for cls in (Post, StockPost):
        try:
            built = cls(*args, **kwargs)
        except TypeError as error:
            outcomes.append(str(error).replace("StockPost", "Post"))
        else:
            outcomes.append([getattr(built, f.name) for f in dataclasses.fields(built)])
    assert outcomes[0] == outcomes[1]

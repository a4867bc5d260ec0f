"""Numbers as people write them: read and shown in the interface language, an ambiguous
form refused with both readings, and what is shown typed back stores the same number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.numbers import (
    NumberError,
    format_number,
    parse_count,
    parse_decimal,
    parse_whole,
)

LANGS = ("en", "nl")


@pytest.mark.parametrize(
    ("lang", "typed", "value"),
    [
        ("en", "6,000", 6000),
        ("en", "6000", 6000),
        ("en", "6.5", 6.5),
        ("en", "1,234,567.25", 1234567.25),
        ("en", "0.125", 0.125),
        ("en", " 4 500 ", 4500),
        ("nl", "6.000", 6000),
        ("nl", "6000", 6000),
        ("nl", "6,5", 6.5),
        ("nl", "1.234.567,25", 1234567.25),
        ("nl", "0,125", 0.125),
        ("en", "", None),
    ],
)
def test_numbers_as_each_language_writes_them(lang, typed, value):
    parsed = parse_decimal(typed, lang)
    assert parsed == (None if value is None else Decimal(str(value)))


@pytest.mark.parametrize(
    ("lang", "typed", "message"),
    [
        ("en", "6.000", "'6.000' could mean 6 or 6,000; type 6 or 6000 to say which"),
        ("nl", "6,000", "could mean 6 or 6.000; type 6 or 6000"),
        ("en", "6,5", "did you mean 6.5?"),
        ("nl", "6.5", "did you mean 6,5?"),
        ("en", "1.234,5", "did you mean 1,234.5?"),
        ("en", "lots", "'lots' is not a number"),
        ("en", "1,23,4", "is not a number"),
    ],
)
def test_a_form_that_could_mean_two_or_belongs_elsewhere_is_refused(lang, typed, message):
    with pytest.raises(NumberError, match=message.replace("?", r"\?")):
        parse_decimal(typed, lang)


def test_whole_numbers_and_counts():
    assert parse_whole("10,000", "en") == 10_000
    assert parse_whole("10.000", "nl") == 10_000
    with pytest.raises(NumberError, match="not a whole number"):
        parse_whole("2.5", "en")
    assert [parse_count(t) for t in ("1,234", "1.234", "1 234", "1234", "1234.0", "-", "")] == [
        1234,
        1234,
        1234,
        1234,
        1234,
        None,
        None,
    ]
    with pytest.raises(NumberError, match="not a count"):
        parse_count("12.7")


def test_shown_the_way_the_language_writes_them():
    assert format_number(4500.0, lang="en") == "4,500"
    assert format_number(4500.0, lang="nl") == "4.500"
    assert format_number(1234.5, 1, lang="nl") == "1.234,5"
    assert format_number(9.0, 1, lang="nl") == "9,0"
    assert format_number(6.55, lang="en") == "6.55"
    assert format_number(-0.0, 1, lang="en") == "0.0"


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
percentages = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)
floats = st.floats(min_value=-(10**12), max_value=10**12, allow_nan=False)


@given(lang=st.sampled_from(LANGS), value=st.one_of(amounts, percentages))
def test_what_is_shown_types_back_as_the_same_number(lang, value):
    assert parse_decimal(format_number(value, lang=lang), lang) == value


@given(lang=st.sampled_from(LANGS), value=floats)
def test_a_stored_float_shown_exactly_types_back_as_itself(lang, value):
    parsed = parse_decimal(format_number(value, lang=lang), lang)
    assert parsed is not None and float(parsed) == value


@given(lang=st.sampled_from(LANGS), value=st.integers(0, 10**9), grouped=st.booleans())
def test_counts_type_back_grouped_or_not(lang, value, grouped):
    assert parse_whole(format_number(value, lang=lang, grouped=grouped), lang) == value
    assert parse_count(format_number(value, lang=lang, grouped=grouped)) == value


@given(lang=st.sampled_from(LANGS), text=st.text(max_size=20))
def test_any_text_is_a_number_or_a_clear_refusal(lang, text):
    try:
        parse_decimal(text, lang)
    except NumberError as error:
        assert str(error)

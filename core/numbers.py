"""Numbers as people write them, in the interface language.

English writes six thousand and a half as ``6,000.5``, Dutch as ``6.000,5``. A number is
read the way the interface language writes it, with or without thousands separators.
A form that the other language would read differently is refused with both readings
named: ``6.000`` typed in English could be six or six thousand. A form only the other
language writes (``6,5`` in English) is refused with what to type instead. What is shown
can always be typed back: ``parse_decimal(format_number(x)) == x``.

Counts read from platform exports (``parse_count``) take either separator as grouping,
since a count has no fraction to confuse it with.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .frozen import frozen
from .i18n import LANGUAGES, _, language


@frozen
class NumberStyle:
    """How a language writes a number: its decimal mark and its thousands separator."""

    decimal: str
    group: str


STYLES = {"en": NumberStyle(".", ","), "nl": NumberStyle(",", ".")}
SPACES = re.compile(r"[\s\u00a0\u202f]+")


class NumberError(ValueError):
    """Not a number, or one that could mean two; the message says which and what to type."""


def _language(lang: str | None) -> str:
    """``lang``, else the interface language, as long as numbers have a style for it."""
    chosen = lang or language()
    return chosen if chosen in STYLES else "en"


def style_of(lang: str | None = None) -> NumberStyle:
    return STYLES[_language(lang)]


def _other(lang: str) -> str:
    return next(code for code in STYLES if code != lang)


def _pattern(style: NumberStyle) -> re.Pattern[str]:
    group, point = re.escape(style.group), re.escape(style.decimal)
    whole = rf"(?:[1-9]\d{{0,2}}(?:{group}\d{{3}})+|\d+)"
    return re.compile(rf"(-?)({whole})?(?:{point}(\d+))?")


PATTERNS = {code: _pattern(style) for code, style in STYLES.items()}


@frozen
class _Reading:
    """A number as read from a text, with how it was written."""

    value: Decimal
    grouped: bool
    """Thousands separators were used."""
    fraction_digits: int


def _read(text: str, lang: str) -> _Reading | None:
    match = PATTERNS[lang].fullmatch(text)
    if match is None or not (match[2] or match[3]):
        return None
    sign, whole, fraction = match[1], match[2] or "0", match[3] or ""
    style = STYLES[lang]
    digits = whole.replace(style.group, "") + ("." + fraction if fraction else "")
    return _Reading(Decimal(sign + digits), style.group in whole, len(fraction))


def _looks_grouped_elsewhere(own: _Reading, other: _Reading | None) -> bool:
    """``6.000`` in English: a decimal with three digits that the other language reads as
    a thousands group, to another value."""
    return (
        other is not None
        and other.grouped
        and not own.grouped
        and own.fraction_digits == 3
        and other.value != own.value
    )


def parse_decimal(text: str, lang: str | None = None) -> Decimal | None:
    """The number ``text`` says in ``lang`` (the interface language); None when blank."""
    lang = _language(lang)
    typed = SPACES.sub("", text)
    if not typed:
        return None
    own, other = _read(typed, lang), _read(typed, _other(lang))
    if own is not None and _looks_grouped_elsewhere(own, other):
        assert other is not None
        raise NumberError(
            _("'{text}' could mean {one} or {two}; type {one} or {two_plain} to say which").format(
                text=text.strip(),
                one=format_number(own.value, lang=lang),
                two=format_number(other.value, lang=lang),
                two_plain=format_number(other.value, lang=lang, grouped=False),
            )
        )
    if own is not None:
        return own.value
    if other is not None:
        raise NumberError(
            _("'{text}' is not how {language} writes numbers; did you mean {written}?").format(
                text=text.strip(),
                language=LANGUAGES[lang],
                written=format_number(other.value, lang=lang),
            )
        )
    raise NumberError(_("'{text}' is not a number").format(text=text.strip()))


def parse_whole(text: str, lang: str | None = None) -> int | None:
    """A whole number as typed (``10,000`` in English); a fraction is refused."""
    value = parse_decimal(text, lang)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise NumberError(_("'{text}' is not a whole number").format(text=text.strip()))
    return int(value)


COUNT = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")


def parse_count(text: str) -> int | None:
    """A count as a platform export writes it: ``1,234``, ``1.234``, ``1 234``, ``1234`` or
    ``1234.0``; None for blank or ``-``. Either separator groups thousands here."""
    typed = SPACES.sub("", text)
    if typed in ("", "-"):
        return None
    if COUNT.fullmatch(typed):
        return int(re.sub(r"[.,]", "", typed))
    try:
        value = Decimal(typed.replace(",", "."))
    except InvalidOperation:
        raise NumberError(_("'{text}' is not a number").format(text=text.strip())) from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise NumberError(_("'{text}' is not a count").format(text=text.strip()))
    return int(value)


def format_number(
    value: float | Decimal | int,
    digits: int | None = None,
    *,
    lang: str | None = None,
    grouped: bool = True,
) -> str:
    """``value`` the way ``lang`` writes it: with ``digits`` decimals, or with all it has
    (``None``: exactly the number stored, so that typing it back stores it again)."""
    style = style_of(lang)
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    if digits is None:
        text = f"{exact:,f}" if grouped else f"{exact:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{exact:,.{digits}f}" if grouped else f"{exact:.{digits}f}"
    if text in ("-0", "-0." + "0" * (digits or 0)):
        text = text[1:]
    return text.translate(str.maketrans(",.", style.group + style.decimal))

"""The schedule's filter language: words, and ``field:value`` terms, all of which must match.

``webinar channel:linkedin kind:promo status:review owner:lotte pillar:stories cta:yes``
Words match the title or body; a field term matches when the value is part of the field
(case-insensitive). Quote a value with spaces: ``owner:"Lotte van den Berg"``.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from .frozen import frozen
from .i18n import _
from .model import ContentItem
from .plan_data import PlanData
from .validation import InvalidInputError, clean_text

FIELDS = ("channel", "kind", "status", "pillar", "owner", "stage", "cta")
YES, NO = ("yes", "y", "true", "1"), ("no", "n", "false", "0")


@frozen
class ItemFilter:
    """The schedule's filter: words anywhere in a post, and field:value terms."""

    words: tuple[str, ...] = ()
    terms: tuple[tuple[str, str], ...] = ()
    """(field, lower-cased value) pairs."""

    @property
    def active(self) -> bool:
        return bool(self.words or self.terms)

    def matches(self, item: ContentItem, plan_data: PlanData) -> bool:
        text = f"{item.title}\n{item.body}".casefold()
        if not all(word in text for word in self.words):
            return False
        return all(_field_matches(item, plan_data, name, value) for name, value in self.terms)


def parse_filter(text: str) -> ItemFilter:
    try:
        tokens = [t for t in shlex.split(clean_text(text)) if t]
    except ValueError:
        raise InvalidInputError("filter", _("a quote is not closed")) from None
    words: list[str] = []
    terms: list[tuple[str, str]] = []
    for token in tokens:
        name, colon, value = token.partition(":")
        if not colon:
            words.append(token.casefold())
            continue
        if name.casefold() not in FIELDS:
            known = ", ".join(f"{f}:" for f in FIELDS)
            raise InvalidInputError(
                "filter", _("unknown field '{name}:'; use {known}").format(name=name, known=known)
            )
        if name.casefold() == "cta" and value.casefold() not in YES + NO:
            raise InvalidInputError("filter", _("cta: takes yes or no"))
        terms.append((name.casefold(), value.casefold()))
    return ItemFilter(tuple(words), tuple(terms))


def _field_matches(item: ContentItem, plan_data: PlanData, name: str, value: str) -> bool:
    if name == "cta":
        return item.cta == (value in YES)
    fields: dict[str, Callable[[], str]] = {
        "channel": lambda: plan_data.channel_name(item.channel),
        "kind": lambda: item.kind.value,
        "status": lambda: item.status.label,
        "pillar": lambda: plan_data.pillar_name(item.pillar),
        "owner": lambda: item.owner,
        "stage": lambda: plan_data.stage_name(item.stage),
    }
    return value in fields[name]().casefold()

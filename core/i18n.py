"""The interface language: English or Dutch, through gettext catalogs.

Messages are written in English in the source. ``_`` translates one now; ``N_`` only marks
one for the catalog, for text defined at import time (phase titles, binding descriptions,
table headings) that must follow a language switch: it is translated with ``_`` where it
is shown. The Dutch catalog is ``core/locale/nl/LC_MESSAGES/socialplan.po``, compiled
to the ``.mo`` beside it (``python3 tools/catalog.py``).

Dates get their day and month names from the catalog too, so ``%a``/``%b`` do not depend
on the C library's locale.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from datetime import date
from pathlib import Path

DOMAIN = "socialplan"
ENGLISH = "en"
LANGUAGES: dict[str, str] = {"en": "English", "nl": "Nederlands"}
"""The languages the interface speaks, each named in itself."""
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where a POSIX system names the user's language, strongest first (as gettext reads them)."""

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


def locale_dir() -> Path:
    return Path(__file__).resolve().parent / "locale"


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for the catalog; translate it with ``_`` where it is shown."""
    return message


LANGUAGE_NAMES: dict[str, str] = {"en": N_("English"), "nl": N_("Dutch")}
"""The languages again, to be named in the interface's language (``language_name``)."""


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that fits ``count``, in the current language."""
    return _translations.ngettext(singular, plural, count)


def language() -> str:
    """The code of the current language, like ``"nl"``."""
    return _language


def supported(code: str | None) -> str | None:
    """The supported language a code or locale name means (``nl_BE.UTF-8`` → ``nl``)."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def language_name(code: str) -> str:
    """A language named in the interface's: 'Engels' in Dutch, not 'English'."""
    return _(LANGUAGE_NAMES[code])


def use_language(code: str) -> None:
    """Speak ``code`` from now on; ValueError names the choices for an unknown one."""
    chosen = supported(code)
    if chosen is None:
        choices = ", ".join(LANGUAGES)
        raise ValueError(
            _("Unknown language {code!r}: choose one of {choices}.").format(
                code=code, choices=choices
            )
        )
    global _translations, _language
    if chosen == ENGLISH:
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, locale_dir(), languages=[chosen])
    _language = chosen


def language_from_environment(environ: Mapping[str, str]) -> str | None:
    """The language the locale variables ask for, or None when they name none we speak.

    As gettext does: the first variable that is set decides; ``LANGUAGE`` may list
    several (``nl:en``); ``C`` and ``POSIX`` mean the untranslated interface.
    """
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for name in value.split(":"):
            if name.split(".")[0] in ("C", "POSIX"):
                return ENGLISH
            if chosen := supported(name):
                return chosen
        if variable != "LANGUAGE":
            return None
    return None


def choose_language(flag: str | None, setting: object, environ: Mapping[str, str]) -> str:
    """``--lang`` first, then the user's setting, then the locale, else English."""
    for candidate in (flag, setting if isinstance(setting, str) else None):
        if chosen := supported(candidate):
            return chosen
    return language_from_environment(environ) or ENGLISH


WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
WEEKDAYS_SHORT = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
MONTHS_SHORT = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def format_date(moment: date, pattern: str) -> str:
    """``moment.strftime(pattern)`` with day and month names in the current language."""
    names = {
        "%A": _(WEEKDAYS[moment.weekday()]),
        "%a": _(WEEKDAYS_SHORT[moment.weekday()]),
        "%B": _(MONTHS[moment.month - 1]),
        "%b": _(MONTHS_SHORT[moment.month - 1]),
    }
    for code, name in names.items():
        pattern = pattern.replace(code, name.replace("%", "%%"))
    return moment.strftime(pattern)

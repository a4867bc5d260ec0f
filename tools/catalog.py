"""Keep the translation catalogs in step with the source (a developer's tool, uses Babel).

    python3 tools/catalog.py update    # add new messages to each .po, drop gone ones, compile
    python3 tools/catalog.py check     # what tests/test_catalogs.py checks, as a report

The app itself reads only the compiled ``.mo`` files, with the standard library.
"""

from __future__ import annotations

import gettext
import io
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from socialplan import __version__

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("core", "data", "tui", "screens", "cli")
LOCALES = ROOT / "core" / "locale"
DOMAIN = "socialplan"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every message the source marks, with where it is used."""
    catalog = Catalog(project="socialplan", domain=DOMAIN)
    for folder in SOURCES:
        found = extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
        )
        for filename, lineno, message, _comments, context in found:
            catalog.add(message, locations=[(f"{folder}/{filename}", lineno)], context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALES.iterdir() if po_path(p.name).exists())


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a brace-formatted message."""
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


def problems(language: str) -> list[str]:
    """Why the catalog for ``language`` is not ready: messages missing, untranslated,
    left over, or with other placeholders than the English (which would crash format)."""
    source = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in extracted() if m.id}
    catalog = read_catalog(language)
    found: list[str] = []
    translated = set()
    for message in catalog:
        if not message.id:
            continue
        key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
        translated.add(key)
        if key not in source:
            found.append(f"left over: {key[0]!r}")
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if not all(texts) or message.fuzzy:
            found.append(f"untranslated: {key[0]!r}")
            continue
        wanted = set().union(*(fields(i) for i in ids))
        for text in texts:
            if fields(text) != wanted:
                found.append(f"placeholders differ: {key[0]!r} -> {text!r}")
    found += [f"missing: {key[0]!r}" for key in sorted(source - translated, key=str)]
    found += stale_messages(language, catalog)
    return found


def stale_messages(language: str, catalog: Catalog) -> list[str]:
    """Messages whose compiled ``.mo`` translation is not the ``.po``'s.

    Compared by what gettext reads, not byte for byte: Babel releases lay out the same
    messages differently (2.18 and 2.19 do)."""
    mo = po_path(language).with_suffix(".mo")
    stale = f"{mo.relative_to(ROOT)} is not compiled from the .po: run update"
    try:
        with mo.open("rb") as handle:
            translations = gettext.GNUTranslations(handle)
    except (OSError, ValueError) as error:
        return [f"{stale} ({error})"]
    found = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            read = tuple(translations.ngettext(*message.id, n) for n in _plural_samples(texts))
            wanted = tuple(texts[_plural_index(catalog, n)] for n in _plural_samples(texts))
        else:
            read, wanted = (_lookup(translations, message),), (message.string,)
        if read != wanted:
            found.append(f"{stale}: {message.id!r}")
    return found


def _lookup(translations: gettext.GNUTranslations, message) -> str:
    if message.context:
        return translations.pgettext(message.context, message.id)
    return translations.gettext(message.id)


def _plural_samples(texts: tuple[str, ...]) -> range:
    """Counts that reach every plural form of the languages here (0, 1, 2 and more)."""
    return range(max(3, len(texts) + 1))


def _plural_index(catalog: Catalog, count: int) -> int:
    return int(gettext.c2py(catalog.plural_expr)(count))


def update(language: str) -> None:
    catalog = read_catalog(language)
    template = extracted()
    template.creation_date = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    write_catalog(language, catalog)


def write_catalog(language: str, catalog: Catalog) -> None:
    """Write the .po (without line numbers, which would change with every edit of the
    source) and compile it."""
    catalog.project, catalog.version, catalog.msgid_bugs_address = "socialplan", __version__, ""
    with po_path(language).open("wb") as handle:
        write_po(handle, catalog, width=100, include_lineno=False)
    po_path(language).with_suffix(".mo").write_bytes(compiled(read_catalog(language)))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for language in languages():
            update(language)
    found = [f"{lang}: {p}" for lang in languages() for p in problems(lang)]
    print("\n".join(found) or "catalogs complete")
    return 1 if found and command == "check" else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

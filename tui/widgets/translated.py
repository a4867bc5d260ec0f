"""Key descriptions in the interface's language.

Textual merges a class's ``BINDINGS`` once, when the class is defined, and every node
copies that map when it is made. Our descriptions are catalog messages marked with ``N_``,
so a node translates its copy as it is made: screens built after a language switch show
the new language in the Footer, the help screen and the command palette.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding, BindingsMap

from socialplan.compat import node_bindings, set_node_bindings
from socialplan.core.i18n import N_, _

TEXTUAL_WORDS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Go to bottom"),
    N_("Go to top"),
    N_("Next command"),
    N_("Exit the command palette"),
    N_("Next page"),
    N_("Previous page"),
    N_("Previous command"),
)
"""The words of the bindings Textual brings itself (ctrl+p, the command palette's keys),
for the catalog: ``translated`` translates them with the App's own."""

NO_MATCHES = N_("No matches found")
"""The command palette's line for a search that found nothing."""


def translated(binding: Binding) -> Binding:
    """The binding with its description and tooltip in the current language."""
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


def translated_map(bindings: BindingsMap) -> BindingsMap:
    result = BindingsMap()
    for key, each in bindings.key_to_bindings.items():
        result.key_to_bindings[key] = [translated(binding) for binding in each]
    return result


class TranslatedBindings:
    """Mixin, listed before the Textual class: the node's bindings in the current language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        node: Any = self
        self._untranslated_bindings = node_bindings(node)
        set_node_bindings(node, translated_map(self._untranslated_bindings))

    def retranslate_bindings(self) -> None:
        """After a language switch: the same bindings, described in the new language."""
        node: Any = self
        set_node_bindings(node, translated_map(self._untranslated_bindings))

"""A stylesheet that parses each source once per set of CSS variables.

Textual re-parses every source from scratch on each ``refresh_css``: when a screen is
first shown and when the theme changes. It also forgets what it parsed whenever the
variables are set, even to the same values. At start-up that parsed our stylesheet
three times with identical variables (about 16 ms each).
"""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet

from socialplan.compat import stylesheet_variables

APP_STYLES = Path(__file__).with_name("socialplan.tcss")
"""The styles of every screen: the phases, the panel, the Schedule."""
DIALOG_STYLES = Path(__file__).with_name("dialogs.tcss")
"""The modal dialogs' styles, each dialog's ``CSS_PATH``: Textual reads them when the first
dialog opens, so the first paint does not wait for them (21 M of 1,545 M instructions)."""


class ReusingStylesheet(Stylesheet):
    @classmethod
    def taking_over(cls, stylesheet: Stylesheet) -> ReusingStylesheet:
        """One to stand in for the App's fresh stylesheet, with the variables it already has."""
        return cls(variables=stylesheet_variables(stylesheet))

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != stylesheet_variables(self):
            super().set_variables(variables)

    def reparse(self) -> None:
        """Parse again, from the cache where source and variables are unchanged.

        Like Textual's own ``reparse``, a source with an error raises and leaves the
        current rules in place.
        """
        self.parse()

"""The floor for start-up: the schedule screen's widget tree holding fixed text.

Header, phase bar, title, filter input, four board columns, the panel and a Footer with
the schedule's nine keys, in stock Textual widgets, without any socialplan code or data.
Whatever an app showing this screen does on top (importing its code, reading the plan,
computing the figures) comes on top of this.
"""

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, Label, Static

KEYS = ("New item", "Edit", "Board/list", "Calendar", "Filter", "Panel", "Help", "Quit", "Undo")
CARDS = "\n".join(f" Card {n:02d}\n 25 Nov 08:30 LinkedIn\n draft · CTA" for n in range(12))
PANEL = "Content : promotion\n 10 : 1\n" + "\n".join(f" Channel {n} 2/3" for n in range(20))


class FloorApp(App[None]):
    CSS_PATH = Path(__file__).with_name("floor_app.tcss")
    BINDINGS = [Binding(key, "bell", label) for key, label in zip("nevc/p?qu", KEYS, strict=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("1 Foundation  2 Strategy  3 Set up  4 Schedule  5 Measure")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield Label("Content schedule")
                yield Input(placeholder="Filter")
                with Horizontal():
                    for stage in ("See", "Think", "Do", "Care"):
                        yield Static(f"{stage}\n{CARDS}", classes="column")
            yield Static(PANEL, id="panel")
        yield Footer()


if __name__ == "__main__":
    FloorApp().run()

"""English and Dutch: the catalog is complete and safe, the language is chosen by --lang,
the setting or the locale, it can be switched in the app, and exports follow it."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList

from socialplan.cli import main, set_language
from socialplan.core import imports, model, slots, steps, summaries
from socialplan.core.channel_setup import missing_checklist
from socialplan.core.i18n import (
    LANGUAGES,
    _,
    choose_language,
    format_date,
    language,
    language_from_environment,
    use_language,
)
from socialplan.core.model import ENUM_LABELS, Channel, Labelled
from socialplan.core.plan_data import PlanData
from socialplan.data.demo import build_demo
from socialplan.data.markdown import plan_markdown
from socialplan.data.settings import load_settings, save_setting
from socialplan.data.store import PlanStore, starter_plan

from .conftest import FROZEN_NOW, frozen_clock

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)


def catalog_tool():
    spec = importlib.util.spec_from_file_location("catalog", ROOT / "tools" / "catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dutch_catalog_is_complete_safe_and_compiled():
    """Every marked message is translated, none is left over, every translation has the
    English placeholders (a missing one would crash ``format``), and the .mo is fresh."""
    assert catalog_tool().problems("nl") == []


def test_the_compiled_catalog_is_checked_by_content_not_bytes():
    """A .mo compiled by another Babel has other bytes but the same messages; a .po
    translation the .mo does not carry is still caught."""
    tool = catalog_tool()
    catalog = tool.read_catalog("nl")
    assert tool.stale_messages("nl", catalog) == []
    message = next(m for m in catalog if m.id and isinstance(m.id, str))
    message.string = "iets anders"
    (stale,) = tool.stale_messages("nl", catalog)
    assert "is not compiled from the .po" in stale and repr(message.id) in stale


def test_the_catalog_check_catches_a_wrong_placeholder():
    tool = catalog_tool()
    assert tool.fields("{count} of {total:,}") == {"count", "total"}
    assert tool.fields("{{literal}} only") == set()


def test_every_stored_value_has_a_translated_label():
    enums = [
        model.Kind,
        model.Status,
        model.SupportLevel,
        model.SetupArea,
        model.Activity,
        slots.Pace,
        summaries.GoalStatus,
        steps.StepState,
        imports.Why,
    ]
    assert all(issubclass(enum, Labelled) for enum in enums)
    english = {member.label for enum in enums for member in enum}
    assert english <= set(ENUM_LABELS)
    use_language("nl")
    assert model.Status.IN_REVIEW.label == "ter beoordeling"
    assert model.Kind.PROMOTION.label == "promotie"
    assert model.Kind.PROMOTION.value == "promotion"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "de:nl", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LC_MESSAGES": "nl_NL", "LANG": "en_US"}, "nl"),
        ({}, None),
    ],
)
def test_the_locale_names_the_language(environ, expected):
    assert language_from_environment(environ) == expected


def test_the_flag_beats_the_setting_beats_the_locale():
    assert choose_language("en", "nl", {"LANG": "nl_NL.UTF-8"}) == "en"
    assert choose_language(None, "nl", {"LANG": "en_US.UTF-8"}) == "nl"
    assert choose_language(None, None, {"LANG": "nl_NL.UTF-8"}) == "nl"
    assert choose_language(None, 42, {"LANG": "de_DE"}) == "en"
    assert choose_language("xx", "yy", {}) == "en"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of en, nl"):
        use_language("fr")
    assert language() == "en"


def test_dates_name_days_and_months_in_the_language():
    day = date(2026, 3, 2)
    assert format_date(day, "%a %d %b %Y") == "Mon 02 Mar 2026"
    use_language("nl")
    assert format_date(day, "%a %d %b %Y · %A %B") == "ma 02 mrt 2026 · maandag maart"
    assert format_date(date(2026, 5, 1), "%b %B 100%%") == "mei mei 100%"


def test_a_new_dutch_plan_gets_dutch_stages_and_checklists():
    use_language("nl")
    plan = starter_plan("Bakkerij De Vries")
    assert [s.name for s in plan.ordered_stages()] == ["Zien", "Denken", "Doen", "Zorgen"]
    tasks = missing_checklist(plan, Channel("LinkedIn", id=1))
    assert tasks[0].title == "Maak het bedrijfsaccount aan op LinkedIn"
    use_language("en")
    assert [s.name for s in starter_plan("x").ordered_stages()] == ["See", "Think", "Do", "Care"]


def test_messages_and_plurals_follow_the_language():
    use_language("nl")
    assert _("Nothing to undo.") == "Niets om ongedaan te maken."
    data = build_demo(FROZEN_NOW)
    assert isinstance(data, PlanData)
    from socialplan.core.figures import panel_figures

    warnings = panel_figures(data, FROZEN_NOW).warnings()
    assert any("plancontrole faalt" in w for w in warnings)


def test_the_markdown_export_has_dutch_headings(demo_data):
    use_language("nl")
    text = plan_markdown(demo_data, FROZEN_NOW)
    assert "## Interne organisatie" in text
    assert "## Probleemstelling en aandachtspunten" in text
    assert "| Naam | Rol | Afdeling | Draagvlak | Invloed | Volgende actie |" in text
    assert "Geëxporteerd op" in text


def test_the_calendar_describes_posts_in_the_language(demo_data):
    from socialplan.data.ics import plan_calendar

    use_language("nl")
    calendar = plan_calendar(demo_data, stamp=FROZEN_NOW).decode()
    assert "Klantreisfase: " in calendar
    assert "Call to action: ja" in calendar or "Call to action: nee" in calendar
    assert "item-" in calendar and "@socialplan" in calendar


def test_status_speaks_the_flag_the_setting_or_the_locale(demo_path, capsys, monkeypatch):
    assert main(["status", "--db", str(demo_path), "--lang", "nl"]) == 0
    assert "Volgende berichten" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert main(["status", "--db", str(demo_path)]) == 0
    assert "Volgende berichten" in capsys.readouterr().out
    save_setting("lang", "en")
    assert main(["status", "--db", str(demo_path)]) == 0
    assert "Next posts" in capsys.readouterr().out
    assert main(["--lang=nl", "status", "--db", str(demo_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["next_posts"][0]["status"] in {s.value for s in model.Status}


def test_help_and_errors_on_the_command_line_are_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "nl", "--help"])
    assert "taal van de interface" in capsys.readouterr().out
    assert main(["--lang", "nl", "open", "geen-plan"]) == 1
    assert "Er is geen plan 'geen-plan'" in capsys.readouterr().err


def test_an_unknown_flag_value_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "status"])
    assert "invalid choice: 'fr'" in capsys.readouterr().err


async def test_the_palette_switches_the_language_and_it_is_remembered(make_app):
    from socialplan.tui.widgets.phase_bar import PhaseBar

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "Foundation" in str(app.screen.query_one(PhaseBar).render())
        await pilot.press("ctrl+p", *"Language: Nederlands")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert language() == "nl"
        assert app.current_mode == "schedule"
        assert "Fundament" in str(app.screen.query_one(PhaseBar).render())
        footer = {active.binding.description for active in app.screen.active_bindings.values()}
        assert {"Nieuw item", "Stoppen"} <= footer
        await pilot.press("1")
        await pilot.pause()
        sections = [str(label.render()) for label in app.screen.query(".section-title")]
        assert sections[:3] == ["Stakeholders en draagvlak", "Verandermanagement", "Projectteam"]
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Taal: English" in titles
        assert "Fase Meten" in titles
    assert load_settings()["lang"] == "nl"
    use_language("en")
    set_language([])
    assert language() == "nl"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Taal: English")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert language() == "en"
    assert load_settings()["lang"] == "en"


async def test_a_form_refuses_bad_input_in_dutch(make_app):
    from textual.widgets import Input

    use_language("nl")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = " ".join(str(label.render()) for label in app.screen.query(".field-error"))
        assert "mag niet leeg zijn" in shown


def test_schedule_in_dutch(snap_compare, tmp_path):
    """The schedule at 80x24 in Dutch, on a demo plan made in Dutch (its stages are
    named Zien, Denken, Doen, Zorgen)."""
    from socialplan.tui.app import SocialPlanApp

    use_language("nl")
    path = tmp_path / "demo.json"
    PlanStore.create(path, build_demo(FROZEN_NOW)).close()
    app = SocialPlanApp(PlanStore.open(path), clock=frozen_clock)
    assert snap_compare(app, terminal_size=(80, 24))
    assert LANGUAGES["nl"] == "Nederlands"


def test_argparse_speaks_dutch_too(capsys):
    """Usage, headings and argparse's own errors were English under --lang nl."""
    import argparse
    import inspect

    from socialplan.cli.parser import ARGPARSE_WORDS

    source = inspect.getsource(argparse)
    assert all(repr(word)[1:-1] in source or word in source for word in ARGPARSE_WORDS)
    with pytest.raises(SystemExit):
        main(["--lang", "nl", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: socialplan") and "\nopties:\n" in out
    assert "toon deze hulptekst en stop" in out and "opdrachten:" in out
    with pytest.raises(SystemExit):
        main(["--lang", "nl", "bogus"])
    assert "socialplan: fout: argument COMMAND: ongeldige keuze: 'bogus'" in capsys.readouterr().err
    use_language("en")


async def test_textuals_own_palette_key_speaks_dutch(make_app):
    """'^p palette' stayed English in a Dutch footer: Textual adds that binding itself."""
    from socialplan.compat import node_bindings
    from socialplan.tui.widgets.translated import TEXTUAL_WORDS

    def palette_binding(app):
        (binding,) = [
            b
            for each in node_bindings(app).key_to_bindings.values()
            for b in each
            if b.action == "command_palette"
        ]
        return binding

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        binding = palette_binding(app)
        assert (binding.description, binding.tooltip) == TEXTUAL_WORDS[:2]
    use_language("nl")
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert palette_binding(app).description == "palet"
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert app.screen.query_one("Input").placeholder == "Zoek een opdracht…"
            escape = app.screen.active_bindings["escape"].binding
            assert escape.description == "Het opdrachtenpalet sluiten"
            await pilot.press(*"zqxjkv")
            await pilot.pause(0.8)
            options = app.screen.query_one(OptionList)
            shown = [
                str(options.get_option_at_index(n).prompt.renderable)
                for n in range(options.option_count)
            ]
            assert shown == ["Niets gevonden"]
    finally:
        use_language("en")

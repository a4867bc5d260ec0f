"""The App's exports and results imports: files are read and written in worker threads;
only the review and the save happen on the UI thread, through the edit session."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from socialplan.core.i18n import _
from socialplan.core.plan_data import PlanData
from socialplan.core.validation import InvalidInputError
from socialplan.data.errors import StoreError
from socialplan.data.requests import Save

if TYPE_CHECKING:
    from socialplan.core.imports import ImportPlan
    from socialplan.tui.app import SocialPlanApp


def export_beside_plan(app: SocialPlanApp, what: str) -> None:
    """Export beside the plan; a file of that name is replaced only when the user says so."""
    from socialplan.data.exports import beside

    plan_data, target = app.plan_data, beside(app.store.path, what)
    if not target.exists():
        _start_export(app, what, plan_data, replace=False)
        return
    from socialplan.screens.confirm import ConfirmScreen

    def answered(replace: bool | None) -> None:
        if replace:
            _start_export(app, what, plan_data, replace=True)

    app.push_screen(
        ConfirmScreen(
            _("{name} exists already. Replace it?").format(name=target.name),
            _("It is in {folder}.").format(folder=target.parent),
        ),
        answered,
    )


def _start_export(app: SocialPlanApp, what: str, plan_data: PlanData, *, replace: bool) -> None:
    app.run_worker(
        partial(_export, app, what, plan_data, replace=replace), thread=True, group="export"
    )


def _export(app: SocialPlanApp, what: str, plan_data: PlanData, *, replace: bool) -> None:
    """Written off the UI thread; the result is shown when it is done."""
    from socialplan.data.exports import beside, export_payload, write_export

    plan_file = app.store.path
    try:
        payload = export_payload(what, plan_data, app.now())
        target = write_export(beside(plan_file, what), payload, plan_file, replace=replace)
    except StoreError as error:
        app.call_from_thread(app.notify, str(error), title=_("Not exported"), severity="error")
        return
    except OSError as error:
        message = _("Could not write the export: {value}").format(value=error.strerror or error)
        app.call_from_thread(app.notify, message, title=_("Not exported"), severity="error")
        return
    app.call_from_thread(app.notify, str(target), title=_("Exported"))


def import_results(app: SocialPlanApp, path: Path) -> None:
    """Read a platform's results file, then let the user review the match before saving."""
    app.run_worker(
        partial(_read_results, app, path, app.plan_data),
        thread=True,
        exclusive=True,
        group="import",
    )


def _read_results(
    app: SocialPlanApp, path: Path, plan_data: PlanData, channel: str | None = None
) -> None:
    """Read and match off the UI thread; only the review and the save happen on it. When
    no channel is called after the platform, the user picks one (and the import
    remembers it)."""
    from socialplan.core.imports import plan_import
    from socialplan.data.results_file import ResultsFileError, read_results_file

    try:
        found = read_results_file(path)
        planned = plan_import(plan_data, found.platform, found.posts, channel)
    except ResultsFileError as error:
        app.call_from_thread(
            app.notify, str(error), title=_("Not imported"), severity="error", timeout=30
        )
        return
    except InvalidInputError as error:
        if error.problem.field == "channel" and channel is None and plan_data.channels:
            app.call_from_thread(_choose_channel, app, path, plan_data, error.problem.message)
            return
        message = _("Nothing imported from {path}: {message}.").format(
            path=path, message=error.problem.message
        )
        app.call_from_thread(
            app.notify, message, title=_("Not imported"), severity="error", timeout=30
        )
        return
    source = f"{path.name}: {found.describe()}"
    app.call_from_thread(_review_import, app, planned, plan_data, source)


def _choose_channel(app: SocialPlanApp, path: Path, plan_data: PlanData, why: str) -> None:
    from socialplan.screens.import_results import ChooseChannelScreen

    def chosen(name: str | None) -> None:
        if name is not None:
            app.run_worker(
                partial(_read_results, app, path, plan_data, name),
                thread=True,
                exclusive=True,
                group="import",
            )

    app.push_screen(ChooseChannelScreen(plan_data.channels, why), chosen)


def _review_import(
    app: SocialPlanApp, planned: ImportPlan, plan_data: PlanData, source: str
) -> None:
    from socialplan.screens.import_results import ImportReviewScreen

    def confirmed(final: ImportPlan | None) -> None:
        if final is not None:
            app.submit(
                Save(
                    final.entities(),
                    final.label(len(final.rows)),
                    _("Imported: {describe}.").format(describe=final.describe()),
                )
            )

    app.push_screen(ImportReviewScreen(planned, plan_data, source), confirmed)

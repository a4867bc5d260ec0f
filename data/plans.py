"""Several plans side by side (one per client or brand): the ``*.json`` plan files of one
directory, by name."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from socialplan.core.cycle import with_first_iteration
from socialplan.core.frozen import frozen
from socialplan.core.i18n import _
from socialplan.core.plan_data import PlanData

from .errors import StoreError
from .store import PlanStore, read_plan, starter_plan


@frozen
class PlanFile:
    path: Path
    name: str
    """The plan's own name, or what is wrong with the file."""
    posts: int | None
    """None: the file could not be read."""

    @property
    def key(self) -> str:
        return self.path.stem


def plan_key(name: str) -> str:
    """The file name (without .json) for a plan called ``name``: 'Bakkerij De Vries' →
    'bakkerij-de-vries'."""
    key = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    if not key:
        raise StoreError(_("'{name}' cannot name a plan: use letters or digits.").format(name=name))
    return key


def plan_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.json") if p.is_file() and not p.name.startswith("."))


def list_plans(directory: Path) -> list[PlanFile]:
    plans = []
    for path in plan_files(directory):
        try:
            plan_data = read_plan(path)
        except StoreError as error:
            plans.append(
                PlanFile(
                    path,
                    _("not readable: {getattr}").format(getattr=getattr(error, "reason", error)),
                    None,
                )
            )
            continue
        plans.append(PlanFile(path, plan_data.plan.name, len(plan_data.items)))
    return plans


def find_plan(directory: Path, name: str) -> Path:
    """The plan file called ``name`` (its file name or its plan's name)."""
    wanted = directory / f"{plan_key(name)}.json"
    if wanted.is_file():
        return wanted
    known = ", ".join(p.stem for p in plan_files(directory)) or _("none yet")
    raise StoreError(
        _(
            "There is no plan '{name}' in {directory} (plans: {known}). Create it "
            "with: socialplan new '{name}'"
        ).format(name=name, directory=directory, known=known)
    )


def create_plan(directory: Path, name: str, template: PlanData | None = None) -> Path:
    """A new plan file named after ``name``, empty or a copy of ``template`` renamed."""
    path = directory / f"{plan_key(name)}.json"
    if path.exists():
        raise StoreError(
            _("There is already a plan '{stem}' ({path}).").format(stem=path.stem, path=path)
        )
    directory.mkdir(parents=True, exist_ok=True)
    PlanStore.create(path, new_plan_data(name, template)).close()
    return path


def new_plan_data(name: str, template: PlanData | None = None) -> PlanData:
    """A new plan called ``name``: empty, or a copy of ``template`` renamed, with a new
    uid and its first iteration starting today."""
    fresh = starter_plan(name)
    if template is None:
        return fresh
    return with_first_iteration(
        replace(template, plan=replace(template.plan, name=name, uid=fresh.plan.uid)),
        fresh.iterations[0].start,
    )

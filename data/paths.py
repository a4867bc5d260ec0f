"""Where socialplan keeps things, decided here and nowhere else.

- plans: the platform's data directory (``~/.local/share/socialplan`` on Linux), one
  ``NAME.json`` each; ``plan.json`` is the default plan;
- the user's settings: the platform's config directory, or ``$SOCIALPLAN_CONFIG``;
- recovery files that could not go beside their plan: the platform's state directory.

``--db`` or ``$SOCIALPLAN_DB`` name another plan file.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "socialplan"
ENV_DB = "SOCIALPLAN_DB"
ENV_CONFIG = "SOCIALPLAN_CONFIG"
DEFAULT_PLAN = "plan.json"


def plans_dir() -> Path:
    """The folder ``socialplan plans`` lists, ``new`` writes to and the app switches in."""
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def default_plan_path() -> Path:
    return plans_dir() / DEFAULT_PLAN


def chosen_plan_target(given: str | None) -> str:
    """``given`` (``--db``), else ``$SOCIALPLAN_DB``, else the default plan: a path or a
    URL, as typed (``Path`` would fold the ``//`` of a URL)."""
    return given or os.environ.get(ENV_DB) or str(default_plan_path())


def settings_path() -> Path:
    chosen = os.environ.get(ENV_CONFIG)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "settings.json"


def state_dir() -> Path:
    from platformdirs import user_state_path

    return user_state_path(APP, appauthor=False)

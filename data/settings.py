"""The user's own settings (theme, language), kept apart from any plan: a file in the
platform's config directory, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from .files import atomic_replace
from .paths import settings_path


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """The settings, or none when the file is missing or unreadable (settings are a
    convenience: a damaged file must not keep the app from starting)."""
    try:
        loaded = orjson.loads((path or settings_path()).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def save_setting(key: str, value: Any, path: Path | None = None) -> None:
    target = path or settings_path()
    settings = load_settings(target)
    if settings.get(key) == value:
        return
    settings[key] = value
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_replace(target, orjson.dumps(settings, option=orjson.OPT_INDENT_2))

"""The ``socialplan`` command line (not user-interface code: it opens the App for the
commands that need it). ``main`` is the entry point."""

from socialplan.data.paths import ENV_DB

from .common import plan_target
from .main import main, set_language
from .parser import build_parser

__all__ = ["ENV_DB", "build_parser", "main", "plan_target", "set_language"]

"""The ``socialplan`` command line: the language first, then the command, and every
failure as one line and an exit code, never a traceback.

Heavy modules (Textual, the app, the demo) are imported inside the commands that need
them, so ``socialplan status`` stays fast and free of Textual.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence

from socialplan.core.i18n import _, choose_language, use_language
from socialplan.data.errors import StoreError

from .parser import build_parser


def flag_language(argv: Sequence[str]) -> str | None:
    """``--lang``, read before the parser is built so that its help speaks that language."""
    for position, argument in enumerate(argv):
        if argument == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


def set_language(argv: Sequence[str]) -> None:
    """``--lang``, else the user's setting, else the locale (``LANGUAGE``, ``LANG``...)."""
    from socialplan.data.settings import load_settings

    use_language(choose_language(flag_language(argv), load_settings().get("lang"), os.environ))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    set_language(arguments)
    try:
        args = build_parser().parse_args(arguments)
        code: int = args.run(args)
        sys.stdout.flush()
    except StoreError as error:
        print(_("socialplan: {error}").format(error=error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        try:
            sys.stdout.flush()
        except OSError as error:
            return _os_error(error)
        raise exit_
    except BrokenPipeError:
        _stop_writing_to_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a pipe closed early (| head)
    except OSError as error:
        return _os_error(error)
    return code


def _os_error(error: OSError) -> int:
    """An operating-system refusal as one line, never a traceback. Writes to standard
    output name no file: a full or broken output (``> /dev/full``) is said as such."""
    if error.filename is None and error.errno in _OUTPUT_ERRNOS:
        _stop_writing_to_stdout()
        print(
            _("socialplan: cannot write to standard output: {value}").format(
                value=error.strerror or error
            ),
            file=sys.stderr,
        )
        return 1
    where = f"{error.filename}: " if error.filename else ""
    print(
        _("socialplan: {where}{value}").format(where=where, value=error.strerror or error),
        file=sys.stderr,
    )
    return 1


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG})


def _stop_writing_to_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

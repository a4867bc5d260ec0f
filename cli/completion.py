"""Shell completion and the man page, both made from the command-line parser itself, so
neither can fall behind a new command or option.

``socialplan completion bash|zsh|fish`` prints a script to source; ``socialplan manpage``
prints socialplan(1) in roff, for ``man -l`` or a package's man directory.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from socialplan import __version__
from socialplan.core.frozen import frozen
from socialplan.core.i18n import _


@frozen
class Command:
    """A subcommand as completion and the man page need it."""

    name: str
    help: str
    usage: str
    options: tuple[str, ...]
    """Its option strings, ``--db`` and ``-h`` included."""
    words: tuple[str, ...]
    """The fixed choices of its arguments (``plan json csv ics`` for export)."""


def commands(parser: argparse.ArgumentParser) -> list[Command]:
    """The parser's subcommands, in the order ``--help`` lists them."""
    found = []
    for action in parser._actions:  # argparse keeps no public list of its actions
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, sub in action.choices.items():
            found.append(
                Command(
                    name,
                    helps.get(name, ""),
                    sub.format_usage().strip().removeprefix(_("usage: ")),
                    tuple(o for a in sub._actions for o in a.option_strings),
                    tuple(
                        str(c)
                        for a in sub._actions
                        if a.choices and not a.option_strings
                        for c in a.choices
                    ),
                )
            )
    return found


def top_options(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    return tuple(o for a in parser._actions for o in a.option_strings)


def bash_script(parser: argparse.ArgumentParser) -> str:
    cases = "\n".join(
        f'        {c.name}) words="{" ".join((*c.words, *c.options))}" ;;' for c in commands(parser)
    )
    names = " ".join(c.name for c in commands(parser))
    return f"""# socialplan completion for bash: source it, or put it in bash-completion's directory
_socialplan() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" words
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "{names} {" ".join(top_options(parser))}" -- "$cur"))
        return
    fi
    case "${{COMP_WORDS[1]}}" in
{cases}
        *) words="" ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _socialplan socialplan
"""


def zsh_script(parser: argparse.ArgumentParser) -> str:
    return (
        "# socialplan completion for zsh: source it (it uses zsh's bash completion support)\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(parser)
    )


def fish_script(parser: argparse.ArgumentParser) -> str:
    found = commands(parser)
    names = " ".join(c.name for c in found)
    lines = [
        "# socialplan completion for fish: put it in ~/.config/fish/completions/",
        *(
            f"complete -c socialplan -n '__fish_use_subcommand' -a {c.name} -d {_quoted(c.help)}"
            for c in found
        ),
    ]
    for command in found:
        seen = f"__fish_seen_subcommand_from {command.name}"
        if command.words:
            lines.append(f"complete -c socialplan -n '{seen}' -a '{' '.join(command.words)}'")
        for option in command.options:
            flag = f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}"
            lines.append(f"complete -c socialplan -n '{seen}' {flag}")
    lines.append(f"# commands: {names}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


SCRIPTS = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}


def man_page(parser: argparse.ArgumentParser, today: date) -> str:
    """socialplan(1) in roff: the synopsis, every command with its usage and help."""
    lines = [
        f'.TH SOCIALPLAN 1 "{today.isoformat()}" "socialplan {__version__}" "User Commands"',
        ".SH NAME",
        "socialplan \\- " + _roff(parser.description or ""),
        ".SH SYNOPSIS",
        _roff(parser.format_usage().strip().removeprefix(_("usage: "))),
        ".SH COMMANDS",
    ]
    for command in commands(parser):
        lines += [".TP", f".B {command.name}", _roff(command.help), ".br", _roff(command.usage)]
    lines += [
        ".SH FILES",
        _roff(
            _(
                "The plans live in the platform data directory; --db or $SOCIALPLAN_DB "
                "choose another."
            )
        ),
        ".SH SEE ALSO",
        _roff(_("README.md of socialplan, and socialplan COMMAND --help.")),
    ]
    return "\n".join(lines) + "\n"


def _roff(text: str) -> str:
    """Text for roff: backslashes doubled, and a line that starts with . or ' guarded."""
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(
        "\\&" + line if line.startswith((".", "'")) else line for line in escaped.splitlines()
    )


def run_completion(args: argparse.Namespace) -> int:
    from .parser import build_parser

    sys.stdout.write(SCRIPTS[args.shell](build_parser()))
    return 0


def run_manpage(_args: argparse.Namespace) -> int:
    from .parser import build_parser

    sys.stdout.write(man_page(build_parser(), date.today()))
    return 0

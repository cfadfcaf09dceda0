"""`artlint completion SHELL`: a completion script for bash, zsh or fish, made from the same
argument definitions the commands parse with, so it cannot drift from them.

    artlint completion bash > ~/.local/share/bash-completion/completions/artlint
    artlint completion zsh > "${fpath[1]}/_artlint"
    artlint completion fish > ~/.config/fish/completions/artlint.fish
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from artlint.cli.options import Parser

SHELLS = ("bash", "zsh", "fish")


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    choices: tuple[str, ...]
    takes_value: bool


def options_of(arguments: Callable[[Parser], None]) -> list[Option]:
    parser = Parser()
    arguments(parser)
    out = []
    for action in parser._actions:  # argparse has no public listing of its actions
        if not action.option_strings:
            continue
        out.append(
            Option(
                tuple(action.option_strings),
                (action.help or "").replace("%%", "%"),
                tuple(str(c) for c in action.choices or ()),
                action.nargs != 0,
            )
        )
    return out


def script(shell: str, commands: Mapping[str, Callable[[Parser], None]]) -> str:
    table = {name: options_of(arguments) for name, arguments in commands.items()}
    if shell == "fish":
        return _fish(table)
    bash = _bash(table)
    if shell == "zsh":
        # zsh runs bash completion functions through bashcompinit.
        return "#compdef artlint\nautoload -U +X bashcompinit && bashcompinit\n" + bash
    return bash


def _bash(table: Mapping[str, list[Option]]) -> str:
    cases = []
    for name, options in table.items():
        flags = " ".join(f for o in options for f in o.flags)
        valued = [o for o in options if o.choices]
        choice_cases = "".join(
            f"                {'|'.join(o.flags)}) COMPREPLY=($(compgen -W "
            f"'{' '.join(o.choices)}' -- \"$cur\")); return;;\n"
            for o in valued
        )
        cases.append(
            f"        {name})\n"
            f'            case "$prev" in\n{choice_cases}            esac\n'
            f'            if [[ "$cur" == -* ]]; then\n'
            f"                COMPREPLY=($(compgen -W '{flags}' -- \"$cur\"))\n"
            f"            else\n"
            f'                COMPREPLY=($(compgen -f -- "$cur"))\n'
            f"            fi;;\n"
        )
    names = " ".join(table)
    return (
        "# artlint completion for bash (artlint completion bash)\n"
        "_artlint() {\n"
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"\n'
        "    if [[ $COMP_CWORD -eq 1 ]]; then\n"
        f"        COMPREPLY=($(compgen -W '{names} --help --version' -- \"$cur\"))\n"
        "        return\n"
        "    fi\n"
        '    case "${COMP_WORDS[1]}" in\n' + "".join(cases) + "    esac\n"
        "}\n"
        "complete -o filenames -F _artlint artlint\n"
    )


def _fish(table: Mapping[str, list[Option]]) -> str:
    lines = ["# artlint completion for fish (artlint completion fish)", "complete -c artlint -f"]
    for name in table:
        lines.append(f"complete -c artlint -n __fish_use_subcommand -a {name}")
    for name, options in table.items():
        when = f"-n '__fish_seen_subcommand_from {name}'"
        for o in options:
            parts = [f"complete -c artlint {when}"]
            for flag in o.flags:
                parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            if o.choices:
                parts.append(f"-x -a '{' '.join(o.choices)}'")
            elif o.takes_value:
                parts.append("-r")
            if o.help:
                parts.append("-d " + _fish_quote(o.help.split(";")[0].split(". ")[0]))
            lines.append(" ".join(parts))
        lines.append(f"complete -c artlint {when} -F")  # paths
    return "\n".join(lines) + "\n"


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

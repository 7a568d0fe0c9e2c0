"""The README documents every command, and the test command CI runs is the README's."""

from __future__ import annotations

import re
from pathlib import Path

import click

from claims.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _commands(group: click.Group, prefix: str = "claims") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in _commands(cli) if f"\n{name}" not in README]
    assert missing == []


def test_ci_runs_the_readmes_test_command() -> None:
    assert "$ scripts/test.sh\n" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_every_test_the_reliability_page_names_exists() -> None:
    page = (ROOT / "docs" / "reliability.md").read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", page)
    assert len(named) >= 20
    missing = [
        f"{path}::{name}"
        for path, name in named
        if f"\ndef {name}(" not in (ROOT / path).read_text()
    ]
    assert missing == []

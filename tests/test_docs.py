"""The docs describe the code as it is: every command in the command reference with its
current --help, every generated page as the code would write it now, and the README's
test command the one CI runs."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claims.cli import cli
from claims.xref import REASONS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text()
REFERENCE = (DOCS / "cli.md").read_text()


def _commands(
    group: click.Group, path: tuple[str, ...] = ("claims",)
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and sub-command a user can run, groups included, hidden ones not,
    through the group's own interface (so that lazily loaded commands count too)."""
    ctx = click.Context(group, info_name=path[-1])
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


COMMANDS = [(" ".join(path), command) for path, command in _commands(cli)]


def _section(name: str) -> str:
    """The part of docs/cli.md under the heading for one command."""
    match = re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", REFERENCE, re.M | re.S)
    assert match, f"docs/cli.md has no section for {name!r}: scripts/docs.sh writes it"
    return match[1]


def test_there_are_commands_to_check() -> None:
    # Guards the tests below against a walk that finds nothing and so checks nothing.
    names = [name for name, _ in COMMANDS]
    assert {"claims add", "claims import", "claims export", "claims report"} <= set(names)
    assert any(isinstance(command, click.Group) for _, command in COMMANDS)


@pytest.mark.parametrize("name, command", COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_has_a_summary(name: str, command: click.Command) -> None:
    # The first paragraph of the docstring: what `claims --help` lists it by.
    summary = " ".join((command.help or "").strip().split("\n\n")[0].split())
    assert summary, f"{name} has no help text"
    assert summary.endswith("."), f"{name}: {summary!r} is not a sentence"


@pytest.mark.parametrize(
    "path", [("claims",)] + [tuple(name.split()) for name, _ in COMMANDS], ids=" ".join
)
def test_the_reference_shows_each_commands_help(path: tuple[str, ...]) -> None:
    # The same terminal width cog writes with, whatever this terminal's is.
    result = CliRunner().invoke(cli, [*path[1:], "--help"], prog_name="claims", terminal_width=80)
    assert result.exit_code == 0, result.output
    assert f"```text\n{result.output}```\n" in _section(" ".join(path))


def test_the_reference_has_no_command_that_is_gone() -> None:
    # A renamed or removed command must not linger in the reference.
    documented = re.findall(r"^## (claims(?: [\w-]+)*)$", REFERENCE, re.M)
    assert sorted(documented) == sorted(["claims"] + [name for name, _ in COMMANDS])


def test_generated_pages_match_the_code() -> None:
    """cog --check over every page with a cog block: the command reference, the schema,
    the template context and the quoted benchmark results are what the code and the
    results files give now (scripts/docs.sh rewrites them)."""
    pages = sorted(
        str(p.relative_to(ROOT)) for p in DOCS.glob("*.md") if "<!-- [[[cog" in p.read_text()
    )
    assert "docs/cli.md" in pages and "docs/schema.md" in pages
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", *pages],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_reason_code_is_explained() -> None:
    rules = (DOCS / "rules.md").read_text()
    missing = [code for code in REASONS if f"| `{code}` |" not in rules]
    assert missing == []


def test_the_readme_stays_short_and_points_at_the_docs() -> None:
    assert len(README.splitlines()) <= 200
    for page in re.findall(r"\]\((docs/[\w/.-]+\.md)\)", README):
        assert (ROOT / page).is_file(), page
    assert "scripts/docs.sh" in README and "mkdocs serve" in README


def test_ci_runs_the_readmes_test_command() -> None:
    assert "$ scripts/test.sh\n" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()

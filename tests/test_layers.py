"""The layers of the house, checked: imports flow one way and only the store runs SQL.

    cli -> (report, interop, verdicts) -> (store, xref) ; store -> facts ; all -> parsing

and within the rules (``claims.xref``) and the readers (``claims.parsing``), each module
imports only those before it in ``ORDERS`` (each package's docstring says what each holds).

Imports inside functions count (the command line imports lazily, for start-up time);
imports under ``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "claims"


def module_name(path: Path) -> str:
    parts = ("claims", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


FILES = {module_name(f): f for f in sorted(PACKAGE.rglob("*.py"))}


def run_time_imports(path: Path) -> set[str]:
    """Every module a file imports when it runs (claims modules and third-party roots)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from a import b` imports the module a.b when there is one, else a name of a.
            found.update(
                f"{base}.{a.name}" if f"{base}.{a.name}" in FILES else base for a in node.names
            )
    return {_owner(name) for name in found}


def _owner(name: str) -> str:
    """A claims module for a name inside one; the top package for anything else."""
    if not name.startswith("claims"):
        return name.split(".")[0]
    while name not in FILES:
        name = name.rpartition(".")[0]
    return name


IMPORTS = {name: run_time_imports(path) for name, path in FILES.items()}


def importers_of(prefix: str) -> set[str]:
    return {m for m, imported in IMPORTS.items() if any(i == prefix for i in imported)}


def within(module: str, *layers: str) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def test_no_import_cycle() -> None:
    graph = {m: {i for i in imported if i in FILES and i != m} for m, imported in IMPORTS.items()}
    # Tarjan's strongly connected components: any of more than one module is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = [stack.pop()]
            while component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


def test_only_the_store_runs_sql() -> None:
    assert {
        m
        for m in importers_of("sqlalchemy") | importers_of("alembic")
        if not within(m, "claims.store")
    } == set()


def test_only_the_command_line_imports_click() -> None:
    assert {m for m in importers_of("click") if not within(m, "claims.cli")} == set()


@pytest.mark.parametrize(
    ("layer", "may_not_import"),
    [
        # The store knows records, not what is made of them.
        (
            "claims.store",
            (
                "claims.cli",
                "claims.report",
                "claims.interop",
                "claims.xref",
                "claims.verdicts",
                "claims.demo",
            ),
        ),
        # The rules are pure: no database, no files, no pages.
        (
            "claims.xref",
            ("claims.store", "claims.cli", "claims.report", "claims.interop", "claims.verdicts"),
        ),
        ("claims.facts", ("claims.store", "claims.xref", "claims.cli")),
        # Extraction takes text and plain lists; the command line reads the record for it.
        ("claims.extract", ("claims.store", "claims.cli", "claims.report", "claims.interop")),
        ("claims.parsing", ("claims.store", "claims.xref", "claims.cli", "claims.interop")),
        # Nothing imports the command line.
        *(
            (m, ("claims.cli",))
            for m in (
                "claims.report",
                "claims.interop",
                "claims.verdicts",
                "claims.demo",
            )
        ),
    ],
)
def test_imports_flow_one_way(layer: str, may_not_import: tuple[str, ...]) -> None:
    wrong = {
        (m, i)
        for m, imported in IMPORTS.items()
        if within(m, layer)
        for i in imported
        if within(i, *may_not_import)
    }
    assert wrong == set()


def test_only_the_date_reader_imports_dateutil() -> None:
    # dateutil costs start-up time: it is imported where dates are read, and only there.
    assert importers_of("dateutil") == {"claims.parsing.dates"}


# Packages cut by concern, each module listed from the plainest up, as the package's
# __init__.py lists them. Every module of each package is listed, so that a new one has
# to be given its place. The rules: from origins to the last judgment.
XREF_ORDER = ("origin", "values", "chains", "credibility", "claim", "proposition", "jsondata")
# The readers: from the cache policy and the plain readers to values, which use them.
PARSING_ORDER = ("cache", "dates", "normalize", "quantities", "values", "grades")
ORDERS = {"claims.xref": XREF_ORDER, "claims.parsing": PARSING_ORDER}


@pytest.mark.parametrize("package", sorted(ORDERS))
def test_packages_import_one_way(package: str) -> None:
    rank = {f"{package}.{name}": n for n, name in enumerate(ORDERS[package])}
    assert set(rank) == {m for m in FILES if m.startswith(f"{package}.")}
    wrong = {(m, i) for m in rank for i in IMPORTS[m] if i in rank and rank[i] >= rank[m]}
    assert wrong == set()


def test_the_store_gives_each_name_it_lists() -> None:
    """``claims.store`` reads its names from their modules when first used (so that
    ``store.direct`` loads no SQLAlchemy): each is there, and is the one it imports."""
    import importlib

    import claims.store as store

    tree = ast.parse((PACKAGE / "store" / "__init__.py").read_text(encoding="utf-8"))
    listed = {
        alias.asname or alias.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("claims.")
        for alias in node.names
    }
    assert set(listed) == set(store.__all__)
    for name, home in listed.items():
        assert getattr(store, name) is getattr(importlib.import_module(home), name), name
    with pytest.raises(AttributeError):
        store.no_such_name  # noqa: B018

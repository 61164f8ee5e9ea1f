"""The import graph of ``src/paradiplo``: no circle, and no import from a lower layer to a
higher one (the layer order of issue #22 and the design notes).

The layers, top to bottom (a module may import its own layer or any layer below)::

    cli, render, _entry
    pipeline, serve, site, publish
    compare, world, workbook, export, newcase
    query, network, validate
    kg
    errors, namespaces, paths, output (file writing), the package root (``__version__``)

Every ``import`` and ``from ... import`` counts, the ones inside functions too: an import
that runs late still ties the two modules together, and a late import is how a circle or an
upward import hides. ``from . import x`` counts as an import of the submodule ``x`` when
there is one, else of the package face (its ``__init__``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "paradiplo"

#: (layer, first parts of a module name below paradiplo); the highest layer first
LAYERS = [
    (5, ("cli", "render", "_entry")),
    (4, ("pipeline", "serve", "site", "publish")),
    (3, ("compare", "world", "workbook", "export", "newcase")),
    (2, ("query", "network", "validate")),
    (1, ("kg",)),
    (0, ("", "errors", "namespaces", "paths", "output")),
]
#: third-party packages for the terminal alone: only the top layer imports them
TERMINAL = {"click", "rich"}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the package: name -> (file, is a package face)."""
    found = {}
    for path in (SRC / PACKAGE).rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        face = parts[-1] == "__init__"
        found[".".join(parts[:-1] if face else parts)] = (path, face)
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The project module an imported name lives in (the longest known prefix), else None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> list[tuple[str, int]]:
    """(imported name, line) for every import in ``module``: project modules by full name,
    others by their top-level package."""
    path, face = MODULES[module]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if face else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in MODULES else target, node.lineno))
    return found


def _graph() -> dict[str, set[str]]:
    graph = {m: set() for m in MODULES}
    for module in MODULES:
        for name, _ in _imports(module):
            owner = _owner(name)
            if owner and owner != module:
                graph[module].add(owner)
    return graph


def layer_of(module: str) -> int:
    rest = module.removeprefix(PACKAGE).removeprefix(".")
    head = rest.split(".")[0]
    for layer, heads in LAYERS:
        if head in heads:
            return layer
    raise AssertionError(f"{module} has no layer: add it to LAYERS in tests/test_layers.py")


def test_every_module_has_a_layer():
    assert len(MODULES) > 40
    for module in MODULES:
        layer_of(module)


def test_no_import_circle():
    graph = _graph()
    circles, state = [], {}

    def visit(m, stack):  # depth-first search: a grey module met again closes a circle
        state[m] = "grey"
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == "grey":
                circles.append(" -> ".join(stack[stack.index(n):] + [n]))
            elif n not in state:
                visit(n, stack)
        stack.pop()
        state[m] = "black"

    for m in sorted(graph):
        if m not in state:
            visit(m, [])
    assert circles == []


def test_no_import_upwards():
    upward = []
    for module in sorted(MODULES):
        for name, line in _imports(module):
            owner = _owner(name)
            if owner and owner != module and layer_of(owner) > layer_of(module):
                upward.append(f"{MODULES[module][0].relative_to(SRC)}:{line} imports {owner}")
    assert upward == []


def test_terminal_packages_only_at_the_top():
    """click and rich (options, tables for a terminal) are the top layer's alone."""
    found = [f"{MODULES[m][0].relative_to(SRC)}:{line} imports {name}"
             for m in sorted(MODULES) if layer_of(m) < 5
             for name, line in _imports(m) if name.split(".")[0] in TERMINAL]
    assert found == []


def test_the_rules_see_a_circle_and_an_upward_import(monkeypatch):
    """The checks above are not blind: a made-up import from kg to cli breaks both rules."""
    real = _imports
    fake = {"paradiplo.kg.labels": [("paradiplo.cli", 1)], "paradiplo.cli": [("paradiplo.kg.labels", 1)]}
    monkeypatch.setitem(globals(), "_imports", lambda m: real(m) + fake.get(m, []))
    with pytest.raises(AssertionError):
        test_no_import_upwards()
    with pytest.raises(AssertionError):
        test_no_import_circle()


def test_importing_the_knowledge_graph_leaves_the_terminal_out():
    """``python -X importtime -c "import paradiplo.kg"`` imports neither click nor rich."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import paradiplo.kg"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    assert "paradiplo" in imported and "rdflib" in imported  # the output is what we think it is
    assert imported & TERMINAL == set()


def test_one_module_bridges_rdflib_and_pyoxigraph():
    """Only ``kg/terms.py`` reads oxrdflib's private converter; no module reads the rdflib
    store's private ``_inner`` (the ``KnowledgeGraph`` holds the pyoxigraph store itself) or
    keeps state beside a graph (a ``__dict__``, a ``state_of`` table: it is in the value)."""
    bridge = "paradiplo.kg.terms"
    found = []
    for module in sorted(MODULES):
        path = MODULES[module][0]
        if module != bridge:
            found += [f"{path.relative_to(SRC)}:{line} imports {name}" for name, line in _imports(module)
                      if name.startswith("oxrdflib._")]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("_inner", "__dict__"):
                found.append(f"{path.relative_to(SRC)}:{node.lineno} reads .{node.attr}")
            if (node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)) == "state_of":
                found.append(f"{path.relative_to(SRC)}:{node.lineno} uses state_of")
    assert found == []


def test_load_returns_the_knowledge_graph_value():
    """``load`` hands on one ``KnowledgeGraph``: the pyoxigraph store, the files read into it
    (jakarta-hanoi.trig filled exactly its case graph), entailed, and an rdflib view over the
    same store (a statement added natively is seen through it)."""
    import pyoxigraph as ox

    from paradiplo.kg import KnowledgeGraph, load, project_root

    kg = load([project_root() / "data" / "cases" / "jakarta-hanoi.trig"], ontology=False)
    assert isinstance(kg, KnowledgeGraph) and isinstance(kg.store, ox.Store) and kg.entailed
    assert {p.name: g for p, g in kg.files.items()} == {
        "jakarta-hanoi.trig": {"https://w3id.org/paradiplo/id/case-jakarta-hanoi"}}
    node = ox.NamedNode("https://example.org/x")
    kg.store.add(ox.Quad(node, node, node, ox.NamedNode("https://example.org/g")))
    assert len(kg.rdflib.graph("https://example.org/g")) == 1 and kg.rdflib is kg.rdflib


def test_package_faces_only_hand_names_on():
    """A package's ``__init__.py`` holds its docstring, imports and ``__all__``: the code is in
    the package's modules, so a module of the package never needs its own face."""
    holding = set()
    for module, (path, face) in MODULES.items():
        if not face or module == PACKAGE:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
            if not (isinstance(node, ast.Import | ast.ImportFrom | ast.Expr) or names == ["__all__"]):
                holding.add(module)
    assert holding == set()

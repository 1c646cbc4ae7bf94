"""The folder tree is the architecture: no import cycles, imports at the top of modules.

import-linter (``make lint``, ``make test``) checks the layers and the pure MT library; these
tests add what its contracts do not see: a cycle through a package's ``__init__`` and
imports hidden inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parent.parent / "newsdesk"

# Imported inside functions on purpose: heavy or optional, needed by few commands.
LAZY_ALLOWED = (
    "argostranslate",  # reads ARGOS_PACKAGES_DIR and creates folders when imported
    "ctranslate2",
    "sentencepiece",
    "torch",
    "numpy",
    "newsdesk.machine_translation.testing",  # model building: tests and bench only
    "newsdesk.machine_translation.argos",  # loads the engine stack only when MT runs
    "waitress",  # `newsdesk serve` only
    "flask_migrate",  # `newsdesk init` only
    "redis",  # only with REDIS_URL
)
# The factory imports the features when an app is built, so that the MT library can be
# imported from a plain script without the web features and the database layer.
FACTORY = PACKAGE / "__init__.py"


def _strongly_connected(graph: grimp.ImportGraph, modules: list[str]) -> list[list[str]]:
    """Tarjan's components of more than one module (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("newsdesk")
    modules = sorted(m for m in graph.modules if ".migrations" not in m)
    assert len(modules) > 100
    assert _strongly_connected(graph, modules) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _strongly_connected(graph, ["pkg", "pkg.a", "pkg.b", "pkg.c"]) == [["pkg.a", "pkg.b"]]


def _lazy_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom):
                    names = [f"{sub.module}.{a.name}" for a in sub.names]
                    found += [sub.module] if sub.module.startswith(LAZY_ALLOWED) else names
                elif isinstance(sub, ast.Import):
                    found += [a.name for a in sub.names]
    return [f"{path.relative_to(PACKAGE)}:{name}" for name in found]


def test_imports_inside_functions_only_for_heavy_or_optional_packages():
    lazy = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or path == FACTORY:
            continue
        lazy += [
            name for name in _lazy_imports(path) if not name.split(":")[1].startswith(LAZY_ALLOWED)
        ]
    assert lazy == []


def test_every_feature_joins_the_app_through_one_register():
    features = [p.parent.name for p in PACKAGE.glob("*/feature.py")]
    factory = FACTORY.read_text(encoding="utf-8")
    assert len(features) >= 12
    for name in features:
        assert f"from newsdesk.{name} import feature as {name}" in factory
        assert f"{name}.register(app)" in factory
    top_modules = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top_modules) <= 10, top_modules

"""The shape of the code: no import cycle among the project's modules, SPARQL text only in the store, settings only through the loader.

Both checks read the source (``ast``), so they see imports inside functions too, and fail on the
first module that breaks the rule, naming it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("registry", "harvesters", "workers")
# Where SPARQL query text may live: the store layer and the SPARQL protocol package.
SPARQL_HOMES = ("registry/store/", "registry/sparql_protocol/")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str, path: Path) -> set[str]:
    """Return the project modules ``name`` imports (anywhere in its body)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(name, path).split(".")
                package = package[: len(package) - node.level + 1]
                base = ".".join(package + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle (a list of modules, first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_among_project_modules():
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    assert len(graph) > 100  # the walk found the project
    assert "registry.store.store" in graph["registry.store"]
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def _is_interface(name: str) -> bool:
    """Tell whether a module is part of the web app or the CLI (blueprints of chat and search included)."""
    return name.startswith(("registry.web", "registry.cli")) or name.endswith(".web") or name == "registry.__main__"


def test_nothing_below_the_web_app_and_cli_imports_them():
    upward = sorted(f"{name} imports {target}" for name, path in MODULES.items() if not _is_interface(name)
                    for target in _imports(name, path) if _is_interface(target))
    assert upward == []
    assert _is_interface("registry.chat.web") and not _is_interface("registry.sparql_protocol.engine")


# A string that reads as a SPARQL query or update: a keyword that starts one, then a variable, a
# brace or an IRI soon after.
_SPARQL = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|INSERT|DELETE|PREFIX)\b[^\n]{0,80}?(\?\w|\{|<[a-z]+:)",
                     re.S)


def _string_texts(path: Path) -> list[tuple[int, str]]:
    """Return (line, text) of every string literal, f-string parts joined."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values)
            out.append((node.lineno, text))
    return out


def _sparql_in(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}" for line, text in _string_texts(path)
            if _SPARQL.search(text)]


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s ?p ?o }", "ASK { }", "PREFIX schema: <https://schema.org/>",
    "DELETE WHERE {{ {pid} ?p ?o }}", "INSERT DATA { <a> <b> <c> }", "CONSTRUCT { ?s ?p ?o } WHERE {}",
])
def test_sparql_detector_sees_queries(text):
    assert _SPARQL.search(text)


@pytest.mark.parametrize("text", ["Select a model", "Ask the registry about a model", "DELETE", "insert a row"])
def test_sparql_detector_leaves_prose_alone(text):
    assert not _SPARQL.search(text)


def test_sparql_text_only_in_the_store_and_the_protocol_package():
    offenders = []
    for name, path in MODULES.items():
        if not str(path.relative_to(ROOT)).startswith(SPARQL_HOMES):
            offenders.extend(_sparql_in(path))
    assert offenders == []
    assert _sparql_in(ROOT / "registry/store/query_text.py")  # the check sees the store's own queries


def _environ_reads(tree: ast.AST) -> list[int]:
    """Return the lines that read ``os.environ`` (a subscript, ``get``, ``setdefault`` or ``pop``)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "environ" and getattr(node.value, "id", None) == "os":
            lines.append(node.lineno)
    return lines


def test_settings_are_read_only_through_the_settings_loader():
    """``MLFDO_*`` values come from ``load_settings`` (defaults, file, environment, overrides) alone.

    A module may hand ``os.environ`` on (a child process's environment) or set a third-party
    library's variables, but a line that names an ``MLFDO_`` variable next to ``os.environ``
    reads a setting past the loader, so the config file and overrides would not reach it.
    """
    offenders = []
    for name, path in MODULES.items():
        if name == "registry.settings":
            continue
        source = path.read_text()
        text = source.splitlines()
        for line in _environ_reads(ast.parse(source)):
            if re.search(r"""os\.environ[^\n]*["']MLFDO_""", text[line - 1]):
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, f"settings read past the loader: {offenders}"

"""The shape of the uke8 package: its parts import each other one way only, never the
entry points above them (api, actions, bot), and status moves have one home.

Nodes are uke8's first-level parts: a subpackage (uke8/cases) or a module (uke8/privacy.py).
Read from the source with `ast`, so nothing is imported and the test needs no database.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
UKE8 = ROOT / "uke8"
ENTRY_POINTS = ("api", "actions", "bot")


def _part(module: str) -> str | None:
    names = module.split(".")
    return names[1] if names[0] == "uke8" and len(names) > 1 else None


def _imports(path: Path) -> set[str]:
    """Absolute module names `path` imports (relative imports are resolved)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _sources() -> list[Path]:
    return [p for p in UKE8.rglob("*.py") if "migrations" not in p.parts]


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in _sources():
        here = _part(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if here is None or here == "__init__":
            continue
        for name in _imports(path):
            there = _part(name)
            if there and there != here and ((UKE8 / there).is_dir() or (UKE8 / f"{there}.py").exists()):
                edges[here].add(there)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_two_parts_of_uke8_import_each_other():
    cycle = _cycle(_graph())
    assert cycle is None, "uke8's parts import each other in a circle: " + " → ".join(cycle)


def test_the_lifecycle_sits_above_the_use_cases():
    edges = _graph()
    assert "lifecycle" not in edges.get("cases", set()), "uke8.cases imports uke8.lifecycle"
    assert {"review", "sms", "dev"}.isdisjoint(edges.get("cases", set()) | edges.get("lifecycle", set()))


def test_uke8_never_imports_its_entry_points():
    offenders = sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources()
        for name in _imports(path)
        if name.split(".")[0] in ENTRY_POINTS
    )
    assert offenders == []


def test_product_code_never_imports_the_development_tools():
    offenders = sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for top in ("api", "actions")
        for path in (ROOT / top).rglob("*.py")
        for name in _imports(path)
        if name.startswith("uke8.dev")
    ) + sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources()
        if "dev" not in path.relative_to(UKE8).parts[:1] and path.name != "cli.py"
        for name in _imports(path)
        if name.startswith("uke8.dev")
    )
    assert offenders == []


def test_status_moves_go_through_the_machine_only():
    """CaseRepository.append_status writes a history row without asking the machine: only
    uke8/cases/moves.py calls it, after status.check_move."""
    callers = sorted(
        str(path.relative_to(ROOT))
        for path in [*_sources(), *(ROOT / "api").rglob("*.py"), *(ROOT / "actions").rglob("*.py")]
        if ".append_status(" in path.read_text(encoding="utf-8")
    )
    assert callers == ["uke8/cases/moves.py"]

"""The package's layers (docs/layers.md): no module imports a module of a layer above its own.

Every import counts, at module level or inside a function, typing-only ones included. The registry's
``"module:attribute"`` strings are not imports: that is how the pipeline finds its stages without the
lower layers knowing them.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "whimbrel"

# Lowest first. A unit is a top-level module (``pipeline``) or a package (``stages/``).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "memo", "config", "registry"),
    ("model", "run_state"),
    (
        "knowledge/",
        "adapters/",
        "dates",
        "quantities",
        "newswire",
        "exports/",
        "store/",
        "reviews",
        "relations/",
    ),
    ("coding/", "learning/", "geo/"),
    ("stages/",),
    ("pipeline", "provenance", "workers"),
    ("runner", "bench", "petrarch/", "fetch", "training"),
    ("api", "evaluation/", "web/", "frames"),
    ("cli/", "__main__", "__init__"),
)
LAYER = {unit: level for level, units in enumerate(LAYERS) for unit in units}


def _unit(module: str) -> str:
    """The unit of a module: ``whimbrel.stages.nlp`` → ``stages/``, ``whimbrel.pipeline`` → ``pipeline``."""
    parts = module.split(".")[1:]
    if not parts:
        return "__init__"
    return f"{parts[0]}/" if (SRC / parts[0]).is_dir() else parts[0]


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "whimbrel":  # "from whimbrel import dates": each name is a module or not
                found.extend((node.lineno, f"whimbrel.{a.name}") for a in node.names)
            elif node.module.startswith("whimbrel."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("whimbrel."))
    return found


def _units_in_source() -> set[str]:
    return {_unit(_module_of(p)) for p in SRC.rglob("*.py")}


def test_every_unit_has_a_layer() -> None:
    missing = sorted(_units_in_source() - LAYER.keys())
    assert not missing, f"add {', '.join(missing)} to LAYERS in tests/test_layers.py and to docs/layers.md"


def test_no_module_imports_a_layer_above_its_own() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        source = _unit(_module_of(path))
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            target = _unit(module)
            if target in LAYER and source in LAYER and LAYER[target] > LAYER[source]:
                wrong.append(f"{path.relative_to(SRC.parent)}:{line} ({source}) imports {module} ({target})")
    assert not wrong, "imports of a higher layer:\n" + "\n".join(wrong)


def test_the_check_sees_an_upward_import() -> None:
    tree = ast.parse("def f():\n    from whimbrel.pipeline import Pipeline\n")
    ((_, module),) = _imports(tree)
    assert LAYER[_unit(module)] > LAYER[_unit("whimbrel.stages.nlp")]

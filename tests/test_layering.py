"""The model, readers, references and citations never import the output libraries."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "essayconv"
FORBIDDEN = ("docx", "reportlab")
LAYERS = [
    "model.py",
    "diagnostics.py",
    "options.py",
    "inspect.py",
    "names.py",
    "check.py",
    "readers",
    "references",
    "citations",
    "writers/_review.py",
]  # (the checks, and where --review anchors their findings: the writers draw them)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_inner_layers_do_not_import_writers_libraries() -> None:
    files: list[Path] = []
    for layer in LAYERS:
        p = PKG / layer
        files.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    assert len(files) >= 6
    offenders = {str(f.relative_to(PKG)): sorted(_imports(f) & set(FORBIDDEN)) for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}

"""Writers by name: each turns a processed Document and a Layout into the bytes of one format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..diagnostics import ConversionError

Writer = Callable[..., bytes]  # write(doc, layout) -> bytes; docx and pdf also take review=findings

# name -> (module, file extension); modules are imported only when chosen (start-up stays lean)
WRITERS: dict[str, tuple[str, str]] = {
    "docx": ("essayconv.writers.docx", ".docx"),
    "pdf": ("essayconv.writers.pdf", ".pdf"),
    "json": ("essayconv.writers.json", ".json"),
    "md": ("essayconv.writers.markdown", ".md"),
}


def get_writer(name: str) -> Writer:
    """The ``write(doc, layout) -> bytes`` function of the named format."""
    try:
        module, _ = WRITERS[name]
    except KeyError:
        raise ConversionError(f"unknown output format {name!r} (known: {', '.join(WRITERS)})") from None
    write: Writer = importlib.import_module(module).write
    return write


def writer_needs(name: str) -> tuple[str, ...]:
    """The whole-document transforms the named writer needs before it writes (its module's NEEDS)."""
    module, _ = WRITERS[name]
    needs: tuple[str, ...] = importlib.import_module(module).NEEDS
    return needs


def writer_companions(name: str, doc: Any) -> dict[str, bytes]:
    """Files the named writer puts beside its output, by the suffix added to the output's stem (the
    Markdown writer's references as CSL-JSON); most writers have none."""
    module, _ = WRITERS[name]
    companions = getattr(importlib.import_module(module), "companions", None)
    return companions(doc) if companions is not None else {}


def extension(name: str) -> str:
    return WRITERS[name][1]

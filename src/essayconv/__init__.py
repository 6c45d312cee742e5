"""essayconv: plain-text essays to formatted papers (DOCX, PDF) with CSL-styled references."""

from __future__ import annotations

__version__ = "0.1.0"

from .convert import Result, convert, process, read  # noqa: E402
from .diagnostics import ConversionError, Diagnostic  # noqa: E402
from .model import Document  # noqa: E402
from .options import ConvertOptions, MetaOverrides  # noqa: E402

__all__ = [
    "ConversionError",
    "ConvertOptions",
    "Diagnostic",
    "Document",
    "MetaOverrides",
    "Result",
    "__version__",
    "convert",
    "process",
    "read",
]

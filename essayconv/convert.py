"""The library pipeline: bytes in, document bytes out. The only place that chains the stages."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .diagnostics import Diagnostic
from .model import Document
from .options import ConvertOptions


@dataclass(frozen=True, slots=True)
class Result:
    data: bytes
    document: Document
    diagnostics: tuple[Diagnostic, ...]


def read(data: bytes | str, options: ConvertOptions = ConvertOptions(), source_name: str | None = None) -> Document:
    """Decode and read an essay into the model (no citation pass)."""
    from .readers import decode
    from .readers.plaintext import read as read_plaintext

    if isinstance(data, bytes):
        text, decode_diags = decode.decode(data, options.encoding)
    else:
        text, decode_diags = data, []
    doc = read_plaintext(text, source_name=source_name)
    doc = replace(doc, meta=options.meta.apply(doc.meta))
    if decode_diags:
        doc = replace(doc, diagnostics=tuple(decode_diags) + doc.diagnostics)
    return doc


def process(doc: Document, options: ConvertOptions = ConvertOptions()) -> Document:
    """The citation passes: link citations to references, then render both in the chosen style."""
    from .citations import csl, resolve

    doc = resolve.resolve(doc)
    return csl.render(doc, options.style, locale=options.locale)


def convert(data: bytes | str, options: ConvertOptions = ConvertOptions(), source_name: str | None = None) -> Result:
    """Read, process and write one essay; raises ConversionError for input it cannot convert."""
    from .layouts import layout_for, title_block_warnings
    from .writers import get_writer

    writer = get_writer(options.to)  # fail on an unknown format before doing any work
    doc = process(read(data, options, source_name), options)
    layout = layout_for(options.layout, doc.bibliography.family if doc.bibliography else None,
                        paper=options.paper, font=options.font)
    if options.to != "json":
        doc = replace(doc, diagnostics=doc.diagnostics + tuple(title_block_warnings(doc, layout)))
    out = writer(doc, layout)
    return Result(out, doc, doc.diagnostics)

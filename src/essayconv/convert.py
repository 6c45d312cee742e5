"""The library pipeline: bytes in, document bytes out. The only place that chains the stages."""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from .check import Finding
from .diagnostics import ConversionError, Diagnostic
from .model import Document
from .options import ConvertOptions


class Result(Struct, frozen=True):
    data: bytes
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    findings: tuple[Finding, ...] = ()  # what ``essayconv check`` finds in the essay (check.py)


# The formats whose writers put the findings into the document with --review.
REVIEWED = ("docx", "pdf")


def read(data: bytes | str, options: ConvertOptions = ConvertOptions(), source_name: str | None = None) -> Document:
    """Decode and read an essay into the model (no citation pass)."""
    from .readers.plaintext import read as read_plaintext

    text, decode_diags = decode_input(data, options)
    doc = read_plaintext(text, source_name=source_name)
    doc = replace(doc, meta=options.meta.apply(doc.meta))
    if options.bibliography:  # the user's corrected items replace the parses they match
        from .citations import bibliography

        doc = bibliography.apply(doc, bibliography.load(options.bibliography))
    if decode_diags:
        doc = replace(doc, diagnostics=tuple(decode_diags) + doc.diagnostics)
    return doc


def decode_input(data: bytes | str, options: ConvertOptions = ConvertOptions()) -> tuple[str, list[Diagnostic]]:
    """The essay's text (LF line ends) and what decoding it noted; raises ConversionError when it is too
    large, cannot be decoded, or is empty."""
    from .output import check_size
    from .readers import decode

    check_size(len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass")), options.max_bytes)
    if isinstance(data, bytes):
        text, decode_diags = decode.decode(data, options.encoding)
    else:
        text, decode_diags = data, []
    if not text.strip():
        raise ConversionError("the input is empty: there is no essay to convert")
    return text, list(decode_diags)


def process(doc: Document, options: ConvertOptions = ConvertOptions()) -> Document:
    """The citation passes: link citations to references, then render both in the chosen style."""
    from .citations import csl, resolve

    doc = resolve.resolve(doc)
    return csl.render(doc, options.style, locale=options.locale)


def convert(data: bytes | str, options: ConvertOptions = ConvertOptions(), source_name: str | None = None) -> Result:
    """Read, process and write one essay; raises ConversionError for input it cannot convert."""
    from .layouts import layout_for, title_block_warnings
    from .writers import get_writer

    from .check import as_diagnostics, check

    writer = get_writer(options.to)  # fail on an unknown format before doing any work
    if options.review and options.to not in REVIEWED:
        raise ConversionError(f"--review puts comments in a {' or '.join(REVIEWED).upper()} document, not in "
                              f"{options.to.upper()} (essayconv check --json lists the findings)")
    doc = process(read(data, options, source_name), options)
    # the checks' warnings are the conversion's too (an uncited reference, a quotation without a page, ...)
    findings = tuple(check(doc, options.style))
    doc = replace(doc, diagnostics=doc.diagnostics + as_diagnostics(findings, doc.diagnostics))
    layout = layout_for(options.layout, doc.bibliography.family if doc.bibliography else None,
                        paper=options.paper, font=options.font)
    if options.to != "json":
        if not options.straight_quotes:
            from .typography import smart_quotes

            doc = smart_quotes(doc, options.locale)
        extra = list(title_block_warnings(doc, layout))
        if options.to == "pdf":
            from .writers.pdf import font_warnings

            extra += font_warnings(layout, doc)
        doc = replace(doc, diagnostics=doc.diagnostics + tuple(extra))
    out = writer(doc, layout, review=findings) if options.review else writer(doc, layout)
    return Result(out, doc, doc.diagnostics, findings)


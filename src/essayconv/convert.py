"""The library pipeline: bytes in, document bytes out. The only place that chains the stages."""

from __future__ import annotations

from typing import Any

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
    # files to write beside the output, by the suffix that replaces its extension: {".references.json": ...}
    companions: dict[str, bytes] = {}


# The formats whose writers put the findings into the document with --review.
REVIEWED = ("docx", "pdf")


# The input formats read, with the file extensions that select each; a name or path without one of them
# (standard input, "essay") is read as Markdown when its text looks like it (looks_like_markdown).
INPUT_FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "md": (".md", ".markdown", ".mdown", ".mkd"),
    "html": (".html", ".htm", ".xhtml"),
    "docx": (".docx",),
}
# The reader of each text format (a Word document is read by _read_word).
_TEXT_READERS = {
    "text": "essayconv.readers.plaintext",
    "md": "essayconv.readers.markdown",
    "html": "essayconv.readers.html",
}


def read(data: bytes | str, options: ConvertOptions = ConvertOptions(), source_name: str | None = None) -> Document:
    """Decode and read an essay into the model (no citation pass)."""
    if isinstance(data, bytes) and _is_word(data, options.input_format, source_name):
        return _with_options(_read_word(data, options, source_name), options)
    text, decode_diags = decode_input(data, options)
    import importlib

    fmt = input_format(text, options.input_format, source_name)
    if fmt not in _TEXT_READERS:  # (a Word document given as text: its bytes are gone)
        raise ConversionError("not a readable Word document (text given, not the file's bytes)")
    reader = importlib.import_module(_TEXT_READERS[fmt])
    doc = _with_options(reader.read(text, source_name=source_name), options)
    if decode_diags:
        doc = replace(doc, diagnostics=tuple(decode_diags) + doc.diagnostics)
    return doc


def _with_options(doc: Document, options: ConvertOptions) -> Document:
    """The title-block fields given as options, and the user's corrected items for the parses they match."""
    doc = replace(doc, meta=options.meta.apply(doc.meta))
    if options.bibliography:
        from .citations import bibliography

        doc = bibliography.apply(doc, bibliography.load(options.bibliography))
    return doc


def _is_word(data: bytes, forced: str | None, source_name: str | None) -> bool:
    """Read by the Word reader: forced so (--from docx), else a Word document's bytes or a .docx name (a file
    named so that is no Word document gets the reader's one-line error, not a reading as text)."""
    from .readers.decode import is_docx

    if forced is not None:
        return forced == "docx"
    return is_docx(data) or _suffix(source_name) in INPUT_FORMATS["docx"]


def _suffix(source_name: str | None) -> str:
    """The extension of a file name, lower case with its dot ("" for none)."""
    return ("." + source_name.rsplit(".", 1)[-1].lower()) if source_name and "." in source_name else ""


def _read_word(data: bytes, options: ConvertOptions, source_name: str | None) -> Document:
    """A Word document: its structure as Markdown (readers/wordml.py), else its paragraphs as text; the
    items of its Zotero or Mendeley citation fields make the reference list of what they cite."""
    from .output import check_size
    from .readers.wordml import word_text

    check_size(len(data), options.max_bytes)
    word = word_text(data)
    if word.structured:
        from .readers.markdown import read as read_text
    else:
        from .readers.plaintext import read as read_text
    doc = read_text(word.text, source_name=source_name)
    if word.removed:
        from .model import Removed

        doc = replace(
            doc,
            removed=doc.removed
            + tuple(Removed(n, text, reason, "wordml.citation-manager-list") for n, text, reason in word.removed),
        )
    if word.items:
        from .citations import bibliography

        doc = bibliography.apply(doc, list(word.items.values()))
    return doc


def input_format(text: str, forced: str | None, source_name: str | None) -> str:
    """ "text", "md" or "html": as forced (--from), else by the file's extension, else by the text itself."""
    if forced is not None:
        if forced not in INPUT_FORMATS:
            raise ConversionError(f"unknown input format {forced!r} (known: {', '.join(INPUT_FORMATS)})")
        return forced
    suffix = _suffix(source_name)
    for name, suffixes in INPUT_FORMATS.items():
        if suffix in suffixes:
            return name
    if looks_like_html(text):
        return "html"
    return "md" if looks_like_markdown(text) else "text"


def looks_like_html(text: str) -> bool:
    """A saved web page: it opens with a doctype or an html element."""
    head = text.lstrip("\ufeff \t\n").lower()
    return head.startswith(("<!doctype html", "<html"))


def looks_like_markdown(text: str) -> bool:
    """Markdown's own marks, which pasted or typed plain text does not have: a front matter block at the
    start, two or more "# Heading" lines, or a pandoc citation "[@key"."""
    import re

    if text.startswith("---\n") and "\n---\n" in text[4:2000]:
        return True
    return len(re.findall(r"(?m)^#{1,6} \S", text)) >= 2 or re.search(r"\[-?@\w", text) is not None


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
    from . import transforms
    from .check import as_diagnostics, check
    from .layouts import layout_for
    from .writers import get_writer, writer_companions, writer_needs

    writer = get_writer(options.to)  # fail on an unknown format before doing any work
    if options.zotero and options.to != "docx":
        raise ConversionError(f"--zotero writes Zotero's citation fields into a DOCX, not into {options.to.upper()}")
    if options.review and options.to not in REVIEWED:
        raise ConversionError(
            f"--review puts comments in a {' or '.join(REVIEWED).upper()} document, not in "
            f"{options.to.upper()} (essayconv check --json lists the findings)"
        )
    doc = process(read(data, options, source_name), options)
    # the checks' warnings are the conversion's too (an uncited reference, a quotation without a page, ...)
    findings = tuple(check(doc, options.style))
    doc = replace(doc, diagnostics=doc.diagnostics + as_diagnostics(findings, doc.diagnostics))
    layout = layout_for(
        options.layout, doc.bibliography.family if doc.bibliography else None, paper=options.paper, font=options.font
    )
    doc = transforms.apply(doc, transforms.Context(options, layout), writer_needs(options.to))
    extra: dict[str, Any] = {"review": findings} if options.review else {}
    if options.zotero:
        extra["zotero_fields"] = True
    out = writer(doc, layout, **extra)
    return Result(out, doc, doc.diagnostics, findings, writer_companions(options.to, doc))

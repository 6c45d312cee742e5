"""Whole-document passes between the citation stage and the writers, in one declared order.

A transform takes the processed Document and returns it changed: curly quotes, notes without a mark
hung at the end, bare URLs made links, warnings about the title block or the fonts. Each writer
declares the transforms it needs (``NEEDS`` in its module); ``apply`` runs those, always in the order
of ``TRANSFORMS``, and records each in ``Document.transforms``, so the JSON dump (which needs the same
passes as the page writers) is the document the DOCX and PDF writers render, and says which passes made
it. A pass never runs twice. A page writer given a document straight from the model (a library user's,
a test's) runs the ESSENTIAL passes it has not been through, so no note is ever dropped.

Note marks are placed after punctuation by the citation stage itself (citations/csl.py), because the
notes' numbering depends on it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from msgspec import Struct
from msgspec.structs import replace

from .diagnostics import Diagnostic
from .layouts import Layout
from .model import Document, NoteRef, Paragraph
from .options import ConvertOptions


class Context(Struct, frozen=True):
    """What the transforms may read besides the document."""

    options: ConvertOptions
    layout: Layout


Transform = Callable[[Document, Context], Document]


def smart_quotes(doc: Document, ctx: Context) -> Document:
    """Straight quotes become curly ones in English text (not with --straight-quotes)."""
    if ctx.options.straight_quotes:
        return doc
    from .typography import smart_quotes as curl

    return curl(doc, ctx.options.locale)


def orphan_notes(doc: Document, ctx: Context) -> Document:
    """Notes no mark in the text points to get their marks at the end of the last paragraph, so that
    no note (and no word of the essay) is dropped."""
    from .model import iter_inlines, iter_nodes

    marked = {
        n.note_id for seq in iter_inlines(doc.blocks) for n in iter_nodes(seq, rendered=True) if isinstance(n, NoteRef)
    }
    orphans = tuple(NoteRef(fn.id, fn.mark) for fn in doc.footnotes if fn.id not in marked)
    if not orphans:
        return doc
    blocks = list(doc.blocks)
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if isinstance(b, Paragraph):
            blocks[i] = replace(b, content=b.content + orphans)
            break
    else:
        blocks.append(Paragraph(orphans))
    return replace(doc, blocks=tuple(blocks))


def links(doc: Document, ctx: Context) -> Document:
    """Bare URLs and DOIs become live links: in the text, the notes and the rendered reference list
    (the raw entries of an unrendered list are linked where the writers show them)."""
    from .model import map_sequences
    from .typography import linkify

    bib = doc.bibliography
    if bib is not None:
        bib = replace(bib, entries=tuple(replace(e, content=linkify(e.content)) for e in bib.entries))
    return replace(map_sequences(doc, linkify), bibliography=bib)


def title_block_warnings(doc: Document, ctx: Context) -> Document:
    """A warning for each title-block field the layout wants and the document lacks."""
    from .layouts import title_block_warnings as missing

    return _warn(doc, missing(doc, ctx.layout))


def font_warnings(doc: Document, ctx: Context) -> Document:
    """PDF: the layout's font is not installed, or characters no font can print."""
    from .writers.pdf import font_warnings as warnings

    return _warn(doc, warnings(ctx.layout, doc))


def _warn(doc: Document, diags: list[Diagnostic]) -> Document:
    return replace(doc, diagnostics=doc.diagnostics + tuple(diags)) if diags else doc


# The passes in the order they run; a writer's NEEDS names a subset.
TRANSFORMS: tuple[tuple[str, Transform], ...] = (
    ("smart-quotes", smart_quotes),
    ("title-block-warnings", title_block_warnings),
    ("font-warnings", font_warnings),
    ("orphan-notes", orphan_notes),
    ("links", links),
)
NAMES = frozenset(name for name, _ in TRANSFORMS)

# What a page writer never goes without, and which depends on no option: every note has its mark, every
# bare URL is a link.
ESSENTIAL = ("orphan-notes", "links")


def apply(doc: Document, ctx: Context, needs: Collection[str]) -> Document:
    """``doc`` after the transforms named in ``needs`` it has not been through, in TRANSFORMS order."""
    unknown = set(needs) - NAMES
    if unknown:
        raise ValueError(f"unknown transforms: {', '.join(sorted(unknown))}")
    for name, fn in TRANSFORMS:
        if name in needs and name not in doc.transforms:
            doc = fn(doc, ctx)
            doc = replace(doc, transforms=doc.transforms + (name,))
    return doc


def essential(doc: Document, layout: Layout) -> Document:
    """What a page writer runs first: the ESSENTIAL passes ``doc`` has not been through (none when it
    comes from convert, which ran the writer's NEEDS)."""
    if all(name in doc.transforms for name in ESSENTIAL):
        return doc
    return apply(doc, Context(ConvertOptions(), layout), ESSENTIAL)

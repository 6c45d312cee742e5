"""The Markdown writer: Pandoc Markdown with ``[@key]`` citations and the references as CSL in its front matter.

For Pandoc users (``pandoc paper.md --citeproc -o paper.docx`` renders it in any style) and Zotero users
(the CLI writes the same items beside it as ``NAME.references.json``, which Zotero imports). Citations that
link to a reference are written as pandoc citations of its key; one that links to nothing stays as the
student typed it. The reference list is not written out: the items are (pandoc renders the list).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import model
from ..model import (
    BlockQuote,
    Cite,
    CiteItem,
    Emph,
    Heading,
    Inline,
    Inlines,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Preformatted,
    SmallCaps,
    Strong,
    Sub,
    Sup,
    Text,
)
from ..readers.markdown import LOCATOR_ABBREVIATIONS  # (pandoc's locator labels: one home, the reader's)
from ..readers.markdown import escape as _escape

if TYPE_CHECKING:
    from ..layouts import Layout

# The passes the page writers make that suit Markdown too: notes without a mark hung at the end. (Curly
# quotes and links are pandoc's business when it renders.)
NEEDS: tuple[str, ...] = ("orphan-notes",)

# The title-block fields, in front-matter order (pandoc's names where it has them).
_META = ("title", "subtitle", "author", "instructor", "course", "affiliation", "date", "language")


def write(doc: model.Document, layout: Layout | None = None) -> bytes:
    """The document as Pandoc Markdown."""
    notes = {fn.id: n for n, fn in enumerate(doc.footnotes, start=1)}
    parts = [_front_matter(doc)]
    for b in doc.blocks:
        parts.append(_block(b, notes))
    for fn in doc.footnotes:
        parts.append(f"[^{notes[fn.id]}]: {_inlines(fn.content, notes)}")
    return ("\n\n".join(p for p in parts if p) + "\n").encode("utf-8")


def companions(doc: model.Document) -> dict[str, bytes]:
    """Files to write beside the Markdown: the references as CSL-JSON, for Zotero to import."""
    if not doc.references:
        return {}
    return {".references.json": (json.dumps(_items(doc), ensure_ascii=False, indent=2) + "\n").encode("utf-8")}


def _items(doc: model.Document) -> list[dict[str, Any]]:
    return [{**{k: v for k, v in r.csl.items() if k != "id"}, "id": r.id} for r in doc.references]


def _front_matter(doc: model.Document) -> str:
    lines = [
        f"{field}: {json.dumps(value, ensure_ascii=False)}"
        for field in _META
        if (value := getattr(doc.meta, field, None))
    ]
    if doc.references:
        # CSL items as JSON, which is YAML: pandoc's citeproc reads them as the document's references
        lines.append("references:")
        lines.extend(f"- {json.dumps(item, ensure_ascii=False)}" for item in _items(doc))
    if doc.references_heading:
        lines.append(f"reference-section-title: {json.dumps(doc.references_heading, ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---" if lines else ""


def _block(b: model.Block, notes: dict[str, int]) -> str:
    match b:
        case Heading(level=level, content=c, numbering=num):
            return "#" * min(level, 6) + " " + (f"{num} " if num else "") + _inlines(c, notes)
        case Paragraph(content=c):
            return _inlines(c, notes)
        case BlockQuote(paragraphs=ps):
            return "\n>\n".join("> " + _inlines(p.content, notes) for p in ps)
        case ListBlock(items=items, ordered=ordered):
            return "\n".join(
                (f"{n}. " if ordered else "- ") + _inlines(it.content, notes) for n, it in enumerate(items, start=1)
            )
        case Preformatted(text=t):
            return "```\n" + t + "\n```"
    raise TypeError(f"not a block: {b!r}")


def _inlines(inlines: Inlines, notes: dict[str, int]) -> str:
    return "".join(_inline(n, notes) for n in inlines)


def _inline(node: Inline, notes: dict[str, int]) -> str:
    match node:
        case Text(text=t):
            return _escape(t)
        case Emph(children=c):
            return f"*{_inlines(c, notes)}*"
        case Strong(children=c):
            return f"**{_inlines(c, notes)}**"
        case SmallCaps(children=c):
            return f"[{_inlines(c, notes)}]{{.smallcaps}}"
        case Sup(children=c):
            return f"^{_inlines(c, notes)}^"
        case Sub(children=c):
            return f"~{_inlines(c, notes)}~"
        case Link(children=c, url=u):
            return f"[{_inlines(c, notes)}]({u})"
        case NoteRef(note_id=nid):
            return f"[^{notes[nid]}]" if nid in notes else ""
        case Cite():
            return _cite(node)
    raise TypeError(f"not an inline: {node!r}")


def _cite(c: Cite) -> str:
    """A pandoc citation of the works the citation links to; as typed when any links to nothing."""
    if not c.items or any(it.key is None for it in c.items):
        return _escape(c.text)
    if c.mode == "narrative" and len(c.items) == 1:
        it = c.items[0]
        loc = _locator(it)
        return f"@{it.key}" + (f" [{loc.lstrip(', ')}]" if loc else "")
    return "[" + "; ".join(_item(it) for it in c.items) + "]"


def _item(it: CiteItem) -> str:
    prefix = f"{it.prefix.strip()} " if it.prefix.strip() else ""
    suffix = f" {it.suffix.strip()}" if it.suffix.strip() else ""
    return f"{prefix}@{it.key}{_locator(it)}{suffix}"


def _locator(it: CiteItem) -> str:
    if not it.locator:
        return ""
    return f", {LOCATOR_ABBREVIATIONS.get(it.label or 'page', 'p.')} {it.locator}"

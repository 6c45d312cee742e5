"""The HTML reader: a saved web page (an essay site's page, a blog post) into the document model.

The page's main content is found by trafilatura, made for that task (it scored best on pages of the seed's
kind: essay text kept whole, navigation, ads, share buttons, related links and comments left out, where
readability-lxml kept the ads inside the article and the breadcrumbs); it gives the content as Markdown
(headings, emphasis, lists, tables), which the Markdown reader reads. What is left of the site in that
content ("Cite this page: ...", "Copy to clipboard") is removed as in a text copy, by the plain-text
reader's boilerplate score. Every text block of the page that is not in the essay is listed in
``removed`` with its reason.
"""

from __future__ import annotations

from msgspec.structs import replace

from ..diagnostics import ConversionError
from ..model import Block, Document, ListBlock, Paragraph, Removed, plain_text
from .furniture import boilerplate_score

# A paragraph or reference entry scoring this much on the site keywords is the site's, not the essay's
# (the plain-text reader's boilerplate-score rule uses the same threshold).
_FURNITURE = 3


def read(text: str, *, source_name: str | None = None) -> Document:
    """Read a decoded HTML page into a Document."""
    from .markdown import read as read_markdown

    content = main_content(text)
    doc = read_markdown(content, source_name=source_name)
    doc = _without_furniture(doc)
    return replace(doc, removed=doc.removed + tuple(_left_out(text, content)))


def main_content(page: str) -> str:
    """The page's main content as Markdown; ConversionError when the page has none."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - the html extra is part of the install
        raise ConversionError("reading a web page needs trafilatura: pip install 'essayconv[html]'") from None
    content = trafilatura.extract(
        page,
        output_format="markdown",
        include_formatting=True,
        include_links=False,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    if not content or not content.strip():
        raise ConversionError("the web page has no main text to convert (is it the essay's page?)")
    return content


def _without_furniture(doc: Document) -> Document:
    """Paragraphs, list items and reference entries that are the site's ("Cite this page: ...") out."""
    removed: list[Removed] = []

    def keep_block(b: Block) -> Block | None:
        if isinstance(b, Paragraph) and boilerplate_score(plain_text(b.content)) >= _FURNITURE:
            removed.append(Removed(b.line or 0, plain_text(b.content), "web page furniture", "html.boilerplate"))
            return None
        if isinstance(b, ListBlock):
            items = [it for it in b.items if boilerplate_score(plain_text(it.content)) < _FURNITURE]
            for it in b.items:
                if it not in items:
                    removed.append(
                        Removed(b.line or 0, plain_text(it.content), "web page furniture", "html.boilerplate")
                    )
            return replace(b, items=tuple(items)) if items else None
        return b

    blocks = tuple(k for b in doc.blocks if (k := keep_block(b)) is not None)
    refs = []
    for r in doc.references:
        if boilerplate_score(r.raw) >= _FURNITURE:
            removed.append(Removed(r.line or 0, r.raw, "web page furniture", "html.boilerplate"))
        else:
            refs.append(r)
    return replace(doc, blocks=blocks, references=tuple(refs), removed=doc.removed + tuple(removed))


# The elements whose text a reader of the page sees as a block of its own.
_TEXT_BLOCKS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "blockquote",
    "figcaption",
    "dt",
    "dd",
    "button",
    "a",
    "span",
    "div",
    "header",
    "footer",
    "nav",
    "aside",
    "section",
)


def _left_out(page: str, content: str) -> list[Removed]:
    """The page's text blocks that are not in the main content, with their source line: the site."""
    import lxml.html

    try:
        root = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    kept = _squash(content.replace("*", "").replace("#", ""))
    out: list[Removed] = []
    seen: set[str] = set()
    for el in root.iter(*_TEXT_BLOCKS):
        own = " ".join((el.text or "").split())  # the element's own text, before its first child
        if el.tag in ("p", "li", "td", "th", "button", "h1", "h2", "h3", "h4", "h5", "h6", "a", "figcaption"):
            own = " ".join(el.text_content().split())
        if not own or own in seen or _squash(own) in kept:
            continue
        seen.add(own)
        out.append(Removed(el.sourceline or 0, own, "web page furniture (not the page's main text)", "html.site"))
    return _outermost(out)


def _outermost(removed: list[Removed]) -> list[Removed]:
    """Each left-out text once: a link's text inside a left-out list item is not listed again."""
    texts = [r.text for r in removed]
    return [r for r in removed if not any(r.text != t and r.text in t for t in texts)]


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())

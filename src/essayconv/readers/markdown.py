"""The Markdown reader: CommonMark (markdown-it-py) with footnotes and front matter into the document model.

Structure comes from the markup: headings, paragraphs, emphasis, links, block quotes, lists, code and
footnotes. What students type in Markdown as in plain text is then read as in plain text: citations in
the prose ("(Putnam, 2000, p. 19)", "[3]") by the inline reader, and the entries under a "References"
heading by the reference parser. Pandoc's citations ("[@putnam2000, p. 19]", "@putnam2000 says") name
items of ``--bibliography`` by key (citations/bibliography.py adds the cited items to the list).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..diagnostics import Diagnostic
from ..model import (
    Block,
    BlockQuote,
    Cite,
    CiteItem,
    Document,
    Emph,
    Footnote,
    Heading,
    Inline,
    Inlines,
    Link,
    ListBlock,
    ListItem,
    Meta,
    NoteRef,
    Paragraph,
    Preformatted,
    Removed,
    SmallCaps,
    Strong,
    Sub,
    Sup,
    Text,
    plain_text,
)
from ..references.imports import reference_of
from . import _rx as rx
from .inline import parse_inlines
from .refsection import RawEntry, build_references, ref_heading


def read(text: str, *, source_name: str | None = None) -> Document:
    """Read a decoded Markdown essay (LF line ends) into a Document."""
    tokens = _parser().parse(text)
    meta, removed, items = _front_matter(tokens)
    reader = _Reader(tokens)
    blocks = list(reader.blocks())
    if meta.title is None:
        meta, blocks = _title_from_first_heading(meta, blocks)
    blocks, entries, heading = _reference_list(blocks)
    listed = build_references(entries)
    ids = {r.id for r in listed}
    from_front = [r for r in map(reference_of, items) if r.id not in ids]
    return Document(
        meta=meta,
        blocks=tuple(blocks),
        footnotes=tuple(reader.footnotes),
        references=tuple(listed + from_front),
        references_heading=heading,
        removed=tuple(removed + reader.removed),
        diagnostics=tuple(reader.diagnostics),
        source_name=source_name,
    )


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(footnote_plugin).use(front_matter_plugin).enable("table")


# --------------------------------------------------------------------------------------------
# Front matter and title
# --------------------------------------------------------------------------------------------

# The front-matter keys that fill the title block (pandoc's names, and the course fields of a paper).
_META_KEYS = {
    "title": "title",
    "subtitle": "subtitle",
    "author": "author",
    "instructor": "instructor",
    "professor": "instructor",
    "course": "course",
    "class": "course",
    "date": "date",
    "affiliation": "affiliation",
    "institute": "affiliation",
    "lang": "language",
}
_KEY_VALUE = rx.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")


def _front_matter(tokens: Sequence[Token]) -> tuple[Meta, list[Removed], list[dict[str, Any]]]:
    """A YAML front matter's simple ``key: value`` lines: the title-block keys fill the metadata, and a
    ``references:`` list of CSL items written one JSON object per line (what ``--to md`` writes, which
    pandoc reads too) gives the items citations name by key; any other line is listed as removed."""
    front = next((t for t in tokens if t.type == "front_matter"), None)
    if front is None:
        return Meta(), [], []
    fields: dict[str, str] = {}
    removed = []
    items: list[dict[str, Any]] = []
    in_references = False
    for n, line in enumerate(front.content.splitlines(), start=2):  # (line 1 is the opening "---")
        if in_references and line.startswith("- {"):
            try:
                item = json.loads(line[2:])
            except json.JSONDecodeError:
                item = None
            if isinstance(item, dict) and item.get("id"):
                items.append(item)
                continue
        m = _KEY_VALUE.match(line)
        in_references = bool(m) and m.group(1) == "references" and not m.group(2)
        if in_references:
            continue
        key = _META_KEYS.get(m.group(1).lower()) if m else None
        value = _unquote(m.group(2)) if m else ""
        if key and value and key not in fields:
            fields[key] = value
        elif line.strip():
            removed.append(Removed(n, line, "front matter essayconv does not use", "markdown.front-matter"))
    return Meta(**fields), removed, items


def _unquote(value: str) -> str:
    """A YAML scalar's text: a double-quoted one as JSON reads it (escapes included), a single-quoted one
    without its quotes."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except json.JSONDecodeError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _title_from_first_heading(meta: Meta, blocks: list[Block]) -> tuple[Meta, list[Block]]:
    """A paper that opens with its only top-level heading ("# Bowling Alone Revisited") has it as its
    title; its sections ("## Method") then move up one level."""
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].level != 1:
        return meta, blocks
    if any(isinstance(b, Heading) and b.level == 1 for b in blocks[1:]):
        return meta, blocks
    title = plain_text(blocks[0].content).strip()
    rest = [Heading(b.level - 1, b.content, b.line, b.numbering) if isinstance(b, Heading) else b for b in blocks[1:]]
    return Meta(**{**{f: getattr(meta, f) for f in meta.__struct_fields__}, "title": title}), rest


# --------------------------------------------------------------------------------------------
# The reference list
# --------------------------------------------------------------------------------------------


def _reference_list(blocks: list[Block]) -> tuple[list[Block], list[RawEntry], str | None]:
    """The blocks under a reference-list heading ("## References", "# Works Cited") are its entries, one
    per paragraph or list item, up to the next heading of the same or a higher level."""
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and ref_heading(plain_text(b.content).strip()):
            end = next(
                (j for j in range(i + 1, len(blocks)) if isinstance(blocks[j], Heading) and blocks[j].level <= b.level),
                len(blocks),
            )
            entries = [_entry(x, line) for x, line in _entry_blocks(blocks[i + 1 : end])]
            return blocks[:i] + blocks[end:], entries, plain_text(b.content).strip()
    return blocks, [], None


def _entry_blocks(blocks: Sequence[Block]) -> Iterator[tuple[Any, int]]:
    """Each paragraph or list item with its line (a list item: its list's)."""
    for b in blocks:
        if isinstance(b, ListBlock):
            yield from ((it, b.line or 0) for it in b.items)
        elif isinstance(b, (Paragraph, Preformatted)):
            yield b, b.line or 0


def _entry(b: Any, line: int) -> RawEntry:
    """An entry's text (wrapped lines joined; its emphasis is markup, not words of the entry); a numbered
    list's entry keeps its number, as the plain-text reader keeps "1." before an entry."""
    text = " ".join(_text_of(b).split())
    if isinstance(b, ListItem) and b.marker[:1].isdigit():
        return RawEntry(f"{b.marker} {text}", line, int(b.marker.rstrip(".)")))
    return RawEntry(text, line, None)


# --------------------------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------------------------


class _Reader:
    """A walk over markdown-it's token stream: blocks in order, footnotes aside."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.footnotes: list[Footnote] = []
        self.diagnostics: list[Diagnostic] = []
        self.removed: list[Removed] = []

    def blocks(self, until: str | None = None) -> Iterator[Block]:
        while self.i < len(self.tokens):
            tok = self.tokens[self.i]
            if until is not None and tok.type == until:
                self.i += 1
                return
            rule = _BLOCK_RULES.get(tok.type)
            self.i += 1
            if rule is not None:
                block = rule(self, tok)
                if block is not None:
                    yield block

    def inline(self) -> tuple[Inlines, str]:
        """The inlines of the next inline token (and its source text), skipping to its closing token."""
        tok = self.tokens[self.i]
        self.i += 1
        line = tok.map[0] + 1 if tok.map else None
        return _inlines(tok.children or [], line), tok.content

    def skip_to(self, closing: str) -> None:
        while self.i < len(self.tokens) and self.tokens[self.i].type != closing:
            self.i += 1
        self.i += 1


def _line_of(tok: Token) -> int | None:
    return tok.map[0] + 1 if tok.map else None


def _heading(r: _Reader, tok: Token) -> Block:
    content, _ = r.inline()
    r.skip_to("heading_close")
    numbering, content = _numbering(content)
    return Heading(int(tok.tag[1:]), content, _line_of(tok), numbering)


def _numbering(content: Inlines) -> tuple[str | None, Inlines]:
    """A heading's number as written ("2.1", "IV.", "Chapter 3:") apart from its title, as the plain-text
    reader keeps it (the writers print it before the title)."""
    from .headings import NUMBERED_HEADING

    first = content[0] if content else None
    if not isinstance(first, Text):
        return None, content
    m = NUMBERED_HEADING.match(first.text)
    if m is None or not first.text[m.end("num") : m.start("rest")]:
        return None, content
    rest = first.text[m.start("rest") :]
    return m.group("num").strip(), ((Text(rest),) if rest else ()) + content[1:]


def _paragraph(r: _Reader, tok: Token) -> Block:
    content, _ = r.inline()
    r.skip_to("paragraph_close")
    return Paragraph(content, _line_of(tok))


def _block_quote(r: _Reader, tok: Token) -> Block:
    inner = list(r.blocks(until="blockquote_close"))
    paras = tuple(b if isinstance(b, Paragraph) else Paragraph((Text(_text_of(b)),), _line_of(tok)) for b in inner)
    return BlockQuote(paras, _line_of(tok))


def _list(r: _Reader, tok: Token) -> Block:
    ordered = tok.type == "ordered_list_open"
    closing = tok.type.replace("_open", "_close")
    start = int(tok.attrs.get("start", 1) or 1) if ordered else 1
    items = []
    while r.i < len(r.tokens) and r.tokens[r.i].type != closing:
        item_tok = r.tokens[r.i]
        r.i += 1
        inner = list(r.blocks(until="list_item_close"))
        content: list[Inline] = []
        for b in inner:  # a loose item's paragraphs, a nested list: one item's text
            content.extend([Text(" ")] if content else [])
            content.extend(b.content if isinstance(b, (Paragraph, Heading)) else (Text(_text_of(b)),))
        marker = f"{start + len(items)}{item_tok.markup}" if ordered else "•"  # ("-", "*", "+" are markup)
        items.append(ListItem(tuple(content), marker))
    r.i += 1
    return ListBlock(tuple(items), ordered, _line_of(tok))


def _code(r: _Reader, tok: Token) -> Block:
    return Preformatted(tok.content.rstrip("\n"), _line_of(tok))


def _table(r: _Reader, tok: Token) -> Block:
    """A table as its rows, cells separated by tabs (the model has no table block)."""
    rows: list[list[str]] = []
    while r.i < len(r.tokens) and r.tokens[r.i].type != "table_close":
        t = r.tokens[r.i]
        if t.type == "tr_open":
            rows.append([])
        elif t.type == "inline" and rows:
            rows[-1].append(t.content.strip())
        r.i += 1
    r.i += 1
    return Preformatted("\n".join("\t".join(row) for row in rows), _line_of(tok))


def _footnotes(r: _Reader, tok: Token) -> None:
    while r.i < len(r.tokens) and r.tokens[r.i].type != "footnote_block_close":
        t = r.tokens[r.i]
        r.i += 1
        if t.type == "footnote_open":
            label = str(t.meta.get("label", t.meta.get("id", "")))
            inner = list(r.blocks(until="footnote_close"))
            content: list[Inline] = []
            for b in inner:
                content.extend([Text(" ")] if content else [])
                content.extend(b.content if isinstance(b, Paragraph) else (Text(_text_of(b)),))
            r.footnotes.append(Footnote(_note_id(label), tuple(_without_anchor(content)), label, _line_of(t)))
    r.i += 1
    return None


def _without_anchor(content: list[Inline]) -> list[Inline]:
    return [n for n in content if not (isinstance(n, Text) and n.text == "")]


def _text_of(b: Block | ListItem) -> str:
    match b:
        case Preformatted(text=t):
            return t
        case Heading(content=c) | Paragraph(content=c) | ListItem(content=c):
            return plain_text(c)
        case ListBlock(items=items):
            return " ".join(plain_text(it.content) for it in items)
        case BlockQuote(paragraphs=ps):
            return " ".join(plain_text(p.content) for p in ps)
    return ""


def _html(r: _Reader, tok: Token) -> Block | None:
    """Raw HTML as written; an HTML comment, which no rendering of the Markdown shows, is removed."""
    text = tok.content.strip()
    if text.startswith("<!--") and text.endswith("-->"):
        r.removed.append(Removed(_line_of(tok) or 0, text, "HTML comment", "markdown.html-comment"))
        return None
    return Preformatted(text, _line_of(tok)) if text else None


# token type -> the rule that reads the block it opens (tokens no rule names, "hr" say, carry no words)
_BLOCK_RULES = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "blockquote_open": _block_quote,
    "bullet_list_open": _list,
    "ordered_list_open": _list,
    "fence": _code,
    "code_block": _code,
    "table_open": _table,
    "html_block": _html,
    "footnote_block_open": _footnotes,
}


def _note_id(label: str) -> str:
    return f"md-{label}"


# --------------------------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------------------------

# Formatting -> the model's container: markdown-it's emphasis and strong, and the HTML elements Markdown
# writes for what it has no mark for (the DOCX reader writes them for Word's super/subscripts and small caps).
_CONTAINERS: dict[str, type] = {"em": Emph, "strong": Strong, "sup": Sup, "sub": Sub, "smallcaps": SmallCaps}
_HTML_OPEN = {"<sup>": "sup", "<sub>": "sub", '<span class="smallcaps">': "smallcaps"}
_HTML_CLOSE = {"</sup>": "sup", "</sub>": "sub", "</span>": "smallcaps"}


def _inlines(children: Sequence[Token], line: int | None) -> Inlines:
    """The model's inlines of an inline token's children: formatting as containers, links, note marks,
    and the text read for citations (pandoc's "[@key]" first, then the typed forms)."""
    stack: list[tuple[str, list[Inline], str | None]] = [("", [], None)]
    pending: list[str] = []  # consecutive text, read for citations at once

    def flush() -> None:
        if pending:
            stack[-1][1].extend(_text_inlines("".join(pending), line))
            pending.clear()

    for tok in children:
        kind = tok.type
        if kind == "html_inline" and (tok.content in _HTML_OPEN or tok.content in _HTML_CLOSE):
            kind = (
                _HTML_OPEN.get(tok.content, "") + "_open"
                if tok.content in _HTML_OPEN
                else _HTML_CLOSE[tok.content] + "_close"
            )
        if kind in ("text", "code_inline", "html_inline"):
            pending.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            pending.append(" ")
        elif kind.endswith("_open") and (kind[:-5] in _CONTAINERS or kind == "link_open"):
            flush()
            stack.append((kind[:-5], [], str(tok.attrs.get("href", "")) if kind == "link_open" else None))
        elif kind.endswith("_close") and len(stack) > 1 and stack[-1][0] == kind[:-6]:
            flush()
            name, content, href = stack.pop()
            node: Inline = Link(tuple(content), href or "") if name == "link" else _CONTAINERS[name](tuple(content))
            stack[-1][1].append(node)
        elif kind == "footnote_ref":
            flush()
            label = str(tok.meta.get("label", tok.meta.get("id", "")))
            stack[-1][1].append(NoteRef(_note_id(label), label))
        elif kind == "image":
            pending.append(tok.content)
    flush()
    while len(stack) > 1:  # (markdown-it closes what it opens; kept for safety)
        name, content, _ = stack.pop()
        stack[-1][1].extend(content)
    return tuple(stack[0][1])


# Pandoc's citation syntax: "[see @doe99, pp. 33-35; also @smith04, chap. 1]", "[-@doe99]", "@doe99 [p. 33]"
_KEY = r"@(?P<key>[\w][\w:.#$%&+?<>~/-]*[\w])"
_BRACKETED = rx.compile(r"\[(?P<body>[^\[\]]*@[\w][^\[\]]*)\]")
_NARRATIVE = rx.compile(r"(?<![\w@])" + _KEY + r"(?:\s*\[(?P<loc>[^\[\]@]*)\])?")
_ITEM = rx.compile(r"(?s)^(?P<prefix>.*?)(?P<minus>-?)" + _KEY + r"(?P<rest>.*)$")
# Characters that are Markdown in running text: essayconv writes them with a backslash to stay characters
# (the Markdown writer, and the DOCX reader's Markdown). ("!" needs none: it makes an image only before
# "[", which is escaped.)
MARKDOWN_SPECIAL = frozenset("\\`*_[]<>#@^~|")


def escape(text: str) -> str:
    """``text`` as Markdown that reads back as the same characters."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in text)


def unescape(text: str) -> str:
    """What ``escape`` wrote, back to the characters."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in MARKDOWN_SPECIAL:
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


# Pandoc's locator labels, as written -> the CSL label; the first written form of each label is the one
# essayconv writes (LOCATOR_ABBREVIATIONS: the Markdown writer, and the DOCX reader's Zotero fields).
LOCATOR_LABELS = {
    "p.": "page",
    "pp.": "page",
    "chap.": "chapter",
    "ch.": "chapter",
    "sec.": "section",
    "§": "section",
    "para.": "paragraph",
    "fig.": "figure",
    "vol.": "volume",
    "l.": "line",
    "ll.": "line",
    "line": "line",
    "lines": "line",
    "v.": "verse",
    "vv.": "verse",
}
LOCATOR_ABBREVIATIONS = {label: written for written, label in reversed(LOCATOR_LABELS.items())}
_LOCATOR = rx.compile(
    r"^\s*,?\s*(?P<label>"
    + "|".join(rx.escape(w) for w in sorted(LOCATOR_LABELS, key=len, reverse=True))
    + r")?\s*(?P<loc>[\divxlc][\w\-–,]*)(?P<suffix>.*)$",
    rx.IGNORECASE,
)


def _text_inlines(text: str, line: int | None) -> list[Inline]:
    """Text with pandoc citations as Cite nodes; the rest read by the plain-text inline reader."""
    out: list[Inline] = []
    pos = 0
    for m in _pandoc_cites(text, line):
        if m[0] > pos:
            out.extend(parse_inlines(text[pos : m[0]], line, emphasis=False))
        out.append(m[2])
        pos = m[1]
    if pos < len(text):
        out.extend(parse_inlines(text[pos:], line, emphasis=False))
    return out


def _pandoc_cites(text: str, line: int | None) -> list[tuple[int, int, Cite]]:
    """Pandoc's citations in some text: (start, end, Cite). "[-@key]" (the author left out) is not read:
    the model has no such citation, so it stays as typed."""
    found: list[tuple[int, int, Cite]] = []
    for m in _BRACKETED.finditer(text):
        items = [_cite_item(part) for part in m.group("body").split(";")]
        if items and all(it is not None for it in items):
            found.append((m.start(), m.end(), Cite(tuple(it for it in items if it is not None), m.group(0), line=line)))
    taken = [(a, b) for a, b, _ in found]
    for m in _NARRATIVE.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or text[max(0, m.start() - 2) : m.start()].endswith(("-", "@")):
            continue
        if m.start() > 0 and text[m.start() - 1] not in " \t(\"'“‘":  # an e-mail address, not a citation
            continue
        loc = _locator(m.group("loc") or "")
        item = CiteItem(author="", key=m.group("key").lower(), **loc)
        found.append((m.start(), m.end(), Cite((item,), m.group(0), "narrative", line)))
    return sorted(found, key=lambda f: f[0])


def _cite_item(part: str) -> CiteItem | None:
    m = _ITEM.match(part.strip())
    if m is None or m.group("minus"):
        return None
    loc = _locator(m.group("rest"))
    prefix = m.group("prefix")
    return CiteItem(author="", key=m.group("key").lower(), prefix=prefix, **loc)


def _locator(rest: str) -> dict[str, Any]:
    if not rest.strip():
        return {}
    m = _LOCATOR.match(rest)
    if m is None or not any(ch.isdigit() for ch in m.group("loc")) and not m.group("label"):
        return {"suffix": rest.strip()}
    label = LOCATOR_LABELS.get((m.group("label") or "p.").lower(), "page")
    return {"locator": m.group("loc").strip(" ,"), "label": label, "suffix": m.group("suffix").strip()}

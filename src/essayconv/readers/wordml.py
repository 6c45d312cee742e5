"""The DOCX reader: a Word document's WordprocessingML (read with lxml) into Markdown, then the model.

Word keeps what plain text loses: paragraph styles (Title, Heading 1-n, Quote, lists), italics and bold,
small capitals, super- and subscripts, footnotes and endnotes, hyperlinks, tables, and the citation
fields that Zotero and Mendeley leave (``ADDIN ZOTERO_ITEM CSL_CITATION {...}``, ``ADDIN CSL_CITATION
{...}``) with each cited item's CSL-JSON. All of it is written out as Markdown (text escaped, emphasis as
``*...*``, a citation field as pandoc's ``[@key, p. 5]`` with its items) and read by the Markdown reader,
so one reader turns structure into the model.

A document whose every paragraph has the Normal style (the essay typed with no styles, its headings made
bold by hand, its references typed) is read as plain text instead, one line per paragraph, with its
emphasis typed the Markdown way, which the plain-text reader sets in italics: the same recovery as for a
text file. (python-docx has no access to footnotes, endnotes or field codes, and the reader layers never
import it: tests/test_layering.py.)
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from lxml import etree

from ..diagnostics import ConversionError
from .decode import is_docx as is_docx  # (its home: telling the input's kind by its bytes)
from .markdown import LOCATOR_ABBREVIATIONS, escape, unescape
from .titleblock import title_block_field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"w": W, "r": R}


# A Word essay's XML parts are a few MB at most; more than this is refused before it is unpacked.
MAX_UNPACKED = 200 * 10**6


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class WordText:
    """What a DOCX gives the readers: its text (Markdown when ``structured``, else one paragraph per line)
    and the CSL-JSON items of its citation fields, by key."""

    def __init__(
        self, text: str, structured: bool, items: dict[str, dict[str, Any]], removed: list[tuple[int, str, str]]
    ) -> None:
        self.text = text
        self.structured = structured
        self.items = items
        self.removed = removed  # (paragraph number, text, reason): what is not read into the essay


def word_text(data: bytes) -> WordText:
    """The document's text and citation items; ConversionError (one line) for a file that is not a
    readable Word document."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            members = [
                i for i in z.infolist() if i.filename.startswith("word/") and i.filename.endswith((".xml", ".rels"))
            ]
            if sum(i.file_size for i in members) > MAX_UNPACKED:  # a "zip bomb": small file, huge text
                raise ConversionError(f"the Word document unpacks to more than {MAX_UNPACKED // 10**6} MB of text")
            parts = {i.filename: z.read(i) for i in members}
    except (zipfile.BadZipFile, OSError, RuntimeError) as err:  # (RuntimeError: an encrypted member)
        raise ConversionError(f"not a readable Word document ({err})") from None
    if "word/document.xml" not in parts:
        raise ConversionError("not a Word document: it has no word/document.xml")
    try:
        doc = _Doc(parts)
        return doc.text()
    except etree.XMLSyntaxError as err:
        raise ConversionError(f"the Word document's XML is damaged ({err})") from None


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------

# Paragraph styles (by name, lower case, as Word and LibreOffice name them) -> what they are.
_HEADING_PREFIXES = ("heading ", "überschrift ", "titre ", "título ")
_QUOTE_STYLES = {"quote", "intense quote", "block text", "quotation", "block quotation", "epigraph"}
# Styles of a paper (essayconv's own, and the like in Word's templates): what each paragraph is.
_PAPER_STYLES = {
    "bibliography heading": ("heading", 1),
    "abstract title": ("heading", 1),
    "title block": ("meta", 0),
    "title repeated": ("repeat", 0),
    "preformatted text": ("code", 0),
    "html preformatted": ("code", 0),
    "list paragraph": ("list", 0),
}
_TITLE_STYLES = {"title"}
_SUBTITLE_STYLES = {"subtitle"}
_BIBLIOGRAPHY_FIELDS = (
    "ADDIN ZOTERO_BIBL",
    "ADDIN CSL_BIBLIOGRAPHY",
    "ADDIN EN.REFLIST",
    "ADDIN MENDELEY BIBLIOGRAPHY",
)
_CITATION_FIELDS = ("ADDIN ZOTERO_ITEM CSL_CITATION", "ADDIN CSL_CITATION")


class _Doc:
    def __init__(self, parts: dict[str, bytes]) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        self.root = etree.fromstring(parts["word/document.xml"], parser)
        self.styles = _styles(parts.get("word/styles.xml"), parser)
        self.links = _relationships(parts.get("word/_rels/document.xml.rels"), parser)
        self.numbering = _numbering(parts.get("word/numbering.xml"), parser)
        self.notes = {kind: _notes(parts.get(f"word/{kind}s.xml"), kind, parser) for kind in ("footnote", "endnote")}
        self.items: dict[str, dict[str, Any]] = {}
        self.note_labels: dict[tuple[str, str], str] = {}  # (kind, id) -> label, in the order of the marks
        self.has_citations = False
        self.has_title = False
        self.removed: list[tuple[int, str, str]] = []
        self.meta_lines: list[str] = []  # a title block's lines (essayconv's "Title Block" style)

    def text(self) -> WordText:
        body = self.root.find("w:body", _NS)
        if body is None:
            raise ConversionError("not a Word document: its document part has no body")
        kinds = [self._style(p) for p in body.iter(_w("p"))]
        instr = " ".join(t.text or "" for t in body.iter(_w("instrText"))) + " ".join(
            f.get(_w("instr")) or "" for f in body.iter(_w("fldSimple"))
        )
        self.has_citations = any(prefix in instr for prefix in _CITATION_FIELDS)
        # Word's structure, or a citation manager's fields (pandoc citations, which only Markdown reads)
        structured = self.has_citations or any(k[0] in ("heading", "title", "quote") for k in kinds)
        self.has_title = any(k[0] == "title" for k in kinds)  # then Heading 1 is a section under it
        blocks = list(self._blocks(body, structured))
        if structured and self.meta_lines:
            blocks.insert(0, _front_matter(self.meta_lines))
        if structured:
            notes = [f"[^{label}]: {self._note_markdown(kind, nid)}" for kind, nid, label in self._note_labels()]
            return WordText("\n\n".join(blocks + notes) + "\n", True, self.items, self.removed)
        notes = [f"{label}. {self._note_plain(kind, nid)}" for kind, nid, label in self._note_labels()]
        tail = ["Notes", *notes] if notes else []
        return WordText("\n\n".join(blocks + tail) + "\n", False, self.items, self.removed)

    # ---- blocks

    def _blocks(self, body: Any, markdown: bool) -> Iterator[str]:
        in_bibliography = False
        paragraph = 0
        for el in body:
            if el.tag == _w("tbl"):
                yield self._table(el, markdown)
                continue
            if el.tag != _w("p"):
                continue
            paragraph += 1
            instr = " ".join(t.text or "" for t in el.iter(_w("instrText")))
            if self.has_citations and (in_bibliography or any(f in instr for f in _BIBLIOGRAPHY_FIELDS)):
                # the reference list a citation manager wrote: the list is made again from the cited items
                in_bibliography = not _field_ends(el)
                shown = " ".join("".join(t.text or "" for t in el.iter(_w("t"))).split())
                if shown:
                    self.removed.append(
                        (
                            paragraph,
                            shown,
                            "the reference list a citation manager wrote: made again "
                            "from the items its citations carry",
                        )
                    )
                continue
            kind, level = self._style(el)
            text = self._runs(el, markdown).strip()
            if not text:
                continue
            if markdown and kind == "normal" and _bold_heading(el, text):
                kind, level = "heading", 1
            if kind == "meta" and markdown:
                self.meta_lines.append(unescape(text))
                continue
            if kind == "repeat" and markdown:
                self.removed.append((paragraph, unescape(text), "the title repeated at the top of the first page"))
                continue
            yield self._block(text, kind, level, el, markdown)

    def _block(self, text: str, kind: str, level: int, p: Any, markdown: bool) -> str:
        if not markdown:
            return " ".join(text.split("\n"))
        if kind == "title":
            return "# " + text
        if kind == "subtitle":
            return "*" + text + "*" if not text.startswith("*") else text
        if kind == "heading":
            if text.startswith("**") and text.endswith("**"):
                text = text[2:-2]  # (a heading's bold is the heading's)
            return "#" * min(level + self.has_title, 6) + " " + text
        if kind == "quote":
            return "> " + text.replace("\n", "\n> ")
        if kind in ("bullet", "numbered"):
            return ("- " if kind == "bullet" else "1. ") + text
        if kind == "code":
            return "```\n" + unescape(text) + "\n```"
        numbered = self._list_marker(p)
        if numbered is not None:
            return f"{numbered} {text}"
        if kind == "list":  # a list item whose marker is its text ("•\tone point", "2.\tsecond")
            marker, _, rest = text.partition(" ")
            if marker.rstrip(".)").isdigit():
                return f"{marker.rstrip(')').rstrip('.')}. {rest}"
            if marker in ("•", "-", "\\*", "◦", "▪"):
                return f"- {rest}"
        return text

    def _style(self, p: Any) -> tuple[str, int]:
        sid = p.find("w:pPr/w:pStyle", _NS)
        name = self.styles.get(sid.get(_w("val")) if sid is not None else "", "")
        if name in _TITLE_STYLES:
            return "title", 0
        if name in _SUBTITLE_STYLES:
            return "subtitle", 0
        if name.startswith(_HEADING_PREFIXES) and name.rsplit(" ", 1)[-1].isdigit():
            return "heading", int(name.rsplit(" ", 1)[-1])
        if name in _QUOTE_STYLES:
            return "quote", 0
        if name.startswith(("list bullet", "list number")):  # Word's list styles carry their numbering
            return ("bullet" if name.startswith("list bullet") else "numbered"), 0
        return _PAPER_STYLES.get(name, ("normal", 0))

    def _list_marker(self, p: Any) -> str | None:
        num = p.find("w:pPr/w:numPr/w:numId", _NS)
        if num is None:
            return None
        fmt = self.numbering.get(num.get(_w("val")) or "", "bullet")
        return "-" if fmt == "bullet" else "1."

    def _table(self, tbl: Any, markdown: bool) -> str:
        rows: list[list[str]] = []
        for tr in tbl.iter(_w("tr")):
            rows.append(
                [" ".join(" ".join(self._runs(p, False).split()) for p in tc.iter(_w("p"))) for tc in tr.iter(_w("tc"))]
            )
        if not rows:
            return ""
        if not markdown:
            return "\n".join("\t".join(r) for r in rows)
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(_escape_cell(c) for c in r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + "---|" * width)
        return "\n".join(lines)

    # ---- runs

    def _runs(self, p: Any, markdown: bool) -> str:
        """A paragraph's text: runs with their emphasis, links, note marks and citation fields."""
        segs: list[_Seg] = []
        self._walk(p, segs, _Field(), markdown)
        return _render(segs, markdown)

    def _walk(self, el: Any, segs: list[_Seg], field: _Field, markdown: bool) -> None:
        for child in el:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "r":
                self._run(child, segs, field, markdown)
            elif tag == "hyperlink":
                inner: list[_Seg] = []
                self._walk(child, inner, field, markdown)
                text = _render(inner, markdown)
                target = self.links.get(child.get(f"{{{R}}}id") or "")
                _add(segs, field, (f"[{text}]({target})" if markdown and target and text.strip() else text, None))
            elif tag == "fldSimple":
                inner = []
                self._walk(child, inner, _Field(), markdown)
                _add(segs, field, (self._field(child.get(_w("instr")) or "", _render(inner, markdown)), None))
            elif tag in _CONTAINERS:
                self._walk(child, segs, field, markdown)

    def _run(self, r: Any, segs: list[_Seg], field: _Field, markdown: bool) -> None:
        char = r.find("w:fldChar", _NS)
        if char is not None:
            done = field.step(char.get(_w("fldCharType")) or "")
            if done is not None:
                instr, shown = done
                segs.append((self._field(instr, _render(shown, markdown)), None))
            return
        instr = r.find("w:instrText", _NS)
        if instr is not None and field.depth and not field.in_result:
            field.instr.append(instr.text or "")
            return
        for seg in self._run_segments(r, markdown):
            _add(segs, field, seg)

    def _run_segments(self, r: Any, markdown: bool) -> Iterator[_Seg]:
        fmt = _fmt(r.find("w:rPr", _NS))
        for child in r:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "t":
                yield (escape(child.text or "") if markdown else (child.text or "")), fmt
            elif tag in ("tab", "br", "cr"):
                yield " ", fmt
            elif tag in ("footnoteReference", "endnoteReference"):
                kind = "footnote" if tag == "footnoteReference" else "endnote"
                label = self._note_label(kind, child.get(_w("id")) or "")
                yield (f"[^{label}]" if markdown else f"[{label}]"), None

    def _field(self, instr: str, shown: str) -> str:
        """A field: a citation manager's citation becomes pandoc's citation of its items; any other field
        (a page number, a cross-reference) is what Word shows."""
        instr = instr.strip()
        for prefix in _CITATION_FIELDS:
            if instr.startswith(prefix):
                cite = self._citation(instr[len(prefix) :].strip())
                if cite and "[-@" not in cite:
                    return cite
        # the field as Word shows it; a citation with its author suppressed ("Putnam (2000)", the names in
        # the sentence) is read as typed there, its items known (self.items) for the names to match
        return shown

    def _citation(self, payload: str) -> str | None:
        try:
            data = json.loads(payload[payload.index("{") :])
        except (ValueError, json.JSONDecodeError):
            return None
        parts = []
        for it in data.get("citationItems") or []:
            item = it.get("itemData") if isinstance(it, dict) else None
            if not isinstance(item, dict):
                continue
            key = _key(item, it)
            self.items.setdefault(key, {**item, "id": key})
            part = ("-" if it.get("suppress-author") else "") + f"@{key}"
            if it.get("prefix"):
                part = f"{it['prefix']} {part}"
            if it.get("locator"):
                part += f", {LOCATOR_ABBREVIATIONS.get(str(it.get('label') or 'page'), 'p.')} {it['locator']}"
            if it.get("suffix"):
                part += f" {it['suffix']}"
            parts.append(part)
        return "[" + "; ".join(parts) + "]" if parts else None

    # ---- notes

    def _note_label(self, kind: str, nid: str) -> str:
        """A note's label, in the order the marks come: "1", "2" for footnotes, "e3" for an endnote."""
        label = self.note_labels.get((kind, nid))
        if label is None:
            n = len(self.note_labels) + 1
            label = self.note_labels[kind, nid] = str(n) if kind == "footnote" else f"e{n}"
        return label

    def _note_labels(self) -> list[tuple[str, str, str]]:
        return [(kind, nid, label) for (kind, nid), label in self.note_labels.items()]

    def _note_markdown(self, kind: str, nid: str) -> str:
        paras = self.notes[kind].get(nid, [])
        return " ".join(" ".join(self._runs(p, True).split()) for p in paras)

    def _note_plain(self, kind: str, nid: str) -> str:
        paras = self.notes[kind].get(nid, [])
        return " ".join(" ".join(self._runs(p, False).split()) for p in paras)


# --------------------------------------------------------------------------------------------
# Parts
# --------------------------------------------------------------------------------------------


def _styles(xml: bytes | None, parser: Any) -> dict[str, str]:
    """Style id -> its name in lower case ("Heading1" -> "heading 1")."""
    if not xml:
        return {}
    root = etree.fromstring(xml, parser)
    out = {}
    for s in root.iter(_w("style")):
        name = s.find("w:name", _NS)
        if s.get(_w("styleId")) and name is not None:
            out[s.get(_w("styleId"))] = (name.get(_w("val")) or "").lower()
    return out


def _relationships(xml: bytes | None, parser: Any) -> dict[str, str]:
    if not xml:
        return {}
    root = etree.fromstring(xml, parser)
    return {rel.get("Id"): rel.get("Target") for rel in root if rel.get("TargetMode") == "External"}


def _numbering(xml: bytes | None, parser: Any) -> dict[str, str]:
    """numId -> the format of its first level ("bullet", "decimal", ...)."""
    if not xml:
        return {}
    root = etree.fromstring(xml, parser)
    abstract = {}
    for a in root.iter(_w("abstractNum")):
        fmt = a.find("w:lvl/w:numFmt", _NS)
        abstract[a.get(_w("abstractNumId"))] = fmt.get(_w("val")) if fmt is not None else "bullet"
    out = {}
    for num in root.iter(_w("num")):
        ref = num.find("w:abstractNumId", _NS)
        if ref is not None:
            out[num.get(_w("numId"))] = abstract.get(ref.get(_w("val")), "bullet")
    return out


def _notes(xml: bytes | None, kind: str, parser: Any) -> dict[str, list[Any]]:
    """Note id -> its paragraphs (Word's separator notes, ids -1 and 0, left out)."""
    if not xml:
        return {}
    root = etree.fromstring(xml, parser)
    return {
        n.get(_w("id")): list(n.iter(_w("p"))) for n in root.iter(_w(kind)) if n.get(_w("type")) in (None, "normal")
    }


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


# A piece of a paragraph's text and its formatting (italic, bold, "super"/"sub"/"", small capitals); None:
# written as it is (a link, a citation).
_Fmt = tuple[bool, bool, str, bool]
_Seg = tuple[str, "_Fmt | None"]
# Elements whose runs are the paragraph's text: tracked insertions, content controls, smart tags (a tracked
# deletion, w:del, is not the text).
_CONTAINERS = {"ins", "sdt", "sdtContent", "smartTag", "customXml", "moveTo"}


class _Field:
    """A complex field being read run by run: begin, instruction, separate, result, end."""

    def __init__(self) -> None:
        self.depth = 0
        self.in_result = False
        self.instr: list[str] = []
        self.shown: list[_Seg] = []

    def step(self, kind: str) -> tuple[str, list[_Seg]] | None:
        """Take a fldChar; at the end of the outermost field, its instruction and result."""
        if kind == "begin":
            self.depth += 1
            if self.depth == 1:
                self.instr, self.shown, self.in_result = [], [], False
        elif kind == "separate" and self.depth == 1:
            self.in_result = True
        elif kind == "end" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                return "".join(self.instr), self.shown
        return None


def _add(segs: list[_Seg], field: _Field, seg: _Seg) -> None:
    """A piece of text goes to the paragraph, or to the result of the field being read."""
    (field.shown if field.depth else segs).append(seg)


def _fmt(rpr: Any) -> _Fmt | None:
    """A run's formatting: italic (underline too: a typewriter's italics), bold, super- or subscript, small
    capitals."""
    if rpr is None:
        return None
    italic = _on(rpr, "i") or _on(rpr, "u", off="none")
    vert = rpr.find("w:vertAlign", _NS)
    position = {"superscript": "super", "subscript": "sub"}.get(vert.get(_w("val")) if vert is not None else "", "")
    fmt = (italic, _on(rpr, "b"), position, _on(rpr, "smallCaps"))
    return fmt if any(fmt) else None


def _render(segs: list[_Seg], markdown: bool) -> str:
    """The pieces written out, neighbours of one emphasis as one span ("*Bowling Alone*", not
    "*Bowling* *Alone*", however Word split the runs)."""
    merged: list[list[Any]] = []
    for text, fmt in segs:
        if merged and fmt is not None and merged[-1][1] == fmt:
            merged[-1][0] += text
        elif merged and merged[-1][1] is not None and not text.strip():
            merged[-1][0] += text  # a space between two emphasised runs stays inside the span
        else:
            merged.append([text, fmt])
    return "".join(_emphasise(text, fmt, markdown) for text, fmt in merged)


def _emphasise(text: str, fmt: _Fmt | None, markdown: bool) -> str:
    core = text.strip()
    if fmt is None or not core:
        return text
    italic, bold, position, small = fmt
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if markdown:  # Markdown has no mark for these three: its HTML elements, which the Markdown reader reads
        core = {"super": f"<sup>{core}</sup>", "sub": f"<sub>{core}</sub>"}.get(position, core)
        core = f'<span class="smallcaps">{core}</span>' if small else core
    elif not _words(core) or not (italic or bold):
        return text  # (in plain text only words take the marks the plain-text reader sets as emphasis)
    mark = ("**" if bold else "") + ("*" if italic else "")
    return f"{lead}{mark}{core}{mark[::-1]}{trail}"


def _words(text: str) -> bool:
    return text[:1].isalpha() and (text[-1:].isalnum() or text[-1:] in ".!?") and "*" not in text and "_" not in text


def _on(rpr: Any, tag: str, off: str = "false") -> bool:
    el = rpr.find(f"w:{tag}", _NS)
    if el is None:
        return False
    val = el.get(_w("val"))
    return val not in ("0", "false", off)


def _key(item: dict[str, Any], cite_item: dict[str, Any]) -> str:
    """The citation key of an item: its id (Zotero writes a number, Mendeley a UUID) as a word."""
    raw = str(item.get("id") or cite_item.get("id") or "item")
    word = "".join(c if c.isalnum() else "-" for c in raw).strip("-").lower()
    return f"item-{word}" if not word[:1].isalpha() else word


def _front_matter(lines: list[str]) -> str:
    """A title block's lines as front matter, each by what it looks like (a date, an instructor's title, a
    course, an institution: the plain-text reader's title_block_field); any other line is the author."""
    fields: dict[str, str] = {}
    for line in lines:
        key = title_block_field(line) or "author"
        if key in fields:  # a second line of one kind: kept with the first
            fields[key] += "; " + line
        else:
            fields[key] = line
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items()) + "---"


def _bold_heading(p: Any, text: str) -> bool:
    """A heading made by hand: a short paragraph all in bold, with no sentence end ("**Methods**")."""
    runs = [r for r in p.iter(_w("r")) if "".join(t.text or "" for t in r.iter(_w("t"))).strip()]
    plain = text.strip("*")
    return (
        bool(runs)
        and all((_fmt(r.find("w:rPr", _NS)) or (False, False, "", False))[1] for r in runs)
        and len(plain.split()) <= 12
        and not plain.rstrip().endswith((".", ",", ";"))
    )


def _field_ends(p: Any) -> bool:
    """Whether the field that starts in (or runs through) this paragraph ends in it."""
    kinds = [c.get(_w("fldCharType")) for c in p.iter(_w("fldChar"))]
    return kinds.count("end") >= kinds.count("begin") and "end" in kinds

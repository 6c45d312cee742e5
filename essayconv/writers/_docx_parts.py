"""WordprocessingML pieces python-docx has no API for: footnotes part, hyperlinks, fields, runs."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import _Element

# Word needs the two separator notes (ids -1 and 0) before any real note
_FOOTNOTES_XML = f"""<w:footnotes {nsdecls("w", "r")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


def add_footnotes_part(document_part: Part) -> XmlPart:
    """Create word/footnotes.xml, related from the main document part."""
    part = XmlPart(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML), document_part.package
    )
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def add_footnote(part: XmlPart, note_id: int) -> _Element:
    """Append an empty ``w:footnote``; the caller fills it with paragraphs."""
    fn = OxmlElement("w:footnote")
    fn.set(qn("w:id"), str(note_id))
    part.element.append(fn)
    return fn


def run_properties(
    *,
    style: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    small_caps: bool = False,
    vert: str | None = None,
) -> _Element | None:
    """A ``w:rPr`` with children in schema order, or None when the run is plain.

    ``bold``/``italic``: None leaves the style's setting, True/False set it (False is needed to
    set roman text in an italic style: direct ``w:i`` is not a toggle)."""
    if not (style or bold is not None or italic is not None or small_caps or vert):
        return None
    rpr = OxmlElement("w:rPr")
    if style:
        rs = OxmlElement("w:rStyle")
        rs.set(qn("w:val"), style)
        rpr.append(rs)
    for flag, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
        if flag is None:
            continue
        for tag in tags:
            el = OxmlElement(tag)
            if not flag:
                el.set(qn("w:val"), "0")
            rpr.append(el)
    if small_caps:
        rpr.append(OxmlElement("w:smallCaps"))
    if vert:
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), vert)
        rpr.append(va)
    return rpr


def text_run(text: str, rpr: _Element | None) -> _Element:
    """A ``w:r`` carrying text; tabs and line breaks become ``w:tab`` and ``w:br``."""
    r = OxmlElement("w:r")
    if rpr is not None:
        r.append(rpr)
    buf: list[str] = []

    def flush() -> None:
        if buf:
            t = OxmlElement("w:t")
            t.text = "".join(buf)
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            buf.clear()

    for ch in text:
        if ch == "\t":
            flush()
            r.append(OxmlElement("w:tab"))
        elif ch == "\n":
            flush()
            r.append(OxmlElement("w:br"))
        elif ch == "\r":
            continue
        else:
            buf.append(ch)
    flush()
    return r


def hyperlink(part: Part, url: str) -> _Element:
    """An empty ``w:hyperlink`` to an external URL, related from ``part`` (document or footnotes)."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    h.set(qn("w:history"), "1")
    return h


def field_runs(instruction: str, placeholder: str) -> list[_Element]:
    """The runs of a complex field (``PAGE``): begin, instruction, separate, cached result, end."""

    def run_with(child: _Element) -> _Element:
        r = OxmlElement("w:r")
        r.append(child)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    return [run_with(begin), run_with(instr), run_with(sep), text_run(placeholder, None), run_with(end)]


def footnote_reference_run(style_id: str, note_id: int) -> _Element:
    r = OxmlElement("w:r")
    rpr = run_properties(style=style_id)
    assert rpr is not None
    r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    r.append(ref)
    return r


def footnote_mark_run(style_id: str) -> _Element:
    """The number at the start of the note itself (``w:footnoteRef`` shows the note's number)."""
    r = OxmlElement("w:r")
    rpr = run_properties(style=style_id)
    assert rpr is not None
    r.append(rpr)
    r.append(OxmlElement("w:footnoteRef"))
    return r

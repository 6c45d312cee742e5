"""The DOCX package as text and bytes: python-docx's default template read once, WordprocessingML pieces
(runs, fields, relationships) written as strings, and a reproducible zip.

The writer used to build every essay through python-docx's object model (re-opening and re-parsing the
template, one Python object per element). The package it saved is reproduced here byte for byte without
importing python-docx: the template parts python-docx keeps as raw blobs are copied, the XML parts it
re-serializes are re-serialized once with the same lxml settings, and the parts that change per essay are
written as strings with lxml's own escaping rules (see ``text`` and ``attr``).
"""

from __future__ import annotations

import functools
import importlib.util
import posixpath
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from msgspec import Struct

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_FOOTNOTES = _RT + "footnotes"
RT_COMMENTS = _RT + "comments"
RT_HEADER = _RT + "header"
RT_HYPERLINK = _RT + "hyperlink"
# python-docx's template ships a blank page as the package thumbnail; a thumbnail of our document would
# have to be rendered, and a blank one shows a file manager or Word's open dialog an empty page: it goes
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

# The part types python-docx loads as XML and writes back re-serialized; every other part keeps its bytes.
_XML_PART_TYPES = frozenset(
    "application/vnd.openxmlformats-" + t
    for t in (
        "package.core-properties+xml",
        "officedocument.wordprocessingml.comments+xml",
        "officedocument.wordprocessingml.document.main+xml",
        "officedocument.wordprocessingml.footer+xml",
        "officedocument.wordprocessingml.header+xml",
        "officedocument.wordprocessingml.numbering+xml",
        "officedocument.wordprocessingml.settings+xml",
        "officedocument.wordprocessingml.styles+xml",
    )
)
# (extension, content type) pairs [Content_Types].xml lists as a Default rather than per part
# (the ones of python-docx's default list that this package can contain)
_DEFAULT_TYPES = frozenset({("jpeg", "image/jpeg"), ("xml", "application/xml"), ("rels", _CT_RELS)})

# python-docx's parser: blank text between elements is dropped, entities are not resolved
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
XML_DECL = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def serialize(xml: bytes | str) -> bytes:
    """XML as python-docx writes a part it has parsed (declaration with standalone, no pretty-printing)."""
    return etree.tostring(etree.fromstring(xml, _PARSER), encoding="UTF-8", standalone=True)


_BETWEEN_TAGS = rb">\s+<"
_OPEN_THEN_CLOSE = rb'<[^/<>"]+></'  # an element with nothing (or blanks) in it ...
_ATTRS_THEN_CLOSE = b'"></'  # ... or with attributes and nothing in it (two tests: one pattern took 5x longer)
# Characters a plain part does not hold: references, quotes lxml rewrites, comments/CDATA/PIs (whose "!"
# or "?" a single-byte search finds far faster than "<!"), and the blanks lxml writes as character references.
_NOT_PLAIN = (b"&", b"'", b"\t", b"\r", b"!", b"?")


def reserialize_plain(blob: bytes) -> bytes:
    """``serialize(blob)`` for a part written in the plain form of the template's parts, without parsing.

    Why: parsing and re-serializing the template's 440 kB styles part cost ~10 ms on the first DOCX of a
    process; dropping the blanks between tags costs ~2 ms. A plain part has python-docx's declaration and
    no text at all between its tags (only indentation), no entity or character references, comments,
    single-quoted attributes, tabs or carriage returns, and no empty elements (lxml writes ``<a></a>`` as
    ``<a/>`` and keeps blanks that are an element's whole content). Then lxml's blank-text removal drops
    exactly the runs of blanks between tags and its serializer writes the rest as it was. Parts that fail
    these checks take the parser. Not checked (a scan for it cost as much as the rest): the spacing inside
    a tag, which lxml writes as one space between attributes; tests/test_docx_package.py checks that both
    ways give the same bytes for every template part, so a template written otherwise fails there.
    """
    body = blob[len(XML_DECL) :]
    if blob.startswith(XML_DECL) and not any(c in body for c in _NOT_PLAIN):
        out = re.sub(_BETWEEN_TAGS, b"><", body).rstrip(b" \n")  # (compiled on first use: re's cache)
        if (
            # every ">" but the last opens the next tag: no text nodes, so no blanks that libxml2 keeps
            b"\n" not in out
            and out.count(b">") == out.count(b"><") + 1
            and _ATTRS_THEN_CLOSE not in out
            and re.search(_OPEN_THEN_CLOSE, out) is None
        ):
            return XML_DECL + out
    return serialize(blob)


# --------------------------------------------------------------------------------------------
# Escaping, exactly as libxml2 (lxml) serializes text and attribute values
# --------------------------------------------------------------------------------------------

_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\r\n\t]')
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
# what lxml refuses to store at all (the writer cleans text first; this guards names from options)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(s: str) -> str:
    """Character data escaped as lxml writes it."""
    # (four substring tests, each a memchr, before the pattern: its search tried a class at every character)
    if "&" not in s and "<" not in s and ">" not in s and "\r" not in s:
        return s
    return _TEXT_SPECIAL.sub(lambda m: _ESCAPES[m.group()], s)


def attr(s: str) -> str:
    """An attribute value escaped as lxml writes it (without the quotes)."""
    if _NOT_XML.search(s) is not None:
        # lxml's own refusal, kept so that bad input fails the same way it always did
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    if _ATTR_SPECIAL.search(s) is None:
        return s
    return _ATTR_SPECIAL.sub(lambda m: _ESCAPES[m.group()], s)


# --------------------------------------------------------------------------------------------
# Runs and fields (strings of WordprocessingML)
# --------------------------------------------------------------------------------------------


def run_properties(
    *,
    style: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    small_caps: bool = False,
    vert: str | None = None,
) -> str:
    """A ``w:rPr`` with children in schema order, or "" when the run is plain.

    ``bold``/``italic``: None leaves the style's setting, True/False set it (False is needed to
    set roman text in an italic style: direct ``w:i`` is not a toggle)."""
    if not (style or bold is not None or italic is not None or small_caps or vert):
        return ""
    out = ["<w:rPr>"]
    if style:
        out.append(f'<w:rStyle w:val="{attr(style)}"/>')
    if bold is not None:
        out.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if italic is not None:
        out.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if small_caps:
        out.append("<w:smallCaps/>")
    if vert:
        out.append(f'<w:vertAlign w:val="{vert}"/>')
    out.append("</w:rPr>")
    return "".join(out)


def text_run(s: str, rpr: str = "") -> str:
    """A ``w:r`` carrying text; tabs and line breaks become ``w:tab`` and ``w:br``, CRs are dropped."""
    if "\t" not in s and "\n" not in s and "\r" not in s:  # (no break: the one run of text)
        if not s:
            return f"<w:r>{rpr}</w:r>" if rpr else "<w:r/>"
        return f'<w:r>{rpr}<w:t xml:space="preserve">{text(s)}</w:t></w:r>'
    out: list[str] = []
    for piece in re.split("([\t\n])", s.replace("\r", "")):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            out.append(f'<w:t xml:space="preserve">{text(piece)}</w:t>')
    if not out and not rpr:
        return "<w:r/>"
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def field_runs(instruction: str, placeholder: str) -> str:
    """The runs of a complex field (``PAGE``): begin, instruction, separate, cached result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {text(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{text_run(placeholder)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def footnote_reference_run(style_id: str, note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="{attr(style_id)}"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def footnote_mark_run(style_id: str) -> str:
    """The number at the start of the note itself (``w:footnoteRef`` shows the note's number)."""
    return f'<w:r><w:rPr><w:rStyle w:val="{attr(style_id)}"/></w:rPr><w:footnoteRef/></w:r>'


# Word needs the two separator notes (ids -1 and 0) before any real note
FOOTNOTES_XML = f"""<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


# --------------------------------------------------------------------------------------------
# Relationships
# --------------------------------------------------------------------------------------------


class Rels:
    """The relationships of one part, numbered as python-docx numbers them (next free ``rIdN``;
    an external target already related gets its earlier id back)."""

    def __init__(self, base: str, rels: list[tuple[str, str, str, bool]] | None = None) -> None:
        self.base = base  # the source part's directory, targets of internal rels are relative to it
        self.items: list[tuple[str, str, str, bool]] = list(rels or ())  # (rId, type, target, external)
        self._external: dict[str, str] = {t: rid for rid, rt, t, ext in self.items if ext and rt == RT_HYPERLINK}

    def _next_id(self) -> str:
        taken = {rid for rid, *_ in self.items}
        for n in range(len(self.items) + 1, 0, -1):  # python-docx counts down from len + 1
            if f"rId{n}" not in taken:
                return f"rId{n}"
        raise AssertionError("unreachable: some rIdN in 1..len+1 is free")

    def add_part(self, reltype: str, partname: str) -> str:
        rid = self._next_id()
        self.items.append((rid, reltype, partname, False))
        return rid

    def add_hyperlink(self, url: str) -> str:
        rid = self._external.get(url)
        if rid is None:
            rid = self._next_id()
            self.items.append((rid, RT_HYPERLINK, url, True))
            self._external[url] = rid
        return rid

    def targets(self) -> list[str]:
        """Partnames of the internal targets, in order."""
        return [t for _rid, _rt, t, ext in self.items if not ext]

    def xml(self) -> bytes:
        out = [
            XML_DECL.decode(),
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
        ]
        for rid, reltype, target, external in self.items:
            ref = target if external else _relative(target, self.base)
            mode = ' TargetMode="External"' if external else ""
            out.append(f'<Relationship Id="{attr(rid)}" Type="{attr(reltype)}" Target="{attr(ref)}"{mode}/>')
        out.append("</Relationships>")
        return "".join(out).encode()


@functools.lru_cache(maxsize=256)
def _relative(target: str, base: str) -> str:
    """posixpath.relpath, remembered: a document's parts and their folders are the same few in every DOCX (a
    relpath call normalises both paths and cost ~5 µs, ten times an essay)."""
    return posixpath.relpath(target, base)


def rels_name(partname: str) -> str:
    """The member holding a part's relationships (``/word/document.xml`` -> ``word/_rels/document.xml.rels``)."""
    head, tail = posixpath.split(partname)
    return posixpath.join(head, "_rels", tail + ".rels").lstrip("/")


# --------------------------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------------------------


Packed = tuple[int, bytes, int]  # (CRC-32, raw deflate stream, uncompressed size) of a zip member


class Template(Struct, frozen=True):
    """python-docx's default document, as python-docx itself would save it untouched, less its thumbnail
    (the part, the package's relationship to it and its content type: see RT_THUMBNAIL)."""

    types: dict[str, str]  # partname -> content type
    blobs: dict[str, bytes]  # partname -> bytes as saved, of the XML parts (re-serialized) but the styles
    copied: dict[str, Packed]  # partname -> the compressed member, of the parts saved as they are
    rels: dict[str, list[tuple[str, str, str, bool]]]  # source partname ("/" = package) -> relationships
    header_xml: bytes  # a new header part, re-serialized
    styles_crc: int  # the CRC-32 the zip records for the styles part (names its shipped copy: template_styles)


def _template_dir() -> Path:
    # located without importing python-docx (its import alone cost more than writing an essay now does)
    spec = importlib.util.find_spec("docx")
    assert spec is not None and spec.submodule_search_locations, "python-docx is not installed"
    return Path(list(spec.submodule_search_locations)[0]) / "templates"


@functools.cache
def template() -> Template:
    """The template, read once per process (it never changes while we run)."""
    folder = _template_dir()
    path = folder / "default.docx"
    types: dict[str, str] = {}
    blobs: dict[str, bytes] = {}
    copied: dict[str, Packed] = {}
    with zipfile.ZipFile(path) as z, open(path, "rb") as f:
        infos = {"/" + info.filename: info for info in z.infolist()}
        types_el = etree.fromstring(z.read("[Content_Types].xml"), _PARSER)
        defaults = {el.get("Extension").lower(): el.get("ContentType") for el in types_el if el.tag.endswith("Default")}
        overrides = {el.get("PartName"): el.get("ContentType") for el in types_el if el.tag.endswith("Override")}
        rel_members = {n: z.read(info) for n, info in infos.items() if n.endswith(".rels")}
        for name, info in infos.items():
            if name in rel_members or name == "/[Content_Types].xml":
                continue
            ct = overrides.get(name) or defaults[posixpath.splitext(name)[1][1:].lower()]
            types[name] = ct
            if name == STYLES_PART:
                continue  # the largest part, and always rewritten: see template_styles
            if ct in _XML_PART_TYPES:
                blobs[name] = reserialize_plain(z.read(info))
            elif (stream := _stream(f, info)) is not None:
                copied[name] = (info.CRC, stream, info.file_size)
            else:
                copied[name] = pack(z.read(info))
    rels: dict[str, list[tuple[str, str, str, bool]]] = {}
    for name, blob in rel_members.items():
        folder_of_rels, rels_file = posixpath.split(name)
        source = posixpath.join(posixpath.dirname(folder_of_rels), rels_file[: -len(".rels")])
        base = posixpath.dirname(source)
        items = []
        for el in etree.fromstring(blob, _PARSER):
            external = el.get("TargetMode") == "External"
            target = el.get("Target")
            if not external:
                target = posixpath.normpath(posixpath.join(base, target))
            items.append((el.get("Id"), el.get("Type"), target, external))
        rels[source if source != "/" else "/"] = items
    # no thumbnail (see RT_THUMBNAIL): not the package's relationship to it, the part, nor its content type
    thumbnails = [target for _rid, rt, target, external in rels["/"] if rt == RT_THUMBNAIL and not external]
    rels["/"] = [r for r in rels["/"] if r[1] != RT_THUMBNAIL]
    for name in thumbnails:
        for table in (types, blobs, copied, rels):
            table.pop(name, None)
    header_xml = reserialize_plain((folder / "default-header.xml").read_bytes())
    return Template(types, blobs, copied, rels, header_xml, infos[STYLES_PART].CRC)


STYLES_PART = "/word/styles.xml"
_STYLES_DIR = Path(__file__).with_name("data")


def styles_from_template() -> bytes:
    """The template's styles part as python-docx saves it (re-serialized)."""
    with zipfile.ZipFile(_template_dir() / "default.docx") as z:
        return reserialize_plain(z.read(STYLES_PART.lstrip("/")))


def styles_copy_path(crc: int) -> Path:
    """Where the shipped copy of a template's re-serialized styles part lives, named by the CRC-32 that the
    template's zip records for the part: a python-docx with another template finds no copy and builds it."""
    return _STYLES_DIR / f"template-styles-{crc:08x}.xml.gz"


@functools.cache
def template_styles() -> bytes:
    """``styles_from_template()``, read from the copy shipped in writers/data when it matches the template.

    Why: re-serializing the template's 440 kB styles part took ~5 ms of the first DOCX of a process; the
    compressed copy (14 kB) reads in well under a millisecond. tests/test_docx_package.py regenerates it
    from python-docx's template and fails when they differ.
    """
    try:
        packed = styles_copy_path(template().styles_crc).read_bytes()
    except OSError:  # another template, or an installation without the copy: the template itself
        return styles_from_template()
    return zlib.decompress(packed, 31)  # (31: a gzip stream)


def _stream(f: BinaryIO, info: zipfile.ZipInfo) -> bytes | None:
    """A deflated member's compressed bytes as the zip holds them; None for a member stored otherwise.

    Why: copying them saves decompressing and recompressing ~450 kB on the first DOCX of a process. Any
    deflate stream of the part is a valid member; this one is also what ``pack`` gives here, as the template's
    zip was written by zipfile at the default level (tests/test_docx_package.py checks that each stream
    holds its part).
    """
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1:  # (1: encrypted)
        return None
    f.seek(info.header_offset)
    local = f.read(30)
    assert local[:4] == b"PK\x03\x04", f"{info.filename}: not a zip member header"
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    f.seek(info.header_offset + 30 + name_len + extra_len)
    data = f.read(info.compress_size)
    assert len(data) == info.compress_size
    return data


def content_types(types: dict[str, str]) -> bytes:
    """[Content_Types].xml for parts of these types, as python-docx writes it (sorted Defaults, then Overrides)."""
    defaults = {"rels": _CT_RELS, "xml": "application/xml"}
    overrides: dict[str, str] = {}
    for name, ct in types.items():
        ext = posixpath.splitext(name)[1][1:]
        if (ext.lower(), ct) in _DEFAULT_TYPES:
            defaults[ext] = ct
        else:
            overrides[name] = ct
    out = [XML_DECL.decode(), '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    out += [f'<Default Extension="{attr(e)}" ContentType="{attr(defaults[e])}"/>' for e in sorted(defaults)]
    out += [f'<Override PartName="{attr(n)}" ContentType="{attr(overrides[n])}"/>' for n in sorted(overrides)]
    out.append("</Types>")
    return "".join(out).encode()


# --------------------------------------------------------------------------------------------
# The zip
# --------------------------------------------------------------------------------------------

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


def pack(blob: bytes) -> Packed:
    """A member compressed as zipfile compresses it (deflate at the default level, in one call)."""
    comp = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), comp.compress(blob) + comp.flush(), len(blob)


def stamped_zip(members: list[tuple[str, bytes | Packed]], when: tuple[int, int, int, int, int, int]) -> bytes:
    """The members (name, bytes or already packed) deflated into a zip, every one dated ``when``: the same
    bytes ``zipfile.ZipFile.writestr`` gives with a ``ZipInfo`` of that date and mode 0644 (create system
    Unix), so the same essay gives the same file. Parts that repeat from essay to essay come packed: compressing
    the template's 800 kB again each time cost more than writing the essay's own text."""
    dosdate = (when[0] - 1980) << 9 | when[1] << 5 | when[2]
    dostime = when[3] << 11 | when[4] << 5 | (when[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, member in members:
        crc, data, size = member if isinstance(member, tuple) else pack(member)
        fname = name.encode("ascii")
        header = _LOCAL.pack(
            b"PK\x03\x04", 20, 0, 0, zipfile.ZIP_DEFLATED, dostime, dosdate, crc, len(data), size, len(fname), 0
        )
        out += (header, fname, data)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                0,
                zipfile.ZIP_DEFLATED,
                dostime,
                dosdate,
                crc,
                len(data),
                size,
                len(fname),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + fname
        )
        offset += len(header) + len(fname) + len(data)
    size = sum(len(c) for c in central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), size, offset, 0)
    return b"".join(out) + b"".join(central) + end

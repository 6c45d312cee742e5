"""The DOCX package written as text is the package python-docx itself saves: same members, same order,
same bytes (the writer no longer builds it through python-docx's object model)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from conftest import docx_package_members
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from msgspec.structs import replace
from test_docx_fixtures import META, essay

from essayconv.layouts import layout_for
from essayconv.model import Document, Emph, Link, Meta, Paragraph, Text
from essayconv.writers import _docx_parts as parts
from essayconv.writers.docx import write


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def _c14n(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def _assert_python_docx_saves_the_same(data: bytes) -> None:
    """Open our file with python-docx and save it: every member comes back in the same order with the same
    bytes (core.xml up to empty elements, which python-docx writes ``<a></a>`` when it sets them and ``<a/>``
    when it only re-saves them)."""
    ours = _members(data)
    saved = docx_package_members(docx.Document(io.BytesIO(data)))
    assert [n for n, _ in saved] == [n for n, _ in ours]
    for (name, mine), (_, theirs) in zip(ours, saved):
        if name == "docProps/core.xml":
            assert _c14n(mine) == _c14n(theirs)
        else:
            assert mine == theirs, name


@pytest.mark.parametrize(
    "family,layout,labels",
    [("apa", "apa", False), ("mla", "mla", False), ("chicago", "chicago", False), ("apa", "plain", True)],
)
def test_the_package_is_what_python_docx_saves(family: str, layout: str, labels: bool) -> None:
    _assert_python_docx_saves_the_same(write(essay(family, labels=labels), layout_for(layout, None)))


def test_an_empty_document_is_what_python_docx_saves() -> None:
    data = write(Document(meta=Meta(), blocks=()), layout_for("plain", None))
    _assert_python_docx_saves_the_same(data)
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == [""]


def test_the_zip_is_what_zipfile_writes() -> None:
    data = write(essay("apa"), layout_for("apa", None))
    when = zipfile.ZipFile(io.BytesIO(data)).infolist()[0].date_time
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in _members(data):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, blob)
    assert out.getvalue() == data


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff"))


@given(_XML_TEXT.filter(lambda s: parts._NOT_XML.search(s) is None))
@settings(max_examples=200, deadline=None)
def test_escaping_is_lxmls(s: str) -> None:
    el = etree.Element("a", b=s)
    el.text = s
    assert etree.tostring(el, encoding="unicode") == f'<a b="{parts.attr(s)}">{parts.text(s)}</a>'


def test_attributes_lxml_refuses_are_refused() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        parts.attr("Times\x01")


@given(
    body=_XML_TEXT,
    emph=_XML_TEXT,
    url=st.sampled_from(['https://example.org/?a=1&b="2"', "doi:10.1000/x<y>", "mailto:x@y.org", "ftp://no"]),
    title=_XML_TEXT.filter(lambda s: len(s) < 200),
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_reads_back_and_saves_the_same(body: str, emph: str, url: str, title: str) -> None:
    doc = Document(
        meta=replace(META, title=title),
        blocks=(Paragraph((Text(body), Emph((Text(emph),)), Link((Text("site"),), url))),),
    )
    data = write(doc, layout_for("apa", None))
    _assert_python_docx_saves_the_same(data)
    d = docx.Document(io.BytesIO(data))
    expected = parts_text(body) + parts_text(emph) + "site"
    assert any(p.text == expected for p in d.paragraphs)


def parts_text(s: str) -> str:
    """Text as python-docx reads a run back: control characters gone, CRs dropped, breaks as newlines."""
    from essayconv.typography import clean

    return clean(s).replace("\r", "")


def test_writing_needs_no_python_docx() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_docx_fixtures import essay\n"
        "from essayconv.layouts import layout_for\n"
        "from essayconv.writers.docx import write\n"
        "assert write(essay('apa'), layout_for('apa', None))[:2] == b'PK'\n"
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n"
    )
    root = Path(__file__).parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


def test_a_title_longer_than_a_document_property_is_kept_whole_on_the_page() -> None:
    title = " ".join(["A very long title about rivers and the towns beside them"] * 6)  # 347 characters
    doc = Document(meta=Meta(title=title, author="Ana Ortiz"), blocks=(Paragraph((Text("Body text."),)),))
    data = write(doc, layout_for("apa", None))
    d = docx.Document(io.BytesIO(data))
    assert title in [p.text for p in d.paragraphs]
    core = d.core_properties.title
    assert len(core) <= 255 and core.endswith("…") and title.startswith(core[:-1])


def _template_members() -> dict[str, bytes]:
    with zipfile.ZipFile(parts._template_dir() / "default.docx") as z:
        return {"/" + n: z.read(n) for n in z.namelist()}


def test_template_parts_are_reserialized_as_lxml_does() -> None:
    # the string-level re-serialization must give lxml's bytes for every XML member of the template
    members = _template_members()
    xml_members = {n: b for n, b in members.items() if n.endswith((".xml", ".rels"))}
    assert "/word/styles.xml" in xml_members and len(xml_members) >= 10
    for name, blob in xml_members.items():
        assert parts.reserialize_plain(blob) == parts.serialize(blob), name
    header = (parts._template_dir() / "default-header.xml").read_bytes()
    assert parts.reserialize_plain(header) == parts.serialize(header)
    t = parts.template()
    for name, blob in t.blobs.items():
        assert blob == parts.serialize(members[name]), name


@pytest.mark.parametrize(
    "body",
    [
        b"<a>\n  <b/>\n</a>\n",
        b"<a>\n  <t>  </t>\n</a>",  # blank content of an element: libxml2 keeps it
        b"<a>\n  <t>x</t> <b/>\n</a>",  # mixed content: blanks after text stay
        b"<a>\n  <b x='1'/>\n</a>",  # single quotes become double
        b'<a>\n  <b x="&#65;"/>\n</a>',  # character references are resolved
        b'<a>\n  <b x="1\n2"/>\n</a>',  # a newline in an attribute is normalised
        b"<a><!-- c -->\n  <b/>\n</a>",
        b'<a>\n  <b></b>\n  <c x="1"></c>\n</a>',  # empty elements are written self-closed
        b"<a>\t<b/>\r\n</a>",
    ],
)
def test_reserialize_plain_gives_lxmls_bytes_or_asks_lxml(body: bytes) -> None:
    blob = parts.XML_DECL + body
    assert parts.reserialize_plain(blob) == parts.serialize(blob)


def test_copied_template_parts_hold_the_template_parts() -> None:
    # the template's compressed streams stand in for compressing its raw parts again: they must hold them
    members = _template_members()
    t = parts.template()
    assert "/word/stylesWithEffects.xml" in t.copied
    for name, packed in t.copied.items():
        crc, stream, size = packed
        assert zlib.decompress(stream, -15) == members[name], name
        assert (crc, size) == (zlib.crc32(members[name]), len(members[name])), name
    assert set(t.copied) | set(t.blobs) | {parts.STYLES_PART} == set(t.types)


def test_the_shipped_styles_part_is_the_templates() -> None:
    # writers/data holds the template's styles part re-serialized (read instead of re-serializing it on the
    # first DOCX of a process); it must be what python-docx's template gives now. To regenerate it:
    # gzip.compress(parts.styles_from_template(), 9, mtime=0) written to
    # parts.styles_copy_path(parts.template().styles_crc).
    assert parts.styles_copy_path(parts.template().styles_crc).exists()
    theirs = parts.serialize(_template_members()[parts.STYLES_PART])
    assert parts.template_styles() == theirs == parts.styles_from_template()


def test_a_template_without_a_shipped_copy_builds_its_styles_part(monkeypatch, tmp_path) -> None:
    # another python-docx template (another CRC) has no copy in writers/data: the part is built from it
    monkeypatch.setattr(parts, "_STYLES_DIR", tmp_path)
    parts.template_styles.cache_clear()
    try:
        assert parts.template_styles() == parts.styles_from_template()
    finally:
        parts.template_styles.cache_clear()

"""The speed-ups keep behaviour: the superscript literal, the readers' regex shim, the DOCX package
members, and citeproc's reference lookup give what the code they replaced gave."""

from __future__ import annotations

import io
import zipfile

import regex
from citeproc import Citation, CitationItem
from citeproc.source import VariableError

from essayconv.citations import compat_text
from essayconv.readers import _rx


def test_superscript_literal_matches_the_unicode_database() -> None:
    assert compat_text._SUPERSCRIPT_TABLE == compat_text._superscript_table()
    assert list(compat_text._SUPERSCRIPT_TABLE) == list(compat_text._superscript_table())
    assert compat_text.superscript_letters("1\u02b3\u1d49 n\u00ba") == "1\ue006r\ue007\ue006e\ue007 n\ue006o\ue007"


def test_rx_functions_agree_with_regex() -> None:
    text = "Smith\u00b9 (2020), p. 4 \u2014 Jones\u0301 & K\u0131m; x\x1cy"
    cases = [r"\w+", r"\s", r"\p{Lu}\p{Ll}+", r"(?<=\p{Ll})\d", r"\b\w", r"[a-z]+"]
    for pat in cases:
        for flags in (0, regex.IGNORECASE):
            assert _rx.findall(pat, text, flags) == regex.findall(pat, text, flags)
            assert _rx.sub(pat, "#", text, 2, flags) == regex.sub(pat, "#", text, 2, flags)
            assert _rx.split(pat, text, 1, flags) == regex.split(pat, text, 1, flags)
            for fn in ("search", "match", "fullmatch"):
                a, b = getattr(_rx, fn)(pat, text, flags), getattr(regex, fn)(pat, text, flags)
                assert (a and a.span()) == (b and b.span())
            lazy = _rx.compile(pat, flags)
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in regex.finditer(pat, text, flags)]
            assert _rx.search(lazy, text) is not None or regex.search(pat, text, flags) is None
            assert lazy.pattern == pat


def test_docx_members_are_what_python_docx_saves() -> None:
    import docx
    from conftest import docx_package_members

    d = docx.Document()
    d.add_paragraph("Hello")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        saved = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    assert docx_package_members(d) == saved


def test_citation_item_reference_lookup() -> None:
    import essayconv.citations.compat  # noqa: F401 - installs the patches

    class _Bib:
        source = {"k": "the reference"}

    item = CitationItem("K")
    Citation([item]).bibliography = _Bib()
    assert item.reference == "the reference"
    orphan = CitationItem("x")
    try:
        orphan.reference
    except VariableError:
        pass
    else:
        raise AssertionError("a cite without a citation has no reference")

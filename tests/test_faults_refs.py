"""Issue 15, references and links: year suffixes past "zz", BibTeX/RIS exports that read back as written,
URLs that end before a quotation mark, and the ``refs`` commands on hostile files."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import bibtexparser
import docx
import pypdf
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from essayconv.cli import main
from essayconv.convert import convert, read
from essayconv.model import Link, Text
from essayconv.options import ConvertOptions
from essayconv.readers.refsection import RawEntry, build_references
from essayconv.references.dates import year_suffix as _suffix
from essayconv.references.export import to_bibtex, to_ris
from essayconv.references.parse import ParsedReference
from essayconv.typography import curl, linkify

# ------------------------------------------------------------------------------------------------
# Year suffixes: a ... z, aa ... zz, aaa ... (citeproc-js), for any number of entries
# ------------------------------------------------------------------------------------------------


def test_year_suffixes_go_on_past_zz_as_citeproc_js_does() -> None:
    assert [_suffix(k) for k in (0, 1, 25, 26, 27, 51, 52, 701, 702, 703, 18277, 18278)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
        "zz",
        "aaa",
        "aab",
        "zzz",
        "aaaa",
    ]


def test_more_than_702_references_with_one_author_and_year_render_with_suffixes_past_zz() -> None:
    from essayconv.convert import process
    from essayconv.model import plain_text

    doc = process(read(_essay(705)))
    assert doc.bibliography is not None
    years = [plain_text(e.content).split("(2001", 1)[1].split(")", 1)[0] for e in doc.bibliography.entries]
    assert years[:2] == ["a", "b"] and years[700:] == ["zy", "zz", "aaa", "aab", "aac"]


def _essay(n: int) -> str:
    lines = ["Tide Lines", "", "The growers count their lines again before the spring tides.", "", "References", ""]
    for i in range(n):
        lines += [f"Quill, A. (2001). Harbour survey number {i}. Coastal Notes, {i % 90 + 1}(2), 1-9.", ""]
    return "\n".join(lines)


def test_more_than_702_references_with_one_author_and_year_each_get_an_id() -> None:
    refs = read(_essay(705)).references
    ids = [r.id for r in refs]
    assert len(refs) == 705 and len(set(ids)) == 705
    assert ids[:2] == ["quill2001a", "quill2001b"]
    assert ids[701:] == ["quill2001zz", "quill2001aaa", "quill2001aab", "quill2001aac"]


def test_50000_references_with_one_author_and_year_are_named_in_linear_time(monkeypatch) -> None:
    # The parser is the same work per entry whatever the count; what is tested is the naming.
    parsed = ParsedReference(
        {"author": [{"family": "Quill", "given": "A."}], "issued": {"date-parts": [[2001]]}, "title": "Harbour survey"},
        0.9,
        (),
    )
    monkeypatch.setattr("essayconv.references.parse.parse_reference", lambda raw: parsed)

    def timed(n: int) -> tuple[float, list[str]]:
        entries = [RawEntry(f"Quill, A. (2001). Harbour survey {i}.", i + 1, None) for i in range(n)]
        start = time.perf_counter()
        ids = [r.id for r in build_references(entries)]
        return time.perf_counter() - start, ids

    small, _ = timed(5000)
    big, ids = timed(50000)
    assert len(set(ids)) == 50000 and ids[-1] == "quill2001" + _suffix(49999) == "quill2001buyb"
    assert big < 30 * max(small, 0.01)  # ten times the entries: about ten times the time, not a hundred


# ------------------------------------------------------------------------------------------------
# BibTeX and RIS exports read back as the text they were given
# ------------------------------------------------------------------------------------------------


def _latex_to_text(value: str) -> str:
    from pylatexenc import latex2text as l2t

    db = l2t.get_default_latex_context_db()
    # LaTeX's text commands for these characters, which pylatexenc does not know (or maps to "ˆ")
    db.add_context_category(
        "essayconv-test",
        prepend=True,
        macros=[
            l2t.MacroTextSpec(n, t)
            for n, t in (("textless", "<"), ("textgreater", ">"), ("textbar", "|"), ("textasciicircum", "^"))
        ],
    )
    return l2t.LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True).latex_to_text(value)


def _bib_fields(bib: str) -> list[dict[str, str]]:
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks, [b.error for b in lib.failed_blocks]
    return [{f.key: f.value for f in e.fields} for e in lib.entries]


HOSTILE = {
    "type": "book",
    "title": "Ends with backslash\\",
    "note": "\\input /etc/passwd \\relax",
    "publisher": "Tilde~Caret^ {Braces} 100% A&B $5 #1 snake_case <a>|b",
    "container-title": "Closing brace } alone, opening { alone",
    "collection-title": "Müller über Straße, 中文",
    "author": [{"family": "O'Brien", "given": "Ann_Marie"}, {"literal": "Barnes and Noble Research Group"}],
    "issued": {"date-parts": [[2001]]},
}


def test_bibtex_export_escapes_latex_and_reads_back_as_the_same_text() -> None:
    bib = to_bibtex([HOSTILE, {"type": "article-journal", "title": "Second entry"}])
    assert "\\input" not in bib and "\\relax" not in bib
    entries = _bib_fields(bib)
    assert len(entries) == 2 and entries[1]["title"] == "Second entry"  # the first did not swallow it
    first = entries[0]
    for field, key in (
        ("title", "title"),
        ("note", "note"),
        ("publisher", "publisher"),
        ("series", "collection-title"),
    ):
        assert _latex_to_text(first[field]) == HOSTILE[key], field
    assert _latex_to_text(first["booktitle"]) == HOSTILE["container-title"]
    assert "Müller über Straße, 中文" in bib  # non-ASCII text as it is (a UTF-8 .bib)
    # two authors: the organisation braced whole, so its "and" does not split it
    assert first["author"] == "O'Brien, Ann\\_Marie and {Barnes and Noble Research Group}"


def test_bibtex_urls_stay_verbatim_but_cannot_unbalance_the_field() -> None:
    item = {
        "type": "webpage",
        "title": "T",
        "URL": "https://example.org/a_b%20c?x=1&y=~z#frag",
        "DOI": "10.1000/{odd}\\",
    }
    fields = _bib_fields(to_bibtex([item, {"type": "book", "title": "After"}]))
    assert fields[0]["url"] == "https://example.org/a_b%20c?x=1&y=~z#frag"
    assert fields[0]["doi"] == "10.1000/%7Bodd%7D%5C"
    assert fields[1]["title"] == "After"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet='abcXYZ 09éü中\\{}%&$#_^~<>|@,.;:()[]/=+*"', min_size=1, max_size=40))
def test_any_title_reads_back_from_bibtex(title: str) -> None:
    title = " ".join(title.split())
    if not title:
        return
    entries = _bib_fields(to_bibtex([{"type": "book", "title": title}, {"type": "book", "title": "Next"}]))
    assert [_latex_to_text(e["title"]) for e in entries] == [title, "Next"]


def test_bibtex_keys_of_50000_items_of_one_author_and_year_are_unique_in_linear_time() -> None:
    item = {
        "type": "book",
        "title": "Harbour survey",
        "author": [{"family": "Quill"}],
        "issued": {"date-parts": [[2001]]},
    }

    def keys(n: int) -> tuple[float, list[str]]:
        start = time.perf_counter()
        bib = to_bibtex([item] * n)
        return time.perf_counter() - start, re.findall(r"^@book\{(\w+),$", bib, re.MULTILINE)

    small, _ = keys(5000)
    big, got = keys(50000)
    assert len(got) == len(set(got)) == 50000
    assert got[:3] == ["quill2001", "quill2001a", "quill2001b"] and got[27:29] == ["quill2001aa", "quill2001ab"]
    assert big < 30 * max(small, 0.01)


def test_ris_field_with_line_breaks_cannot_end_the_record_or_start_another() -> None:
    item = {
        "type": "book",
        "title": "Harbour\nER  -\nTY  - JOUR\nTI  - Injected",
        "author": [{"family": "Quill\r\nER  -", "given": "A."}],
        "note": "one\u2028TY  - BOOK\r\rtwo",
    }
    lines = to_ris([item, {"type": "book", "title": "Second"}]).splitlines()
    records = [ln for ln in lines if ln.startswith("TY  -")]
    assert records == ["TY  - BOOK", "TY  - BOOK"]
    assert [ln for ln in lines if ln.startswith("ER  -")] == ["ER  -", "ER  -"]
    assert "TI  - Harbour ER  - TY  - JOUR TI  - Injected" in lines
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", ln) or ln in ("ER  -", "") for ln in lines), lines


# ------------------------------------------------------------------------------------------------
# A URL followed by a quotation mark: the quote is not part of the link
# ------------------------------------------------------------------------------------------------

QUOTED_URLS = (
    "Tide Lines\n\n"
    'The survey is online; see "https://example.org/page". The maps are at https://example.org/x" and '
    'the tables at "https://example.org/tables/" with the notes "https://example.org/notes-" too. '
    "The glossary is 'https://example.org/glossary' and the wiki https://wiki.example.org/Hitchhiker's_Guide "
    'is cited, as is https://example.org/y"z in passing, and "doi:10.1234/abc".\n'
)
QUOTED_TARGETS = [
    "https://example.org/page",
    "https://example.org/x",
    "https://example.org/tables/",
    "https://example.org/notes-",
    "https://example.org/glossary",
    "https://wiki.example.org/Hitchhiker's_Guide",
    "https://example.org/y",
    "https://doi.org/10.1234/abc",
]


def test_quotes_after_a_url_are_curled_as_closing_and_quotes_in_it_are_left() -> None:
    assert curl('see "https://example.org/tables/".') == "see \u201chttps://example.org/tables/\u201d."
    assert curl('"https://example.org/notes-" too') == "\u201chttps://example.org/notes-\u201d too"
    assert curl("the wiki https://wiki.example.org/Hitchhiker's_Guide is") == (
        "the wiki https://wiki.example.org/Hitchhiker's_Guide is"
    )
    assert curl("It's \"quoted\" 'twice'") == "It\u2019s \u201cquoted\u201d \u2018twice\u2019"


def test_linkify_stops_before_any_quotation_mark() -> None:
    for quote in "\u201c\u201d\u2018\u2019\"'":
        out = linkify((Text(f"see {quote}https://example.org/dir/{quote} now"),))
        links = [n for n in out if isinstance(n, Link)]
        assert [n.url for n in links] == ["https://example.org/dir/"], quote


def test_url_before_a_quotation_mark_links_without_it_in_docx() -> None:
    data = convert(QUOTED_URLS.encode(), ConvertOptions(to="docx")).data
    d = docx.Document(io.BytesIO(data))
    targets = [rel.target_ref for rel in d.part.rels.values() if rel.is_external]
    assert targets == QUOTED_TARGETS
    body = "\n".join(p.text for p in d.paragraphs)
    assert "\u201chttps://example.org/tables/\u201d" in body and "\u201chttps://example.org/page\u201d." in body
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "\u201d" not in z.read("word/_rels/document.xml.rels").decode("utf-8")


def test_url_before_a_quotation_mark_links_without_it_in_pdf() -> None:
    data = convert(QUOTED_URLS.encode(), ConvertOptions(to="pdf")).data
    uris = [a.get_object()["/A"]["/URI"] for p in pypdf.PdfReader(io.BytesIO(data)).pages for a in p.get("/Annots", [])]
    assert uris == QUOTED_TARGETS


# ------------------------------------------------------------------------------------------------
# The refs commands on hostile files: decoded as the converter decodes, one-line errors
# ------------------------------------------------------------------------------------------------

LATIN1_REF = "Müller, A. (2001). Études sur la marée. Revue côtière, 3(1), 1-9.\n"


def _refs(args: list[str], stdin: bytes | None = None):
    return CliRunner().invoke(main, ["refs", *args], input=stdin)


def _one_line_error(result, name: str) -> None:
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert err.startswith(("Error: ", "essayconv: error: ")) and name in err, err


def test_refs_parse_decodes_a_latin1_file_as_the_converter_does(tmp_path) -> None:
    src = tmp_path / "refs-latin1.txt"
    src.write_bytes(LATIN1_REF.encode("latin-1"))
    for result in (_refs(["parse", str(src)]), _refs(["parse", "-"], src.read_bytes())):
        assert result.exit_code == 0, (result.stderr, result.exception)
        item = json.loads(result.stdout)
        assert item["author"][0]["family"] == "Müller" and item["title"] == "Études sur la marée"
    bib = _refs(["parse", str(src), "--to", "bibtex"])
    assert bib.exit_code == 0 and "Müller" in bib.stdout


def test_refs_parse_numbers_lines_of_a_crlf_utf16_file(tmp_path) -> None:
    src = tmp_path / "refs16.txt"
    src.write_bytes(("\r\n(((\r\n" + LATIN1_REF.replace("\n", "\r\n")).encode("utf-16"))
    result = _refs(["parse", str(src)])
    assert result.exit_code == 0
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["ref1", "ref2"]
    assert result.stderr.startswith(f"{src}:2: warning: could not parse the reference")


def test_refs_format_deeply_nested_json_is_a_one_line_error(tmp_path) -> None:
    src = tmp_path / "deep.json"
    src.write_text("[" * 100000)
    _one_line_error(_refs(["format", str(src), "--style", "apa"]), "deep.json")
    _one_line_error(_refs(["format", "-", "--style", "apa"], b'{"a": ' * 50000), "<stdin>")


def test_refs_format_non_utf8_json_is_a_one_line_error(tmp_path) -> None:
    src = tmp_path / "latin1.json"
    src.write_bytes(json.dumps([{"type": "book", "title": "Études"}], ensure_ascii=False).encode("latin-1"))
    result = _refs(["format", str(src), "--style", "apa"])
    _one_line_error(result, "latin1.json")
    assert "UTF-8" in result.stderr


def test_refs_format_other_bad_json_names_the_file(tmp_path) -> None:
    big = tmp_path / "bignum.json"
    big.write_text('[{"type": "book", "volume": ' + "9" * 5000 + "}]")
    _one_line_error(_refs(["format", str(big), "--style", "apa"]), "bignum.json")
    lines = tmp_path / "lines.json"
    lines.write_text('{"type": "book", "title": "A"}\n{"type": "book", "title": \n')
    result = _refs(["format", str(lines), "--style", "apa"])
    _one_line_error(result, "lines.json:2")
    notobj = tmp_path / "notobj.json"
    notobj.write_text("[1, 2]")
    _one_line_error(_refs(["format", str(notobj), "--style", "apa"]), "notobj.json")


def test_refs_format_reads_utf8_json_with_a_bom_and_utf16_json(tmp_path) -> None:
    item = [
        {
            "type": "book",
            "title": "Études côtières",
            "author": [{"family": "Quill", "given": "A."}],
            "issued": {"date-parts": [[2001]]},
        }
    ]
    for name, data in (
        ("bom.json", b"\xef\xbb\xbf" + json.dumps(item, ensure_ascii=False).encode()),
        ("utf16.json", json.dumps(item, ensure_ascii=False).encode("utf-16")),
    ):
        (tmp_path / name).write_bytes(data)
        result = _refs(["format", str(tmp_path / name), "--style", "apa"])
        assert result.exit_code == 0, result.stderr
        assert "Études côtières" in result.stdout


@pytest.mark.parametrize("args", [["parse"], ["format", "--style", "apa"]])
def test_refs_missing_file_is_one_line(args: list[str], tmp_path) -> None:
    result = _refs([args[0], str(tmp_path / "nope.txt"), *args[1:]])
    assert result.exit_code == 1 and "nope.txt" in result.stderr and "Traceback" not in result.stderr

"""Issue 15, the writers: a long preformatted block costs PDF time in proportion to its length, the files
are dated now (or at SOURCE_DATE_EPOCH), and a DOCX ships no blank thumbnail."""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import time
import zipfile

import docx
import pypdf
import pytest
from reportlab.platypus.paragraph import Paragraph as RLParagraph

from essayconv.convert import convert, read
from essayconv.diagnostics import ConversionError
from essayconv.layouts import layout_for
from essayconv.model import Document, Meta, Paragraph, Preformatted, Text
from essayconv.options import ConvertOptions
from essayconv.writers import docx as docx_writer
from essayconv.writers import pdf

_EPOCH = 1700000000
_AT_EPOCH = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def _short_lines(n: int) -> bytes:
    """A title, then ``n`` short lines with no blank line between them: read as one preformatted block."""
    return ("A Title\n\n" + "\n".join(f"Body text {i}." for i in range(1, n + 1)) + "\n").encode()


def _page_lines(data: bytes) -> list[list[tuple[float, float, str]]]:
    """Every line of text each page shows, with where it starts."""
    out = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        items: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, _size, items=items) -> None:  # noqa: ANN001
            if text.strip():
                items.append((round(tm[4] * cm[0] + cm[4], 2), round(tm[5] * cm[3] + cm[5], 2), text.strip()))

        page.extract_text(visitor_text=visit)
        out.append(items)
    return out


# ---- a long preformatted block ------------------------------------------------------------------------


def test_short_lines_with_no_blank_between_are_one_preformatted_block() -> None:
    doc = read(_short_lines(50))
    assert [type(b) for b in doc.blocks] == [Preformatted]


def test_a_pdf_of_thousands_of_preformatted_lines_is_made_in_bounded_time_with_all_its_text() -> None:
    # 8,000 lines took 15 s of CPU (quadratic: every page broke the lines of the whole rest again); now
    # under a second. Processor time, so that a busy machine does not fail it; the bound is generous.
    n = 8000
    data = _short_lines(n)
    start = time.process_time()
    out = convert(data, ConvertOptions(to="pdf")).data
    assert time.process_time() - start < 5.0
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out)).pages)
    found = [int(m) for m in re.findall(r"Body text (\d+)\.", text)]
    assert found == list(range(1, n + 1))


def test_the_lines_broken_grow_with_the_block_not_with_its_square(monkeypatch: pytest.MonkeyPatch) -> None:
    # machine-independent: count the lines reportlab breaks while it sets the document
    broken = [0]
    original = RLParagraph.breakLines

    def counting(self, width):  # noqa: ANN001, ANN202
        bl = original(self, width)
        broken[0] += len(bl.lines)
        return bl

    monkeypatch.setattr(RLParagraph, "breakLines", counting)
    n = 4000
    doc = Document(meta=Meta(title="T"), blocks=(Preformatted("\n".join(f"Body text {i}." for i in range(n))),))
    pdf.write(doc, layout_for("apa", None))
    assert broken[0] < 4 * n  # was about 150,000 (the rest of the block at each of its 70 pages)


def _mixed_block(lines: int) -> str:
    out = []
    for j in range(lines):
        if j % 17 == 5:
            out.append("")
        elif j % 13 == 7:
            out.append("    indented   columns  kept " + "x" * (j % 9))
        elif j % 29 == 3:
            out.append("a long line that wraps " * 6)
        else:
            out.append(f"Body text {j}.")
    return "\n".join(out)


def _block_after_paragraphs(before: int, lines: int) -> Document:
    """``before`` paragraphs of different lengths, the block, a paragraph: the block starts at different
    heights of a page."""
    blocks = [Paragraph((Text(" ".join(f"w{k}x{j}" for j in range(k % 23 + 1))),)) for k in range(before)]
    return Document(
        meta=Meta(title="T"),
        blocks=(*blocks, Preformatted(_mixed_block(lines)), Paragraph((Text("After the block."),))),
    )


@pytest.mark.parametrize("before,lines", [(0, 150), (3, 151), (5, 205), (8, 257), (19, 301), (36, 400)])
def test_a_long_block_is_set_as_the_one_paragraph_it_was(
    monkeypatch: pytest.MonkeyPatch, before: int, lines: int
) -> None:
    # the pieces a long block is set in put every line on the page and at the place the whole block as one
    # paragraph put it, page breaks between two pieces included (these cases have some)
    doc = _block_after_paragraphs(before, lines)
    layout = layout_for("apa", None)
    pieces = pdf.write(doc, layout)
    monkeypatch.setattr(pdf, "_pre_pieces", lambda ls: [ls])
    whole = pdf.write(doc, layout)
    assert _page_lines(pieces) == _page_lines(whole)


def test_the_cases_above_break_pages_between_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # (else the test above would not test the piece that starts a page)
    made = [0]
    original = pdf._Nothing.__init__

    def counting(self, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        made[0] += 1
        original(self, *a, **kw)

    monkeypatch.setattr(pdf._Nothing, "__init__", counting)
    for before, lines in [(5, 205), (19, 301)]:
        pdf.write(_block_after_paragraphs(before, lines), layout_for("apa", None))
    assert made[0] == 2


def test_pieces_keep_the_ends_of_the_block_two_lines_long() -> None:
    assert pdf._pre_pieces(["x"] * 100) == [["x"] * 100]
    pieces = pdf._pre_pieces(["x"] * 201)
    assert [len(p) for p in pieces] == [50, 50, 50, 51]
    assert all(len(p) >= 2 for p in pdf._pre_pieces(["y" * 5000] * 7))
    assert sum(pdf._pre_pieces(["y" * 5000] * 7), []) == ["y" * 5000] * 7


# ---- dates --------------------------------------------------------------------------------------------


def _essay() -> Document:
    return read(b"A Title\n\nA paragraph of the essay.\n")


def test_the_pdf_is_dated_now_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    meta = pypdf.PdfReader(io.BytesIO(pdf.write(_essay(), layout_for("apa", None)))).metadata
    after = dt.datetime.now(dt.UTC)
    assert meta is not None
    assert before <= meta.creation_date <= after  # was 1 January 2000
    assert meta.modification_date == meta.creation_date


def test_the_pdf_is_dated_at_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(_EPOCH))
    first = pdf.write(_essay(), layout_for("apa", None))
    meta = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert meta is not None
    assert meta.creation_date == _AT_EPOCH and meta.modification_date == _AT_EPOCH
    time.sleep(1.05)  # the next second: still the same bytes
    assert pdf.write(_essay(), layout_for("apa", None)) == first


def test_the_docx_is_dated_by_the_same_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cp = docx.Document(io.BytesIO(docx_writer.write(_essay(), layout_for("apa", None)))).core_properties
    after = dt.datetime.now(dt.UTC)
    assert before <= cp.created <= after and cp.modified == cp.created
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(_EPOCH))
    cp = docx.Document(io.BytesIO(docx_writer.write(_essay(), layout_for("apa", None)))).core_properties
    assert cp.created == _AT_EPOCH and cp.modified == _AT_EPOCH


@pytest.mark.parametrize("value", ["abc", "-5", "1.5e9", "99999999999999", "\u00b2"])
def test_a_source_date_epoch_that_is_not_a_time_is_refused_with_a_message(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    # was an internal error from reportlab (ValueError) or from datetime (year out of range)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for writer in (pdf.write, docx_writer.write):
        with pytest.raises(ConversionError, match="SOURCE_DATE_EPOCH"):
            writer(_essay(), layout_for("apa", None))


def test_a_source_date_epoch_past_the_zip_dates_still_makes_a_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2200, 1, 1, tzinfo=dt.UTC).timestamp())))
    data = docx_writer.write(_essay(), layout_for("apa", None))
    assert docx.Document(io.BytesIO(data)).core_properties.created.year == 2200
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].date_time[0] == 2107


# ---- the DOCX thumbnail -------------------------------------------------------------------------------


def test_the_docx_has_no_thumbnail_and_is_a_whole_package() -> None:
    data = docx_writer.write(_essay(), layout_for("apa", None))
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    assert not any("thumbnail" in n for n in names)  # python-docx's template shipped a blank one
    assert b"thumbnail" not in z.read("_rels/.rels")
    assert b"jpeg" not in z.read("[Content_Types].xml")
    # every part has a content type and every relationship a target
    types = z.read("[Content_Types].xml").decode()
    for name in names:
        if name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[1]
        assert f'PartName="/{name}"' in types or f'Extension="{ext}"' in types, name
    for rels in (n for n in names if n.endswith(".rels")):
        folder = rels.split("_rels/")[0]
        for target, mode in re.findall(r'Target="([^"]+)"( TargetMode="External")?', z.read(rels).decode()):
            if not mode:
                assert posixpath.normpath(folder + target).lstrip("/") in names, (rels, target)
    d = docx.Document(io.BytesIO(data))
    assert [p.text for p in d.paragraphs][-1] == "A paragraph of the essay."
    assert not any("thumbnail" in str(p.partname) for p in d.part.package.iter_parts())


@pytest.mark.skipif(not hasattr(__import__("signal"), "pthread_sigmask"), reason="no signal masks on this platform")
def test_ctrl_c_just_after_the_temporary_file_is_created_leaves_nothing(tmp_path, monkeypatch) -> None:
    # A Ctrl-C that lands while the temporary file is being created (the file exists, its name is not yet
    # known to the clean-up) left a '.NAME.XXXX.part' beside the outputs of an interrupted batch.
    import os
    import signal

    from essayconv import output

    real_open = os.open

    def open_then_ctrl_c(*args, **kwargs):
        fd = real_open(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return fd

    monkeypatch.setattr(output.os, "open", open_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(tmp_path / "essay.pdf", b"%PDF-1.4\n%%EOF\n")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_another_thread_runs_leaves_nothing(tmp_path, monkeypatch) -> None:
    # With another thread alive (a Dask client's, say) the kernel may hand the Ctrl-C to that thread, which
    # does not hold the signals; Python then ran the handler in the main thread inside the held block.
    import os
    import signal
    import threading
    import time

    from essayconv import output

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    real_open = os.open

    def open_then_ctrl_c(*args, **kwargs):
        fd = real_open(*args, **kwargs)
        signal.pthread_kill(other.ident, signal.SIGINT)  # delivered to the other thread
        time.sleep(0.05)  # (the main thread is told when the sleep ends, still inside the creation)
        return fd

    monkeypatch.setattr(output.os, "open", open_then_ctrl_c)
    try:
        with pytest.raises(KeyboardInterrupt):
            output.write_atomic(tmp_path / "essay.pdf", b"%PDF-1.4\n%%EOF\n")
    finally:
        stop.set()
    assert list(tmp_path.iterdir()) == []

"""The PDF writer's fast paths give what the slow ones gave: widths, font runs, note bookkeeping, lazy fonts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.paragraph import Paragraph as RLParagraph

from essayconv.layouts import layout_for
from essayconv.model import Document, Footnote, Meta, NoteRef, Paragraph, Preformatted, Text
from essayconv.writers import _pdf_fonts as fonts
from essayconv.writers import pdf

ROOT = Path(__file__).resolve().parent.parent

# text from the scripts the shipped fonts cover, some they do not, and characters that print as nothing
_ALPHABET = st.sampled_from(
    list(
        "abcXYZ 019.,;&<>\"'\u00a0\u00e9\u0142\u03b1\u2019\u2192\u21d2\u2211\u6f22\u304b\u200b\u0378\ue000\U0001f600\t"
    )
)


def _runs_char_by_char(text: str, primary: str) -> list[tuple[str, str]]:
    """runs() as it was before its one-run fast path: one look-up per character."""
    out: list[tuple[str, str]] = []
    for ch in text:
        fam = fonts.face_for(ch, primary)
        if fam == "":
            continue
        if fam is None:
            fam, ch = fonts.face_for("\ufffd", primary) or "EssaySymbols", "\ufffd"
        if out and out[-1][0] == fam:
            out[-1] = (fam, out[-1][1] + ch)
        else:
            out.append((fam, ch))
    return out


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
def test_runs_match_the_character_by_character_cut(text: str) -> None:
    for primary in (fonts.SERIF, fonts.MONO):
        assert fonts.runs(text, primary) == _runs_char_by_char(text, primary)


def test_runs_of_plain_text_are_one_run() -> None:
    assert fonts.runs("Plain words, \u00e9t\u00e9 & \u2019quotes\u2019.") == [
        (fonts.SERIF, "Plain words, \u00e9t\u00e9 & \u2019quotes\u2019.")
    ]
    assert fonts.runs("") == []
    assert fonts.runs("a\u21d2b") == [(fonts.SERIF, "a"), ("EssayFallback", "\u21d2"), (fonts.SERIF, "b")]


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=30))
def test_remembered_widths_are_reportlabs_to_the_bit(text: str) -> None:
    fonts.register()
    font = fonts.pdfmetrics.getFont(fonts.variant(fonts.SERIF, 0))
    assert isinstance(font, fonts._MeasuredFont)
    for size in (12, 10.5, 8.4):
        expected = TTFont.stringWidth(font, text, size)
        assert font.stringWidth(text, size) == expected  # measured ...
        assert font.stringWidth(text, size) == expected  # ... and remembered
        assert font.stringWidth(text.encode("utf8"), size) == expected


@given(st.text(_ALPHABET, max_size=30))
def test_escape_is_saxutils_escape(text: str) -> None:
    assert pdf.escape(text) == sax_escape(text)
    assert pdf._attr(text) == sax_escape(text, {'"': "&quot;"})


def _noted_paragraph_doc(notes: int) -> Document:
    """One long paragraph with a note mark every sentence: it runs over many pages."""
    content: list = []
    fns: list[Footnote] = []
    for k in range(1, notes + 1):
        content += [Text(f"Sentence {k} says the tide came in over the flats again. "), NoteRef(f"n{k}", str(k))]
        fns.append(Footnote(f"n{k}", (Text(f"Source {k}, a report on tides, page {k}."),)))
    return Document(meta=Meta(title="Notes"), blocks=(Paragraph(tuple(content)),), footnotes=tuple(fns))


def test_parts_of_a_split_paragraph_know_their_notes() -> None:
    """The note numbers handed to the parts of a split are those found in each part's own fragments."""
    story = pdf._Story(_noted_paragraph_doc(120), layout_for("chicago", None))
    flow = [f for f in story.build(lambda: []) if isinstance(f, pdf._NoteParagraph)]
    para = max(flow, key=lambda f: len(f.note_seq or ()))
    first = para.note_seq[0]
    assert para.note_seq == tuple(range(first, first + len(para.note_seq))) and len(para.note_seq) > 40
    width = story.text_width
    checked = 0
    for height in (200.0, 333.3, 560.0):
        para.wrap(width, height)
        parts = para._split(width, height)
        assert len(parts) == 2
        for part in parts:
            part.wrap(width, 1e6)
            assert part.note_numbers() == pdf._marks(part.frags)
            checked += len(part.note_seq)
    assert checked == 3 * len(para.note_seq)


def test_each_note_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes are measured once, not again for every split tried (that was quadratic in the notes of a
    paragraph), and set once more where they are drawn."""
    wraps: dict[int, int] = {}
    alive: list[RLParagraph] = []  # ids are only unique while the objects live: keep them all
    plain_wrap = RLParagraph.wrap

    def counting_wrap(self: RLParagraph, w: float, h: float) -> tuple[float, float]:
        if type(self) is RLParagraph:  # the notes and the page numbers
            if id(self) not in wraps:
                alive.append(self)
            wraps[id(self)] = wraps.get(id(self), 0) + 1
        return plain_wrap(self, w, h)  # type: ignore[no-any-return]

    monkeypatch.setattr(RLParagraph, "wrap", counting_wrap)
    doc = _noted_paragraph_doc(150)
    data = pdf.write(doc, layout_for("chicago", None))
    assert data.startswith(b"%PDF")
    assert len(wraps) > 150 and max(wraps.values()) == 2


def test_notes_of_a_long_paragraph_all_print() -> None:
    import io

    import pypdf

    data = pdf.write(_noted_paragraph_doc(150), layout_for("chicago", None))
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert all(f"Source {k}, a report" in text for k in range(1, 151))


def _fresh_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_fonts_are_parsed_only_when_used() -> None:
    out = _fresh_python("""
        from reportlab.pdfbase import pdfmetrics
        from essayconv.layouts import layout_for
        from essayconv.model import Document, Paragraph, Preformatted, Text
        from essayconv.writers import pdf
        pdf.write(Document(blocks=(Paragraph((Text("Plain words only."),)),)), layout_for("plain", None))
        print(sorted(pdfmetrics.getRegisteredFontNames()))
        pdf.write(Document(blocks=(Preformatted("x = 1"), Paragraph((Text("arrow \\u21d2"),)))),
                  layout_for("plain", None))
        print(sorted(pdfmetrics.getRegisteredFontNames()))
    """).splitlines()
    assert out[0] == "['EssaySerif']"  # no monospace, no fallback, no bold or italic face
    assert out[1] == "['EssayFallback', 'EssayMono', 'EssaySerif']"


def test_importing_the_writer_stays_lean() -> None:
    out = _fresh_python("""
        import sys
        import essayconv.writers.pdf
        print(sorted(m for m in ("urllib.request", "http.client", "ssl", "email", "xml.sax") if m in sys.modules))
    """)
    assert out == "[]"


def test_fonts_of_a_preformatted_block_without_text_are_ready() -> None:
    data = pdf.write(Document(blocks=(Preformatted("\n"), Paragraph((Text("after"),)))), layout_for("plain", None))
    assert data.startswith(b"%PDF")

"""Note styles: where the footnote mark goes in running text (Chicago: after the clause's punctuation)."""

from __future__ import annotations

import io

import docx
import pytest

from essayconv.citations import csl
from essayconv.citations.csl import place_note_marks
from essayconv.convert import convert
from essayconv.model import Cite, CiteItem, Document, Emph, NoteRef, Paragraph, Reference, Text, plain_text
from essayconv.options import ConvertOptions

ESSAY = """Hotels and Trafficking

Hotels have become central to trafficking networks (Jeng et al., 2022). Over time, staff training improved (Price & Bentele, 2023), and managers noticed.

References

Jeng, C. C., Huang, E., Meo, S., & Shelley, L. (2022). Combating sex trafficking: The role of the hotel. Religions, 13(2), 138.
Price, K., & Bentele, K. G. (2023). Defining worthy victims. Victims & Offenders, 18(3), 512–542.
"""

JENG = Reference(
    "jeng2022",
    raw="Jeng 2022",
    csl={
        "id": "jeng2022",
        "type": "article-journal",
        "title": "Combating sex trafficking",
        "container-title": "Religions",
        "author": [
            {"family": "Jeng", "given": "C. C."},
            {"family": "Huang", "given": "E."},
            {"family": "Meo", "given": "S."},
            {"family": "Shelley", "given": "L."},
        ],
        "issued": {"date-parts": [[2022]]},
        "volume": "13",
        "page": "138",
    },
)


def _note_doc(*content: object) -> Document:
    return Document(blocks=(Paragraph(tuple(content)),), references=(JENG,))  # type: ignore[arg-type]


def _cite() -> Cite:
    return Cite((CiteItem(author="Jeng et al.", year="2022", key="jeng2022"),), text="(Jeng et al., 2022)")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("central to trafficking networks ", ". Over time", "central to trafficking networks.1 Over time"),
        ("networks ", ", and then", "networks,1 and then"),
        ("networks ", "; and", "networks;1 and"),
        ("networks ", ": first", "networks:1 first"),
        ("networks ", " and more", "networks1 and more"),  # no punctuation: the mark just loses the space
        ("“moral networks” ", ". Then", "“moral networks.”1 Then"),  # American: period inside the quotes
        ("networks etc. ", ". Then", "networks etc.1 Then"),  # one period, not two
    ],
)
def test_mark_after_the_punctuation(before: str, after: str, expected: str) -> None:
    doc = csl.render(_note_doc(Text(before), _cite(), Text(after)), "chicago-notes")
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    assert plain_text(para.content) == expected
    # the model keeps the mark as a NoteRef inside the Cite, and its note holds the full reference
    cites = [n for n in para.content if isinstance(n, Cite)]
    assert cites and isinstance(cites[0].rendered[0], NoteRef)  # type: ignore[index]
    assert plain_text(doc.footnotes[-1].content).startswith("C. C. Jeng et al., “Combating Sex Trafficking,”")


def test_marks_inside_emphasis_and_author_date_styles_untouched() -> None:
    cite = Cite((CiteItem(key="jeng2022"),), text="(x)", rendered=(NoteRef("n1", "1"),))
    assert place_note_marks((Emph((Text("a claim "), cite, Text(". Rest"))),)) == (
        Emph((Text("a claim."), cite, Text(" Rest"))),
    )
    doc = csl.render(_note_doc(Text("networks "), _cite(), Text(". Over")), "apa")
    assert plain_text(doc.blocks[0].content) == "networks (Jeng et al., 2022). Over"  # type: ignore[union-attr]


def test_notes_through_convert_to_docx() -> None:
    result = convert(ESSAY, ConvertOptions(to="docx", style="chicago-notes"))
    body = [plain_text(b.content) for b in result.document.blocks if isinstance(b, Paragraph)]
    assert body[0] == (
        "Hotels have become central to trafficking networks.1 Over time, staff training improved,2 "
        "and managers noticed."
    )
    d = docx.Document(io.BytesIO(result.data))
    para = next(p for p in d.paragraphs if "trafficking networks" in p.text)
    # walk the runs: each footnote reference must come right after the text that ends in its punctuation
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    sequence: list[str] = []
    for run in para._p.iter(f"{w}r"):
        ref = run.find(f"{w}footnoteReference")
        if ref is not None:
            sequence.append(f"[fn{ref.get(f'{w}id')}]")
        else:
            sequence.append("".join(t.text or "" for t in run.iter(f"{w}t")))
    text = "".join(sequence)
    assert text == (
        "Hotels have become central to trafficking networks.[fn1] Over time, staff training improved,[fn2] "
        "and managers noticed."
    )


def test_a_short_note_uses_the_main_title_without_its_subtitle() -> None:
    # Chicago: the second note to a work is "Smith, The Long Road, 9", not the title and subtitle again
    from essayconv import ConvertOptions
    from essayconv.convert import process, read
    from essayconv.model import plain_text

    text = (
        "Suffrage\n\nThe vote came late (Smith, 2010, p. 4). It came through an amendment (Smith, 2010, p. 9).\n\n"
        "References\n\nSmith, J. (2010). The long road: Women and the vote in America, 1848-1920. "
        "Oxford University Press.\n"
    )
    doc = process(read(text), ConvertOptions(style="chicago-notes"))
    assert [plain_text(n.content) for n in doc.footnotes] == [
        "J. Smith, The Long Road: Women and the Vote in America, 1848-1920 (Oxford University Press, 2010), 4.",
        "Smith, The Long Road, 9.",
    ]

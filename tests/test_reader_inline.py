"""In-text citation recognition: which parenthetical and bracketed forms are citations, and their items."""

from __future__ import annotations

import pytest

from essayconv.model import Cite, CiteItem, Emph, NoteRef, Strong, Text, plain_text
from essayconv.readers.inline import parse_inlines


def cites(text: str, **kw: object) -> list[Cite]:
    return [n for n in parse_inlines(text, 7, **kw) if isinstance(n, Cite)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, source, items",
    [
        ("is essential (Jeng et al., 2022). Over", "(Jeng et al., 2022)", [CiteItem("Jeng et al.", "2022")]),
        ("needed (Kleygrewe et al.,2022).", "(Kleygrewe et al.,2022)", [CiteItem("Kleygrewe et al.", "2022")]),
        ("rules (Price & Bentele, 2023).", "(Price & Bentele, 2023)", [CiteItem("Price & Bentele", "2023")]),
        (
            "see (A, 2020; B & C, 2019) too",
            "(A, 2020; B & C, 2019)",
            [CiteItem("A", "2020"), CiteItem("B & C", "2019")],
        ),
        ("as (A, 2020, p. 5) says", "(A, 2020, p. 5)", [CiteItem("A", "2020", locator="5", label="page")]),
        ("(Lee, 2001, pp. 3–4)", "(Lee, 2001, pp. 3–4)", [CiteItem("Lee", "2001", locator="3–4", label="page")]),
        ("(Ortiz, n.d.)", "(Ortiz, n.d.)", [CiteItem("Ortiz", "n.d.")]),
        ("(Okafor, in press)", "(Okafor, in press)", [CiteItem("Okafor", "in press")]),
        (
            "(Okafor, in  press; Lee, 2001)",
            "(Okafor, in  press; Lee, 2001)",
            [CiteItem("Okafor", "in  press"), CiteItem("Lee", "2001")],
        ),
        ("(Ortiz, 2020a)", "(Ortiz, 2020a)", [CiteItem("Ortiz", "2020a")]),
        ("(Jeng et al. 138)", "(Jeng et al. 138)", [CiteItem("Jeng et al.", locator="138", label="page")]),
        ("(Postone 1993: 31)", "(Postone 1993: 31)", [CiteItem("Postone", "1993", locator="31", label="page")]),
        ("(e.g., Smith, 2020)", "(e.g., Smith, 2020)", [CiteItem("Smith", "2020", prefix="e.g., ")]),
        ("(Smith, 2019, 2021)", "(Smith, 2019, 2021)", [CiteItem("Smith", "2019"), CiteItem("Smith", "2021")]),
        ("(WHO, 2019)", "(WHO, 2019)", [CiteItem("WHO", "2019")]),
        (
            "(World Health Organization [WHO], 2020)",
            "(World Health Organization [WHO], 2020)",
            [CiteItem("World Health Organization [WHO]", "2020")],
        ),
        (
            "(Smith 2020, Jones 2019)",
            "(Smith 2020, Jones 2019)",
            [CiteItem("Smith", "2020"), CiteItem("Jones", "2019")],
        ),
        (
            "(Smith et al. 2020, 45)",
            "(Smith et al. 2020, 45)",
            [CiteItem("Smith et al.", "2020", locator="45", label="page")],
        ),
        ("(Lee, 2020, para. 4)", "(Lee, 2020, para. 4)", [CiteItem("Lee", "2020", locator="4", label="paragraph")]),
        ("[Reinecke: 1980]", "[Reinecke: 1980]", [CiteItem("Reinecke", "1980")]),
        ("[Reinecke-1980]", "[Reinecke-1980]", [CiteItem("Reinecke", "1980")]),
        ("[Weiss and Goodman: 1969]", "[Weiss and Goodman: 1969]", [CiteItem("Weiss and Goodman", "1969")]),
        ("[Ebashi S: 2009]", "[Ebashi S: 2009]", [CiteItem("Ebashi S", "2009")]),
        ("[Chaves;2008]", "[Chaves;2008]", [CiteItem("Chaves", "2008")]),
        ("(Chaves;2008)", "(Chaves;2008)", [CiteItem("Chaves", "2008")]),
        (
            "[Smith, 2010; Jones 2011]",
            "[Smith, 2010; Jones 2011]",
            [CiteItem("Smith", "2010"), CiteItem("Jones", "2011")],
        ),
        ("grew (Romano: 2017).", "(Romano: 2017)", [CiteItem("Romano", "2017")]),
        ("grew (Romano 2017 p. 4).", "(Romano 2017 p. 4)", [CiteItem("Romano", "2017", locator="4", label="page")]),
        (
            "(Anderson [1974]1979: 19)",
            "(Anderson [1974]1979: 19)",
            [CiteItem("Anderson", "1979", locator="19", label="page")],
        ),
        (
            "(Carson, 2004 for Ghana; Lee, 1995)",
            "(Carson, 2004 for Ghana; Lee, 1995)",
            [CiteItem("Carson", "2004", suffix="for Ghana"), CiteItem("Lee", "1995")],
        ),
        (
            "(rural males - Chowdhury & Ghosh, 2003)",
            "(rural males - Chowdhury & Ghosh, 2003)",
            [CiteItem("Chowdhury & Ghosh", "2003", prefix="rural males - ")],
        ),
        (
            "(R. Mancini, personal communication, February 21, 2008)",
            "(R. Mancini, personal communication, February 21, 2008)",
            [CiteItem("R. Mancini", "2008", suffix="personal communication, February 21")],
        ),
    ],
)
def test_parenthetical(text: str, source: str, items: list[CiteItem]) -> None:
    [c] = cites(text)
    assert c.text == source
    assert c.mode == "parenthetical"
    assert list(c.items) == items
    assert c.line == 7


def test_narrative_keeps_whole_text() -> None:
    [c] = cites("As Price and Bentele (2023) argue, laws differ.")
    assert c.text == "Price and Bentele (2023)"
    assert c.mode == "narrative"
    assert c.items == (CiteItem("Price and Bentele", "2023"),)
    [c] = cites("Jeng et al. (2022, p. 4) found")
    assert c.items == (CiteItem("Jeng et al.", "2022", locator="4", label="page"),)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("as [3]-[4] show", [("[3]-[4]", [3, 4])]),
        ("as [3] – [6] show", [("[3] – [6]", [3, 4, 5, 6])]),
        ("as [2],[3] show", [("[2],[3]", [2, 3])]),
        ("as [2] and [3] show", [("[2]", [2]), ("[3]", [3])]),
        ("in [2], as in [3]", [("[2]", [2]), ("[3]", [3])]),
    ],
)
def test_numbers_written_one_after_another_are_one_citation(text: str, groups: list[tuple[str, list[int]]]) -> None:
    assert [(c.text, [i.number for i in c.items]) for c in cites(text)] == groups


def test_numeric_forms() -> None:
    found = cites("Shown in [3], then [1, 3–5] and [5], [6].")
    assert [c.text for c in found] == ["[3]", "[1, 3–5]", "[5], [6]"]
    assert [i.number for i in found[1].items] == [1, 3, 4, 5]
    assert [i.number for i in found[2].items] == [5, 6]  # numbers written one after another: one citation
    assert all(c.mode == "numeric" for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "three steps: (1) plan, (2) act",
        "the Joint Headquarters (JH) said",
        "as noted (see above)",
        "as in (2020) it was",
        "(Table 2)",
        "(July 2007)",
        "(roughly 1000 red blood cells)",
        "In (2020) the law",
        "(Note: 2017 was dry)",
        "(Source: 2019 census)",
        "the word [sic] stays",
        "in [Smith 45] no year",
        "(Smith; Jones)",
    ],
)
def test_not_citations(text: str) -> None:
    assert cites(text) == []


def test_paren_numeric_only_when_asked() -> None:
    assert cites("rises (4).") == []
    [c] = cites("rises (1, 10).", paren_numeric=True)
    assert c.text == "(1, 10)" and [i.number for i in c.items] == [1, 10]


def test_mla_filter_by_reference_authors() -> None:
    assert [c.text for c in cites("(Hartwell 41) and (Group 4)", authors={"hartwell"})] == ["(Hartwell 41)"]
    assert cites("(Moss 12)", authors={"hartwell"}) == []


def test_text_is_preserved_exactly() -> None:
    text = "Before (Jeng et al., 2022), middle [2] and Price (2023) end."
    nodes = parse_inlines(text)
    assert plain_text(nodes) == text
    assert isinstance(nodes[0], Text)


def test_note_marks_become_noterefs() -> None:
    nodes = parse_inlines("as shown by them.1 Later text, with 2010 data.", note_marks={"1": "fn1"})
    refs = [n for n in nodes if isinstance(n, NoteRef)]
    assert refs == [NoteRef("fn1", "1")]
    assert plain_text(nodes) == "as shown by them.1 Later text, with 2010 data."


def test_bracketed_and_html_note_marks() -> None:
    nodes = parse_inlines("older than roads.[1] and <sup>2</sup> here [3]", note_marks={"[1]": "fn1", "2": "fn2"})
    assert [n for n in nodes if isinstance(n, NoteRef)] == [NoteRef("fn1", "[1]"), NoteRef("fn2", "<sup>2</sup>")]
    assert [c.text for c in nodes if isinstance(c, Cite)] == ["[3]"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putnam's *Bowling Alone* argued", (Text("Putnam's "), Emph((Text("Bowling Alone"),)), Text(" argued"))),
        ("in _The Great Gatsby_, Nick", (Text("in "), Emph((Text("The Great Gatsby"),)), Text(", Nick"))),
        ("**Note.** The data", (Strong((Text("Note."),)), Text(" The data"))),
        # not emphasis: code, a significance star, genetics' notation, arithmetic, names with underscores
        ("freq=2.*pi.*[2:10]", (Text("freq=2.*pi.*[2:10]"),)),
        ("p < .05* for both", (Text("p < .05* for both"),)),
        ("the _b+_ allele", (Text("the _b+_ allele"),)),
        ("a * b * c", (Text("a * b * c"),)),
        ("see file_name_here", (Text("see file_name_here"),)),
    ],
)
def test_emphasis_typed_as_markdown_in_plain_text(text: str, expected: tuple) -> None:
    assert parse_inlines(text, 1) == expected


def test_emphasis_reaches_the_docx_without_its_asterisks() -> None:
    import io

    import docx

    from essayconv.convert import convert
    from essayconv.options import ConvertOptions

    essay = "Civic Life\n\nPutnam's *Bowling Alone* argued that leagues declined (Putnam, 2000).\n"
    data = convert(essay, ConvertOptions(to="docx"), source_name="e.txt").data
    runs = [(r.text, r.italic) for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs]
    assert ("Bowling Alone", True) in runs and not any("*" in t for t, _ in runs)

"""Multi-work citations: sorting, cite grouping and collapsing as each style's CSL says (citeproc-js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from essayconv.citations import csl
from essayconv.convert import convert
from essayconv.model import Cite, CiteItem, Document, Paragraph, Reference, plain_text
from essayconv.options import ConvertOptions

ESSAY = """Sleep and Students

Sleep shapes memory (Walker & Stickgold, 2004; Hershner & Chervin, 2014). Later work agreed (Smith, 2020b; Smith, 2018; Smith, 2020a).

References

Hershner, S. D., & Chervin, R. D. (2014). Causes and consequences of sleepiness among college students. Nature and Science of Sleep, 6, 73–84.
Smith, J. (2018). Early findings on rest. Journal of Rest, 2(1), 1–9.
Smith, J. (2020a). Alpha results on rest. Journal of Rest, 4(1), 10–19.
Smith, J. (2020b). Beta results on rest. Journal of Rest, 4(2), 20–29.
Walker, M. P., & Stickgold, R. (2004). Sleep-dependent learning and memory consolidation. Neuron, 44(1), 121–133.
"""


def _first_paragraph(style: str) -> str:
    doc = convert(ESSAY, ConvertOptions(to="json", style=style)).document
    return next(plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph))


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # APA sorts by author and collapses one author's years
        (
            "apa",
            "Sleep shapes memory (Hershner & Chervin, 2014; Walker & Stickgold, 2004). "
            "Later work agreed (Smith, 2018, 2020a, 2020b).",
        ),
        # Chicago author-date has no citation sort: the order written stays; years still collapse
        (
            "chicago",
            "Sleep shapes memory (Walker and Stickgold 2004; Hershner and Chervin 2014). "
            "Later work agreed (Smith 2020b, 2018, 2020a).",
        ),
        # Harvard sorts by year only
        (
            "harvard",
            "Sleep shapes memory (Walker and Stickgold, 2004; Hershner and Chervin, 2014). "
            "Later work agreed (Smith, 2018, 2020a, 2020b).",
        ),
        # IEEE's CSL sorts by number and does not collapse
        ("ieee", "Sleep shapes memory [1], [2]. Later work agreed [3], [4], [5]."),
        ("vancouver", "Sleep shapes memory (1,2). Later work agreed (3–5)."),
        # superscript numbers follow the punctuation, with no space before them
        ("nature", "Sleep shapes memory.1,2 Later work agreed.3–5"),
        ("ama", "Sleep shapes memory.1,2 Later work agreed.3–5"),
        # MLA neither sorts nor collapses
        (
            "mla",
            "Sleep shapes memory (Walker and Stickgold; Hershner and Chervin). Later work agreed "
            "(Smith, “Beta Results on Rest”; Smith, “Early Findings on Rest”; Smith, “Alpha Results on Rest”).",
        ),
    ],
)
def test_multi_cite_through_the_pipeline(style: str, expected: str) -> None:
    assert _first_paragraph(style) == expected


# ------------------------------------------------------------------------------ own CSL styles


def _ref(rid: str, family: str, year: int, title: str) -> Reference:
    return Reference(
        rid,
        raw=rid,
        csl={
            "id": rid,
            "type": "book",
            "title": title,
            "author": [{"family": family, "given": "Jo"}],
            "issued": {"date-parts": [[year]]},
        },
    )


REFS = (
    _ref("s2000a", "Smith", 2000, "Paper A"),
    _ref("s2000b", "Smith", 2000, "Paper B"),
    _ref("s2000c", "Smith", 2000, "Paper C"),
    _ref("s2000d", "Smith", 2000, "Paper D"),
    _ref("s2001", "Smith", 2001, "Paper E"),
    _ref("b2010", "Brown", 2010, "Paper F"),
)


def _style(tmp_path: Path, citation_attrs: str, layout: str, bib_sort: bool = True) -> str:
    sort = '<sort><key variable="title"/></sort>' if bib_sort else ""
    path = tmp_path / "own.csl"
    path.write_text(
        f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>own</id><title>own</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation {citation_attrs}>{layout}</citation>
  <bibliography>{sort}<layout><text variable="title"/></layout></bibliography>
</style>""",
        encoding="utf-8",
    )
    return str(path)


AUTHOR_YEAR = """<layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=" "><names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date></group>
      <text variable="year-suffix"/></layout>"""


def _render(style: str, *cites: tuple[str, ...], locators: dict[str, str] | None = None) -> list[str]:
    locators = locators or {}
    paras = tuple(
        Paragraph((Cite(tuple(CiteItem(key=k, locator=locators.get(k)) for k in keys), text="(x)"),)) for keys in cites
    )
    doc = csl.render(Document(blocks=paras, references=REFS), style)
    return [plain_text(p.content) for p in doc.blocks]  # type: ignore[union-attr]


def test_year_suffix_ranged_collapse(tmp_path: Path) -> None:
    style = _style(
        tmp_path,
        'collapse="year-suffix-ranged" disambiguate-add-year-suffix="true" year-suffix-delimiter=","',
        AUTHOR_YEAR,
    )
    assert _render(
        style, ("s2000a", "s2000b", "s2000c", "s2000d", "s2001", "b2010"), ("s2000a", "s2000c", "s2000d", "s2001")
    ) == [
        "(Smith 2000a–d; 2001; Brown 2010)",
        "(Smith 2000a,c,d; 2001)",  # a range needs three suffixes in a row
    ]


def test_year_suffix_collapse_with_cite_group_delimiter(tmp_path: Path) -> None:
    style = _style(
        tmp_path, 'collapse="year-suffix" disambiguate-add-year-suffix="true" cite-group-delimiter=", "', AUTHOR_YEAR
    )
    # cite grouping brings the second Smith after the first, before Brown
    assert _render(style, ("s2000a", "b2010", "s2000b", "s2001")) == ["(Smith 2000a, b, 2001; Brown 2010)"]


def test_year_collapse_after_collapse_delimiter_and_locators(tmp_path: Path) -> None:
    style = _style(
        tmp_path,
        'collapse="year" disambiguate-add-year-suffix="true" after-collapse-delimiter="; "',
        AUTHOR_YEAR.replace('delimiter="; "', 'delimiter=", "').replace(
            '<text variable="year-suffix"/>', '<text variable="year-suffix"/><text variable="locator" prefix=", "/>'
        ),
    )
    assert _render(style, ("s2000a", "s2001", "b2010")) == ["(Smith 2000a, 2001; Brown 2010)"]
    # a cite with a locator is followed by the after-collapse delimiter inside its group
    assert _render(style, ("s2000a", "s2001"), locators={"s2000a": "5"}) == ["(Smith 2000a, 5; 2001)"]


NUMBERED = """<layout prefix="(" suffix=")" delimiter=",">
      <group prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/>
        <text variable="locator"/></group></layout>"""


def test_citation_number_ranges(tmp_path: Path) -> None:
    style = _style(
        tmp_path,
        'collapse="citation-number"',
        '<sort><key variable="citation-number"/></sort>' + NUMBERED,
        bib_sort=False,
    )
    # numbers follow first citation; ranges need three in a row; a locator breaks a range
    assert _render(
        style,
        ("s2000a", "s2000b", "s2000c", "s2001"),
        ("s2000d", "s2000a"),
        ("s2000c", "s2000b", "s2000a", "b2010", "s2001"),
    ) == [
        "([1]–[4])",
        "([1],[5])",
        "([1]–[4],[6])",
    ]
    assert _render(style, ("s2000a", "s2000b", "s2000c"), locators={"s2000b": "23"}) == ["([1],[2, 23],[3])"]
    assert _render(style, ("s2000a", "s2000b", "s2000b", "s2000c")) == ["([1],[2],[2],[3])"]  # no range over a repeat


def test_citation_number_without_collapse_keeps_each_number(tmp_path: Path) -> None:
    style = _style(tmp_path, "", '<sort><key variable="citation-number"/></sort>' + NUMBERED, bib_sort=False)
    assert _render(style, ("s2000c", "s2000b", "s2000a")) == ["([1],[2],[3])"]


def test_no_citation_sort_keeps_the_order_written(tmp_path: Path) -> None:
    style = _style(tmp_path, "", AUTHOR_YEAR)
    assert _render(style, ("b2010", "s2001")) == ["(Brown 2010; Smith 2001)"]
    assert _render(style, ("s2001", "b2010")) == ["(Smith 2001; Brown 2010)"]


def test_implicit_year_suffix_when_the_style_never_prints_it(tmp_path: Path) -> None:
    style = _style(
        tmp_path, 'disambiguate-add-year-suffix="true"', AUTHOR_YEAR.replace('<text variable="year-suffix"/>', "")
    )
    assert _render(style, ("s2000a",), ("s2000b",)) == ["(Smith 2000a)", "(Smith 2000b)"]


AFFIX_ESSAY = """Hotels and Trafficking

Hotels matter (see Jeng et al., 2022, p. 4, emphasis added). Training helps (e.g., Price & Bentele, 2023).

References

Jeng, C. C., Huang, E., Meo, S., & Shelley, L. (2022). Combating sex trafficking: The role of the hotel. Religions, 13(2), 138.
Price, K., & Bentele, K. G. (2023). Defining worthy victims. Victims & Offenders, 18(3), 512–542.
"""


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "apa",
            "Hotels matter (see Jeng et al., 2022, p. 4, emphasis added). Training helps (e.g., Price & Bentele, 2023).",
        ),
        # IEEE's brackets belong to the number, so the words stay outside them (as in citeproc-js)
        ("ieee", "Hotels matter see [1, p. 4], emphasis added. Training helps e.g., [2]."),
    ],
)
def test_cite_prefix_and_comment_are_kept(style: str, expected: str) -> None:
    doc = convert(AFFIX_ESSAY, ConvertOptions(to="json", style=style)).document
    assert next(plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph)) == expected


def test_note_keeps_prefix_and_comment() -> None:
    doc = convert(AFFIX_ESSAY, ConvertOptions(to="json", style="chicago-notes")).document
    assert [plain_text(f.content) for f in doc.footnotes][0] == (
        "see C. C. Jeng et al., “Combating Sex Trafficking: The Role of the Hotel,” Religions 13, no. 2 (2022): 4, "
        "emphasis added."
    )

"""The citeproc-py compatibility layer: one test per citeproc-js behaviour it reproduces."""

from __future__ import annotations

import pytest

from essayconv.citations import compat
from essayconv.citations.csl import format_bibliography, render_bench


def art(id_: str, **kw: object) -> dict:
    base = {
        "id": id_,
        "type": "article-journal",
        "author": [{"family": "Okafor", "given": "Ngozi"}],
        "issued": {"date-parts": [[2019]]},
        "title": "Tides and trade",
        "container-title": "Coastal Review",
        "volume": "7",
        "page": "101-118",
    }
    base.update(kw)
    return base


def bib(items: list[dict], style: str) -> list[str]:
    return format_bibliography(items, style).splitlines()


def cites(items: list[dict], style: str) -> dict[str, str | None]:
    return render_bench(items, style)["cite"]


# ------------------------------------------------------------------ text case


@pytest.mark.parametrize(
    ("raw", "titled"),
    [
        ("the role of the hotel—moral and ethical questions", "The Role of the Hotel—Moral and Ethical Questions"),
        ("employee well-being during the pandemic", "Employee Well-Being during the Pandemic"),
        ("cDNA sequences from the alpha subunit", "cDNA Sequences from the Alpha Subunit"),
        ("impact melt from craters (abstract", "Impact Melt from Craters (Abstract"),
        ("rejets dus à l’énergie", "Rejets Dus à l’énergie"),
        ("a run for their money in barron’s", "A Run for Their Money in Barron’s"),
        ("what it is about", "What It Is About"),
    ],
)
def test_title_case(raw: str, titled: str) -> None:
    assert compat.title_case(raw) == titled


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("given", "out"),
    [
        ("Nicolas", "Nicolas"),
        ("A. C", "A. C."),
        ("J.L", "J. L."),
        ("G-Q", "G. Q."),
        ("PA", "PA"),
        ("Hans-Peter", "Hans-Peter"),
    ],
)
def test_initialize_false_keeps_given_names_and_normalises_initials(given: str, out: str) -> None:
    assert compat.initials_only(given, ". ") == out


def test_mla_prints_full_given_names() -> None:
    line = bib([art("a", author=[{"family": "Okafor", "given": "Ngozi A"}])], "mla")[0]
    assert line.startswith("Okafor, Ngozi A. “Tides and Trade.” Coastal Review")


def test_particles_are_demoted_in_chicago() -> None:
    line = bib([art("a", author=[{"family": "de la Cruz", "given": "Ana"}])], "chicago-author-date")[0]
    assert line.startswith("Cruz, Ana de la. 2019.")


def test_csl_102_name_variables_render() -> None:
    film = {
        "id": "f",
        "type": "motion_picture",
        "title": "The long tide",
        "director": [{"family": "Osei", "given": "Kwame"}],
        "publisher": "Harbour Films",
        "issued": {"date-parts": [[2011]]},
    }
    line = bib([film], "mla")[0]
    assert "Directed by Kwame Osei" in line


def test_names_inside_substitute_keep_the_outer_name_options() -> None:
    book = {
        "id": "b",
        "type": "book",
        "title": "Shore lines",
        "editor": [{"family": "Mensah", "given": "Ama"}, {"family": "Lind", "given": "Erik"}],
        "publisher": "Tidewater",
        "issued": {"date-parts": [[2015]]},
    }
    assert bib([book], "chicago-author-date")[0].startswith("Mensah, Ama, and Erik Lind, eds. 2015. Shore Lines.")


# ------------------------------------------------------------------ numbers and pages


@pytest.mark.parametrize(
    ("first", "last", "fmt", "out"),
    [
        ("321", "28", "expanded", "328"),
        ("321", "328", "minimal", "8"),
        ("321", "328", "minimal-two", "28"),
        ("3", "10", "minimal-two", "10"),
        ("1", "19", "minimal", "19"),
        ("1", "20", "chicago-16", "20"),
        ("71", "72", "chicago-16", "72"),
        ("107", "108", "chicago-16", "8"),
        ("321", "328", "chicago-16", "28"),
        ("1496", "1504", "chicago-15", "1504"),
        ("2462", "50", "minimal-two", "50"),
        ("983", "95", None, "95"),
    ],
)
def test_page_range_formats(first: str, last: str, fmt: str | None, out: str) -> None:
    assert compat.format_page_range(first, last, fmt) == out


def test_page_ranges_in_entries() -> None:
    assert bib([art("a", page="573-77")], "apa")[0].endswith("7, 573–577.")
    assert bib([art("a", page="573-77")], "mla")[0].endswith("pp. 573–77.")
    assert bib([art("a", page="A-349")], "apa")[0].endswith("7, A-349.")


@pytest.mark.parametrize(
    ("value", "numeric", "plural"),
    [
        ("12", True, False),
        ("2019-14", True, True),
        ("2, 4", True, True),
        ("63, (16", True, True),
        ("A/HRC/26/36/Add.1", False, False),
        ("Pp. 15-29", False, False),
        ("12a", True, False),
    ],
)
def test_numeric_and_plural_numbers(value: str, numeric: bool, plural: bool) -> None:
    assert compat._is_numeric_text(value) is numeric
    assert (compat._is_numeric_text(value) and compat._MULTIPLE.search(value) is not None) is plural


# ------------------------------------------------------------------ punctuation and quotes


def test_punctuation_moves_inside_quotes_in_en_us() -> None:
    assert "“Tides and Trade.” Coastal Review" in bib([art("a")], "mla")[0]
    assert "“Tides and trade,” Coastal Review" in bib([art("a")], "ieee")[0]


def test_quotes_in_a_quoted_title_become_inner_quotes() -> None:
    line = bib([art("a", title='Rethinking "resilience" at sea')], "mla")[0]
    assert "“Rethinking ‘Resilience’ at Sea.”" in line


def test_apostrophes_are_typographic() -> None:
    line = bib([art("a", author=[{"family": "O'Hara", "given": "Sean"}], title="The sea's edge")], "apa")[0]
    assert line.startswith("O’Hara, S. (2019). The sea’s edge.")


def test_no_double_period_after_et_al_or_question_mark() -> None:
    many = [{"family": f"N{i}", "given": "A"} for i in range(8)]
    line = bib([art("a", author=many, title="Does it float?")], "nature")[0]
    assert "N0, A. et al. Does it float? Coastal Review" in line


def test_superscript_characters_become_superscript() -> None:
    html = format_bibliography([art("a", title="Area in m²")], "apa", html=True)
    assert "Area in m<sup>2</sup>" in html


# ------------------------------------------------------------------ groups, labels, dates


def test_empty_variable_suppresses_its_group() -> None:
    thesis = {
        "id": "t",
        "type": "thesis",
        "author": [{"family": "Okafor", "given": "N."}],
        "title": "Salt marsh economics",
        "genre": "Master’s thesis",
        "publisher": "Delta University",
        "issued": {"date-parts": [[2020]]},
        "URL": "https://example.org/t",
    }
    # citeproc-py printed "(Publication)" here: a group whose only variable (number) is empty
    assert bib([thesis], "apa")[0] == (
        "Okafor, N. (2020). Salt marsh economics [Master’s thesis, Delta University]. https://example.org/t"
    )


def test_label_without_its_variable_renders_nothing() -> None:
    note = {
        "id": "p",
        "type": "article-journal",
        "author": [{"family": "Okafor", "given": "Ngozi"}],
        "genre": "Personal communication",
        "issued": {"date-parts": [[2005]]},
    }
    assert bib([note], "chicago-author-date")[0] == "Okafor, Ngozi. 2005. Personal communication."


def test_localized_date_delimiter() -> None:
    line = bib([art("a", issued={"date-parts": [[2019, 3]]})], "vancouver-nlm")[0]
    assert "Coastal Review. 2019 Mar;7:101–18." in line


@pytest.mark.parametrize(
    "date",
    [
        "2020-05",
        {"date-parts": [["2020", "5"]]},
        {"date-parts": [[]]},
        {"raw": "2020"},
        {"date-parts": [[2020, 13]]},
        {"literal": "Spring 2020"},
    ],
)
def test_dates_in_any_shape_do_not_crash(date: object) -> None:
    line = bib([art("a", issued=date)], "apa")[0]
    assert line.startswith("Okafor, N. (")


# ------------------------------------------------------------------ substitution


def test_substituted_title_is_not_repeated() -> None:
    web = {
        "id": "w",
        "type": "webpage",
        "title": "Harbour statistics",
        "URL": "https://example.org/h",
        "issued": {"date-parts": [[2021]]},
    }
    assert bib([web], "apa")[0] == "Harbour statistics. (2021). https://example.org/h"


def test_substituted_editors_are_not_repeated() -> None:
    book = {
        "id": "b",
        "type": "book",
        "title": "Shore lines",
        "editor": [{"family": "Mensah", "given": "Ama"}],
        "publisher": "Tidewater",
        "issued": {"date-parts": [[2015]]},
    }
    assert bib([book], "apa")[0] == "Mensah, A. (Ed.). (2015). Shore lines. Tidewater."


def test_subsequent_author_substitute() -> None:
    lines = bib([art("a"), art("b", title="Nets and knots")], "mla")
    assert lines[0].startswith("———. “Nets and Knots.”") or lines[1].startswith("———. “Tides")
    assert sum(line.startswith("Okafor, Ngozi.") for line in lines) == 1


# ------------------------------------------------------------------ disambiguation


def test_disambiguate_condition_only_when_ambiguous() -> None:
    items = [art("a"), art("b", title="Nets and knots"), art("c", author=[{"family": "Tan", "given": "Wei"}])]
    got = cites(items, "mla")
    assert got["c"] == "(Tan)"
    assert got["a"] == "(Okafor, “Tides and Trade”)" and got["b"] == "(Okafor, “Nets and Knots”)"


def test_year_suffixes_follow_bibliography_order() -> None:
    items = [art("z", title="Waves"), art("y", title="Anchors")]
    got = cites(items, "apa")
    assert got == {"z": "(Okafor, 2019b)", "y": "(Okafor, 2019a)"}
    assert bib(items, "apa")[0].startswith("Okafor, N. (2019a). Anchors.")


def test_given_names_added_for_different_people() -> None:
    items = [art("a"), art("b", author=[{"family": "Okafor", "given": "Chidi"}], issued={"date-parts": [[2001]]})]
    got = cites(items, "apa")
    assert got == {"a": "(N. Okafor, 2019)", "b": "(C. Okafor, 2001)"}


def test_names_added_until_citations_differ() -> None:
    team1 = [
        {"family": "Okafor", "given": "Ngozi"},
        {"family": "Green", "given": "Tom"},
        {"family": "White", "given": "Sue"},
    ]
    team2 = [
        {"family": "Okafor", "given": "Ngozi"},
        {"family": "Black", "given": "Pat"},
        {"family": "Grey", "given": "Lu"},
    ]
    got = cites([art("a", author=team1), art("b", author=team2, title="Other")], "apa")
    assert got == {"a": "(Okafor, Green, et al., 2019)", "b": "(Okafor, Black, et al., 2019)"}


def test_second_field_align_label_is_separate() -> None:
    html = format_bibliography([art("a")], "ieee", html=True)
    assert '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">N. Okafor,' in html


def test_seam_looks_through_formatting() -> None:
    from essayconv.citations.formatter import Italic

    assert compat.normalize_seam(Italic("et al."), ".") == ""
    assert compat.normalize_seam("Why?", ".") == ""
    assert compat.normalize_seam("A,", ", ") == " "


def test_subsequent_author_substitute_keeps_the_period_after_initials() -> None:
    a = art("a", author=[{"family": "Okafor", "given": "N."}], title="Anchors")
    b = art("b", author=[{"family": "Okafor", "given": "N."}], title="Buoys", type="book")
    lines = bib([a, b], "mla")
    assert lines[1].startswith("———. Buoys.")


def test_sort_keys_ignore_formatting_and_quotes() -> None:
    # an italic book title and a quoted article title sort by their words alone
    a = art("a", title="Self-organized maps", author=[{"family": "Tan", "given": "W."}])
    b = {
        "id": "b",
        "type": "book",
        "title": "Self-organizing maps",
        "author": [{"family": "Tan", "given": "W."}],
        "publisher": "Harbour",
        "issued": {"date-parts": [[2001]]},
    }
    lines = bib([b, a], "mla")
    assert lines[0].startswith("Tan, W. “Self-Organized Maps.”") and lines[1].startswith("———. Self-Organizing Maps.")


def test_capitalize_first_leaves_words_with_inner_capitals() -> None:
    assert compat._capitalize_first("arXiv preprint") == "arXiv preprint"
    assert compat._capitalize_first("\ue000preprint") == "\ue000Preprint"


def test_plural_page_label_for_lettered_ranges() -> None:
    assert bib([art("a", page="99S-324")], "ieee")[0].endswith("pp. 99S – 324, 2019.")


def test_superscript_digits_in_names() -> None:
    html = format_bibliography([art("a", author=[{"family": "Rinc³n", "given": "M."}])], "apa", html=True)
    assert "Rinc<sup>3</sup>n, M." in html


def test_no_date_term_keeps_its_group() -> None:
    undated = {"id": "u", "type": "book", "title": "Harbour lore", "author": [{"family": "Tan", "given": "Wei"}]}
    assert bib([undated], "chicago-notes-bibliography")[0] == "Tan, Wei. Harbour Lore. n.d."
    assert cites([undated], "harvard")["u"] == "(Tan, no date)"


def test_memoised_xpath_gives_lxml_answers() -> None:
    from essayconv.citations.csl import Session
    from essayconv.citations.styles import resolve_style

    root = Session(resolve_style("apa"), []).style.root
    name = root.xpath_search(".//cs:name")[0]
    expr = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
    assert name.xpath_search(expr) == name.xpath(expr, namespaces=name.nsmap)
    assert name.xpath_search(expr) == name.xpath_search(expr)  # a fresh list each time, same nodes
    assert name.xpath_search(expr) is not name.xpath_search(expr)


def test_remembered_child_lookup_follows_an_inserted_name() -> None:
    # ``names.name`` is kept on the element after the first lookup; citeproc inserting a cs:name
    # into a cs:names without one (its only change to a tree) must be seen by the next lookup
    from lxml import etree

    xml = (
        f'<style xmlns="{compat.CSL_NS}"><macro name="m"><names variable="author">'
        '<label form="short"/></names></macro></style>'
    )
    root = etree.fromstring(xml.encode(), compat.make_parser())
    names = root.xpath_search(".//cs:names")[0]
    assert names.name is None and names.label is not None
    assert names.name is None  # (answered from the element this time)
    name = names.makeelement(f"{{{compat.CSL_NS}}}name", {})
    names.insert(0, name)
    assert names.name is name
    assert names.label is not None and names.label.tag.endswith("label")


def test_nested_groups_count_as_one_variable() -> None:
    # IEEE keeps "[Online]" although the access date beside it is empty; Vancouver drops
    # "Located at" when everything it introduces is empty
    web = art("w", URL="https://example.org/t", type="report", publisher="Harbour Institute")
    assert "[Online]. Available: https://example.org/t" in bib([web], "ieee")[0]
    assert "Located at" not in bib([art("a", DOI="10.1000/x")], "vancouver-nlm")[0]


def test_single_quoted_phrase_in_data_and_its_own_comma() -> None:
    item = art("a", title="Reply to 'Tides and trade', by N. Okafor")
    # a quotation in the data: outer quotes at top level, inner ones inside a quoted title; the
    # comma typed after it stays outside (punctuation-in-quote moves only the style's punctuation)
    assert "Reply to “Tides and trade”, by N. Okafor." in bib([item], "apa")[0]
    assert "“Reply to ‘Tides and Trade’, by N. Okafor.”" in bib([item], "mla")[0]
    assert compat.prepare_text("the students' work") == "the students’ work"


# ------------------------------------------------------------------ issue 5 follow-ups


def test_nocase_span_keeps_its_case_and_quotes_still_nest() -> None:
    title = 'tides and the <span class="nocase">iPhone</span> "boom" of trade'
    assert bib([art("a", title=title)], "chicago") == [
        "Okafor, Ngozi. 2019. “Tides and the iPhone ‘Boom’ of Trade.” Coastal Review 7: 101–18."
    ]


@pytest.mark.parametrize(
    ("given", "mark", "out"),
    [
        ("Ph.M.E.", ". ", "Ph. M. E."),
        ("Ph.M.E.", "", "PhME"),
        ("Ts.", ". ", "Ts."),
        ("ME.", "", "ME"),
        ("John M.E.", ". ", "J. M. E."),
        ("Jean-Paul", ". ", "J.-P."),
        ("Nolan J.", "", "NJ"),
    ],
)
def test_abbreviated_given_names_are_not_cut_to_one_letter(given: str, mark: str, out: str) -> None:
    assert compat.initialize_given(given, mark, True) == out


def test_abbreviated_given_names_in_a_bibliography() -> None:
    authors = [{"family": "Tserendorj", "given": "Ts."}, {"family": "Hudson", "given": "Ph.M.E."}]
    assert bib([art("a", author=authors)], "apa") == [
        "Tserendorj, Ts., & Hudson, Ph. M. E. (2019). Tides and trade. Coastal Review, 7, 101–118."
    ]


def test_add_names_up_to_all_names_drops_et_al() -> None:
    first = [{"family": "Smith", "given": "A."}, {"family": "Brown", "given": "B."}]
    items = [
        art("x", author=first + [{"family": "Jones", "given": "C."}], issued={"date-parts": [[1980]]}),
        art("y", author=first + [{"family": "Adams", "given": "D."}], issued={"date-parts": [[1980]]}),
    ]
    assert cites(items, "apa") == {"x": "(Smith, Brown, &#38; Jones, 1980)", "y": "(Smith, Brown, &#38; Adams, 1980)"}


def test_locator_joined_by_and_is_plural() -> None:
    from essayconv.citations.csl import render
    from essayconv.model import Cite, CiteItem, Document, Paragraph, Reference, plain_text

    ref = Reference("a", raw="a", csl=art("a"))
    cite = Cite((CiteItem(key="a", locator="213, and 235", label="page"),), text="(Okafor, 2019, pp. 213, and 235)")
    doc = render(Document(blocks=(Paragraph((cite,)),), references=(ref,)), "apa")
    assert plain_text(doc.blocks[0].content) == "(Okafor, 2019, pp. 213, and 235)"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Why?", ": a study", "Why? a study"),
        ("see above;", ".", "see above;"),
        ("Note:", ".", "Note:"),
        ("Wow!", ":", "Wow!"),
        ("et al.", ":", "et al.:"),
        ("pages,", ".", "pages,."),
    ],
)
def test_punctuation_collisions_at_seams(left: str, right: str, joined: str) -> None:
    assert left + str(compat.normalize_seam(left, right)) == joined


def test_superscript_letters_become_superscript_runs() -> None:
    from essayconv.citations import formatter
    from essayconv.model import Sup, Text

    marked = compat.finish("1ʳᵉ éd., nº 2", piq=False)
    assert formatter.to_inlines(marked) == (
        Text("1"),
        Sup((Text("r"),)),
        Sup((Text("e"),)),
        Text(" éd., n"),
        Sup((Text("o"),)),
        Text(" 2"),
    )


def test_names_without_a_name_element_use_the_fixed_name() -> None:
    # AMA's cs:names carry no cs:name: the inserted default must still keep "WF." whole
    items = [art("a", author=[{"family": "Helsen", "given": "WF."}, {"family": "Feys", "given": "P."}])]
    assert bib(items, "american-medical-association")[0].startswith("1. Helsen WF, Feys P. Tides and trade.")

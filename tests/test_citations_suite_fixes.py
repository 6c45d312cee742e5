"""Fixes found with the official CSL test suite (benchmarks/csl_test_suite.py), each on a small own fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from essayconv.citations import csl, formatter
from essayconv.citations.compat_text import title_case
from essayconv.citations.styles import StyleInfo
from essayconv.model import CiteItem, Emph, SmallCaps, Strong, Text


def _session(
    tmp_path: Path,
    citation: str,
    items: list[dict],
    style_class: str = "in-text",
    root_attrs: str = "",
    bibliography: str = "",
    citation_attrs: str = "",
) -> csl.Session:
    path = tmp_path / "own.csl"
    path.write_text(
        f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="{style_class}" version="1.0" {root_attrs}>
  <info><id>own</id><title>own</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation {citation_attrs}>{citation}</citation>{bibliography}
</style>""",
        encoding="utf-8",
    )
    info = StyleInfo(
        id="own",
        title="own",
        path=path,
        parent_id=None,
        style_class=style_class,  # type: ignore[arg-type]
        family="author-date",
        bib_heading="References",
        citation_format="",
        default_locale=None,
    )
    return csl.Session(info, items)


def _cites(session: csl.Session, *citations: tuple[CiteItem, ...]) -> list[str]:
    with session:
        rendering = session.render([csl.CitationRequest(c) for c in citations])
    return [formatter.to_html(done.inlines) if done.marked is not None else "" for done in rendering.citations]


BOOK = {"id": "b", "type": "book", "title": "Book A", "author": [{"family": "Doe", "given": "John"}], "page": "110-5"}
LOCATOR = """<layout delimiter="; "><group delimiter=" "><text variable="title"/>
  <label variable="locator" form="short"/><text variable="locator"/></group></layout>"""


# ------------------------------------------------------------------------------ ranges


@pytest.mark.parametrize(
    ("label", "locator", "expected"),
    [
        ("page", "100 - 103", "Book A pp. 100–103"),  # spaced hyphen: a range all the same
        ("chapter", "200 - 201", "Book A chaps. 200–201"),
        ("page", "427-30", "Book A pp. 427–430"),  # a page locator in the style's page-range-format
        ("page", "327\\-30", "Book A p. 327-30"),  # an escaped hyphen is one number
        ("page", "i-ix", "Book A pp. i–ix"),  # roman numerals make a plural range
    ],
)
def test_locator_ranges(tmp_path: Path, label: str, locator: str, expected: str) -> None:
    s = _session(tmp_path, LOCATOR, [BOOK], root_attrs='page-range-format="expanded"')
    assert _cites(s, (CiteItem(key="b", locator=locator, label=label),)) == [expected]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("110-5", "at 110–115"),
        ("N110 - N5", "at N110–N115"),
        ("N110 - 5", "at N110-5"),  # unlike prefixes: not a range, a plain hyphen without the spaces
        ("123N110 - N5, 456K200 - 99", "at 123N110-N5, 456K200-99"),
        ("3\\-B", "at 3-B"),
    ],
)
def test_page_ranges(tmp_path: Path, page: str, expected: str) -> None:
    layout = '<layout><text variable="page" prefix="at "/></layout>'
    s = _session(tmp_path, layout, [{**BOOK, "page": page}], root_attrs='page-range-format="expanded"')
    assert _cites(s, (CiteItem(key="b"),)) == [expected]


# ------------------------------------------------------------------------------ flip-flop


def test_html_flips_formatting_nested_in_its_own_kind() -> None:
    inl = (
        Emph((Text("My "), Emph((Text("Amazing"),)), Text(" Title"))),
        Strong((Text("Speak, "), Strong((Text("friend"),)))),
        SmallCaps((Text("His "), SmallCaps((Text("Life"),)))),
    )
    assert formatter.to_html(inl) == (
        '<i>My <span style="font-style:normal;">Amazing</span> Title</i>'
        '<b>Speak, <span style="font-weight:normal;">friend</span></b>'
        '<span style="font-variant:small-caps;">His <span style="font-variant:normal;">Life</span></span>'
    )


def test_nodecor_span_in_field_data_leaves_the_italics(tmp_path: Path) -> None:
    case = {"id": "c", "type": "legal_case", "title": 'Lessard <span class="nodecor">v.</span> Schmidt'}
    s = _session(tmp_path, '<layout><text variable="title" font-style="italic"/></layout>', [case])
    assert _cites(s, (CiteItem(key="c"),)) == ['<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>']
    # the model keeps it as emphasis inside emphasis, which the writers set upright
    s2 = _session(tmp_path, '<layout><text variable="title" font-style="italic"/></layout>', [case])
    c = s2.citation((CiteItem(key="c"),))
    s2.sort()
    s2.disambiguate()
    assert csl._cleanup(s2.cite(c)) == (Emph((Text("Lessard "), Emph((Text("v."),)), Text(" Schmidt"))),)


# ------------------------------------------------------------------------------ ibid

IBID = """<layout suffix="." delimiter="; "><choose><if position="ibid"><text term="ibid"/></if>
  <else><text variable="title"/></else></choose></layout>"""


def test_ibid_opening_a_citation_is_capitalised(tmp_path: Path) -> None:
    items = [BOOK, {"id": "c", "type": "book", "title": "Book C"}]
    s = _session(tmp_path, IBID, items, style_class="note")
    out = _cites(
        s,
        (CiteItem(key="b"),),
        (CiteItem(key="b"),),
        (CiteItem(key="c"),),
        (CiteItem(key="c", prefix="See"),),
        (CiteItem(key="c", prefix="As said before."),),
        (CiteItem(key="b"), CiteItem(key="b")),
    )
    assert out == ["Book A.", "Ibid.", "Book C.", "See ibid.", "As said before. Ibid.", "Book A; ibid."]


# ------------------------------------------------------------------------------ names


def test_suffix_typed_in_the_given_name(tmp_path: Path) -> None:
    layout = '<layout delimiter="; "><names variable="author"><name/></names></layout>'
    items = [
        {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "John, III"}]},
        {"id": "b", "type": "book", "author": [{"family": "Roe", "given": "Jane,! Jr."}]},
    ]
    s = _session(tmp_path, layout, items)
    assert _cites(s, (CiteItem(key="a"), CiteItem(key="b"))) == ["John Doe III; Jane Roe, Jr."]


# ------------------------------------------------------------------------------ text case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Employee pro-environmental behavior", "Employee Pro-Environmental Behavior"),
        ("Out-of-fashion initiatives", "Out-of-Fashion Initiatives"),
        ("The physical\u00a0volcanology of it", "The Physical\u00a0Volcanology of It"),
        ("07-x", "07-x"),
        ("07-x test", "07-x Test"),
    ],
)
def test_title_case_corners(text: str, expected: str) -> None:
    assert title_case(text) == expected


def test_title_case_treats_a_nocase_span_as_a_word(tmp_path: Path) -> None:
    item = {
        "id": "t",
        "type": "book",
        "title": 'The <span class="nocase">Telescope</span>: <span class="nocase">how we see</span> of the '
        '<span class="nocase">universe</span>',
    }
    s = _session(tmp_path, '<layout><text variable="title" text-case="title"/></layout>', [item])
    assert _cites(s, (CiteItem(key="t"),)) == ["The Telescope: how we see of the universe"]


def test_no_capital_for_a_term_opening_an_in_text_citation(tmp_path: Path) -> None:
    layout = '<layout prefix="(" suffix=")"><text term="no date" form="short"/></layout>'
    s = _session(tmp_path, layout, [{"id": "n", "type": "webpage", "title": "Page"}])
    assert _cites(s, (CiteItem(key="n"),)) == ["(n.d.)"]


# ------------------------------------------------------------------------------ delimiters and affixes


def test_delimiter_yields_to_punctuation_in_cite_affixes(tmp_path: Path) -> None:
    layout = '<layout delimiter="; "><text variable="title"/></layout>'
    items = [BOOK, {"id": "c", "type": "book", "title": "Book C"}]
    s = _session(tmp_path, layout, items)
    out = _cites(
        s,
        (CiteItem(key="b"), CiteItem(key="c", prefix=", cited in")),
        (CiteItem(key="b", suffix=" is one source,"), CiteItem(key="c", suffix=" is another")),
    )
    assert out == ["Book A, cited in Book C", "Book A is one source, Book C is another"]


# ------------------------------------------------------------------------------ disambiguation

GIVEN_BY_CITE = """<layout delimiter="; "><names variable="author"><name form="short"{init}/></names></layout>"""


def _authors(*people: tuple[str, str]) -> list[dict]:
    return [
        {"id": f"w{i}", "type": "book", "author": [{"family": fam, "given": given}]}
        for i, (fam, given) in enumerate(people)
    ]


BY_CITE = 'disambiguate-add-givenname="true" givenname-disambiguation-rule="by-cite"'


def test_by_cite_given_names_without_initialize_with_are_shown_in_full(tmp_path: Path) -> None:
    s = _session(
        tmp_path,
        GIVEN_BY_CITE.format(init=""),
        _authors(("Roe", "Jane"), ("Doe", "John"), ("Doe", "Aloysius")),
        citation_attrs=BY_CITE,
    )
    assert _cites(s, (CiteItem(key="w0"),), (CiteItem(key="w1"), CiteItem(key="w2"))) == [
        "Roe",
        "John Doe; Aloysius Doe",
    ]


def test_by_cite_same_initials_get_full_given_names(tmp_path: Path) -> None:
    s = _session(
        tmp_path,
        GIVEN_BY_CITE.format(init=' initialize-with=""'),
        _authors(("Doe", "John"), ("Doe", "Aloysius"), ("Smith", "Thomas"), ("Smith", "Ted")),
        citation_attrs=BY_CITE,
    )
    assert _cites(s, (CiteItem(key="w0"), CiteItem(key="w1")), (CiteItem(key="w2"), CiteItem(key="w3"))) == [
        "J Doe; A Doe",
        "Thomas Smith; Ted Smith",
    ]


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        # initials cannot tell Cecil and Charles apart, and the rule allows no more than initials
        (
            (("Smith", "Cecil"), ("Smith", "Charles"), ("Muggins", "Bob"), ("Muggins", "Jardine")),
            "Smith; Smith; B. Muggins; J. Muggins",
        ),
        # "J. J." and "J.J." are one person's initials
        ((("Doe", "J. J."), ("Doe", "J.J.")), "Doe; Doe"),
    ],
)
def test_all_names_with_initials_leaves_names_initials_cannot_help(
    tmp_path: Path, people: tuple, expected: str
) -> None:
    s = _session(
        tmp_path,
        GIVEN_BY_CITE.format(init=' initialize-with="."'),
        _authors(*people),
        citation_attrs='disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names-with-initials"',
    )
    assert "; ".join(_cites(s, *((CiteItem(key=f"w{i}"),) for i in range(len(people))))) == expected


def test_year_suffix_for_works_told_apart_only_by_their_access_dates(tmp_path: Path) -> None:
    layout = """<layout delimiter="; " prefix="(" suffix=")"><group delimiter=" ">
      <names variable="author"><name/></names>
      <group><text term="no date" form="short"/><text variable="year-suffix" prefix="-"/></group></group>
      <date variable="accessed" prefix=" [" suffix="]"><date-part name="year"/></date></layout>"""
    items = [
        {
            "id": f"p{y}",
            "type": "webpage",
            "author": [{"family": "Doe", "given": "John"}],
            "accessed": {"date-parts": [[y]]},
        }
        for y in (1965, 2065)
    ]
    s = _session(tmp_path, layout, items, citation_attrs='disambiguate-add-year-suffix="true"')
    assert _cites(s, (CiteItem(key="p1965"), CiteItem(key="p2065"))) == [
        "(John Doe n.d.-a [1965]; John Doe n.d.-b [2065])"
    ]


# ------------------------------------------------------------------------------ names, dates, macros


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        (
            'delimiter-precedes-last="after-inverted-name" name-as-sort-order="first"',
            "Weinstock, Ruth, Gail Leong and Jo Silva; Agency and Jo Silva",
        ),  # "Gail Leong" is not inverted
        (
            'delimiter-precedes-last="after-inverted-name" name-as-sort-order="all"',
            "Weinstock, Ruth, Leong, Gail, and Silva, Jo; Agency and Silva, Jo",
        ),
        (
            'delimiter-precedes-et-al="after-inverted-name" name-as-sort-order="first" et-al-min="3" et-al-use-first="1"',
            "Weinstock, Ruth, et al.; Agency and Jo Silva",
        ),
    ],
)
def test_delimiter_after_inverted_name(tmp_path: Path, attrs: str, expected: str) -> None:
    layout = f'<layout delimiter="; "><names variable="author"><name and="text" {attrs}/></names></layout>'
    items = [
        {
            "id": "a",
            "type": "book",
            "author": [
                {"family": "Weinstock", "given": "Ruth"},
                {"family": "Leong", "given": "Gail"},
                {"family": "Silva", "given": "Jo"},
            ],
        },
        {"id": "b", "type": "book", "author": [{"literal": "Agency"}, {"family": "Silva", "given": "Jo"}]},
    ]
    s = _session(tmp_path, layout, items)
    assert _cites(s, (CiteItem(key="a"), CiteItem(key="b"))) == [expected]


def test_comma_suffix(tmp_path: Path) -> None:
    layout = '<layout delimiter="; "><names variable="author"><name/></names></layout>'
    items = [
        {
            "id": "a",
            "type": "book",
            "author": [{"family": "Doe", "given": "Jeffrey", "suffix": "Jr.", "comma-suffix": True}],
        }
    ]
    s = _session(tmp_path, layout, items)
    assert _cites(s, (CiteItem(key="a"),)) == ["Jeffrey Doe, Jr."]


def test_months_13_to_24_are_seasons(tmp_path: Path) -> None:
    layout = '<layout delimiter="; "><date variable="issued" form="text" date-parts="year-month"/></layout>'
    items = [{"id": f"d{m}", "type": "book", "issued": {"date-parts": [[1965, m]]}} for m in (13, 17, 24, 60)]
    s = _session(tmp_path, layout, items)
    assert _cites(s, tuple(CiteItem(key=f"d{m}") for m in (13, 17, 24, 60))) == [
        "Spring 1965; Spring 1965; Winter 1965; 1965"
    ]


def test_macro_with_only_empty_variables_renders_nothing(tmp_path: Path) -> None:
    path_macro = """<macro name="container"><choose><if type="chapter"><text term="in" suffix=" "/></if></choose>
      <text variable="container-title" font-style="italic"/></macro>"""
    layout = '<layout><group delimiter=", "><text variable="title"/><text macro="container"/></group></layout>'
    s = _session(
        tmp_path,
        layout,
        [
            {"id": "c", "type": "chapter", "title": "His Life"},
            {"id": "d", "type": "chapter", "title": "Her Life", "container-title": "Lives"},
        ],
        root_attrs="",
        bibliography=path_macro,
    )
    assert _cites(s, (CiteItem(key="c"),), (CiteItem(key="d"),)) == ["His Life", "Her Life, in <i>Lives</i>"]


def test_short_container_title_under_its_zotero_name(tmp_path: Path) -> None:
    layout = '<layout><text variable="container-title" form="short" strip-periods="true"/></layout>'
    s = _session(
        tmp_path,
        layout,
        [
            {
                "id": "j",
                "type": "article-journal",
                "container-title": "American Law Journal",
                "journalAbbreviation": "Am. L.J.",
            }
        ],
    )
    assert _cites(s, (CiteItem(key="j"),)) == ["Am LJ"]


# ------------------------------------------------------------------------------ note numbers

SUPRA = """<layout suffix="."><choose><if position="subsequent"><group delimiter=", ">
    <names variable="author"><name form="short"/></names>
    <group delimiter=" "><text value="supra note"/><text variable="first-reference-note-number"/></group></group></if>
  <else><group delimiter=", "><names variable="author"><name/></names><text variable="title"/></group></else>
  </choose></layout>"""


def test_first_reference_note_number_in_the_essay_pipeline(tmp_path: Path) -> None:
    from essayconv.model import Cite, Document, Paragraph, Reference

    refs = tuple(
        Reference(
            k,
            raw=k,
            csl={"id": k, "type": "book", "title": f"Life of {fam}", "author": [{"family": fam, "given": "Jo"}]},
        )
        for k, fam in (("doe", "Doe"), ("roe", "Roe"))
    )
    paras = tuple(Paragraph((Text("Text"), Cite((CiteItem(key=k),), text="(x)"))) for k in ("doe", "roe", "doe", "roe"))
    _session(tmp_path, SUPRA, [], style_class="note").close()  # writes own.csl
    doc = csl.render(Document(blocks=paras, references=refs), str(tmp_path / "own.csl"))
    assert [formatter.to_html(n.content) for n in doc.footnotes] == [
        "Jo Doe, Life of Doe.",
        "Jo Roe, Life of Roe.",
        "Doe, supra note 1.",
        "Roe, supra note 2.",
    ]


# ------------------------------------------------------------------------------ citation-label


def test_citation_label_trigraph_with_year_suffix(tmp_path: Path) -> None:
    layout = '<layout delimiter="; "><text variable="citation-label"/></layout>'
    items = [
        {
            "id": "a1",
            "type": "book",
            "author": [{"family": "Asthma", "given": "Al"}],
            "issued": {"date-parts": [[2000]]},
        },
        {
            "id": "a2",
            "type": "book",
            "author": [{"family": "Asthma", "given": "Al"}],
            "issued": {"date-parts": [[2000]]},
        },
        {
            "id": "b",
            "type": "book",
            "author": [{"family": "Bronchitis", "given": "B"}, {"family": "Cholera", "given": "C"}],
            "issued": {"date-parts": [[1998]]},
        },
        {
            "id": "d",
            "type": "book",
            "author": [{"family": f, "given": "X"} for f in ("Dee", "Eck", "Fox", "Gil", "Hay")],
            "issued": {"date-parts": [[1926]]},
        },
        {"id": "own", "type": "book", "citation-label": "Spiff1900", "author": [{"family": "Zed", "given": "Z"}]},
    ]
    s = _session(tmp_path, layout, items, citation_attrs='disambiguate-add-year-suffix="true"')
    assert _cites(s, tuple(CiteItem(key=k) for k in ("a1", "a2", "b", "d", "own"))) == [
        "Asth00a; Asth00b; BrCh98; DEFG26; Spiff1900"
    ]


# ------------------------------------------------------------------------------ quotes and tags in values


def test_quotes_and_tags_in_a_text_value(tmp_path: Path) -> None:
    layout = """<layout prefix="Speak, " suffix=", and enter." delimiter="; "><choose><if type="book">
      <text value="'friend'"/></if><else><text value="&lt;b&gt;friend&lt;/b&gt;" font-weight="bold"/></else>
      </choose></layout>"""
    s = _session(tmp_path, layout, [BOOK, {"id": "c", "type": "article"}])
    assert _cites(s, (CiteItem(key="b"),), (CiteItem(key="c"),)) == [
        "Speak, “friend,” and enter.",
        'Speak, <b><span style="font-weight:normal;">friend</span></b>, and enter.',
    ]


def test_single_quotes_around_a_title_with_an_apostrophe(tmp_path: Path) -> None:
    s = _session(
        tmp_path,
        '<layout><text variable="title"/></layout>',
        [{"id": "t", "type": "article", "title": "'Nobody Knows You're a Dog': A Cartoon"}],
    )
    assert _cites(s, (CiteItem(key="t"),)) == ["“Nobody Knows You’re a Dog”: A Cartoon"]


def test_disambiguate_condition_holds_in_the_bibliography_entry(tmp_path: Path) -> None:
    layout = """<layout delimiter="; "><group delimiter=", "><names variable="author"><name form="short"/></names>
      <choose><if disambiguate="true"><text variable="title"/></if></choose></group></layout>"""
    items = [
        {"id": f"s{i}", "type": "book", "title": f"Book {i}", "author": [{"family": "Smith", "given": "J"}]}
        for i in (1, 2)
    ]
    bib_layout = layout.replace(' delimiter="; "', "")
    s = _session(tmp_path, layout, items, bibliography=f"<bibliography>{bib_layout}</bibliography>")
    assert _cites(s, (CiteItem(key="s1"), CiteItem(key="s2"))) == ["Smith, Book 1; Smith, Book 2"]
    assert [formatter.to_html(csl._cleanup(e.content)) for e in s.entries()] == ["Smith, Book 1", "Smith, Book 2"]


def test_subsequent_author_substitute_after_names_ending_in_a_period(tmp_path: Path) -> None:
    bib = """<bibliography subsequent-author-substitute="---"><sort><key variable="title"/></sort><layout suffix=".">
      <group delimiter=": "><names variable="author"><name/></names><text variable="title"/></group></layout></bibliography>"""
    items = [
        {"id": f"b{i}", "type": "book", "title": f"Book {i}", "author": [{"literal": "Alto Inc."}]} for i in (1, 2)
    ]
    s = _session(tmp_path, '<layout><text variable="title"/></layout>', items, bibliography=bib)
    _cites(s, (CiteItem(key="b1"), CiteItem(key="b2")))
    assert [formatter.to_html(csl._cleanup(e.content)) for e in s.entries()] == ["Alto Inc.: Book 1.", "---: Book 2."]


def test_name_count_sums_its_variables(tmp_path: Path) -> None:
    layout = '<layout delimiter="; "><names variable="author editor"><name form="count"/></names></layout>'
    people = [{"family": f, "given": "X"} for f in ("Doe", "Roe", "Brown", "Smith")]
    items = [
        {"id": "a", "type": "book", "author": people, "editor": people[:2]},
        {"id": "b", "type": "book", "editor": people[:3]},
    ]
    s = _session(tmp_path, layout, items, citation_attrs='et-al-min="4" et-al-use-first="3"')
    assert _cites(s, (CiteItem(key="a"), CiteItem(key="b"))) == ["5; 3"]


IBID_LOCATOR = """<layout delimiter="; "><choose><if position="ibid-with-locator"><group delimiter=" ">
  <text term="ibid"/><text variable="locator"/></group></if><else-if position="ibid"><text term="ibid"/></else-if>
  <else><group delimiter=" "><text variable="title"/><text variable="locator"/></group></else></choose></layout>"""


def test_ibid_with_the_same_locator_is_plain_ibid(tmp_path: Path) -> None:
    s = _session(tmp_path, IBID_LOCATOR, [BOOK])
    page = {"label": "page"}
    out = _cites(
        s,
        (CiteItem(key="b", locator="34", **page),),
        (CiteItem(key="b", locator="34", **page),),
        (CiteItem(key="b", locator="12", **page),),
        (CiteItem(key="b", locator="34", **page),),
    )
    assert out == ["Book A 34", "ibid.", "ibid. 12", "ibid. 34"]


@pytest.mark.parametrize(
    ("given", "init", "expected"),
    [("Guo-ping", "", "G Chen"), ("Guo-Ping", ".", "G.-P. Chen"), ("TSerendorjiin", ".", "Ts. Chen")],
)
def test_initials_of_hyphenated_and_digraph_given_names(tmp_path: Path, given: str, init: str, expected: str) -> None:
    layout = f'<layout><names variable="author"><name initialize-with="{init}"/></names></layout>'
    s = _session(tmp_path, layout, [{"id": "a", "type": "book", "author": [{"family": "Chen", "given": given}]}])
    assert _cites(s, (CiteItem(key="a"),)) == [expected]


def test_sort_key_names_without_and(tmp_path: Path) -> None:
    macro = '<macro name="author"><names variable="author"><name and="text"/></names></macro>'
    layout = '<sort><key macro="author"/></sort><layout delimiter="; "><text macro="author"/></layout>'
    people = {"c": ["Colaresi"], "ct": ["Colaresi", "Thompson"], "crt": ["Colaresi", "Rasler", "Thompson"]}
    items = [
        {"id": k, "type": "book", "author": [{"family": f, "given": "A"} for f in fams]} for k, fams in people.items()
    ]
    s = _session(tmp_path, layout, items, bibliography=macro)
    assert _cites(s, (CiteItem(key="ct"), CiteItem(key="crt"), CiteItem(key="c"))) == [
        "A Colaresi; A Colaresi, A Rasler, and A Thompson; A Colaresi and A Thompson"
    ]


def test_title_case_leaves_small_caps_and_superscript_data_alone(tmp_path: Path) -> None:
    item = {
        "id": "t",
        "type": "book",
        "title": 'my <span style="font-variant:small-caps;">small caps phrase</span> in a title, <sup>up here</sup> too',
    }
    s = _session(tmp_path, '<layout><text variable="title" text-case="title"/></layout>', [item])
    assert _cites(s, (CiteItem(key="t"),)) == [
        'My <span style="font-variant:small-caps;">small caps phrase</span> in a Title, <sup>up here</sup> Too'
    ]


def test_rich_text_tags_in_a_literal_name(tmp_path: Path) -> None:
    layout = '<layout><names variable="author"><name/></names></layout>'
    s = _session(
        tmp_path, layout, [{"id": "a", "type": "book", "author": [{"literal": "Center <sup>for</sup> History"}]}]
    )
    assert _cites(s, (CiteItem(key="a"),)) == ["Center <sup>for</sup> History"]


def test_unknown_default_locale_of_a_style_falls_back_to_its_own_terms_and_en_us(tmp_path: Path) -> None:
    layout = '<layout><names variable="editor"><name/><label prefix=" (" suffix=")"/></names></layout>'
    s = _session(
        tmp_path,
        layout,
        [{"id": "e", "type": "book", "editor": [{"family": "Doe", "given": "John"}]}],
        root_attrs='default-locale="gx"',
        bibliography='<locale xml:lang="gx"><terms><term name="editor">edxitor</term></terms></locale>',
    )
    assert _cites(s, (CiteItem(key="e"),)) == ["John Doe (edxitor)"]


def test_quoted_locator_with_a_spelled_out_label(tmp_path: Path) -> None:
    layout = """<layout suffix="."><group delimiter=", "><text variable="title"/><group delimiter=" ">
      <label variable="locator" form="short"/><text variable="locator"/></group></group></layout>"""
    s = _session(tmp_path, layout, [BOOK], root_attrs="", bibliography="")
    assert _cites(s, (CiteItem(key="b", locator='"gargoyle"', label="sub verbo"),)) == ["Book A, s.v. “gargoyle.”"]


def test_cites_without_names_collapse_their_year_suffixes(tmp_path: Path) -> None:
    layout = """<layout prefix="(" suffix=")" delimiter="; "><date variable="issued"><date-part name="year"/></date></layout>"""
    items = [{"id": f"y{i}", "type": "book", "title": f"T{i}", "issued": {"date-parts": [[1965]]}} for i in (1, 2)]
    s = _session(
        tmp_path,
        layout,
        items,
        citation_attrs='year-suffix-delimiter="," disambiguate-add-year-suffix="true" collapse="year-suffix"',
    )
    assert _cites(s, (CiteItem(key="y1"), CiteItem(key="y2"))) == ["(1965a,b)"]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[1999, 21], [2001, 22]], "Spring 1999–Summer 2001"),
        ([[1999, 22], [1999, 21]], "Summer–Spring 1999"),
        ([[1999, 21], [1999, 21]], "Spring 1999"),
    ],
)
def test_season_ranges(tmp_path: Path, parts: list, expected: str) -> None:
    layout = '<layout><date variable="issued" date-parts="year-month-day" form="text"/></layout>'
    s = _session(tmp_path, layout, [{"id": "s", "type": "book", "issued": {"date-parts": parts}}])
    assert _cites(s, (CiteItem(key="s"),)) == [expected]

"""Kinds of references the parser got wrong as a whole kind (issue 17), each with invented fixtures:
course-manual entries with a Vancouver author, saint names, list numbers and years glued to names,
access and update stamps, organisations as authors, truncated author lists, titles cut short."""

from __future__ import annotations

import pytest

from essayconv.references.names import parse_names
from essayconv.references.parse import parse_reference


def _families(csl: dict) -> list[str]:
    return [n.get("family") or n.get("literal") for n in csl.get("author", [])]


@pytest.mark.parametrize(
    "raw",
    [
        "Moreno KT. Enzyme Kinetics. General Biology Laboratory Guide. Dept. Biology, Eastfield College, Dayton, OH. "
        "Vers. 3.2 (updated March 4, 2019), pp. 22-30.",
        "Moreno KT. Osmosis and Diffusion. Introductory Biology Laboratory Guide. Dept. Biology, Eastfield College, "
        "Dayton, OH. Vers. 3.2 (updated March 4, 2019)",
    ],
)
def test_course_manual_vancouver_author_then_title(raw: str) -> None:
    csl = parse_reference(raw).csl
    assert _families(csl) == ["Moreno"]
    assert csl["title"] in ("Enzyme Kinetics", "Osmosis and Diffusion")
    assert "Laboratory Guide" in csl.get("container-title", "")
    assert csl["issued"]["date-parts"][0][0] == 2019  # the only year there is: the version's


@pytest.mark.parametrize("lead", ["Moreno K.T.", "Moreno K. T."])
def test_course_manual_vancouver_author_with_dotted_initials(lead: str) -> None:
    # "Moreno K.T. Enzyme Kinetics." : the initials dotted, the title is still not part of the name
    csl = parse_reference(
        f"{lead} Enzyme Kinetics. General Biology Laboratory Guide. Dept. Biology, Eastfield "
        "College, Dayton, OH. Vers. 3.2 (updated March 4, 2019), pp. 22-30."
    ).csl
    assert _families(csl) == ["Moreno"]
    assert csl["title"] == "Enzyme Kinetics"


def test_course_manual_version_stamp_left_in_a_note_dates_the_manual() -> None:
    # the labeller reads "Vers. 4.1 (updated June 3, 2018)" as a note: the update is the manual's only date
    csl = parse_reference(
        "Moreno KT. Cell Membranes. General Biology Laboratory Guide. Dept. Biology, Eastfield "
        "College, Dayton, OH. Vers. 4.1 (updated June 3, 2018),"
    ).csl
    assert csl["issued"]["date-parts"][0][0] == 2018


def test_three_dotted_initials_are_not_cut_before_the_last() -> None:
    # "Okafor C. M. L., Shore Sci., 52 (1984) 527.": "L." is the third initial, not a title
    csl = parse_reference("Okafor C. M. L., Shore Sci., 52 (1984) 527.").csl
    assert _families(csl) == ["Okafor"]
    assert "title" not in csl or not csl["title"].startswith("L")


def test_given_name_first_is_not_a_vancouver_author() -> None:
    # "Harriet Q. Lomax." is a given name, an initial and a family name, not "Harriet Q." + a title
    csl = parse_reference("Harriet Q. Lomax. Tidal Patterns of Small Estuaries. Coastline Press, 2004.").csl
    assert _families(csl) == ["Lomax"]
    assert csl["title"] == "Tidal Patterns of Small Estuaries"


@pytest.mark.parametrize(
    ("segment", "family"),
    [
        ("St. Clair RW", "St. Clair"),
        ("St. Clair, R. W.", "St. Clair"),
        ("R. W. St. Clair", "St. Clair"),
    ],
)
def test_saint_names_keep_their_family(segment: str, family: str) -> None:
    names, _ = parse_names(segment)
    assert names[0]["family"] == family
    assert names[0]["given"].replace(".", "").replace(" ", "") == "RW"


def test_list_number_glued_to_a_name() -> None:
    csl = parse_reference("2Ramaswamy. Light Harvesting in Algae. Boston: Harbor Academic; 1979.").csl
    assert _families(csl) == ["Ramaswamy"]


@pytest.mark.parametrize(
    "raw",
    [
        "Okafor, Tunde N., Vail, Rosa E. 1991.Root growth in dry soils. Soil Biology Letters 7:101-109.",
        "Okafor, T. N., & Vail, R. E.1991.Root growth in dry soils. Soil Biology Letters 7:101-109.",
        "Tunde N. Okafor, Rosa E. Vail.1991. Root growth in dry soils. Soil Biology Letters 7:101-109.",
    ],
)
def test_year_glued_to_the_title_or_a_name(raw: str) -> None:
    # lab reports typed in forms: "1991.Root growth", "Vail.1991." (the year read as part of a word)
    csl = parse_reference(raw).csl
    assert csl["issued"]["date-parts"][0][0] == 1991
    assert "Okafor" in _families(csl)


def test_year_glued_to_initials() -> None:
    csl = parse_reference("Okafor T.1991. Root growth in dry soils. Soil Biology Letters 7:101-109.").csl
    assert _families(csl) == ["Okafor"]
    assert csl["issued"]["date-parts"][0][0] == 1991
    assert csl["title"] == "Root growth in dry soils"


@pytest.mark.parametrize(
    "raw",
    [
        "Harbor Institute for Oceans. Plastic in the gyre. Published 2016. Accessed March 9, 2021. https://example.org/gyre",
        "Lindqvist, P. (2016). Plastic in the gyre. Retrieved April 2, 2021, from https://example.org/gyre",
    ],
)
def test_access_date_is_not_the_publication_year(raw: str) -> None:
    csl = parse_reference(raw).csl
    assert csl["issued"]["date-parts"][0][0] == 2016
    assert csl["accessed"]["date-parts"][0][0] == 2021
    assert csl.get("container-title") not in ("Accessed", "Published", "Retrieved")


@pytest.mark.parametrize(
    "segment",
    [
        "R.T. Vallance Memorial Hospital",
        "U.K. Office for Rural Affairs",
        "Centers for Soil Health and Conservation",
        "Northern Rivers Dental Association",
    ],
)
def test_organisations_stay_literal(segment: str) -> None:
    names, _ = parse_names(segment)
    assert names == [{"literal": segment}]


def test_organisation_before_the_title_is_the_author() -> None:
    csl = parse_reference(
        "Bureau of Coastal Fisheries. Salmon runs this decade. Accessed May 5, 2020. https://example.gov/salmon"
    ).csl
    assert csl["author"] == [{"literal": "Bureau of Coastal Fisheries"}]
    assert csl["title"] == "Salmon runs this decade"


@pytest.mark.parametrize(
    ("raw", "family"),
    [
        ("Okonkwo, R., et al. (2011). Night shifts and memory. Sleep Review, 4(2), 10-19.", "Okonkwo"),
        ('R. Okonkwo et al., "Night shifts and memory," Sleep Review, vol. 4, pp. 10-19, 2011.', "Okonkwo"),
        (
            "Okonkwo, R., Baptiste, L., ... Zhou, W. (2011). Night shifts and memory. Sleep Review, 4(2), 10-19.",
            "Okonkwo",
        ),
    ],
)
def test_truncated_author_list_is_kept(raw: str, family: str) -> None:
    csl = parse_reference(raw).csl
    assert _families(csl)[0] == family
    assert csl["custom"]["et-al"] == ["author"]


def test_complete_list_is_not_marked_truncated() -> None:
    csl = parse_reference("Okonkwo, R., & Baptiste, L. (2011). Night shifts. Sleep Review, 4(2), 10-19.").csl
    assert "custom" not in csl


def test_truncated_list_renders_with_et_al() -> None:
    from essayconv.citations.csl import CitationRequest, Session
    from essayconv.citations.styles import resolve_style
    from essayconv.model import CiteItem

    item = dict(
        parse_reference("Okonkwo, R., et al. (2011). Night shifts and memory. Sleep Review, 4(2), 10-19.").csl,
        id="ok2011",
    )
    with Session(resolve_style("apa"), [item]) as session:
        rendering = session.render([CitationRequest((CiteItem(key="ok2011"),))])
    cite = rendering.citations[0].marked
    text = " ".join(str(e.content) for e in rendering.entries or ())
    assert "Okonkwo et al., 2011" in str(cite)
    assert "Okonkwo, R., et al. (2011)" in text


def test_title_not_cut_before_its_last_words() -> None:
    csl = parse_reference(
        "Marsh, E. T. (2003). Quiet streets: The decline and renewal of neighbourhood life. Harbor & Stone."
    ).csl
    assert csl["title"] == "Quiet streets: The decline and renewal of neighbourhood life"
    assert csl["publisher"] == "Harbor & Stone"
    assert csl["type"] == "book"


def test_year_closing_a_title_stays_in_it() -> None:
    csl = parse_reference("State Board of Health. (2001). Healthy Rivers 2020. Dayton, OH: State Printing Office.").csl
    assert csl["title"] == "Healthy Rivers 2020"
    assert csl["issued"]["date-parts"][0][0] == 2001
    assert csl["author"] == [{"literal": "State Board of Health"}]


@pytest.mark.parametrize(
    ("raw", "publisher"),
    [
        ("Halvorsen, M. (2007). The lantern keepers: Lighthouses of the northern coast. Gullwing.", "Gullwing"),
        ("Ibarra, C. (2012). Salt roads: Trade across the desert. Meridian Books.", "Meridian Books"),
    ],
)
def test_apa_book_publisher_is_not_a_journal(raw: str, publisher: str) -> None:
    csl = parse_reference(raw).csl
    assert csl.get("publisher") == publisher
    assert "container-title" not in csl
    assert csl["type"] == "book"


@pytest.mark.parametrize(
    "raw",
    [
        "Ferro, D., & Lin, Q. (2015). Sparse coding of river flows. Journal of Hydrodynamics.",
        "Ferro, D., & Lin, Q. (2015). Sparse coding of river flows. In ICML.",
    ],
)
def test_apa_article_without_volume_keeps_its_container(raw: str) -> None:
    csl = parse_reference(raw).csl
    assert "publisher" not in csl
    assert csl.get("container-title")


def test_programme_named_with_a_year_is_one_literal_author() -> None:
    names, _ = parse_names("Clean Rivers 2030.")
    assert names == [{"literal": "Clean Rivers 2030"}]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            'Hall, R. (2004). "A home of none of my own": A new history of tenancy. Journal of Rural History, 12(3), 45-67.',
            '"A home of none of my own": A new history of tenancy',
        ),
        ("Lee, K. (2011). “Nothing of My Own”: A New History. University Press.", "“Nothing of My Own”: A New History"),
        ('Ortiz, M. (2015). "Plain quoted title." Journal of Tests, 3, 1-9.', "Plain quoted title"),
    ],
)
def test_a_quotation_inside_a_title_keeps_both_its_marks(raw: str, title: str) -> None:
    # the opening mark was taken as the title's own quotation mark and dropped: 'Nothing of My Own”: A New History'
    from essayconv.references.parse import parse_reference

    assert parse_reference(raw).csl["title"] == title

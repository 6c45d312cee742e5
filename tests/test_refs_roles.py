"""Reference parser: editors, translators and editions the labeller runs into neighbouring fields; corporate
authors with an acronym; references without an article title."""

from __future__ import annotations

from essayconv.references.crf import tokenize
from essayconv.references.fields import to_csl
from essayconv.references.names import parse_names
from essayconv.references.parse import parse_with


def _families(names: list[dict[str, str]]) -> list[str]:
    return [n.get("family") or n["literal"] for n in names]


def test_editors_run_into_the_container_are_parted_from_it() -> None:
    csl = to_csl(
        [
            ("author", "Marlow, T."),
            ("date", "(2004)."),
            ("title", "Tide mills of the north."),
            ("container-title", "In R. Quist and Lena V. Ortega (Eds.), Studies in Coastal Industry"),
            ("pages", "(pp. 12-30)."),
            ("location", "Leeds:"),
            ("publisher", "Riverside Press."),
        ],
        "",
    )
    assert _families(csl["editor"]) == ["Quist", "Ortega"]
    assert csl["editor"][1]["given"] == "Lena V."
    assert csl["container-title"] == "Studies in Coastal Industry"
    assert csl["type"] == "chapter"


def test_editors_labelled_as_one_editor_segment_with_the_book() -> None:
    csl = to_csl(
        [
            ("author", "Pell, Dana."),
            ("title", "Salt and Smoke."),
            ("editor", "In Omar Reyes and Ilse Brandt, editors, Kitchens of the Baltic,"),
            ("pages", "44-59."),
        ],
        "",
    )
    assert _families(csl["editor"]) == ["Reyes", "Brandt"]
    assert csl["container-title"] == "Kitchens of the Baltic"


def test_trailing_ed_names_after_a_container_are_editors() -> None:
    csl = to_csl(
        [
            ("author", "Pell, Dana."),
            ("title", "“Salt and Smoke.”"),
            ("container-title", "Kitchens of the Baltic. Ed. Omar Reyes."),
            ("location", "Tallinn:"),
            ("publisher", "Hanse,"),
            ("date", "2012."),
        ],
        "",
    )
    assert csl["container-title"] == "Kitchens of the Baltic"
    assert csl["editor"] == [{"family": "Reyes", "given": "Omar"}]


def test_a_name_list_closed_by_eds_opens_an_edited_book() -> None:
    csl = to_csl(
        [
            ("author", "Quist, Rolf, and Lena Ortega, eds."),
            ("title", "Tide Mills."),
            ("location", "Leeds:"),
            ("publisher", "Riverside,"),
            ("date", "2011."),
        ],
        "",
    )
    assert "author" not in csl
    assert _families(csl["editor"]) == ["Quist", "Ortega"]
    assert csl["title"] == "Tide Mills"


def test_vancouver_initials_ed_are_not_an_editor_role() -> None:
    csl = to_csl(
        [
            ("author", "Marsh KT, Adler ED."),
            ("title", "Gull counts."),
            ("journal", "Ibis Rep"),
            ("date", "2001;"),
            ("volume", "4:"),
            ("pages", "1-9."),
        ],
        "",
    )
    assert "editor" not in csl
    assert csl["author"] == [{"family": "Marsh", "given": "KT"}, {"family": "Adler", "given": "ED"}]


def test_edited_and_translated_by_gives_both_roles() -> None:
    csl = to_csl(
        [
            ("author", "Varga, Anna."),
            ("title", "The Long Winter."),
            ("translator", "Edited and translated by Piet Hollander."),
            ("location", "Boston:"),
            ("publisher", "Harbor,"),
            ("date", "1999."),
        ],
        "",
    )
    assert csl["editor"] == [{"family": "Hollander", "given": "Piet"}]
    assert csl["translator"] == [{"family": "Hollander", "given": "Piet"}]


def test_translator_and_edition_left_in_a_title_are_moved_out() -> None:
    csl = to_csl(
        [
            ("author", "Varga, Anna."),
            ("title", "The Long Winter. Translated by Piet Hollander. 3rd ed."),
            ("location", "Boston:"),
            ("publisher", "Harbor,"),
            ("date", "1999."),
        ],
        "",
    )
    assert csl["title"] == "The Long Winter"
    assert csl["translator"] == [{"family": "Hollander", "given": "Piet"}]
    assert csl["edition"] == "3"


def test_corporate_author_with_acronym_is_one_literal() -> None:
    names, others = parse_names("Ministry of Harbours, Canals, and Inland Waters (MHCIW)")
    assert names == [{"literal": "Ministry of Harbours, Canals, and Inland Waters"}]
    assert not others


class _FixedTagger:
    """A stand-in for the CRF: labels tokens by a fixed list, so the test shows what the rules do with them."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels

    def tag(self, text: str) -> tuple[list[tuple[int, int]], list[str], float]:
        spans = tokenize(text)
        assert len(spans) == len(self.labels)
        return spans, list(self.labels), 0.95

    def marginals(self, labels: list[str]) -> list[float]:
        return [0.95] * len(labels)


def test_journal_reference_without_article_title_is_kept() -> None:
    text = "Coastal Ecology Letters, Vol. 12, No. 3, pp. 101-109 (2004)"
    labels = ["journal"] * 3 + ["volume"] * 2 + ["issue"] * 2 + ["pages"] * 2 + ["date"]
    parsed = parse_with(text, _FixedTagger(labels))  # type: ignore[arg-type]
    assert parsed.csl == {
        "container-title": "Coastal Ecology Letters",
        "volume": "12",
        "issue": "3",
        "page": "101-109",
        "issued": {"date-parts": [[2004]]},
        "type": "article-journal",
    }


def test_physics_series_letter_moves_from_volume_to_journal() -> None:
    raw = "A. Quist and T. Marlow, Phys. Rev. C51, 38 (1995)."
    csl = to_csl(
        [
            ("author", "A. Quist and T. Marlow,"),
            ("journal", "Phys. Rev."),
            ("volume", "C51,"),
            ("pages", "38"),
            ("date", "(1995)."),
        ],
        raw,
    )
    assert (csl["container-title"], csl["volume"], csl["page"]) == ("Phys. Rev. C", "51", "38")


def test_physics_series_volume_read_with_the_journal_is_split() -> None:
    raw = "T. Marlow, Tidal spin states, Z. Phys. C67 (1995) 321."
    csl = to_csl(
        [
            ("author", "T. Marlow,"),
            ("title", "Tidal spin states,"),
            ("journal", "Z. Phys. C67"),
            ("date", "(1995)"),
            ("pages", "321."),
        ],
        raw,
    )
    assert (csl["container-title"], csl["volume"]) == ("Z. Phys. C", "67")


def test_quoted_title_then_in_container_read_as_one_title() -> None:
    csl = to_csl(
        [
            ("author", "R. Quist,"),
            ("title", "“Salt roads,” in “Trade of the North Sea,”"),
            ("publisher", "(Harbor Press,"),
            ("date", "1985),"),
            ("pages", "pp. 10–20."),
        ],
        "",
    )
    assert csl["title"] == "Salt roads"
    assert csl["container-title"] == "Trade of the North Sea"
    assert csl["type"] == "chapter"


def test_place_and_publisher_left_as_a_note_are_recovered() -> None:
    csl = to_csl(
        [
            ("author", "Varga, Anna"),
            ("date", "(2008)"),
            ("title", "Les marées du nord."),
            ("note", "Arras: Presses du Littoral."),
        ],
        "",
    )
    assert csl["publisher-place"] == "Arras"
    assert csl["publisher"] == "Presses du Littoral"
    assert "note" not in csl


def test_hrsg_without_brackets_closes_an_editor_list() -> None:
    csl = to_csl(
        [
            ("author", "Varga, Anna & Piet Hollander Hrsg."),
            ("date", "2015."),
            ("title", "Küsten im Wandel."),
            ("location", "Kiel"),
        ],
        "",
    )
    assert "author" not in csl
    assert _families(csl["editor"]) == ["Varga", "Hollander"]


def test_place_between_article_title_and_journal_stays_in_the_title() -> None:
    csl = to_csl(
        [
            ("author", "Quist, R.,"),
            ("title", "Salt marshes of the Wadden coast,"),
            ("location", "Friesland, Netherlands."),
            ("journal", "Coastal Review,"),
            ("volume", "12,"),
            ("pages", "1-9,"),
            ("date", "2004."),
        ],
        "",
    )
    assert csl["title"] == "Salt marshes of the Wadden coast, Friesland, Netherlands"
    assert "publisher-place" not in csl
    assert csl["container-title"] == "Coastal Review"


def test_place_and_publisher_read_as_a_journal_in_a_book_reference() -> None:
    csl = to_csl(
        [
            ("author", "Varga, A.,"),
            ("title", "Küsten im Wandel."),
            ("journal", "Frankfurt am Main: Nordwind,"),
            ("date", "1999."),
        ],
        "",
    )
    assert (csl["publisher-place"], csl["publisher"]) == ("Frankfurt am Main", "Nordwind")
    assert "container-title" not in csl
    assert csl["type"] == "book"


def test_presented_at_event_left_in_the_title_is_the_container() -> None:
    csl = to_csl(
        [
            ("author", "Quist, R."),
            ("date", "(2008)."),
            ("title", "Tide mills revisited, Presented at the North Sea Heritage Conference,"),
            ("volume", "Vol. 4."),
        ],
        "",
    )
    assert csl["title"] == "Tide mills revisited"
    assert csl["container-title"] == "North Sea Heritage Conference"


def test_apa_translators_in_parentheses_are_cut_out_of_the_fields_around_them() -> None:
    # APA's "Title (J. A. Quist & L. Ortega, Trans.). Publisher.": the labeller cut the parenthesis between the
    # title and an "editor", or ran the publisher into the translator (which had become "Norton, W. W.")
    raw = "Marlow, T. (1951). Tide mills (J. A. Quist & L. Ortega, Trans.). Leeds: Riverside Press."
    split = [
        ("author", "Marlow, T."),
        ("date", "(1951)."),
        ("title", "Tide mills (J. A. Quist"),
        ("editor", "& L. Ortega, Trans.)."),
        ("location", "Leeds:"),
        ("publisher", "Riverside Press."),
    ]
    csl = to_csl(split, raw)
    assert csl["title"] == "Tide mills"
    assert _families(csl["translator"]) == ["Quist", "Ortega"] and "editor" not in csl
    raw = "Marlow, T. (1961). Tide mills (R. Ortega, Trans.). W. W. Riverside."
    run_on = [
        ("author", "Marlow, T."),
        ("date", "(1961)."),
        ("title", "Tide mills"),
        ("translator", raw[raw.index("(R.") :]),
    ]
    csl = to_csl(run_on, raw)
    assert csl["translator"] == [{"family": "Ortega", "given": "R."}]
    assert csl["publisher"] == "W. W. Riverside"


def test_apa_editors_in_parentheses_after_a_title_are_the_editors() -> None:
    raw = "Marlow, T. (2001). Collected essays (K. Quist & M. Ortega, Eds.). Riverside Press."
    segs = [
        ("author", "Marlow, T."),
        ("date", "(2001)."),
        ("title", "Collected essays"),
        ("editor", raw[raw.index("(K.") :]),
    ]
    csl = to_csl(segs, raw)
    assert _families(csl["editor"]) == ["Quist", "Ortega"] and csl["publisher"] == "Riverside Press"


def test_mla_s_editor_then_site_and_translator_then_initialled_publisher() -> None:
    # "Edited by Dr. Judith Marcin, Healthline, ..." had become the editor "Marcin Healthline" once its date was read
    # whole; "Translated by Emily Wilson, W. W. Norton" had "W. W." as the book
    raw = "Arden, Kay. “Gulls.” Edited by Dr. Lena Quist, Gullline, Gullline Media, 29 Jan. 2018, www.gullline.example/gulls."
    segs = [
        ("author", "Arden, Kay."),
        ("title", "“Gulls.”"),
        ("editor", "Edited by Dr. Lena Quist, Gullline, Gullline Media,"),
        ("pages", "29"),
        ("date", "Jan. 2018,"),
        ("url", "www.gullline.example/gulls."),
    ]
    csl = to_csl(segs, raw)
    assert csl["editor"] == [{"family": "Quist", "given": "Dr. Lena"}] and csl["issued"] == {
        "date-parts": [[2018, 1, 29]]
    }
    raw = "Homer. The Tides. Translated by Kay Arden, W. W. Tern, 2018."
    segs = [
        ("author", "Homer."),
        ("title", "The Tides."),
        ("translator", "Translated by Kay Arden, W. W."),
        ("publisher", "Tern,"),
        ("date", "2018."),
    ]
    csl = to_csl(segs, raw)
    assert csl["publisher"] == "W. W. Tern" and "container-title" not in csl

"""Reference parser post-processing: segments -> CSL fixes for systematic labeller errors in APA-like strings."""

from __future__ import annotations

from essayconv.references.crf import to_segments, tokenize
from essayconv.references.fields import to_csl
from essayconv.references.names import parse_names


def test_space_separated_family_initials_pairs_are_separate_names() -> None:
    names, _ = parse_names("Arden, K. Bolt, P. Cray, TJ. & Dunmore, E.")
    assert [(n["family"], n["given"]) for n in names] == [
        ("Arden", "K."),
        ("Bolt", "P."),
        ("Cray", "TJ."),
        ("Dunmore", "E."),
    ]


def test_given_first_lists_are_not_split_as_pairs() -> None:
    names, _ = parse_names("K. Arden, P. Bolt, E. Dunmore")
    assert [(n["family"], n["given"]) for n in names] == [("Arden", "K."), ("Bolt", "P."), ("Dunmore", "E.")]


def test_corporate_author_with_and_stays_one_literal() -> None:
    names, _ = parse_names("Northern Fisheries and Coastal Waters Agency")
    assert names == [{"literal": "Northern Fisheries and Coastal Waters Agency"}]


def test_person_pair_with_and_is_still_split() -> None:
    names, _ = parse_names("Arden, K. and Bolt, P.")
    assert [n["family"] for n in names] == ["Arden", "Bolt"]


def test_leading_publisher_before_the_date_is_the_author() -> None:
    csl = to_csl(
        [
            ("publisher", "Harbour Research Council"),
            ("date", "(2017)."),
            ("title", "Tidal survey of the outer estuary."),
        ],
        "",
    )
    assert csl["author"] == [{"literal": "Harbour Research Council"}]
    assert "publisher" not in csl


def test_title_and_journal_sentence_after_apa_date_block_are_split() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(2016)."),
            ("title", "Quiet harbours and loud gulls. Coastal Ecology Letters."),
        ],
        "",
    )
    assert csl["title"] == "Quiet harbours and loud gulls"
    assert csl["container-title"] == "Coastal Ecology Letters"


def test_journal_holding_the_title_is_split_at_the_sentence_end() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(2016)."),
            ("journal", "Quiet harbours. Gull Review,"),
            ("volume", "4(2)."),
        ],
        "",
    )
    assert (csl["title"], csl["container-title"], csl["volume"], csl["issue"]) == (
        "Quiet harbours",
        "Gull Review",
        "4",
        "2",
    )


def test_title_with_a_publisher_after_it_keeps_its_subtitle_sentence() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(2016)."),
            ("title", "Quiet harbours. A natural history of gulls."),
            ("location", "Leeds:"),
            ("publisher", "Tern Books."),
        ],
        "",
    )
    assert csl["title"] == "Quiet harbours. A natural history of gulls"
    assert "container-title" not in csl


def test_title_without_apa_date_block_is_not_split() -> None:
    csl = to_csl(
        [("author", "Arden, K."), ("title", "Quiet harbours. Coastal Ecology Letters."), ("date", "2016.")], ""
    )
    assert csl["title"] == "Quiet harbours. Coastal Ecology Letters"


def test_page_cue_labelled_volume_becomes_the_page() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(2016, May 3)."),
            ("title", "Gulls return."),
            ("journal", "The Harbour Courier,"),
            ("volume", "p.12."),
        ],
        "",
    )
    assert csl["page"] == "12"
    assert "volume" not in csl


def test_original_publication_note_is_cut_from_the_publisher() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(1990)."),
            ("title", "Gulls."),
            ("location", "Leeds:"),
            ("publisher", "Tern Books. (Original work published 1921)."),
        ],
        "",
    )
    assert csl["publisher"] == "Tern Books"


def test_access_note_is_cut_from_the_title() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(2016)"),
            ("title", "Do gulls dream?. Available:"),
            ("url", "http://gulls.example.org/dream"),
        ],
        "",
    )
    assert csl["title"] == "Do gulls dream?"


def test_quoted_title_drops_the_spill_before_its_opening_quote() -> None:
    csl = to_csl(
        [("author", "Arden, Kay"), ("title", "(in press). “Gulls of the northern harbours and their songs.”")], ""
    )
    assert csl["title"] == "Gulls of the northern harbours and their songs"


def test_title_quoting_another_work_is_kept_whole() -> None:
    csl = to_csl([("author", "Arden, K."), ("date", "2016."), ("title", "“A reply to “Why gulls sing at dawn”.”")], "")
    # the marks around the whole title go; the quoted title inside keeps both of its own
    assert csl["title"] == "A reply to “Why gulls sing at dawn”"


def test_thesis_genre_is_cut_from_the_title() -> None:
    csl = to_csl(
        [
            ("author", "Arden, Kay,"),
            ("date", "(2001)."),
            ("title", "Song learning in harbour gulls, Masters Thesis,"),
            ("publisher", "Tern University."),
        ],
        "",
    )
    assert (csl["title"], csl["genre"], csl["type"]) == ("Song learning in harbour gulls", "Masters Thesis", "thesis")


def test_place_abbreviation_cut_in_two_is_mended() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(1993)."),
            ("title", "Gulls."),
            ("location", "Washington, D."),
            ("publisher", "C. Tern Books."),
        ],
        "",
    )
    assert (csl["publisher-place"], csl["publisher"]) == ("Washington, D. C.", "Tern Books")


def test_organisation_cut_between_journal_and_publisher_is_one_publisher() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("date", "(2004)."),
            ("title", "Gull census methods."),
            ("journal", "Coastal Bird Research"),
            ("publisher", "Institute,"),
            ("location", "Leeds."),
        ],
        "",
    )
    assert csl["publisher"] == "Coastal Bird Research Institute"
    assert "container-title" not in csl


def test_unlabelled_word_between_date_and_title_opens_the_title() -> None:
    text = "Arden, K. (1984). Gulls and Terns. Leeds: Tern Books."
    spans = tokenize(text)
    labels = ["author", "author", "date", "other", "title", "title", "location", "publisher", "publisher"]
    assert dict(to_segments(text, spans, labels))["title"] == "Gulls and Terns."


def _segments(text: str, labels: list[str]) -> list:
    spans = tokenize(text)
    assert len(spans) == len(labels), [text[a:b] for a, b in spans]
    return to_segments(text, spans, labels)


def test_an_unlabelled_journal_between_title_and_date_is_kept() -> None:
    # "Tern Review." left unlabelled by the labeller had been dropped from the reference
    text = "Arden K. Gulls at dusk. Tern Review. 2016."
    labels = ["author", "author", "title", "title", "title", "other", "other", "date"]
    assert _segments(text, labels)[2:] == [("journal", "Tern Review."), ("date", "2016.")]
    text = "Arden K. Gulls at dusk. In: GULLCON. 2016."
    labels = ["author", "author", "title", "title", "title", "other", "other", "date"]
    assert _segments(text, labels)[2:] == [("container-title", "GULLCON."), ("date", "2016.")]


def test_unlabelled_cue_words_stay_unlabelled() -> None:
    text = "Arden K. Gulls at dusk. Vol. 2016."  # a cue word, not a journal
    labels = ["author", "author", "title", "title", "title", "other", "date"]
    assert _segments(text, labels)[2:] == [("date", "2016.")]
    text = "Arden K. Gulls at dusk. Tern Review. 2016."  # the reference has its journal elsewhere
    labels = ["author", "author", "title", "title", "title", "other", "journal", "date"]
    assert ("journal", "Review.") in _segments(text, labels)


def test_capitals_alone_after_a_vancouver_family_name_are_initials_not_a_suffix() -> None:
    names, _ = parse_names("Arden T, Marlow V, Tern JR, Gull ML Jr")
    assert names == [
        {"family": "Arden", "given": "T"},
        {"family": "Marlow", "given": "V"},  # (not the fifth)
        {"family": "Tern", "given": "JR"},  # (not "Junior")
        {"family": "Gull", "given": "ML", "suffix": "Jr"},
    ]

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


def test_an_unlabelled_journal_after_the_date_or_a_quoted_title_is_kept() -> None:
    # Harvard's "Clark (1973) Steroids, 22, p. 707." had lost "Steroids"; "“...,” NIPS." its "NIPS"
    text = "Arden (1973) Tern Letters, 22, p. 707."
    labels = ["author", "date", "other", "other", "volume", "pages", "pages"]
    assert _segments(text, labels)[2:4] == [("journal", "Tern Letters,"), ("volume", "22,")]
    text = "Arden, K. (2012) “Gulls at dusk,” GULLCON."
    labels = ["author", "author", "date", "title", "title", "title", "other"]
    assert _segments(text, labels)[-1] == ("journal", "GULLCON.")
    text = "Arden, K. (2012) Gulls at dusk. GULLCON."  # (not after a quoted title: no journal made up)
    labels = ["author", "author", "date", "title", "title", "title", "other"]
    assert _segments(text, labels)[-1] == ("title", "Gulls at dusk.")


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


def test_vancouver_initials_hg_are_no_german_editor() -> None:
    # "Hg." is German for editor; "HG" after a family name is its initials, and no initial is lost
    names, _ = parse_names("Orwin Y, Pell MO, Wang HG, Li Y, Quist X.")
    assert [(n["family"], n["given"]) for n in names] == [
        ("Orwin", "Y"),
        ("Pell", "MO"),
        ("Wang", "HG"),
        ("Li", "Y"),
        ("Quist", "X."),
    ]
    assert parse_names("Brandt, K. (Hg.)")[0] == [{"family": "Brandt", "given": "K."}]


def test_inverted_names_each_ended_by_a_full_stop_are_parted() -> None:
    # French lists: "FAMILY, Given. FAMILY, Given."
    names, _ = parse_names("MARCHAND, Hélène. DUPRAT, Olivier. ROUX, Anne.")
    assert [(n["family"], n["given"]) for n in names] == [
        ("MARCHAND", "Hélène"),
        ("DUPRAT", "Olivier"),
        ("ROUX", "Anne"),
    ]


def test_a_name_broken_at_a_line_end_is_one_name_with_its_hyphen() -> None:
    names, _ = parse_names("A. B. Corran, and R. C. Vellen- hoek")
    assert names[-1] == {"family": "Vellen-hoek", "given": "R. C."}
    # a capital after the break may be a double name's second half: left as written
    assert parse_names("Corran- Vale, A.")[0] == [{"family": "Corran- Vale", "given": "A."}]


def test_fields_glued_by_a_pdf_copy_are_cut_into_tokens() -> None:
    text = "Annu. Rev. Astron. Astrophys.52 ,415 -486( 2014). Tome, pp.12-19. Springer1998 July2016."
    tokens = [text[a:b] for a, b in tokenize(text)]
    assert tokens[:6] == ["Annu.", "Rev.", "Astron.", "Astrophys.", "52", ",415"]
    assert ["pp.", "12-19.", "Springer", "1998", "July", "2016."] == tokens[-6:]
    # never inside a URL, a DOI or an address, nor after one letter ("e.g.", "U.S.A.")
    for word in ("http://ex.org/Ab.Cd2019", "10.1016/j.Ab.2019.05.001", "mail@host.Org", "e.g.Smith", "U.S.A."):
        assert [word[a:b] for a, b in tokenize(word)][-1].endswith(word[-4:])
        assert len(tokenize(word)) <= 2


def test_a_glued_journal_and_volume_parse_apart() -> None:
    from essayconv.references.parse import parse_reference

    text = "Lind, A. & Moss, B. Cold gas at high redshift. Annu. Rev. Astron. Astrophys.51 ,105 -161( 2013)."
    csl = parse_reference(text).csl
    assert csl["container-title"] == "Annu. Rev. Astron. Astrophys"  # (the full stop ends the field)
    assert csl["volume"] == "51" and csl["page"] == "105-161"


def test_a_title_and_journal_read_as_one_journal_part_where_the_journal_begins() -> None:
    from essayconv.references.parse import parse_reference

    def read(text: str) -> tuple[object, object]:
        csl = parse_reference(text).csl
        return csl.get("title"), csl.get("container-title")

    # the last sentence is the journal, not all but the first: a title may hold a question
    assert read(
        "Orrin, S., & Hale, F. (2008). Can machines think? Perspective taking with robots in the lab. PLoS ONE, 3(7), 1–11."
    ) == ("Can machines think? Perspective taking with robots in the lab", "PLoS ONE")
    # the sentence that names a journal opens it, with its series after it
    assert read(
        "Tarn, B. (2001). Sparse models of gulls. Journal of the Royal Statistical Society. Series B, 63, 1-20."
    ) == (
        "Sparse models of gulls",
        "Journal of the Royal Statistical Society. Series B",
    )
    # an abbreviated journal's name is no title and a journal
    assert read("Arden, C. L. (1985). Maize Genet. Coop. News Letter, 59, 92–93.") == (
        None,
        "Maize Genet. Coop. News Letter",
    )
    assert read("Echo, M., & Ilun, A. (1998). Aquaporins. J Physiol Biochem, 54, 107–118.") == (
        "Aquaporins",
        "J Physiol Biochem",
    )


def test_a_lone_v_after_the_family_name_is_an_initial() -> None:
    names, _ = parse_names("Marten, V., R. Bredon, and J. Enholm")
    assert names[0] == {"family": "Marten", "given": "V."} and len(names) == 3
    # after a given name it is still the fifth of the name
    assert parse_names("Ford, Henry, V.")[0] == [{"family": "Ford", "given": "Henry", "suffix": "V."}]


def test_chicago_lists_with_undotted_initials_first_keep_each_name() -> None:
    # Chicago writes the names after the first given name first; a medical source gives undotted initials
    names, _ = parse_names("Arvel, Y., AL Lessar, R. Hobb, and RA Penn Jr.")
    assert [(n["family"], n["given"]) for n in names] == [
        ("Arvel", "Y."),
        ("Lessar", "AL"),
        ("Hobb", "R."),
        ("Penn", "RA"),
    ]
    names, _ = parse_names("Tamm, M., DJM Reyes, and GKT Holt")
    assert [(n["family"], n["given"]) for n in names] == [("Tamm", "M."), ("Reyes", "DJM"), ("Holt", "GKT")]
    # a family name in capitals first stays one ("KAHN Marcel"), and "al" in small letters a particle
    assert parse_names("KAHN Marcel")[0] == [{"family": "KAHN", "given": "Marcel"}]
    assert parse_names("al Saffar, N.")[0] == [{"non-dropping-particle": "al", "family": "Saffar", "given": "N."}]


def test_a_name_with_mojibake_is_still_an_inverted_name() -> None:
    # UTF-8 read as Latin-1 ("Cebrián" -> "CebriÃ¡n"): the signs it leaves are part of the name
    names, _ = parse_names("CebriÃ¡n, M., and E. YagÃ¼e")
    assert names == [{"family": "CebriÃ¡n", "given": "M."}, {"family": "YagÃ¼e", "given": "E."}]


def test_a_vancouver_name_with_one_initial_ends_there() -> None:
    from essayconv.references.parse import parse_reference

    # "Publisher; 1991." marks the Vancouver layout, where one initial may end a name and the title follow
    csl = parse_reference(
        "Da Motta R. Carnivals, Rogues, and Heroes: An Essay on a Dilemma. University of Tern Press; 1991."
    ).csl
    assert csl["author"] == [{"family": "Da Motta", "given": "R."}]
    assert csl["title"] == "Carnivals, Rogues, and Heroes: An Essay on a Dilemma"
    # a given name, its middle initial, then the family name and another name: natural order, kept so
    csl = parse_reference("Lisa F. Rann, Paul S. Jacoby. Creating segmented databases. Tern Press; 1991.").csl
    assert [(n["family"], n["given"]) for n in csl["author"]] == [("Rann", "Lisa F."), ("Jacoby", "Paul S.")]


def test_an_unlabelled_page_range_after_the_volume_is_the_pages() -> None:
    # "1327-1340." left unlabelled before "DOI:" had been dropped from the reference
    text = "Arden, K. Gulls. Shore Sci., 62(10-11), 1327-1340. DOI: 10.1000/x1"
    labels = ["author", "author", "title", "journal", "journal", "volume", "issue", "other", "other", "doi"]
    assert ("pages", "1327-1340.") in _segments(text, labels)
    # a reference with pages elsewhere keeps its unlabelled range unlabelled
    labels = ["author", "author", "title", "journal", "journal", "volume", "issue", "other", "other", "pages"]
    assert ("pages", "1327-1340.") not in _segments(text, labels)


def test_a_page_range_written_with_spaces_is_read_whole() -> None:
    text = "Arden, K. Gulls. Shore Eng. 113 : 583 - 599, 1987"
    labels = ["author", "author", "title", "journal", "journal", "volume", "other", "other", "other", "pages", "date"]
    assert ("pages", "583 - 599,") in _segments(text, labels)
    assert to_csl(_segments(text, labels), text)["page"] == "583-599"
